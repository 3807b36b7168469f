//! YAML read with the byte range of every value, so that one text can be
//! changed, or one language added, in an editor's file without rewriting the
//! rest of it.
//!
//! The site's loaders read YAML through serde (`crate::yaml`), which gives
//! values but not where they are. Writing a translation back through serde
//! would drop every comment, reorder keys and requote every string: the
//! editor's file would come back unrecognisable. Here the file is read with
//! `saphyr-parser`, whose events carry their positions, into a small tree of
//! scalars, mappings and sequences with byte ranges; an edit replaces one
//! scalar's bytes or inserts one `key: value` line (or `, key: value` in a
//! `{ … }` mapping), and the caller parses the result again to prove the edit
//! says what was meant before anything is written.

use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// How a scalar was written, to keep its style when its text changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Debug, Clone)]
pub struct Scalar {
    pub value: String,
    /// Bytes of the scalar as written, quotes included; for a block scalar
    /// (`|`, `>`) from its indicator to the end of its last line of text.
    pub span: Range<usize>,
    pub style: Style,
}

#[derive(Debug, Clone)]
pub struct Map {
    pub entries: Vec<(Node, Node)>,
    /// For a flow mapping, from `{` to after `}`; for a block mapping, from
    /// its first key to the start of what follows it.
    pub span: Range<usize>,
    pub flow: bool,
}

#[derive(Debug, Clone)]
pub struct Seq {
    pub items: Vec<Node>,
    pub span: Range<usize>,
    pub flow: bool,
}

#[derive(Debug, Clone)]
pub enum Node {
    Scalar(Scalar),
    Map(Map),
    Seq(Seq),
    /// `*anchor`: never a text to translate.
    Alias(Range<usize>),
}

/// A YAML syntax error at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match self {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Node::Map(m) => Some(m),
            _ => None,
        }
    }

    /// Where the node's text ends, trailing blanks and comments left out.
    pub fn content_end(&self) -> usize {
        match self {
            Node::Scalar(s) => s.span.end,
            Node::Alias(r) => r.end,
            Node::Map(m) if m.flow => m.span.end,
            Node::Seq(s) if s.flow => s.span.end,
            Node::Map(m) => m.entries.last().map_or(m.span.start, |(_, v)| v.content_end()),
            Node::Seq(s) => s.items.last().map_or(s.span.start, |v| v.content_end()),
        }
    }
}

impl Map {
    /// The value of a key written as a plain scalar.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|(k, _)| k.as_scalar().is_some_and(|s| s.value == key)).map(|(_, v)| v)
    }

    pub fn key_scalar(&self, key: &str) -> Option<&Scalar> {
        self.entries.iter().find_map(|(k, _)| k.as_scalar().filter(|s| s.value == key))
    }
}

/// Reads the first document of `text`; an empty text is an empty mapping.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let bytes_at = char_to_byte(text);
    let mut events = Vec::new();
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                let start = bytes_at[span.start.index().min(bytes_at.len() - 1)];
                let end = bytes_at[span.end.index().min(bytes_at.len() - 1)];
                events.push((event, start..end));
            }
            Err(err) => {
                let offset = bytes_at[err.marker().index().min(bytes_at.len() - 1)];
                return Err(SyntaxError { offset, message: err.info().to_string() });
            }
        }
    }
    let mut reader = Reader { text, events: events.into_iter().peekable() };
    reader.document()
}

/// Byte offset of every character index, and of the end.
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    at.push(text.len());
    at
}

struct Reader<'t, I: Iterator> {
    text: &'t str,
    events: std::iter::Peekable<I>,
}

impl<'t, 'i, I> Reader<'t, I>
where
    I: Iterator<Item = (Event<'i>, Range<usize>)>,
{
    fn document(&mut self) -> Result<Node, SyntaxError> {
        loop {
            match self.events.next() {
                Some((Event::StreamStart | Event::DocumentStart(_), _)) => {}
                Some((Event::StreamEnd | Event::DocumentEnd, r)) | Some((Event::Nothing, r)) => {
                    return Ok(Node::Map(Map { entries: Vec::new(), span: r, flow: false }));
                }
                Some((event, range)) => return self.node(event, range),
                None => return Ok(Node::Map(Map { entries: Vec::new(), span: 0..0, flow: false })),
            }
        }
    }

    fn next_node(&mut self) -> Result<Option<Node>, SyntaxError> {
        match self.events.next() {
            Some((Event::MappingEnd | Event::SequenceEnd, _)) | None => Ok(None),
            Some((event, range)) => self.node(event, range).map(Some),
        }
    }

    fn node(&mut self, event: Event<'i>, range: Range<usize>) -> Result<Node, SyntaxError> {
        match event {
            Event::Scalar(value, style, _, _) => Ok(Node::Scalar(self.scalar(value.into_owned(), style, range))),
            Event::Alias(_) => Ok(Node::Alias(range)),
            Event::MappingStart(_, _) => {
                let flow = self.text[range.start..].starts_with('{');
                let mut entries = Vec::new();
                let end;
                loop {
                    if let Some((Event::MappingEnd, r)) = self.events.peek() {
                        end = r.end;
                        self.events.next();
                        break;
                    }
                    let Some(key) = self.next_node()? else {
                        return Err(SyntaxError { offset: range.start, message: "unfinished mapping".into() });
                    };
                    let Some(value) = self.next_node()? else {
                        return Err(SyntaxError { offset: range.start, message: "a key without a value".into() });
                    };
                    entries.push((key, value));
                }
                Ok(Node::Map(Map { entries, span: range.start..end, flow }))
            }
            Event::SequenceStart(_, _) => {
                let flow = self.text[range.start..].starts_with('[');
                let mut items = Vec::new();
                let end;
                loop {
                    if let Some((Event::SequenceEnd, r)) = self.events.peek() {
                        end = r.end;
                        self.events.next();
                        break;
                    }
                    let Some(item) = self.next_node()? else {
                        return Err(SyntaxError { offset: range.start, message: "unfinished list".into() });
                    };
                    items.push(item);
                }
                Ok(Node::Seq(Seq { items, span: range.start..end, flow }))
            }
            _ => Err(SyntaxError { offset: range.start, message: "unexpected YAML here".into() }),
        }
    }

    fn scalar(&self, value: String, style: ScalarStyle, range: Range<usize>) -> Scalar {
        let style = match style {
            ScalarStyle::SingleQuoted => Style::SingleQuoted,
            ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
            ScalarStyle::Literal => Style::Literal,
            ScalarStyle::Folded => Style::Folded,
            _ => Style::Plain,
        };
        let mut span = range;
        // The parser's range of a block scalar starts at its text and ends
        // at the next token; an edit replaces it from its `|` or `>`.
        if matches!(style, Style::Literal | Style::Folded) {
            let before = &self.text[..span.start];
            if let Some(i) = before.rfind(['|', '>']) {
                span.start = i;
            }
        }
        let trimmed = self.text[span.clone()].trim_end_matches([' ', '\t', '\r', '\n']).len();
        span.end = span.start + trimmed;
        Scalar { value, span, style }
    }
}

/// One change to a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// Applies edits that do not overlap, in any order.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.range.start.max(at)]);
        out.push_str(&edit.text);
        at = edit.range.end.max(at);
    }
    out.push_str(&text[at..]);
    out
}

/// The column (in characters) where `offset` sits on its line.
fn column(text: &str, offset: usize) -> usize {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].chars().count()
}

/// Replaces a scalar's text, keeping its style where the new text allows.
pub fn replace_scalar(text: &str, scalar: &Scalar, value: &str, in_flow: bool) -> Edit {
    let indent = column(text, line_start_of_key(text, scalar.span.start)) + 2;
    Edit { range: scalar.span.clone(), text: render(value, scalar.style, indent, in_flow) }
}

/// Where the line holding `offset` starts its text (its first non-blank).
fn line_start_of_key(text: &str, offset: usize) -> usize {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    let trimmed = line.len() - line.trim_start_matches([' ', '-']).len();
    line_start + trimmed
}

/// Adds `key: value` to a mapping, after its last entry.
pub fn insert_entry(text: &str, map: &Map, key: &str, value: &str, hint: Style) -> Edit {
    if map.flow {
        // Before the closing `}`, after the last entry.
        let close = map.span.end.saturating_sub(1);
        let at = map.entries.last().map_or(close, |(_, v)| v.content_end());
        let sep = if map.entries.is_empty() { "" } else { ", " };
        return Edit { range: at..at, text: format!("{sep}{key}: {}", render(value, hint, 0, true)) };
    }
    let Some((first_key, _)) = map.entries.first() else {
        let at = map.span.start;
        return Edit { range: at..at, text: format!("{key}: {}\n", render(value, hint, 2, false)) };
    };
    let key_start = match first_key {
        Node::Scalar(s) => s.span.start,
        other => other.content_end(),
    };
    let indent = column(text, key_start);
    let last_end = map.entries.last().map_or(key_start, |(_, v)| v.content_end());
    let line_end = text[last_end..].find('\n').map_or(text.len(), |i| last_end + i);
    let pad = " ".repeat(indent);
    Edit { range: line_end..line_end, text: format!("\n{pad}{key}: {}", render(value, hint, indent + 2, false)) }
}

/// A scalar written so YAML reads back exactly `value` as text.
///
/// Plain where that is safe, else in the style the old value had (a folded
/// block stays folded), else double-quoted, which can say anything.
pub fn render(value: &str, hint: Style, indent: usize, in_flow: bool) -> String {
    match hint {
        Style::Folded | Style::Literal if !in_flow && block_safe(value) => {
            let pad = " ".repeat(indent);
            if hint == Style::Literal || value.contains('\n') {
                let mut out = String::from("|-");
                for line in value.split('\n') {
                    out.push('\n');
                    if !line.is_empty() {
                        out.push_str(&pad);
                        out.push_str(line);
                    }
                }
                return out;
            }
            let mut out = String::from(">-");
            for line in wrap(value, 72usize.saturating_sub(indent).max(30)) {
                out.push('\n');
                out.push_str(&pad);
                out.push_str(line);
            }
            out
        }
        Style::SingleQuoted if !value.contains(['\n', '\r', '\t']) && value.chars().all(|c| !c.is_control()) => {
            format!("'{}'", value.replace('\'', "''"))
        }
        _ if plain_safe(value, in_flow) => value.to_string(),
        _ => double_quoted(value),
    }
}

/// Text that a block scalar keeps as it is: no blank edges, no tabs, no
/// line that starts with a space (a folded line that does is kept apart).
fn block_safe(value: &str) -> bool {
    !value.is_empty()
        && value.trim() == value
        && !value.contains(['\t', '\r'])
        && !value.contains("  ")
        && value.chars().all(|c| c == '\n' || !c.is_control())
        && value.split('\n').all(|l| !l.starts_with(' '))
        && !value.contains("\n\n\n")
}

/// Splits text at spaces into lines of at most `width` characters (longer
/// words stay whole).
fn wrap(value: &str, width: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_space = None;
    for (i, c) in value.char_indices() {
        if c == ' ' {
            if value[start..i].chars().count() > width
                && let Some(space) = last_space
            {
                lines.push(&value[start..space]);
                start = space + 1;
            }
            last_space = Some(i);
        }
    }
    if value[start..].chars().count() > width
        && let Some(space) = last_space.filter(|&s| s > start)
    {
        lines.push(&value[start..space]);
        start = space + 1;
    }
    lines.push(&value[start..]);
    lines
}

/// Whether `value` can be written without quotes and read back as the same
/// text (not a number, a boolean or null, no character YAML gives meaning).
fn plain_safe(value: &str, in_flow: bool) -> bool {
    let Some(first) = value.chars().next() else { return false };
    if value.trim() != value || value.contains(['\n', '\r', '\t']) || value.chars().any(char::is_control) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if value.contains(": ") || value.contains(" #") || value.ends_with(':') {
        return false;
    }
    if in_flow && value.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    let special = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n", ".inf", "-.inf", ".nan"];
    if special.contains(&lower.as_str()) {
        return false;
    }
    let numeric = value.chars().all(|c| c.is_ascii_digit() || "+-._eExXoOaAbBcCdDfF:".contains(c));
    !(numeric && value.chars().any(|c| c.is_ascii_digit()))
}

fn double_quoted(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(text: &str) -> Map {
        parse(text).unwrap().as_map().unwrap().clone()
    }

    #[test]
    fn ranges_are_bytes_even_after_accents() {
        let text = "# café\nname: {en: Años, es: 'Sí'}\n";
        let map = top(text);
        let name = map.get("name").unwrap().as_map().unwrap();
        let es = name.get("es").unwrap().as_scalar().unwrap();
        assert_eq!(&text[es.span.clone()], "'Sí'");
        assert_eq!(es.value, "Sí");
        assert!(name.flow);
    }

    #[test]
    fn a_block_scalar_is_replaced_from_its_indicator() {
        let text = "d:\n  en: >-\n    one\n    two\n  es: x # note\n";
        let d = top(text).get("d").unwrap().as_map().unwrap().clone();
        let en = d.get("en").unwrap().as_scalar().unwrap();
        assert_eq!(&text[en.span.clone()], ">-\n    one\n    two");
        let edit = replace_scalar(text, en, "uno dos", false);
        assert_eq!(apply(text, &[edit]), "d:\n  en: >-\n    uno dos\n  es: x # note\n");
    }

    #[test]
    fn a_language_is_added_where_an_editor_would_write_it() {
        let cases = [
            ("name: {en: A, es: B}\n", "name: {en: A, es: B, pt: C}\n"),
            ("name:\n  en: A\n  es: B # b\nnext: 1\n", "name:\n  en: A\n  es: B # b\n  pt: C\nnext: 1\n"),
            ("title: T\nbody: b", "title: T\nbody: b\npt: C"),
        ];
        for (text, expected) in cases {
            let root = top(text);
            let map = match root.get("name") {
                Some(Node::Map(m)) => m.clone(),
                _ => root.clone(),
            };
            let edit = insert_entry(text, &map, "pt", "C", Style::Plain);
            assert_eq!(apply(text, &[edit]), expected, "{text:?}");
        }
    }

    #[test]
    fn an_entry_in_a_list_item_gets_the_item_indent() {
        let text = "- id: x\n  name:\n    en: >-\n      long\n      text\n\n- id: y\n";
        let Node::Seq(seq) = parse(text).unwrap() else { panic!() };
        let item = seq.items[0].as_map().unwrap();
        let name = item.get("name").unwrap().as_map().unwrap();
        let edit = insert_entry(text, name, "pt", "C", Style::Plain);
        assert_eq!(
            apply(text, &[edit]),
            "- id: x\n  name:\n    en: >-\n      long\n      text\n    pt: C\n\n- id: y\n"
        );
    }

    #[test]
    fn rendered_scalars_read_back_as_the_same_text() {
        let values = [
            "plain text",
            "Hotline: 24/7",
            "yes",
            "123",
            "- dash",
            "a, b {c}",
            "it's \"quoted\"",
            "two\nlines",
            " leading",
            "# not a comment",
            "ends with colon:",
            "una línea muy larga que tiene que partirse en varias líneas porque pasa de setenta y dos caracteres de ancho",
            "tab\there",
        ];
        for value in values {
            for style in [Style::Plain, Style::SingleQuoted, Style::DoubleQuoted, Style::Folded, Style::Literal] {
                for in_flow in [false, true] {
                    let text = if in_flow {
                        format!("m: {{en: {}}}\n", render(value, style, 2, true))
                    } else {
                        format!("m:\n  en: {}\n", render(value, style, 4, false))
                    };
                    let root = top(&text);
                    let got = root.get("m").unwrap().as_map().unwrap().get("en").unwrap().as_scalar().unwrap();
                    assert_eq!(got.value, value, "{style:?} flow={in_flow}: {text}");
                    let via_serde: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> =
                        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                    assert_eq!(via_serde["m"]["en"], value, "{text}");
                }
            }
        }
    }

    #[test]
    fn syntax_errors_have_a_byte_offset() {
        let err = parse("a: [1, 2\nb: c\n").unwrap_err();
        assert!(err.offset > 0, "{err:?}");
    }
}
