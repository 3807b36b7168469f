//! Links between content files.
//!
//! Editors link to another Markdown file by its relative path
//! (`[signs](signs.md)`, `[help](../help/_index.md#text)`, with or without the
//! language suffix). Such a link resolves to that page in the linking page's
//! language, or to another language's version when there is no translation.

use std::path::{Component, Path};

use crate::config::Config;

use super::{Content, Page};

/// Where a content link leads.
#[derive(Debug)]
pub struct Resolved<'a, 'd> {
    pub page: &'a Page,
    /// `#anchor` part, without the `#`.
    pub fragment: Option<&'d str>,
}

/// Why a content link leads nowhere.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkError {
    /// No file with that path exists in any language.
    Missing { key: String },
    /// The file exists but is a draft or an unpublished story.
    Unpublished { key: String },
    /// The path climbs out of `content/`.
    OutsideContent,
}

/// True when `dest` is a link to a content file rather than a web address.
pub fn is_content_link(dest: &str) -> bool {
    let path = dest.split('#').next().unwrap_or("");
    !dest.contains("://")
        && !dest.starts_with('/')
        && !dest.starts_with("mailto:")
        && !dest.starts_with("tel:")
        && !dest.starts_with("sms:")
        && path.ends_with(".md")
}

/// Resolves a content link written in `from`.
pub fn resolve<'a, 'd>(
    content: &'a Content,
    config: &Config,
    from: &Page,
    dest: &'d str,
) -> Result<Resolved<'a, 'd>, LinkError> {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f).filter(|f| !f.is_empty())),
        None => (dest, None),
    };
    let key = key_of(from, path, config).ok_or(LinkError::OutsideContent)?;
    let mut candidates = std::iter::once(from.lang.as_str())
        .chain(config.language_codes().filter(|l| *l != from.lang))
        .filter_map(|lang| content.get(&key, lang))
        .peekable();
    if candidates.peek().is_none() {
        return Err(LinkError::Missing { key });
    }
    match candidates.find(|p| p.published) {
        Some(page) => Ok(Resolved { page, fragment }),
        None => Err(LinkError::Unpublished { key }),
    }
}

/// The content key a relative path names, seen from `from`'s folder.
fn key_of(from: &Page, path: &str, config: &Config) -> Option<String> {
    let stem = path.strip_suffix(".md")?;
    let stem = match stem.rsplit_once('.') {
        Some((base, lang)) if config.has_language(lang) => base,
        _ => stem,
    };
    let mut key = String::with_capacity(from.folder().len() + stem.len() + 1);
    key.push_str(from.folder().trim_matches('/'));
    for component in Path::new(stem).components() {
        match component {
            Component::Normal(part) => {
                if !key.is_empty() {
                    key.push('/');
                }
                key.push_str(&part.to_string_lossy());
            }
            Component::CurDir => {}
            Component::ParentDir => {
                if key.is_empty() {
                    return None;
                }
                key.truncate(key.rfind('/').unwrap_or(0));
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_content_links() {
        for yes in ["signs.md", "../help/_index.md#x", "signs.es.md"] {
            assert!(is_content_link(yes), "{yes}");
        }
        for no in ["https://x.org/a.md", "/en/", "#top", "tel:911", "image.png", "readme.md.txt"] {
            assert!(!is_content_link(no), "{no}");
        }
    }
}
