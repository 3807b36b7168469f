//! Markdown to HTML with pulldown-cmark, transformed on its event stream:
//! stable heading ids, content links resolved to the right language's URL,
//! root-relative links placed under the base path, and ```` ```chart ````
//! blocks replaced by the named data set's chart ([`crate::stats`]). Problems
//! (a link to a file that does not exist, a chart that names no data set) are
//! reported at their line and column.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::Config;
use crate::content::links::{self, LinkError};
use crate::content::url::slugify;
use crate::content::{Content, Page};
use crate::diagnostic::Diagnostic;
use crate::href::Hrefs;
use crate::stats::{self, Stats};

/// Ids the page layout itself uses; headings never take them.
pub const RESERVED_IDS: &[&str] =
    &["main", "top", "exit", "site-nav", "lang-switch", "who-to-call", "footer", "content-note"];

/// One heading of a page, for anchors and tables of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A page's body as HTML, with what was learned while rendering it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Plain text of the first paragraph, a fallback meta description.
    pub first_paragraph: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// The Markdown extensions every page gets.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What rendering needs to know about the rest of the site.
pub struct Env<'a> {
    pub content: &'a Content,
    pub config: &'a Config,
    pub hrefs: &'a Hrefs,
    pub stats: &'a Stats,
}

/// Renders `page`'s body.
pub fn render(page: &Page, env: &Env<'_>) -> Rendered {
    let body = page.body();
    let base = page.split.body.start;
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();

    let mut in_first_paragraph = None::<bool>;
    let mut heading_at: Option<usize> = None;
    // The name written in a ```chart block, with where it was written.
    let mut chart: Option<(String, std::ops::Range<usize>)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let span = base + range.start..base + range.end;
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info))) if info.trim() == "chart" => {
                chart = Some((String::new(), span));
            }
            Event::Text(ref text) if chart.is_some() => {
                if let Some((name, at)) = &mut chart {
                    if name.is_empty() {
                        *at = span;
                    }
                    name.push_str(text);
                }
            }
            Event::End(TagEnd::CodeBlock) if chart.is_some() => {
                if let Some((name, at)) = chart.take() {
                    events.push(Event::Html(embed_chart(page, env, name.trim(), at, &mut out.diagnostics).into()));
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                heading_at = Some(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = heading_at.take() {
                    finish_heading(&mut events, start, &mut used_ids, &mut out.headings);
                }
                events.push(event);
            }
            Event::Start(Tag::Paragraph) if in_first_paragraph.is_none() => {
                in_first_paragraph = Some(true);
                events.push(event);
            }
            Event::End(TagEnd::Paragraph) if in_first_paragraph == Some(true) => {
                in_first_paragraph = Some(false);
                events.push(event);
            }
            Event::Text(ref text) | Event::Code(ref text) if in_first_paragraph == Some(true) => {
                out.first_paragraph.push_str(text);
                events.push(event);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = rewrite_dest(page, env, &dest_url, span, &mut out.diagnostics);
                match dest {
                    Dest::Plain(url) => {
                        events.push(Event::Start(Tag::Link { link_type, dest_url: url.into(), title, id }))
                    }
                    Dest::OtherLanguage { url, lang } => {
                        let title_attr = if title.is_empty() {
                            String::new()
                        } else {
                            format!(" title=\"{}\"", escape_html(&title))
                        };
                        events.push(Event::InlineHtml(
                            format!("<a href=\"{}\" hreflang=\"{lang}\"{title_attr}>", escape_html(&url)).into(),
                        ));
                    }
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let url = if dest_url.starts_with('/') {
                    CowStr::from(env.hrefs.rebase(&page.path, &dest_url))
                } else {
                    dest_url
                };
                events.push(Event::Start(Tag::Image { link_type, dest_url: url, title, id }));
            }
            // pulldown-cmark writes column alignment as `style` attributes,
            // which the Content-Security-Policy blocks; columns keep the
            // theme's alignment instead.
            Event::Start(Tag::Table(alignments)) => {
                events.push(Event::Start(Tag::Table(vec![pulldown_cmark::Alignment::None; alignments.len()])));
            }
            other => events.push(other),
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

/// The chart of the data set `name`, or an error at `at` when there is none.
fn embed_chart(
    page: &Page,
    env: &Env<'_>,
    name: &str,
    at: std::ops::Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    if let Some(set) = env.stats.get(name) {
        return stats::svg::figure(set, &page.lang);
    }
    let span = page.file.text.get(at.clone()).map_or(at.clone(), |text| {
        let start = at.start + (text.len() - text.trim_start().len());
        start..start + text.trim().len()
    });
    if env.stats.held_back.contains(name) {
        diagnostics.push(
            Diagnostic::error(format!("the data set `{name}` is a draft")).at(&page.file, span, "not published").help(
                format!(
                    "remove `draft: true` from content/stats/{name}.yaml to publish it, \
                     or build with --drafts to preview it"
                ),
            ),
        );
        return String::new();
    }
    let message = if name.is_empty() {
        "this chart block names no data set".to_string()
    } else {
        format!("there is no data set `{name}` to draw")
    };
    diagnostics.push(
        Diagnostic::error(message)
            .at(&page.file, span, "no such data set")
            .help(stats::unknown_chart_help(env.stats, name)),
    );
    String::new()
}

enum Dest {
    Plain(String),
    OtherLanguage { url: String, lang: String },
}

fn rewrite_dest(
    page: &Page,
    env: &Env<'_>,
    dest: &str,
    span: std::ops::Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Dest {
    if dest.starts_with('/') {
        return Dest::Plain(env.hrefs.rebase(&page.path, dest));
    }
    if !links::is_content_link(dest) {
        return Dest::Plain(dest.to_string());
    }
    let link_span = link_target_span(&page.file.text, span, dest);
    match links::resolve(env.content, env.config, page, dest) {
        Ok(found) => {
            let mut url = env.hrefs.to(&page.path, &found.page.path);
            if let Some(fragment) = found.fragment {
                url.push('#');
                url.push_str(fragment);
            }
            if found.page.lang == page.lang {
                Dest::Plain(url)
            } else {
                Dest::OtherLanguage { url, lang: found.page.lang.clone() }
            }
        }
        Err(err) => {
            let (message, help) = match err {
                LinkError::Missing { key } => (
                    format!("this link leads to `{dest}`, which does not exist"),
                    format!(
                        "check the file name; the link is read from this page's folder and names content/{key}.<lang>.md"
                    ),
                ),
                LinkError::Unpublished { key } => (
                    format!("this link leads to `{dest}`, which is not published"),
                    format!(
                        "publish content/{key}.<lang>.md (no `draft: true`; stories need `consent: true`) or remove the link"
                    ),
                ),
                LinkError::OutsideContent => (
                    format!("this link leads to `{dest}`, outside the content folder"),
                    "link to Markdown files inside content/ by their relative path".to_string(),
                ),
            };
            diagnostics.push(Diagnostic::error(message).at(&page.file, link_span, "broken link").help(help));
            Dest::Plain("#".to_string())
        }
    }
}

/// Narrows a link's span to its destination when it appears literally.
fn link_target_span(text: &str, span: std::ops::Range<usize>, dest: &str) -> std::ops::Range<usize> {
    text.get(span.clone())
        .and_then(|s| s.find(dest))
        .map_or(span.clone(), |i| span.start + i..span.start + i + dest.len())
}

fn finish_heading(events: &mut [Event<'_>], start: usize, used: &mut HashSet<String>, headings: &mut Vec<Heading>) {
    let text: String = events[start + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Event::Start(Tag::Heading { level, id, .. }) = &mut events[start] {
        let wanted = match id {
            Some(explicit) => explicit.to_string(),
            None => {
                let slug = slugify(&text);
                if slug.is_empty() { "section".to_string() } else { slug }
            }
        };
        let mut unique = wanted.clone();
        let mut n = 1;
        while !used.insert(unique.clone()) {
            n += 1;
            unique = format!("{wanted}-{n}");
        }
        *id = Some(unique.clone().into());
        headings.push(Heading { level: heading_number(*level), id: unique, text });
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Escapes text for HTML, in attribute values as well as between tags.
pub(crate) fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}
