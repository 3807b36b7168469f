//! Lints on one page's Markdown: images without alt text, headings that skip
//! a level, vague or empty link text, tables without a header row, and links
//! to anchors that do not exist on their target page.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::content::Page;
use crate::content::links;
use crate::diagnostic::{Code, Diagnostic};
use crate::render::markdown::{self, Heading, first_line};
use crate::site::Site;

/// Link texts that say nothing about where the link leads, in the languages
/// the shipped site speaks (compared lowercased, without final punctuation).
const VAGUE: &[&str] = &[
    "click here",
    "click",
    "here",
    "this link",
    "link",
    "more",
    "read more",
    "this page",
    "aquí",
    "aqui",
    "haga clic",
    "haga clic aquí",
    "haz clic",
    "haz clic aquí",
    "clic aquí",
    "pulse aquí",
    "este enlace",
    "enlace",
    "más",
    "leer más",
    "esta página",
];

/// The anchors of every published page: its heading ids as rendered.
pub struct Anchors {
    ids: HashMap<(String, String), HashSet<String>>,
}

impl Anchors {
    /// The anchors of the pages given with their headings as rendered.
    pub fn of<'a>(headings: impl IntoIterator<Item = (&'a Page, &'a [Heading])>) -> Self {
        let ids = headings
            .into_iter()
            .map(|(p, headings)| ((p.key.clone(), p.lang.clone()), headings.iter().map(|h| h.id.clone()).collect()))
            .collect();
        Anchors { ids }
    }

    /// True when `page` has an element with this id: a heading's, or one of
    /// the layout's own (`#main`, `#who-to-call`…).
    fn has(&self, page: &Page, id: &str) -> bool {
        markdown::RESERVED_IDS.contains(&id)
            || self.ids.get(&(page.key.clone(), page.lang.clone())).is_some_and(|ids| ids.contains(id))
    }
}

/// What is being collected between a start tag and its end.
enum Open {
    Image { span: Range<usize> },
    Link { dest: String, span: Range<usize> },
    TableHead { span: Range<usize> },
}

/// Lints `page`, whose Markdown parsed into `events` (with their byte ranges
/// in its body).
pub fn lint_page(site: &Site, anchors: &Anchors, page: &Page, events: &[(Event<'_>, Range<usize>)]) -> Vec<Diagnostic> {
    let base = page.split.body.start;
    let file = &page.file;
    let mut out = Vec::new();
    let mut open: Vec<(Open, String)> = Vec::new();
    // The page's title is its level-1 heading.
    let mut previous_level = 1u8;
    for (event, range) in events.iter().cloned() {
        let span = first_line(&file.text, base + range.start..base + range.end);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = heading_number(level);
                if level == 1 {
                    out.push(
                        Diagnostic::warning(Code::ExtraTitleHeading, "a second level-1 heading")
                            .at(file, span.clone(), "the title is already the page's level-1 heading")
                            .help("start the page's own headings at level 2: `## Heading`"),
                    );
                } else if level > previous_level + 1 {
                    out.push(
                        Diagnostic::warning(
                            Code::SkippedHeadingLevel,
                            format!("this heading skips from level {previous_level} to {level}"),
                        )
                        .at(file, span.clone(), "skipped level")
                        .help(format!(
                            "screen-reader users move by heading level; use `{} Heading` here",
                            "#".repeat(usize::from(previous_level) + 1)
                        )),
                    );
                }
                previous_level = level;
            }
            Event::Start(Tag::Image { .. }) => open.push((Open::Image { span }, String::new())),
            Event::Start(Tag::Link { dest_url, .. }) => {
                open.push((Open::Link { dest: dest_url.to_string(), span }, String::new()))
            }
            Event::Start(Tag::TableHead) => open.push((Open::TableHead { span }, String::new())),
            Event::Text(text) | Event::Code(text) => {
                for (_, collected) in &mut open {
                    collected.push_str(&text);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let lower = html.to_lowercase();
                if lower.contains("<table") && !lower.contains("<th") {
                    out.push(
                        Diagnostic::warning(Code::TableWithoutHeader, "this table has no header cells")
                            .at(file, span, "no `<th>`")
                            .help("give the table a header row, so screen readers can name each column"),
                    );
                }
            }
            Event::End(TagEnd::Image | TagEnd::Link | TagEnd::TableHead) => {
                if let Some((what, text)) = open.pop() {
                    out.extend(finish(site, anchors, page, what, text.trim()));
                }
            }
            _ => {}
        }
    }
    out
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The lints of one image, link or table head, once its text is known.
fn finish(site: &Site, anchors: &Anchors, page: &Page, what: Open, text: &str) -> Option<Diagnostic> {
    let file = &page.file;
    match what {
        Open::Image { span } if text.is_empty() => Some(
            Diagnostic::error(Code::ImageWithoutAlt, "this image has no alt text")
                .at(file, span, "no text between `![` and `]`")
                .help("say what the image shows: `![A hotline poster at a bus station](poster.jpg)`"),
        ),
        Open::TableHead { span } if text.is_empty() => Some(
            Diagnostic::warning(Code::TableWithoutHeader, "this table's header row is empty")
                .at(file, span, "empty header row")
                .help("name each column in the first row, so screen readers can say what a cell is"),
        ),
        Open::Link { dest, span } => {
            let plain = text.trim_end_matches(['.', ':', '!', '…']).to_lowercase();
            if plain.is_empty() {
                return Some(
                    Diagnostic::warning(Code::EmptyLinkText, "this link has no text")
                        .at(file, span, "empty link")
                        .help("write where the link leads between the brackets"),
                );
            }
            if VAGUE.contains(&plain.as_str()) {
                return Some(
                    Diagnostic::warning(Code::VagueLinkText, format!("the link text \"{text}\" does not say where it leads"))
                        .at(file, span, "vague link text")
                        .help("screen-reader users often list a page's links on their own; name the destination, like `[the warning signs](signs.md)`"),
                );
            }
            broken_anchor(site, anchors, page, &dest, span)
        }
        _ => None,
    }
}

/// A link to `#anchor` on this page, or to `page.md#anchor`, whose anchor
/// does not exist there.
fn broken_anchor(site: &Site, anchors: &Anchors, page: &Page, dest: &str, span: Range<usize>) -> Option<Diagnostic> {
    let (target, fragment) = if let Some(fragment) = dest.strip_prefix('#') {
        (page, fragment)
    } else if links::is_content_link(dest) {
        let found = links::resolve(&site.content, &site.config, page, dest).ok()?;
        (found.page, found.fragment?)
    } else {
        return None;
    };
    if fragment.is_empty() || anchors.has(target, fragment) {
        return None;
    }
    let place = if std::ptr::eq(target, page) { "this page".to_string() } else { format!("`{}`", target.path) };
    Some(
        Diagnostic::warning(Code::MissingAnchor, format!("`#{fragment}` is not an anchor on {place}"))
            .at(&page.file, span, "no such heading")
            .help("link to a heading's id: the heading's words in lowercase, joined by hyphens (`## What to do` is `#what-to-do`)"),
    )
}
