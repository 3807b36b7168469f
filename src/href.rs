//! How one page refers to another: root-relative under the site's base path
//! (`/faro/es/aprende/`), or, for portable builds opened from disk, relative
//! and ending in `index.html` (`../../es/aprende/index.html`).
//!
//! Every address written into a page goes through [`Hrefs`], so a change of
//! base URL or build mode is one decision made in one place.

use crate::config::BaseUrl;
use crate::url::SitePath;

#[derive(Debug, Clone)]
pub struct Hrefs {
    base: BaseUrl,
    portable: bool,
}

impl Hrefs {
    pub fn new(base: BaseUrl, portable: bool) -> Self {
        Hrefs { base, portable }
    }

    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// The link written on the page at `from` that leads to `to`.
    pub fn to(&self, from: &SitePath, to: &SitePath) -> String {
        if !self.portable {
            return format!("{}{}", self.base.path, to.url());
        }
        let depth = from.segments().len() - usize::from(from.is_file());
        let mut out = "../".repeat(depth);
        out.push_str(&to.url());
        if !to.is_file() {
            out.push_str("index.html");
        }
        out
    }

    /// A link to a file in the output given by its path from the root (`assets/x.svg`).
    pub fn to_file(&self, from: &SitePath, file: &str) -> String {
        match SitePath::parse_absolute(&format!("/{file}")) {
            Ok(path) => self.to(from, &path),
            Err(_) => format!("{}{}", self.base.path, file),
        }
    }

    /// An editor's root-relative link (`/en/learn/`), placed under the base path.
    pub fn rebase(&self, from: &SitePath, raw: &str) -> String {
        let (path, rest) = match raw.find(['#', '?']) {
            Some(i) => (&raw[..i], &raw[i..]),
            None => (raw, ""),
        };
        match SitePath::parse_absolute(path) {
            Ok(target) => format!("{}{rest}", self.to(from, &target)),
            Err(_) if path == "/" => format!("{}{rest}", self.to(from, &SitePath::root())),
            Err(_) => raw.to_string(),
        }
    }

    /// The full public address of `to`, for canonical links, sitemaps and QR codes.
    pub fn permalink(&self, to: &SitePath) -> String {
        format!("{}{}", self.base.url, to.url())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(s: &str) -> SitePath {
        if s == "/" { SitePath::root() } else { SitePath::parse_absolute(s).unwrap() }
    }

    #[test]
    fn links_under_a_base_path_and_portable() {
        let base = BaseUrl::parse("https://example.org/sub/").unwrap();
        let served = Hrefs::new(base.clone(), false);
        let portable = Hrefs::new(base, true);
        let cases = [
            ("/en/learn/signs/", "/es/aprende/", "/sub/es/aprende/", "../../../es/aprende/index.html"),
            ("/", "/en/", "/sub/en/", "en/index.html"),
            ("/en/", "/", "/sub/", "../index.html"),
            ("/404.html", "/en/", "/sub/en/", "en/index.html"),
        ];
        for (from, to, expected_served, expected_portable) in cases {
            assert_eq!(served.to(&path(from), &path(to)), expected_served);
            assert_eq!(portable.to(&path(from), &path(to)), expected_portable);
        }
        assert_eq!(served.permalink(&path("/en/")), "https://example.org/sub/en/");
        assert_eq!(served.rebase(&path("/en/"), "/es/#x"), "/sub/es/#x");
    }
}
