//! What a translation must keep from its source: the paragraphs a page's
//! body is made of (to say which one changed), and the parts of a text that
//! are not words to translate: `{placeholders}` the theme fills in, the
//! targets of Markdown links to the site's own pages and files, images, and
//! the charts a page embeds.
//!
//! Links to other sites are not compared: a translation rightly links to
//! the organisation's page in its own language (the Spanish safety page
//! links to the hotline's Spanish page).
//!
//! Markdown is read with pulldown-cmark's event stream and its byte ranges,
//! as everywhere else in Faro, never with patterns over the text.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

/// The top-level blocks of a Markdown body (paragraphs, headings, lists,
/// quotes, fenced blocks), as byte ranges of `body`.
pub fn blocks(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    out.push(range);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(range),
            _ => {}
        }
    }
    out
}

/// The digest of each top-level block, in order.
pub fn block_digests(body: &str) -> Vec<String> {
    blocks(body).into_iter().map(|r| super::digest(body[r].trim())).collect()
}

/// What must be the same in a text and its translation, each with how many
/// times it appears: `{name}` placeholders, targets of links within the
/// site, images, and embedded charts.
pub fn fixed_parts(text: &str, markdown: bool) -> BTreeMap<String, usize> {
    let mut parts = BTreeMap::new();
    let mut add = |part: String| *parts.entry(part).or_insert(0) += 1;
    for name in placeholders(text) {
        add(format!("{{{name}}}"));
    }
    if markdown {
        let mut in_chart = false;
        for event in Parser::new_ext(text, Options::all()) {
            match event {
                Event::Start(Tag::Link { dest_url, .. }) if is_internal(&dest_url) => {
                    add(format!("link to {dest_url}"))
                }
                Event::Start(Tag::Image { dest_url, .. }) => add(format!("image {dest_url}")),
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => in_chart = info.trim() == "chart",
                Event::End(pulldown_cmark::TagEnd::CodeBlock) => in_chart = false,
                Event::Text(body) if in_chart => add(format!("chart {}", body.trim())),
                _ => {}
            }
        }
    }
    parts
}

/// `{name}` placeholders: a brace, a lowercase name, a brace.
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if close > 0 && after[..close].bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// A link to the site's own pages or files, not to another site, an email
/// address or a phone number.
fn is_internal(dest: &str) -> bool {
    !dest.starts_with("//") && !dest.split(['/', '?', '#']).next().unwrap_or("").contains(':')
}

/// How the fixed parts of a translation differ from its source's, as
/// sentences for an error: what is missing and what was added.
pub fn differences(source: &BTreeMap<String, usize>, translation: &BTreeMap<String, usize>) -> Vec<String> {
    let mut out = Vec::new();
    for (part, &n) in source {
        let m = translation.get(part).copied().unwrap_or(0);
        if m < n {
            out.push(format!("`{part}` is missing"));
        }
    }
    for (part, &m) in translation {
        let n = source.get(part).copied().unwrap_or(0);
        if m > n {
            out.push(format!("`{part}` is not in the source text"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_top_level_only() {
        let body = "# Title\n\nOne\nline.\n\n- a\n\n- b\n\n```chart\nx\n```\n\nLast.\n";
        let texts: Vec<&str> = blocks(body).into_iter().map(|r| body[r].trim()).collect();
        assert_eq!(texts, ["# Title", "One\nline.", "- a\n\n- b", "```chart\nx\n```", "Last."]);
    }

    #[test]
    fn fixed_parts_of_texts() {
        let cases: &[(&str, bool, &[&str])] = &[
            ("Nationwide: {country}", false, &["{country}"]),
            ("a {Not} {x_y} {}", false, &["{x_y}"]),
            ("see [the signs](signs.md) and ![a](i.png)", true, &["image i.png", "link to signs.md"]),
            ("[x](https://x.org/) [y](mailto:a@b.org) [z](/en/help/)", true, &["link to /en/help/"]),
            ("<a href=\"https://x.org/\" hreflang=\"en\">x</a>", false, &[]),
            ("```chart\nvictims\n```\n", true, &["chart victims"]),
            ("[not markdown](x.md)", false, &[]),
        ];
        for (text, markdown, expected) in cases {
            let parts: Vec<String> = fixed_parts(text, *markdown).into_keys().collect();
            assert_eq!(parts, *expected, "{text}");
        }
    }

    #[test]
    fn differences_name_what_is_missing_and_what_was_added() {
        let a = fixed_parts("[a](x.md) {n}", true);
        let b = fixed_parts("[a](y.md) {n}", true);
        assert_eq!(differences(&a, &b), ["`link to x.md` is missing", "`link to y.md` is not in the source text"]);
        assert!(differences(&a, &a).is_empty());
    }
}
