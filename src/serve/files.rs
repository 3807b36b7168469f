//! The site as the preview serves it: every file of a build by its path
//! inside the output, and the rules that map a request's path to one of them.
//! What the build rendered is held in memory; files copied from `static/`
//! stay on disk and are streamed from there, so a large download costs a
//! small buffer per request, not a copy of the file (see [`Content`]).
//! Only what the build produced can be served: a path that
//! climbs (`..`, also percent-encoded), holds a backslash or a NUL, or names
//! nothing the build wrote gets the 404 page; symbolic links in `static/`
//! are never followed by the build, so none can lead out.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;

use crate::output::{Body, OutputFile};

/// One file ready to send.
#[derive(Debug, Clone)]
pub struct Served {
    pub content: Content,
    pub content_type: &'static str,
}

/// Where a file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Rendered by the build (pages, feeds, CSS, data files), shared by
    /// every response that sends it.
    Memory(Bytes),
    /// A file of `static/`, read when it is asked for: static files are
    /// the large ones (PDFs, videos), and holding each in memory, or reading
    /// it whole for every request, made memory grow with every download.
    Disk(PathBuf),
}

/// Every file of one build, by its path inside the output (`en/index.html`).
/// Paths and files are shared, so a copy with a few pages replaced (what
/// the preview makes after each edit) allocates nothing per file.
#[derive(Debug, Default, Clone)]
pub struct Files {
    by_path: HashMap<Arc<str>, Arc<Served>>,
}

/// What a request's path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    Found(&'a str),
    /// A folder asked for without its final slash: the same path with one.
    Redirect(String),
    NotFound,
}

impl Files {
    /// The files of a build (HTML as rendered, unminified: the preview is
    /// for reading, and minifying every page would slow each rebuild).
    pub fn from_output(files: Vec<OutputFile>) -> Files {
        let mut all = Files { by_path: HashMap::with_capacity(files.len()) };
        all.replace(files);
        all
    }

    /// Puts `files` in place of those with the same paths.
    pub fn replace(&mut self, files: Vec<OutputFile>) {
        for file in files {
            let path = file.path.to_string_lossy().replace('\\', "/");
            let content = match file.body {
                Body::Html(html) => Content::Memory(Bytes::from(html)),
                Body::Bytes(bytes) => Content::Memory(Bytes::from(bytes)),
                Body::Copy(from) => Content::Disk(from),
            };
            let content_type = content_type(&path);
            self.by_path.insert(path.into(), Arc::new(Served { content, content_type }));
        }
    }

    pub fn get(&self, path: &str) -> Option<&Served> {
        self.by_path.get(path).map(Arc::as_ref)
    }

    /// The path of every file, in no particular order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.by_path.keys().map(|path| &**path)
    }

    /// The file a request for `raw` (the path as sent, still percent-encoded) names.
    pub fn lookup<'a>(&'a self, raw: &str) -> Lookup<'a> {
        let Some(decoded) = percent_decode(raw) else { return Lookup::NotFound };
        let Some(rest) = decoded.strip_prefix('/') else { return Lookup::NotFound };
        if decoded.contains(['\\', '\0']) {
            return Lookup::NotFound;
        }
        let segments: Vec<&str> = rest.split('/').collect();
        let (last, folders) = segments.split_last().expect("split gives one item at least");
        if folders.iter().any(|s| s.is_empty() || *s == "." || *s == "..") || *last == "." || *last == ".." {
            return Lookup::NotFound;
        }
        let key = if last.is_empty() { format!("{rest}index.html") } else { rest.to_string() };
        if let Some((key, _)) = self.by_path.get_key_value(key.as_str()) {
            return Lookup::Found(key);
        }
        if !last.is_empty() && self.by_path.contains_key(format!("{rest}/index.html").as_str()) {
            return Lookup::Redirect(format!("{raw}/"));
        }
        Lookup::NotFound
    }
}

/// `%2e%2e` → `..`; `None` when the escapes do not make UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a file by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "_headers" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        Files::from_output(vec![
            OutputFile::html("index.html".into(), "<p>home".into()),
            OutputFile::html("en/help/index.html".into(), "<p>help".into()),
            OutputFile::bytes("sitemap.xml".into(), b"<urlset/>".to_vec()),
        ])
    }

    #[test]
    fn paths_map_to_files_folders_to_their_index() {
        let f = files();
        assert_eq!(f.lookup("/"), Lookup::Found("index.html"));
        assert_eq!(f.lookup("/en/help/"), Lookup::Found("en/help/index.html"));
        assert_eq!(f.lookup("/en/help"), Lookup::Redirect("/en/help/".into()));
        assert_eq!(f.lookup("/sitemap.xml"), Lookup::Found("sitemap.xml"));
        assert_eq!(f.lookup("/%65n/help/"), Lookup::Found("en/help/index.html"));
        assert_eq!(f.get("sitemap.xml").unwrap().content_type, "application/xml");
    }

    #[test]
    fn static_files_stay_on_disk_until_asked_for() {
        let f = Files::from_output(vec![OutputFile {
            path: "guide.pdf".into(),
            body: Body::Copy("/site/static/guide.pdf".into()),
            source: None,
        }]);
        let served = f.get("guide.pdf").unwrap();
        assert_eq!(served.content, Content::Disk("/site/static/guide.pdf".into()));
        assert_eq!(served.content_type, "application/pdf");
    }

    #[test]
    fn tricks_to_leave_the_output_find_nothing() {
        let f = files();
        for raw in [
            "/../Cargo.toml",
            "/en/../../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2fCargo.toml",
            "/en/..%2f..%2fCargo.toml",
            "//etc/passwd",
            "/en//help/",
            "/..",
            "/en/help/%5c..%5cx",
            "/%00",
            "/%zz",
            "en/help/",
            "/%",
        ] {
            assert_eq!(f.lookup(raw), Lookup::NotFound, "{raw}");
        }
    }
}
