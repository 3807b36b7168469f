//! Where a value sits in a data file, for problems found after parsing.
//!
//! The YAML parser reports the place of the first syntax or type error, but
//! checks made on the parsed data (an unknown region, an invalid phone number,
//! a stale date) need the byte range of the value in the editor's file. Serde
//! keeps no positions, so these helpers read the text itself: they split a file
//! into its top-level list items (one directory entry each) and, inside one
//! item, find a key, its value, or the n-th occurrence of a key in a list.
//! They understand the block and flow styles editors write (`key: value`,
//! `{type: phone, value: "…"}`, `[US, MX]`); when a search fails, callers fall
//! back to a wider range, so a diagnostic always points somewhere sensible.

use std::ops::Range;

/// The byte ranges of the items of a top-level block sequence (`- …` lines in
/// column 1), each from its `-` to the start of the next item.
///
/// Returns `None` when the text is not shaped that way (a flow list, a mapping,
/// a `---` marker), so the caller parses the whole file at once instead.
pub fn top_level_items(text: &str) -> Option<Vec<Range<usize>>> {
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let starts_item = content == "-" || content.starts_with("- ") || content.starts_with("-\t");
        if starts_item {
            if let Some(last) = items.last_mut() {
                last.end = offset;
            }
            items.push(offset..text.len());
        } else if content.trim().is_empty() || content.starts_with('#') {
            // Blank lines and comments belong to whatever surrounds them.
        } else if content.starts_with([' ', '\t']) {
            if items.is_empty() {
                return None;
            }
        } else {
            return None;
        }
        offset += line.len();
    }
    Some(items)
}

/// Every place where `key` is written as a mapping key inside `within`, in
/// document order, each with the column it starts at.
fn key_occurrences(text: &str, within: Range<usize>, key: &str) -> Vec<(Range<usize>, usize)> {
    let mut found = Vec::new();
    if key.is_empty() {
        return found;
    }
    let Some(region) = text.get(within.clone()) else {
        return found;
    };
    let mut search_from = 0;
    while let Some(pos) = region[search_from..].find(key) {
        let start = within.start + search_from + pos;
        let end = start + key.len();
        search_from += pos + key.len();
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = text[line_start..start].trim_end_matches([' ', '\t']);
        let opens_key = before.is_empty() || before.ends_with('-') || before.ends_with('{') || before.ends_with(',');
        let after = text[end..].trim_start_matches([' ', '\t']);
        let is_key = after.starts_with(':') && after[1..].chars().next().is_none_or(|c| c.is_whitespace());
        if opens_key && is_key {
            let column = text[line_start..start].chars().count();
            found.push((start..end, column));
        }
    }
    found
}

/// The shallowest (least indented) place where `key` is a mapping key inside
/// `within`; the first one among equals.
pub fn key(text: &str, within: Range<usize>, key: &str) -> Option<Range<usize>> {
    key_occurrences(text, within, key)
        .into_iter()
        .min_by_key(|(range, column)| (*column, range.start))
        .map(|(range, _)| range)
}

/// The `n`-th (from 0) place where `key` is a mapping key inside `within`.
pub fn nth_key(text: &str, within: Range<usize>, key: &str, n: usize) -> Option<Range<usize>> {
    key_occurrences(text, within, key).into_iter().nth(n).map(|(range, _)| range)
}

/// The value written after the key at `key_range`: a scalar (quoted or plain),
/// a flow collection `[…]`/`{…}`, or the indented block below the key.
pub fn value_of(text: &str, key_range: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let Some(colon) = text[key_range.end..].find(':').map(|i| key_range.end + i) else {
        return key_range;
    };
    let mut start = colon + 1;
    while start < bytes.len() && (bytes[start] == b' ' || bytes[start] == b'\t') {
        start += 1;
    }
    let line_start = text[..key_range.start].rfind('\n').map_or(0, |i| i + 1);
    let before_key = text[line_start..key_range.start].trim_end();
    let in_flow = before_key.ends_with('{') || before_key.ends_with(',');
    match bytes.get(start) {
        None | Some(b'\n') | Some(b'\r') | Some(b'#') => block_below(text, key_range),
        Some(b'"') => start..closing_double_quote(text, start),
        Some(b'\'') => start..closing_single_quote(text, start),
        Some(b'[') | Some(b'{') => start..matching_bracket(text, start),
        Some(_) => {
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let mut end = line_end;
            if let Some(i) = text[start..line_end].find(" #") {
                end = start + i;
            }
            if in_flow && let Some(i) = text[start..end].find([',', '}', ']']) {
                end = start + i;
            }
            let trimmed = text[start..end].trim_end().len();
            start..start + trimmed.max(1).min(end - start)
        }
    }
}

/// The lines indented deeper than the key at `key_range`, trimmed, for values
/// written as an indented block (or an empty range right after the colon).
fn block_below(text: &str, key_range: Range<usize>) -> Range<usize> {
    let line_start = text[..key_range.start].rfind('\n').map_or(0, |i| i + 1);
    let key_line = &text[line_start..key_range.start];
    // A key after `- ` is indented as far as the key itself.
    let key_indent = key_line.chars().count();
    let Some(first_newline) = text[key_range.end..].find('\n') else {
        return key_range;
    };
    let mut offset = key_range.end + first_newline + 1;
    let mut first = None;
    let mut last_end = None;
    for line in text[offset..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            offset += line.len();
            continue;
        }
        let indent = content.len() - trimmed.len();
        let is_list_item_at_key_level = indent == key_indent && trimmed.starts_with('-');
        if indent <= key_indent && !is_list_item_at_key_level {
            break;
        }
        if first.is_none() {
            first = Some(offset + indent);
        }
        last_end = Some(offset + content.len());
        offset += line.len();
    }
    match (first, last_end) {
        (Some(start), Some(end)) => start..end,
        _ => key_range,
    }
}

/// The key and everything that belongs to it: from the key to the end of its value.
pub fn key_and_value(text: &str, key_range: Range<usize>) -> Range<usize> {
    let value = value_of(text, key_range.clone());
    key_range.start..value.end.max(key_range.end)
}

fn closing_double_quote(text: &str, open: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' if text[open..i].matches('\n').count() > 20 => return i,
            _ => i += 1,
        }
    }
    text.len()
}

fn closing_single_quote(text: &str, open: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = open + 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    text.len()
}

fn matching_bracket(text: &str, open: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            b'"' => {
                i = closing_double_quote(text, i);
                continue;
            }
            b'\'' => {
                i = closing_single_quote(text, i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    text.len()
}

/// The first place at or after `from` inside `within` where `token` is written
/// as a whole word (not part of a longer code such as `US-TX` for `US`).
pub fn token(text: &str, within: Range<usize>, from: usize, token: &str) -> Option<Range<usize>> {
    if token.is_empty() {
        return None;
    }
    let start = from.max(within.start);
    let region = text.get(start..within.end)?;
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
    let mut search_from = 0;
    while let Some(pos) = region[search_from..].find(token) {
        let begin = start + search_from + pos;
        let end = begin + token.len();
        search_from += pos + token.len();
        let before_ok = text[..begin].chars().next_back().is_none_or(|c| !is_word(c));
        let after_ok = text[end..].chars().next().is_none_or(|c| !is_word(c));
        if before_ok && after_ok {
            return Some(begin..end);
        }
    }
    None
}

/// Finds the value of `key` in an entry, or else the key, or else the entry.
pub fn value_or(text: &str, within: Range<usize>, key_name: &str) -> Range<usize> {
    match key(text, within.clone(), key_name) {
        Some(k) => value_of(text, k),
        None => first_line(text, within),
    }
}

/// The key itself, or the entry's first line when the key is missing.
pub fn key_or(text: &str, within: Range<usize>, key_name: &str) -> Range<usize> {
    key(text, within.clone(), key_name).unwrap_or_else(|| first_line(text, within))
}

/// The first line of a range, without its newline, for a caret that covers the
/// start of an entry rather than the whole entry.
pub fn first_line(text: &str, within: Range<usize>) -> Range<usize> {
    let Some(region) = text.get(within.clone()) else {
        return within;
    };
    let end = region.find('\n').map_or(within.end, |i| within.start + i);
    within.start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, range: Range<usize>) -> &str {
        &text[range]
    }

    #[test]
    fn splits_top_level_items() {
        let text = "# header\n- id: a\n  kind: x\n\n# between\n- id: b\n  name: {en: B}\n";
        let items = top_level_items(text).unwrap();
        assert_eq!(items.len(), 2);
        assert!(at(text, items[0].clone()).starts_with("- id: a\n  kind: x\n"));
        assert_eq!(at(text, items[1].clone()), "- id: b\n  name: {en: B}\n");
    }

    #[test]
    fn other_shapes_are_not_split() {
        for text in ["---\n- id: a\n", "[{id: a}]\n", "id: a\n", "  - id: a\n"] {
            assert_eq!(top_level_items(text), None, "{text:?}");
        }
        assert_eq!(top_level_items("# only a comment\n"), Some(vec![]));
    }

    #[test]
    fn finds_keys_in_block_and_flow_style() {
        let text =
            "- id: a\n  contacts:\n    - {type: phone, value: \"911\"}\n    - type: sms\n      value: 233733 # short\n";
        let all = 0..text.len();
        let id = key(text, all.clone(), "id").unwrap();
        assert_eq!(at(text, value_of(text, id)), "a");
        let first = nth_key(text, all.clone(), "value", 0).unwrap();
        assert_eq!(at(text, value_of(text, first)), "\"911\"");
        let second = nth_key(text, all.clone(), "value", 1).unwrap();
        assert_eq!(at(text, value_of(text, second)), "233733");
        let ty = nth_key(text, all, "type", 0).unwrap();
        assert_eq!(at(text, value_of(text, ty)), "phone");
    }

    #[test]
    fn prefers_the_shallowest_key() {
        let text = "- hours:\n    days: [mon]\n  name: {en: x}\n  days: 3\n";
        let found = key(text, 0..text.len(), "days").unwrap();
        assert_eq!(at(text, value_of(text, found)), "3");
    }

    #[test]
    fn words_inside_values_are_not_keys() {
        let text = "- description: {en: \"Call us: now\"}\n  us: 1\n";
        let found = key(text, 0..text.len(), "us").unwrap();
        assert_eq!(at(text, value_of(text, found)), "1");
    }

    #[test]
    fn block_values_cover_their_lines() {
        let text = "- areas:\n    - US\n    - MX\n  kind: x\n";
        let areas = key(text, 0..text.len(), "areas").unwrap();
        assert_eq!(at(text, value_of(text, areas)), "- US\n    - MX");
        let text = "- areas:\n  - US\n  - MX\n  kind: x\n";
        let areas = key(text, 0..text.len(), "areas").unwrap();
        assert_eq!(at(text, value_of(text, areas)), "- US\n  - MX");
    }

    #[test]
    fn flow_collections_end_at_their_bracket() {
        let text = "- areas: [US, \"MX]\", {a: [1]}] # c\n";
        let areas = key(text, 0..text.len(), "areas").unwrap();
        assert_eq!(at(text, value_of(text, areas)), "[US, \"MX]\", {a: [1]}]");
    }

    #[test]
    fn tokens_are_whole_codes() {
        let text = "areas: [US-TX, US]";
        let found = token(text, 0..text.len(), 0, "US").unwrap();
        assert_eq!(found, 15..17);
        let found = token(text, 0..text.len(), 0, "US-TX").unwrap();
        assert_eq!(found, 8..13);
        assert_eq!(token(text, 0..text.len(), 0, "MX"), None);
    }
}
