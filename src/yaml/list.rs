//! Files that are a YAML list (the help directory's entries, its regions),
//! read one item at a time.
//!
//! Read whole, a list with one mistake would yield nothing and report only
//! its first mistake. Read item by item, every item that is right is kept,
//! and every item that is wrong is reported, pointing into that item.

use std::ops::Range;

use serde::de::DeserializeOwned;

use super::{YamlError, locate, read};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Parses a file that holds a YAML list, one item at a time when the file is
/// written as a block list (so a mistake in one item does not hide the others),
/// returning each item with its byte range. `what` names one item in messages
/// ("directory entry").
pub fn parse_list<T: DeserializeOwned>(
    file: &SourceFile,
    what: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(T, Range<usize>)> {
    let whole = 0..file.text.len();
    let chunks = locate::top_level_items(&file.text).unwrap_or_else(|| vec![whole]);
    let mut items = Vec::new();
    for chunk in chunks {
        match read::<Vec<T>>(file, chunk.clone()) {
            Ok(parsed) => items.extend(parsed.into_iter().map(|item| (item, chunk.clone()))),
            Err(err) => problems.push(YamlError::to_diagnostic(&err, file, what)),
        }
    }
    items
}
