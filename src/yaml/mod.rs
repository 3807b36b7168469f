//! The one place YAML is read, so the parser can be swapped without touching
//! the rest (the design names `serde_yaml`; we use its maintained continuation,
//! `yaml_serde`, under that name).
//!
//! Loaders read typed values through [`parse`] (a whole document, or the
//! front matter inside a page) and [`parse_list`] (a file that is a list, one
//! item at a time). Serde's errors are read once into a [`YamlError`] and
//! turned into a [`Diagnostic`] that points at the right byte of the editor's
//! file, in [`YamlError::to_diagnostic`] only. Serde keeps no positions, so
//! problems found after parsing are placed by [`locate`], which reads the
//! text itself; [`tree`] reads YAML with the position of every value, for
//! writing a translation back into an editor's file without disturbing it.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

mod error;
mod list;
pub mod locate;
pub mod tree;

pub use error::{WrongType, YamlError, YamlErrorKind};
pub use list::parse_list;

/// Parses the YAML found at `range` of `file` into `T`.
///
/// `what` names the document for messages ("front matter", "site settings").
pub fn parse<T: DeserializeOwned>(file: &SourceFile, range: Range<usize>, what: &str) -> Result<T, Diagnostic> {
    read(file, range).map_err(|err| err.to_diagnostic(file, what))
}

/// Parses the YAML found at `range` of `file` into `T`, keeping the error as
/// a [`YamlError`] for callers that say more about it (a list's items).
pub fn read<T: DeserializeOwned>(file: &SourceFile, range: Range<usize>) -> Result<T, YamlError> {
    serde_yaml::from_str::<T>(&file.text[range.clone()]).map_err(|err| YamlError::from_serde(&err, range.start))
}

/// The byte range of the word or token starting at `offset`, for a caret that
/// covers the key rather than one character.
pub fn token_at(text: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(text.len());
    let rest = &text[offset..];
    let len = rest
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c == ':' || c == ',' || c == '}' || c == ']')
        .map_or(rest.len(), |(i, _)| i);
    offset..offset + len.max(usize::from(!rest.is_empty()))
}

/// Top-level keys of a block mapping with the byte range of each key, found by
/// reading lines that start in column 1. Used to point at keys that the
/// parser accepted but that mean nothing to us.
pub fn top_level_keys(file: &SourceFile, range: Range<usize>) -> Vec<(String, Range<usize>)> {
    let mut keys = Vec::new();
    let mut offset = range.start;
    for line in file.text[range].split_inclusive('\n') {
        let first = line.chars().next().unwrap_or(' ');
        if !(first.is_whitespace() || first == '#' || first == '-' || first == '{')
            && let Some(colon) = line.find(':')
        {
            {
                let raw = &line[..colon];
                let key = raw.trim().trim_matches(|c| c == '"' || c == '\'');
                let start = offset + raw.find(key).unwrap_or(0);
                keys.push((key.to_string(), start..start + key.len()));
            }
        }
        offset += line.len();
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn errors_point_into_the_whole_file() {
        let file = SourceFile::new("x.md", "---\ntitle: a\nweight: heavy\n---\n");
        let err = parse::<Doc>(&file, 4..28, "front matter").unwrap_err();
        let (_, line, col) = err.position().unwrap();
        assert_eq!((line, col), (3, 9));
        assert!(err.message.contains("must be a whole number"), "{}", err.message);
    }

    #[test]
    fn a_value_of_the_wrong_form_is_named_in_plain_words() {
        let file = SourceFile::new("x.md", "title: a\nweight: heavy\n");
        let err = parse::<Doc>(&file, 0..file.text.len(), "front matter").unwrap_err();
        assert_eq!(err.message, "`weight` in front matter must be a whole number, not `heavy`");
        assert_eq!(err.help.as_deref(), Some("write it in this form: `weight: 3`"));
        let wrong = WrongType::parse("aliases: invalid type: string \"/old/\", expected a sequence").unwrap();
        assert_eq!(wrong.help(), "write it as a list, even for one item: `aliases: [/old/]`");
        let wrong = WrongType::parse("draft: invalid type: string \"maybe\", expected a boolean").unwrap();
        assert_eq!(wrong.message("front matter"), "`draft` in front matter must be `true` or `false`, not `maybe`");
        assert_eq!(WrongType::parse("something else entirely"), None);
    }

    #[test]
    fn unknown_fields_suggest_the_nearest_key() {
        let file = SourceFile::new("x.md", "titel: a\n");
        let err = parse::<Doc>(&file, 0..file.text.len(), "front matter").unwrap_err();
        assert_eq!(err.message, "unknown key `titel` in front matter");
        assert!(err.help.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn finds_top_level_keys_with_ranges() {
        let file = SourceFile::new("x", "title: a\n  nested: b\n\"slug\": c\n# note: x\n- item: y\n");
        let keys = top_level_keys(&file, 0..file.text.len());
        let names: Vec<_> = keys.iter().map(|(k, r)| (k.as_str(), &file.text[r.clone()])).collect();
        assert_eq!(names, [("title", "title"), ("slug", "slug")]);
    }
}
