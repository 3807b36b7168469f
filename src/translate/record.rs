//! The record of what each translation was made from:
//! `content/.translations.yaml` (why one file, and why digests, is in the
//! module doc of [`crate::translate`]).
//!
//! ```yaml
//! es:
//!   content/directory/us-tx.yaml#us-tx-rst-step.name: 3f2a9c01b7de
//!   content/learn/signs.es.md#body: [a1b2c3d4e5f6, 0718293a4b5c]
//!   content/learn/signs.es.md#title: 9e8d7c6b5a49
//! ```
//!
//! Each value is the digest of the source-language text at the time the
//! translation was last brought up to date; a page body has one per paragraph.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::units::Unit;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Where the record is kept, from the site root.
pub const RECORD_FILE: &str = "content/.translations.yaml";

const HEADER: &str = "\
# What each translation was made from, written by `faro translated` and
# `faro i18n import`: one digest of the source text per translated text (per
# paragraph for a page body). `faro check` compares them with the sources to
# find translations that are out of date. Nobody needs to read or edit this file.
";

/// The digest of one text, or of each paragraph of a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Recorded {
    One(String),
    Many(Vec<String>),
}

/// Digests by language, then by text id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Record {
    langs: BTreeMap<String, BTreeMap<String, Recorded>>,
}

/// How a translation stands against its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// No translation yet.
    Untranslated,
    /// Translated, but no record says from what (see the module doc).
    Unknown,
    Current,
    /// The source changed since; for a body, which paragraphs.
    Stale(Change),
}

/// What changed in a source text since its translation was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Text,
    /// Paragraphs (numbered from 1) that are new or changed, and how many
    /// paragraphs of the old text are gone.
    Paragraphs {
        changed: Vec<usize>,
        removed: usize,
    },
}

impl State {
    pub fn is_stale(&self) -> bool {
        matches!(self, State::Stale(_))
    }

    /// One word for files and counts.
    pub fn word(&self) -> &'static str {
        match self {
            State::Untranslated => "untranslated",
            State::Unknown => "translated",
            State::Current => "current",
            State::Stale(_) => "stale",
        }
    }
}

impl Record {
    /// Reads the record; a site without one has an empty record.
    pub fn load(root: &Path) -> Result<Record, Vec<Diagnostic>> {
        if !root.join(RECORD_FILE).is_file() {
            return Ok(Record::default());
        }
        let file = crate::read::read_source(root, Path::new(RECORD_FILE))?;
        Record::parse(&file).map_err(|d| vec![d])
    }

    pub fn parse(file: &SourceFile) -> Result<Record, Diagnostic> {
        if file.text.trim().lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
            return Ok(Record::default());
        }
        crate::yaml::parse(file, 0..file.text.len(), "the translation record").map_err(|d| {
            d.help("this file is written by `faro translated`; delete it and run `faro translated --all` to write it again")
        })
    }

    /// The file's text, header first.
    pub fn to_text(&self) -> String {
        let body = serde_yaml::to_string(&self.langs).unwrap_or_default();
        let body = if self.langs.is_empty() { String::new() } else { body };
        format!("{HEADER}{body}")
    }

    pub fn get(&self, lang: &str, id: &str) -> Option<&Recorded> {
        self.langs.get(lang)?.get(id)
    }

    pub fn set(&mut self, lang: &str, id: &str, recorded: Recorded) {
        self.langs.entry(lang.to_string()).or_default().insert(id.to_string(), recorded);
    }

    /// Forgets everything recorded for a language.
    pub fn clear(&mut self, lang: &str) {
        self.langs.remove(lang);
    }

    /// How `unit` stands, in `lang`.
    /// Whether any translation into `lang` is recorded: without one, none
    /// can be out of date.
    pub fn records(&self, lang: &str) -> bool {
        self.langs.get(lang).is_some_and(|recorded| !recorded.is_empty())
    }

    pub fn state(&self, lang: &str, unit: &Unit) -> State {
        if unit.translation.is_none() {
            return State::Untranslated;
        }
        match self.get(lang, &unit.id) {
            None => State::Unknown,
            Some(recorded) => compare(&unit.fingerprint, recorded),
        }
    }
}

/// Compares the source's digests today with the recorded ones.
pub fn compare(now: &Recorded, then: &Recorded) -> State {
    match (now, then) {
        (a, b) if a == b => State::Current,
        (Recorded::Many(now), Recorded::Many(then)) => {
            let changed: Vec<usize> =
                now.iter().enumerate().filter(|(_, d)| !then.contains(d)).map(|(i, _)| i + 1).collect();
            let removed = then.iter().filter(|d| !now.contains(d)).count().saturating_sub(changed.len());
            if changed.is_empty() && removed == 0 {
                // The same paragraphs in another order.
                State::Stale(Change::Paragraphs { changed: (1..=now.len()).collect(), removed: 0 })
            } else {
                State::Stale(Change::Paragraphs { changed, removed })
            }
        }
        _ => State::Stale(Change::Text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn many(d: &[&str]) -> Recorded {
        Recorded::Many(d.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn comparing_digests() {
        let cases = [
            (Recorded::One("a".into()), Recorded::One("a".into()), State::Current),
            (Recorded::One("b".into()), Recorded::One("a".into()), State::Stale(Change::Text)),
            (many(&["a", "b"]), many(&["a", "b"]), State::Current),
            (
                many(&["a", "x", "c"]),
                many(&["a", "b", "c"]),
                State::Stale(Change::Paragraphs { changed: vec![2], removed: 0 }),
            ),
            (
                many(&["a", "n", "b"]),
                many(&["a", "b"]),
                State::Stale(Change::Paragraphs { changed: vec![2], removed: 0 }),
            ),
            (many(&["a"]), many(&["a", "b", "c"]), State::Stale(Change::Paragraphs { changed: vec![], removed: 2 })),
            (
                many(&["b", "a"]),
                many(&["a", "b"]),
                State::Stale(Change::Paragraphs { changed: vec![1, 2], removed: 0 }),
            ),
        ];
        for (now, then, expected) in cases {
            assert_eq!(compare(&now, &then), expected, "{now:?} vs {then:?}");
        }
    }

    #[test]
    fn the_record_reads_back_what_it_wrote() {
        let mut record = Record::default();
        record.set("es", "content/a.es.md#body", many(&["a1", "b2"]));
        record.set("es", "content/directory/x.yaml#x.name", Recorded::One("c3".into()));
        let text = record.to_text();
        assert!(text.starts_with("# What each translation"), "{text}");
        let back = Record::parse(&SourceFile::new(RECORD_FILE, text.as_str())).unwrap();
        assert_eq!(back, record);
        let empty = Record::parse(&SourceFile::new(RECORD_FILE, Record::default().to_text().as_str())).unwrap();
        assert_eq!(empty, Record::default());
    }
}
