//! The files an editor puts in `static/`, and the references to them from
//! page text.
//!
//! An image or a document (`![Map](/img/map.png)`, `[leaflet](/files/a.pdf)`)
//! that is not in `static/` would ship as a broken image or a dead link, and a
//! visitor on a slow connection would pay for the wait and see nothing. The
//! build reports it like a broken link instead, with the page, the line and the
//! path it looked for.
//!
//! Only the names are read when the site loads (the files themselves are
//! copied when the site is written). A link to something the generator writes
//! itself (pages, feeds, the sitemap, the open data) is not a file an editor
//! supplies, so links are checked only when their extension is not one of those;
//! an image is always checked.

use std::collections::BTreeSet;
use std::path::Path;

use percent_encoding::percent_decode_str;
use walkdir::WalkDir;

use crate::source::display_path;

/// The folder whose files are published as they are.
pub const STATIC_DIR: &str = "static";

/// Extensions of files the generator writes itself: a link to one of them is
/// a link to the site, not to a file in `static/`.
const GENERATED_EXTENSIONS: &[&str] = &["html", "htm", "xml", "json", "csv", "txt", "md"];

/// Paths (with `/`, relative to `static/`) of every file in `static/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaticFiles {
    paths: BTreeSet<String>,
}

impl StaticFiles {
    /// The files under `root/static/`; none when there is no such folder.
    /// Unreadable entries are left to the build, which reports them when it
    /// copies the folder.
    pub fn scan(root: &Path) -> Self {
        let dir = root.join(STATIC_DIR);
        let paths = WalkDir::new(&dir)
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| e.path().strip_prefix(&dir).ok().map(display_path))
            .collect();
        StaticFiles { paths }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    #[cfg(test)]
    fn of(paths: &[&str]) -> Self {
        StaticFiles { paths: paths.iter().map(|p| p.to_string()).collect() }
    }
}

/// What a link or image in page text refers to, as far as files go.
#[derive(Debug, PartialEq, Eq)]
pub enum Reference {
    /// Not a file of `static/`: a web address, a page, an anchor, or
    /// something the generator writes.
    NotAFile,
    /// A file of `static/`, by its path relative to that folder.
    File(String),
    /// A relative path that climbs above the site's root.
    Outside,
}

/// What `dest`, written on the page published at `page_url` (`en/learn/`,
/// empty for the root), refers to. `image` is true for an image's source.
pub fn reference(page_url: &str, dest: &str, image: bool) -> Reference {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let is_address = dest.contains("://")
        || dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| is_scheme(scheme));
    if path.is_empty() || is_address {
        return Reference::NotAFile;
    }
    let name = path.rsplit('/').next().unwrap_or("");
    let extension = name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase());
    if !image {
        match &extension {
            Some(ext) if !GENERATED_EXTENSIONS.contains(&ext.as_str()) => {}
            _ => return Reference::NotAFile,
        }
    }
    if name.is_empty() {
        // A folder (`/en/learn/`): a page, never a file.
        return Reference::NotAFile;
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut segments: Vec<&str> = Vec::new();
    let (base, rest) = match decoded.strip_prefix('/') {
        Some(rest) => ("", rest),
        None => (page_url, decoded.as_ref()),
    };
    for part in base.split('/').filter(|s| !s.is_empty()).chain(rest.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() {
                    return Reference::Outside;
                }
            }
            other => segments.push(other),
        }
    }
    Reference::File(segments.join("/"))
}

/// `mailto`, `tel`, `data`…: a URL scheme is letters first, then letters,
/// digits, `+`, `-` or `.` (RFC 3986).
fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Why a reference to a file leads nowhere, with the path the editor should
/// check; `None` when it is fine.
pub fn missing(files: &StaticFiles, page_url: &str, dest: &str, image: bool) -> Option<Missing> {
    match reference(page_url, dest, image) {
        Reference::NotAFile => None,
        Reference::File(path) if files.contains(&path) => None,
        Reference::File(path) => Some(Missing::NotInStatic(path)),
        Reference::Outside => Some(Missing::Outside),
    }
}

/// A file reference that leads nowhere.
#[derive(Debug, PartialEq, Eq)]
pub enum Missing {
    /// The path, relative to `static/`, where the file would have to be.
    NotInStatic(String),
    Outside,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_files_wherever_they_point() {
        assert_eq!(reference("en/learn/", "/img/map.png", true), Reference::File("img/map.png".into()));
        assert_eq!(reference("en/learn/", "map.png", true), Reference::File("en/learn/map.png".into()));
        assert_eq!(reference("en/learn/", "../../img/a%20b.png", true), Reference::File("img/a b.png".into()));
        assert_eq!(reference("", "img/x.svg#part", true), Reference::File("img/x.svg".into()));
        assert_eq!(reference("en/", "../../x.png", true), Reference::Outside);
    }

    #[test]
    fn web_addresses_and_pages_are_not_files() {
        for dest in [
            "https://example.org/a.png",
            "//cdn.example.org/a.png",
            "mailto:help@example.org",
            "tel:+18883737888",
            "data:image/png;base64,AAAA",
            "#top",
            "/en/learn/",
            "/sitemap.xml",
            "/data/hsds/en/services.csv",
            "signs.md",
            "/es/ayuda/index.html",
        ] {
            assert_eq!(reference("en/", dest, false), Reference::NotAFile, "{dest}");
        }
        assert_eq!(reference("en/", "/files/leaflet.pdf", false), Reference::File("files/leaflet.pdf".into()));
        assert_eq!(reference("en/", "/files/LEAFLET.PDF?dl=1", false), Reference::File("files/LEAFLET.PDF".into()));
    }

    #[test]
    fn missing_names_where_the_file_should_be() {
        let files = StaticFiles::of(&["img/map.png"]);
        assert_eq!(missing(&files, "en/", "/img/map.png", true), None);
        assert_eq!(missing(&files, "en/", "/img/nope.png", true), Some(Missing::NotInStatic("img/nope.png".into())));
        assert_eq!(missing(&files, "en/", "../../up.png", true), Some(Missing::Outside));
        assert_eq!(missing(&files, "en/", "https://example.org/x.png", true), None);
    }
}
