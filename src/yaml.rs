//! The one place YAML is parsed, so the parser can be swapped without touching
//! the rest (the design names `serde_yaml`; we use its maintained continuation,
//! `yaml_serde`, under that name).
//!
//! Every error is turned into a [`Diagnostic`] that points at the right byte of
//! the editor's file, even when the YAML is only a part of it (front matter).

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::suggest;

/// Parses the YAML found at `range` of `file` into `T`.
///
/// `what` names the document for messages ("front matter", "site settings").
/// `known_keys`, when given, are used to suggest a key for serde's
/// "unknown field" errors.
pub fn parse<T: DeserializeOwned>(file: &SourceFile, range: Range<usize>, what: &str) -> Result<T, Diagnostic> {
    let text = &file.text[range.clone()];
    serde_yaml::from_str::<T>(text).map_err(|err| to_diagnostic(file, range.start, &err, what))
}

fn to_diagnostic(file: &SourceFile, base: usize, err: &serde_yaml::Error, what: &str) -> Diagnostic {
    let offset = err.location().map_or(base, |l| base + l.index());
    let message = strip_location(&err.to_string());
    if let Some((field, expected)) = unknown_field(&message) {
        let help = suggest::unknown_name_help(&field, &expected.iter().map(String::as_str).collect::<Vec<_>>());
        let span = token_at(&file.text, offset);
        return Diagnostic::error(Code::UnknownKey, format!("unknown key `{field}` in {what}"))
            .at(file, span, "not a known key")
            .help(help);
    }
    if let Some(wrong) = WrongType::parse(&message) {
        return Diagnostic::error(Code::WrongType, wrong.message(what))
            .at(file, token_at(&file.text, offset), "this value has the wrong form")
            .help(wrong.help());
    }
    let (label, help) = explain(&message);
    let code = if message.contains("duplicate") { Code::DuplicateKey } else { Code::YamlSyntax };
    Diagnostic::error(code, format!("invalid YAML in {what}: {message}"))
        .at(file, token_at(&file.text, offset), label)
        .help(help)
}

/// serde_yaml appends " at line L column C"; we print our own positions.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Picks apart serde's "unknown field `x`, expected one of `a`, `b`".
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let end = rest.find('`')?;
    let field = rest[..end].to_string();
    let expected =
        rest[end + 1..].split('`').enumerate().filter(|(i, _)| i % 2 == 1).map(|(_, s)| s.to_string()).collect();
    Some((field, expected))
}

/// serde's "weight: invalid type: string \"heavy\", expected i64", in an
/// editor's words: which key, what was written, what it must be.
#[derive(Debug, PartialEq, Eq)]
struct WrongType {
    /// The key, or the path to it (`source.name`), when serde gave one.
    key: Option<String>,
    /// What was written, as serde shows it (`"heavy"`, `5`), when it is a
    /// value rather than a list or a mapping.
    written: Option<String>,
    /// What the key takes, in plain words.
    expected: &'static str,
    /// An example of the right form.
    example: &'static str,
}

impl WrongType {
    fn parse(message: &str) -> Option<WrongType> {
        let (key, rest) = match message.split_once(": invalid type: ") {
            Some((key, rest)) => (Some(key.trim_start_matches('.').to_string()), rest),
            None => (None, message.strip_prefix("invalid type: ")?),
        };
        let (unexpected, expected) = rest.rsplit_once(", expected ")?;
        let written = ["string ", "integer ", "floating point ", "boolean "]
            .iter()
            .find_map(|kind| unexpected.strip_prefix(kind))
            .map(|v| v.trim_matches(|c| c == '`' || c == '"').to_string());
        let (expected, example) = match expected {
            "i64" | "i32" | "u64" | "u32" | "usize" | "u8" | "u16" | "i16" | "i8" => ("a whole number", "3"),
            "f64" | "f32" => ("a number", "12.5"),
            "a boolean" => ("`true` or `false`", "true"),
            "a string" | "a borrowed string" => ("text", "\"text in quotes\""),
            "a sequence" => ("a list", "[first, second]"),
            e if e.starts_with("a map") || e.starts_with("struct ") => ("keys and values", "{en: …, es: …}"),
            _ => return None,
        };
        Some(WrongType { key: key.filter(|k| !k.is_empty()), written, expected, example })
    }

    fn message(&self, what: &str) -> String {
        let not = self.written.as_ref().map(|w| format!(", not `{w}`")).unwrap_or_default();
        match &self.key {
            Some(key) => format!("`{key}` in {what} must be {}{not}", self.expected),
            None => format!("a value in {what} must be {}{not}", self.expected),
        }
    }

    fn help(&self) -> String {
        let key = self.key.as_deref().and_then(|k| k.rsplit('.').next()).unwrap_or("key");
        match (self.expected, &self.written) {
            ("a list", Some(one)) => format!("write it as a list, even for one item: `{key}: [{one}]`"),
            ("a whole number" | "a number", Some(w)) if w.contains(',') => {
                format!("write the number with digits only, without separators: `{key}: {}`", w.replace(',', ""))
            }
            _ => format!("write it in this form: `{key}: {}`", self.example),
        }
    }
}

/// A label and a help line for the YAML mistakes editors make most.
fn explain(message: &str) -> (&'static str, &'static str) {
    if message.contains("mapping values are not allowed") {
        (
            "a `:` here starts a second key on the same line",
            "put text that contains `: ` in quotes, for example title: \"Hotline: 24/7\"",
        )
    } else if message.contains("did not find expected") || message.contains("found character that cannot start") {
        ("the YAML cannot be read from here", "check the quotes and the indentation on this line and the one before it")
    } else if message.contains("invalid type") {
        ("this value has the wrong type", "check the value's form: text, a number, true/false, or a list in [ ]")
    } else if message.contains("duplicate") {
        ("this key appears twice", "keep one of the two keys")
    } else {
        ("here", "check the YAML syntax on this line")
    }
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
