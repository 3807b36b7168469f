//! Serde's errors as a type: what went wrong in a YAML text, where, and in
//! an editor's words.
//!
//! `yaml_serde` reports a mistake as one string ("contacts[1]: unknown field
//! `typ`, expected one of …"). That string is read here, once, into a
//! [`YamlError`] with a byte offset, the path inside the document when the
//! mistake is inside a list item, and a [`YamlErrorKind`]; every loader then
//! turns it into a [`Diagnostic`] with [`YamlError::to_diagnostic`], so the
//! wording and the code of YAML problems live in this one place.

use std::ops::Range;

use thiserror::Error;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::suggest;

use super::token_at;

/// A YAML text that does not read as the type asked for.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{kind}")]
pub struct YamlError {
    /// Byte offset in the editor's file.
    pub offset: usize,
    /// Where inside a list item the mistake is (`contacts[1]`), when the
    /// item is one of a list; `None` for a whole document.
    pub path: Option<String>,
    pub kind: YamlErrorKind,
}

/// What is wrong, with what the editor needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum YamlErrorKind {
    /// The text cannot be read as YAML, or as the shape asked for; the
    /// parser's own words.
    #[error("{0}")]
    Syntax(String),
    /// A key the type does not take, with the keys it does.
    #[error("unknown key `{key}`")]
    UnknownKey { key: String, known: Vec<String> },
    /// A value of the wrong form: what was written and what is expected.
    #[error("{}", .0.message("the document"))]
    WrongType(WrongType),
    /// A key the type requires.
    #[error("missing key `{0}`")]
    MissingKey(String),
    /// A key written twice; the parser's own words.
    #[error("{0}")]
    DuplicateKey(String),
}

impl YamlError {
    /// Reads a serde error found in a text that starts at byte `base` of
    /// the file.
    pub(super) fn from_serde(err: &serde_yaml::Error, base: usize) -> YamlError {
        let offset = err.location().map_or(base, |l| base + l.index());
        let message = strip_location(&err.to_string());
        YamlError { offset, ..YamlError::from_message(&message) }
    }

    /// Classifies serde's message. A message with a path that starts at a
    /// list (`.[0].contacts[1]: …`) comes from one item of a list file; the
    /// path is kept for the editor, without the item's own index.
    fn from_message(message: &str) -> YamlError {
        let at = |kind| YamlError { offset: 0, path: None, kind };
        if let Some((key, known)) = unknown_field(message) {
            return at(YamlErrorKind::UnknownKey { key, known });
        }
        if let Some(wrong) = WrongType::parse(message) {
            return at(YamlErrorKind::WrongType(wrong));
        }
        if let Some((path, detail)) = message.split_once(": ").filter(|(p, _)| p.starts_with('.')) {
            let path = Some(readable_path(path)).filter(|p| !p.is_empty());
            let kind = if let Some((key, known)) = unknown_field(detail) {
                YamlErrorKind::UnknownKey { key, known }
            } else if let Some(key) = missing_field(detail) {
                YamlErrorKind::MissingKey(key)
            } else {
                syntax(detail)
            };
            return YamlError { offset: 0, path, kind };
        }
        at(syntax(message))
    }

    /// The diagnostic an editor reads; `what` names the document ("front
    /// matter", "directory entry").
    pub fn to_diagnostic(&self, file: &SourceFile, what: &str) -> Diagnostic {
        let span: Range<usize> = token_at(&file.text, self.offset);
        let within = self.path.as_ref().map(|p| format!(" (in `{p}`)")).unwrap_or_default();
        match &self.kind {
            YamlErrorKind::UnknownKey { key, known } => {
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                Diagnostic::error(Code::UnknownKey, format!("unknown key `{key}` in {what}{within}"))
                    .at(file, span, "not a known key")
                    .help(suggest::unknown_name_help(key, &known))
            }
            YamlErrorKind::WrongType(wrong) => Diagnostic::error(Code::WrongType, wrong.message(what))
                .at(file, span, "this value has the wrong form")
                .help(wrong.help()),
            YamlErrorKind::MissingKey(key) => {
                Diagnostic::error(Code::MissingKey, format!("this {what} has no `{key}`{within}"))
                    .at(file, span, format!("`{key}` is missing here"))
                    .help(format!("add `{key}: …`; docs/fields.md says what each field holds"))
            }
            YamlErrorKind::Syntax(message) | YamlErrorKind::DuplicateKey(message) => {
                let code = match self.kind {
                    YamlErrorKind::DuplicateKey(_) => Code::DuplicateKey,
                    _ => Code::YamlSyntax,
                };
                let (label, help) = explain(message);
                Diagnostic::error(code, format!("invalid YAML in {what}{within}: {message}"))
                    .at(file, span, label)
                    .help(help)
            }
        }
    }
}

fn syntax(message: &str) -> YamlErrorKind {
    if message.contains("duplicate") {
        YamlErrorKind::DuplicateKey(message.to_string())
    } else {
        YamlErrorKind::Syntax(message.to_string())
    }
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

/// Picks apart serde's "missing field `x`".
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.find('`').map(|end| rest[..end].to_string())
}

/// `.[0].contacts[1]` → `contacts[1]`: the item's own index means nothing to
/// the editor, who sees the line number.
fn readable_path(path: &str) -> String {
    let path = path.trim_start_matches('.');
    let path = match path.strip_prefix('[') {
        Some(rest) => rest.split_once(']').map_or(rest, |(_, after)| after),
        None => path,
    };
    path.trim_start_matches('.').to_string()
}

/// serde's "weight: invalid type: string \"heavy\", expected i64", in an
/// editor's words: which key, what was written, what it must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongType {
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
    pub(super) fn parse(message: &str) -> Option<WrongType> {
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

    pub fn message(&self, what: &str) -> String {
        let not = self.written.as_ref().map(|w| format!(", not `{w}`")).unwrap_or_default();
        match &self.key {
            Some(key) => format!("`{key}` in {what} must be {}{not}", self.expected),
            None => format!("a value in {what} must be {}{not}", self.expected),
        }
    }

    pub fn help(&self) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_yaml_errors_are_readable() {
        assert_eq!(readable_path(".[0].contacts[1]"), "contacts[1]");
        assert_eq!(readable_path(".[0]"), "");
        assert_eq!(readable_path(".[12].hours.weekly[0]"), "hours.weekly[0]");
        assert_eq!(readable_path(".name"), "name");
    }

    #[test]
    fn serde_messages_are_read_into_kinds() {
        let cases = [
            (
                "unknown field `titel`, expected `title` or `slug`",
                None,
                YamlErrorKind::UnknownKey { key: "titel".into(), known: vec!["title".into(), "slug".into()] },
            ),
            (
                ".[0].contacts[1]: unknown field `typ`, expected `type`",
                Some("contacts[1]"),
                YamlErrorKind::UnknownKey { key: "typ".into(), known: vec!["type".into()] },
            ),
            (".[0]: missing field `kind`", None, YamlErrorKind::MissingKey("kind".into())),
            ("missing field `kind`", None, YamlErrorKind::Syntax("missing field `kind`".into())),
            (
                "duplicate entry with key \"a\"",
                None,
                YamlErrorKind::DuplicateKey("duplicate entry with key \"a\"".into()),
            ),
            ("did not find expected key", None, YamlErrorKind::Syntax("did not find expected key".into())),
        ];
        for (message, path, kind) in cases {
            let err = YamlError::from_message(message);
            assert_eq!((err.path.as_deref(), &err.kind), (path, &kind), "{message}");
        }
        assert!(matches!(
            YamlError::from_message("weight: invalid type: string \"x\", expected i64").kind,
            YamlErrorKind::WrongType(_)
        ));
    }
}
