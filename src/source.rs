//! Source files as editors wrote them, and the mapping from byte offsets to the
//! line and column numbers that every diagnostic reports.
//!
//! Everything that can be wrong in an editor's file is reported against the
//! file's real text, so the loader keeps each file's text once, shared, and
//! every later stage points into it with byte ranges.
//!
//! A file with thousands of problems asks for thousands of line numbers, so
//! each file builds an index of its line starts once, on first use, and every
//! lookup is a binary search in it: reporting stays linear in the number of
//! problems instead of rescanning the text from the start for each one.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// One file read from the site's folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, as editors know it (`content/learn/signs.en.md`).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: Arc<str>,
    /// Where each line starts, built on first use and shared by every clone.
    lines: Arc<OnceLock<LineIndex>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceFile { path: path.into(), text: text.into(), lines: Arc::default() }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The path with forward slashes, for messages and snapshots on any platform.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = char_floor(&self.text, offset);
        let index = self.lines();
        let line = index.line_of(offset);
        let start = index.starts[line];
        let column = if index.ascii[line] { offset - start } else { self.text[start..offset].chars().count() };
        (line + 1, column + 1)
    }

    /// The byte range of the whole line (without its newline) holding `offset`.
    pub fn line_range(&self, offset: usize) -> Range<usize> {
        self.lines_range(offset..offset)
    }

    /// The byte range of the whole lines (without the last newline) that
    /// `span` touches; a span ending with a newline does not touch the next line.
    pub fn lines_range(&self, span: Range<usize>) -> Range<usize> {
        let index = self.lines();
        let first = span.start.min(self.text.len());
        let start = index.starts[index.line_of(first)];
        let last = index.line_of(span.end.saturating_sub(1).max(first).min(self.text.len()));
        let end = index.starts.get(last + 1).map_or(self.text.len(), |&next| next - 1);
        start..end.max(start)
    }
}

/// The byte offset where each line starts, and whether the line is plain
/// ASCII (then a column is a byte difference, with no characters to count).
#[derive(Debug, Default)]
struct LineIndex {
    starts: Vec<usize>,
    ascii: Vec<bool>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut index = LineIndex::default();
        let mut start = 0;
        for line in text.split('\n') {
            index.starts.push(start);
            index.ascii.push(line.is_ascii());
            start += line.len() + 1;
        }
        index
    }

    /// 0-based line holding the byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }
}

fn char_floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Forward-slash form of a relative path.
pub fn display_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// 1-based line and column (counted in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = char_floor(text, offset);
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Byte offset of the start of a 1-based line, clamped to the text.
pub fn line_start_offset(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_from_one() {
        let text = "ab\ncañón: x\n";
        let cases = [(0, (1, 1)), (1, (1, 2)), (3, (2, 1)), (text.find(':').unwrap(), (2, 6)), (text.len(), (3, 1))];
        for (offset, expected) in cases {
            assert_eq!(line_col(text, offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn line_start_offsets() {
        let text = "one\ntwo\nthree";
        assert_eq!(line_start_offset(text, 1), 0);
        assert_eq!(line_start_offset(text, 2), 4);
        assert_eq!(line_start_offset(text, 3), 8);
        assert_eq!(line_start_offset(text, 9), text.len());
    }

    #[test]
    fn indexed_lookups_agree_with_the_plain_scan() {
        let texts = ["", "\n", "ab\ncañón: x\n", "a\r\nb\n\nñ", "no newline", "\n\nx"];
        for text in texts {
            let file = SourceFile::new("a.md", text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(file.line_col(offset), line_col(text, offset), "{text:?} at {offset}");
                let plain_start = text[..char_floor(text, offset)].rfind('\n').map_or(0, |i| i + 1);
                assert_eq!(file.line_range(offset).start, plain_start, "{text:?} at {offset}");
            }
        }
    }

    #[test]
    fn lines_range_covers_every_line_a_span_touches() {
        let file = SourceFile::new("a.md", "one\ntwo\nthree\n");
        assert_eq!(&file.text[file.lines_range(5..10)], "two\nthree");
        assert_eq!(&file.text[file.lines_range(0..4)], "one", "the newline ends the line it is on");
        assert_eq!(&file.text[file.lines_range(0..0)], "one");
        assert_eq!(&file.text[file.lines_range(14..14)], "");
    }

    #[test]
    fn line_range_excludes_newline() {
        let file = SourceFile::new("a.md", "one\ntwo\n");
        assert_eq!(&file.text[file.line_range(5)], "two");
    }
}
