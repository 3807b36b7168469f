//! URLs and the files they are written to.
//!
//! Every page's address is a [`SitePath`]: a list of checked segments under the
//! site root. Only a `SitePath` can become an output file, so no slug, alias or
//! file name can ever make the generator write outside the output folder.

use std::fmt;
use std::path::PathBuf;

/// True for a URL segment we accept from editors: lowercase ASCII letters,
/// digits and single hyphens or underscores inside. Plain ASCII keeps URLs
/// readable when printed on a flyer and typed on a phone.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !s.starts_with(['-', '_'])
        && !s.ends_with(['-', '_'])
}

/// Turns any text into a slug-shaped string: accents dropped (`señales` →
/// `senales`), everything else that is not a letter or digit becomes `-`.
/// Used for heading ids and to suggest a fix for a bad slug.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else if c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    }
}

/// An address inside the site, as checked segments: `["es", "aprende", "senales"]`
/// is `/es/aprende/senales/`, written to `es/aprende/senales/index.html`. The
/// last segment may be a file name (`404.html`), written as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct SitePath {
    segments: Vec<String>,
}

/// Why a path given by an editor cannot be an address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    #[error("it must start with `/`")]
    NotAbsolute,
    #[error("the segment `{0}` is not allowed (use lowercase letters, digits and hyphens)")]
    BadSegment(String),
    #[error("it points at the site root, which is not a page of its own")]
    Root,
}

impl SitePath {
    pub fn root() -> Self {
        SitePath::default()
    }

    /// Adds a segment that has already been checked with [`is_slug`] or is a
    /// language code from the settings.
    pub fn join(&self, segment: &str) -> Self {
        debug_assert!(is_safe_segment(segment), "{segment}");
        let mut segments = self.segments.clone();
        segments.push(segment.to_string());
        SitePath { segments }
    }

    /// Parses a path such as an alias (`/en/old-signs/`, `/old.html`).
    pub fn parse_absolute(raw: &str) -> Result<SitePath, PathError> {
        let rest = raw.trim().strip_prefix('/').ok_or(PathError::NotAbsolute)?;
        let mut segments = Vec::new();
        let parts: Vec<&str> = rest.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            if part.is_empty() && i == parts.len() - 1 {
                break;
            }
            if !is_safe_segment(part) {
                return Err(PathError::BadSegment(part.to_string()));
            }
            segments.push(part.to_string());
        }
        if segments.is_empty() {
            return Err(PathError::Root);
        }
        Ok(SitePath { segments })
    }

    pub fn segments(&self) -> &[String] {
        &self.segments
    }

    /// True when the last segment names a file (`404.html`, `sitemap.xml`).
    pub fn is_file(&self) -> bool {
        self.segments.last().is_some_and(|s| s.contains('.'))
    }

    /// The URL path relative to the site root: `es/aprende/senales/`, or `` for the root.
    pub fn url(&self) -> String {
        let mut s = self.segments.join("/");
        if !self.segments.is_empty() && !self.is_file() {
            s.push('/');
        }
        s
    }

    /// The file this address is written to, relative to the output folder.
    pub fn output_file(&self) -> PathBuf {
        let mut path: PathBuf = self.segments.iter().collect();
        if !self.is_file() {
            path.push("index.html");
        }
        path
    }
}

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.url())
    }
}

/// A segment that cannot climb out of a folder or name anything but a plain
/// file or folder: letters, digits, `-`, `_` and inner dots, never `.` or `..`.
pub fn is_safe_segment(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 255
        && s != "."
        && s != ".."
        && !s.starts_with('.')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::Component;

    #[test]
    fn slugs() {
        for good in ["signs", "senales", "what-is-trafficking", "a1", "_index"] {
            assert!(is_slug(good) || good == "_index", "{good}");
        }
        for bad in ["", "Señales", "a/b", "..", "a b", "-x", "x-", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn slugify_folds_spanish() {
        let cases = [
            ("Señales de alerta", "senales-de-alerta"),
            ("¿Qué es la trata?", "que-es-la-trata"),
            ("Sex & labor trafficking", "sex-labor-trafficking"),
            ("Women's rights", "womens-rights"),
        ];
        for (text, slug) in cases {
            assert_eq!(slugify(text), slug);
        }
    }

    #[test]
    fn aliases_parse_or_say_why() {
        assert_eq!(SitePath::parse_absolute("/en/old/").unwrap().output_file(), PathBuf::from("en/old/index.html"));
        assert_eq!(SitePath::parse_absolute("/old.html").unwrap().output_file(), PathBuf::from("old.html"));
        assert_eq!(SitePath::parse_absolute("en/old"), Err(PathError::NotAbsolute));
        assert_eq!(SitePath::parse_absolute("/"), Err(PathError::Root));
        assert!(matches!(SitePath::parse_absolute("/en/../../etc"), Err(PathError::BadSegment(_))));
        assert!(matches!(SitePath::parse_absolute("/a//b"), Err(PathError::BadSegment(_))));
    }

    proptest! {
        /// Whatever an editor writes as an alias or slug, an accepted path only
        /// ever names a file below the output folder.
        #[test]
        fn accepted_paths_stay_inside_the_output(raw in ".{0,40}", slug in ".{0,20}") {
            if let Ok(path) = SitePath::parse_absolute(&raw) {
                assert_inside(&path.output_file());
            }
            if is_slug(&slug) {
                assert_inside(&SitePath::root().join("en").join(&slug).output_file());
            }
        }

        #[test]
        fn url_and_file_round_trip(segs in proptest::collection::vec("[a-z0-9][a-z0-9-]{0,8}", 1..5)) {
            let path = SitePath::parse_absolute(&format!("/{}/", segs.join("/"))).unwrap();
            prop_assert_eq!(SitePath::parse_absolute(&path.to_string()).unwrap(), path.clone());
            prop_assert_eq!(path.output_file(), segs.iter().collect::<PathBuf>().join("index.html"));
        }
    }

    fn assert_inside(path: &std::path::Path) {
        assert!(path.components().all(|c| matches!(c, Component::Normal(_))), "{path:?}");
    }
}
