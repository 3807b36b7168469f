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
pub struct Anchors<'a> {
    ids: HashMap<(&'a str, &'a str), HashSet<&'a str>>,
}

impl<'a> Anchors<'a> {
    /// The anchors of the pages given with their headings as rendered.
    pub fn of(headings: impl IntoIterator<Item = (&'a Page, &'a [Heading])>) -> Self {
        let ids = headings
            .into_iter()
            .map(|(p, headings)| ((p.key.as_str(), p.lang.as_str()), headings.iter().map(|h| h.id.as_str()).collect()))
            .collect();
        Anchors { ids }
    }

    /// True when `page` has an element with this id: a heading's, or one of
    /// the layout's own (`#main`, `#who-to-call`…).
    fn has(&self, page: &Page, id: &str) -> bool {
        markdown::RESERVED_IDS.contains(&id)
            || self.ids.get(&(page.key.as_str(), page.lang.as_str())).is_some_and(|ids| ids.contains(id))
    }
}

/// What the lints found on one page, and its links to an anchor, which are
/// judged once the anchors of every page are known.
pub struct PageLints<'a> {
    pub diagnostics: Vec<Diagnostic>,
    anchor_links: Vec<AnchorLink<'a>>,
}

/// A link to `#anchor` on the linking page (`from`) or on another (`target`).
struct AnchorLink<'a> {
    from: &'a Page,
    target: &'a Page,
    fragment: String,
    span: Range<usize>,
}

impl PageLints<'_> {
    /// Every lint of the page, with the links to an anchor that `anchors`
    /// does not have.
    pub fn finish(self, anchors: &Anchors<'_>) -> Vec<Diagnostic> {
        let broken = self.anchor_links.into_iter().filter_map(|link| link.broken(anchors));
        self.diagnostics.into_iter().chain(broken).collect()
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
pub fn lint_page<'a>(site: &'a Site, page: &'a Page, events: &[(Event<'_>, Range<usize>)]) -> PageLints<'a> {
    let base = page.split.body.start;
    let file = &page.file;
    let mut out = Vec::new();
    let mut anchor_links = Vec::new();
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
                    match finish(site, page, what, text.trim()) {
                        Finished::Fine => {}
                        Finished::Found(d) => out.push(d),
                        Finished::ToAnchor(link) => anchor_links.push(link),
                    }
                }
            }
            _ => {}
        }
    }
    PageLints { diagnostics: out, anchor_links }
}

/// What one image, link or table head comes to.
enum Finished<'a> {
    Fine,
    Found(Diagnostic),
    /// A link to an anchor, judged later.
    ToAnchor(AnchorLink<'a>),
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
fn finish<'a>(site: &'a Site, page: &'a Page, what: Open, text: &str) -> Finished<'a> {
    let file = &page.file;
    match what {
        Open::Image { span } if text.is_empty() => Finished::Found(
            Diagnostic::error(Code::ImageWithoutAlt, "this image has no alt text")
                .at(file, span, "no text between `![` and `]`")
                .help("say what the image shows: `![A hotline poster at a bus station](poster.jpg)`"),
        ),
        Open::TableHead { span } if text.is_empty() => Finished::Found(
            Diagnostic::warning(Code::TableWithoutHeader, "this table's header row is empty")
                .at(file, span, "empty header row")
                .help("name each column in the first row, so screen readers can say what a cell is"),
        ),
        Open::Link { dest, span } => {
            let plain = text.trim_end_matches(['.', ':', '!', '…']).to_lowercase();
            if plain.is_empty() {
                return Finished::Found(
                    Diagnostic::warning(Code::EmptyLinkText, "this link has no text")
                        .at(file, span, "empty link")
                        .help("write where the link leads between the brackets"),
                );
            }
            if VAGUE.contains(&plain.as_str()) {
                return Finished::Found(
                    Diagnostic::warning(Code::VagueLinkText, format!("the link text \"{text}\" does not say where it leads"))
                        .at(file, span, "vague link text")
                        .help("screen-reader users often list a page's links on their own; name the destination, like `[the warning signs](signs.md)`"),
                );
            }
            anchor_link(site, page, &dest, span).map_or(Finished::Fine, Finished::ToAnchor)
        }
        _ => Finished::Fine,
    }
}

/// A link to `#anchor` on this page, or to `page.md#anchor` (on the page it
/// resolves to), with the anchor named.
fn anchor_link<'a>(site: &'a Site, page: &'a Page, dest: &str, span: Range<usize>) -> Option<AnchorLink<'a>> {
    let (target, fragment) = if let Some(fragment) = dest.strip_prefix('#') {
        (page, fragment)
    } else if dest.contains('#') && links::is_content_link(dest) {
        let found = links::resolve(&site.content, &site.config, page, dest).ok()?;
        (found.page, found.fragment?)
    } else {
        return None;
    };
    (!fragment.is_empty()).then(|| AnchorLink { from: page, target, fragment: fragment.to_string(), span })
}

impl AnchorLink<'_> {
    /// A warning when the anchor does not exist on its page.
    fn broken(self, anchors: &Anchors<'_>) -> Option<Diagnostic> {
        let AnchorLink { from, target, fragment, span } = self;
        if anchors.has(target, &fragment) {
            return None;
        }
        let place = if std::ptr::eq(target, from) { "this page".to_string() } else { format!("`{}`", target.path) };
        Some(
            Diagnostic::warning(Code::MissingAnchor, format!("`#{fragment}` is not an anchor on {place}"))
                .at(&from.file, span, "no such heading")
                .help("link to a heading's id: the heading's words in lowercase, joined by hyphens (`## What to do` is `#what-to-do`)"),
        )
    }
}
