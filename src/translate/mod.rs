//! Translations as work to be done: which texts a language still lacks,
//! which translations are out of date, and files that translators' tools read.
//!
//! Every text of the site that a language needs is a [`units::Unit`]: a theme
//! string, the site's title, a region's name, a directory entry's name or
//! description, a statistics text, a page's title, description, content note,
//! summary or body. Each unit has a stable id naming the file its translation
//! lives in and where in that file (`content/directory/us-tx.yaml#us-tx-rst-step.name`,
//! `content/learn/signs.pt.md#body`), so that a file exported today can be
//! imported next month and land in the same place.
//!
//! # How a translation records what it was made from
//!
//! One file for the whole site, `content/.translations.yaml` ([`record`]),
//! holds for each language and each translated text a short digest of the
//! source-language text it was made from: one per front-matter key and one
//! per paragraph of a page's body, one per directory or theme text. When the
//! source changes, its digest no longer matches, and `faro check` names the
//! source file and what changed (the keys, the paragraphs by number and line).
//!
//! Why one site-level file and not a key in each front matter or git history:
//! - It works without git: a site edited in GitHub's web editor or on a USB
//!   stick has no usable history, and comparing digests needs none.
//! - Editors never read or write it. A `source_hash:` key in every
//!   translated page would be one more thing to keep, to copy wrongly when a
//!   page is made from another, and to break in a web editor; directory
//!   entries have no front matter at all, and a hash beside each `es:` text
//!   in the YAML would double the noise of files editors do read.
//! - Digests per paragraph and per key make the warning precise ("paragraph
//!   3 changed") without keeping a copy of the old text.
//! - It is YAML sorted by language and text id, one line per text, so two
//!   people recording different translations merge without conflict.
//!
//! The file starts with a dot, so the content loader leaves it alone.
//!
//! # Translations with no record
//!
//! A translation that has no record yet (every translation written before
//! this file existed, or edited by hand and never marked) is "unknown", not
//! stale: `faro check` says nothing about it, so the first check of an old
//! site is not a flood of warnings. `faro translated --all` records the
//! present state of every translation as current, and from then on changes
//! are followed. `faro translated PATH` marks one file current, and `faro
//! i18n import` records every text it writes.
//!
//! Translations are made from the default language (`default_language` in
//! `site.yaml`): it is the language every fallback chain ends in, so it is
//! the one text every language can be compared with.

pub mod export;
pub mod import;
pub mod markup;
pub mod record;
pub mod stale;
pub mod units;

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;

pub use record::RECORD_FILE;
pub use units::{Kind, Unit};

/// The languages of a site, read from `site.yaml` on their own: exporting
/// for a new language must work before the site can build in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    /// The language translations are made from.
    pub source: String,
    /// Every language listed, the source first.
    pub codes: Vec<String>,
    /// Names of the languages by code (`Português`).
    pub names: Vec<(String, String)>,
    /// The theme's folder name (`default`).
    pub theme: String,
}

impl Languages {
    /// Reads the languages, the default language and the theme from
    /// `content/site.yaml`, ignoring everything else in it.
    pub fn load(root: &Path) -> Result<Languages, Vec<Diagnostic>> {
        #[derive(Deserialize)]
        struct Raw {
            default_language: Option<String>,
            #[serde(default)]
            languages: Vec<RawLanguage>,
            theme: Option<String>,
        }
        #[derive(Deserialize)]
        struct RawLanguage {
            code: String,
            #[serde(default)]
            name: String,
        }
        let file = crate::read::read_source(root, Path::new(crate::config::SITE_FILE))?;
        let raw: Raw = crate::yaml::parse(&file, 0..file.text.len(), "site settings").map_err(|d| vec![d])?;
        let Some(first) = raw.languages.first() else {
            return Err(vec![
                Diagnostic::error(Code::NoLanguages, "no languages configured")
                    .at(&file, 0..0, "in this file")
                    .help("list the languages under `languages:`, for example `- {code: en, name: English}`"),
            ]);
        };
        let source = raw.default_language.unwrap_or_else(|| first.code.clone());
        let mut codes = vec![source.clone()];
        codes.extend(raw.languages.iter().map(|l| l.code.clone()).filter(|c| *c != source));
        Ok(Languages {
            source,
            codes,
            names: raw.languages.into_iter().map(|l| (l.code, l.name)).collect(),
            theme: raw.theme.unwrap_or_else(|| "default".into()),
        })
    }

    /// The languages that are translated (all but the source).
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        self.codes.iter().skip(1).map(String::as_str)
    }

    /// The language's name as `site.yaml` gives it, else its code.
    pub fn name_of<'a>(&'a self, code: &'a str) -> &'a str {
        self.names.iter().find(|(c, n)| c == code && !n.is_empty()).map_or(code, |(_, n)| n.as_str())
    }
}

/// A short digest of a text, enough to tell that it changed: the first 12
/// hex digits of its SHA-256 (48 bits; a clash between two versions of one
/// paragraph is beyond any site's lifetime).
pub fn digest(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(text.as_bytes());
    hash.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Problems that stop a translation command before it looks at any text.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: std::io::Error },
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
}

/// A file's diagnostic anchor: the file and a byte range in it.
pub type At = (SourceFile, std::ops::Range<usize>);

/// Writes files under `root` so that none is half-written: every new text
/// goes to a temporary file beside its target first, and only when all of
/// them are written are they renamed over their targets (a rename within a
/// folder replaces a file whole). On a failure the temporary files are removed
/// and no target has changed.
pub fn write_files(root: &Path, files: &[(String, String)]) -> Result<(), Error> {
    let mut written: Vec<(std::path::PathBuf, std::path::PathBuf)> = Vec::new();
    let cleanup = |written: &[(std::path::PathBuf, std::path::PathBuf)]| {
        for (tmp, _) in written {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (rel, text) in files {
        let target = root.join(rel);
        let dir = target.parent().unwrap_or(root).to_path_buf();
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.faro-tmp"));
        let result = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&tmp, text));
        if let Err(source) = result {
            cleanup(&written);
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Write { path: rel.clone(), source });
        }
        written.push((tmp, target));
    }
    for (i, (tmp, target)) in written.iter().enumerate() {
        if let Err(source) = std::fs::rename(tmp, target) {
            cleanup(&written[i..]);
            return Err(Error::Write { path: crate::source::display_path(target), source });
        }
    }
    Ok(())
}
