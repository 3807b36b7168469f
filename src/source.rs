//! Source files as editors wrote them, and the mapping from byte offsets to the
//! line and column numbers that every diagnostic reports.
//!
//! Everything that can be wrong in an editor's file is reported against the
//! file's real text, so the loader keeps each file's text once, shared, and
//! every later stage points into it with byte ranges.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file read from the site's folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, as editors know it (`content/learn/signs.en.md`).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceFile { path: path.into(), text: text.into() }
    }

    /// The path with forward slashes, for messages and snapshots on any platform.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }

    /// The byte range of the whole line (without its newline) holding `offset`.
    pub fn line_range(&self, offset: usize) -> Range<usize> {
        let offset = offset.min(self.text.len());
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[offset..].find('\n').map_or(self.text.len(), |i| offset + i);
        start..end
    }
}

/// Forward-slash form of a relative path.
pub fn display_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// 1-based line and column (counted in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
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
    fn line_range_excludes_newline() {
        let file = SourceFile::new("a.md", "one\ntwo\n");
        assert_eq!(&file.text[file.line_range(5)], "two");
    }
}
