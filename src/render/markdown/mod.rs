//! Markdown to HTML with pulldown-cmark, transformed on its event stream:
//! stable heading ids, content links resolved to the right language's URL,
//! root-relative links placed under the base path, ```` ```chart ````
//! blocks replaced by the named data set's chart ([`crate::stats`]), and
//! phone numbers in the text linked to their directory contact
//! ([`numbers`]). Problems (a link to a file that does not exist, a chart
//! that names no data set, a number the directory does not hold) are
//! reported at their line and column.
//!
//! What the page's own text may not carry is refused here too, where the
//! Markdown is parsed, so that nothing after this stage meets it: raw HTML
//! unless the site allows it ([`raw_html`]), an HTML comment that is never
//! closed, control characters, and nesting deeper than [`MAX_NESTING`].

pub mod numbers;
pub mod raw_html;

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::config::{Config, RawHtml};
use crate::content::links::{self, LinkError};
use crate::content::{Content, Page};
use crate::diagnostic::{Code, Diagnostic};
use crate::href::Hrefs;
use crate::html::escape_html;
use crate::site::Site;
use crate::static_files::{self, Missing, StaticFiles};
use crate::stats::{self, Stats};
use crate::url::slugify;

use numbers::{Numbers, Verdict};

/// Ids the page layout itself uses; headings never take them.
pub const RESERVED_IDS: &[&str] =
    &["main", "top", "exit", "site-nav", "lang-switch", "who-to-call", "footer", "content-note"];

/// How deep a page's elements may nest: lists, quotes, emphasis and the
/// page's own HTML inside one another. The HTML minifier and writer recurse
/// once per level and run on worker threads with 2 MiB stacks, where they
/// overflowed at about 1,100 levels (a list nested 550 deep: two elements
/// per level); a real page rarely goes past 10. The limit leaves the
/// stack ten times the room the deepest page needs, the theme's own
/// nesting included.
pub const MAX_NESTING: usize = 100;

/// One heading of a page, for anchors and tables of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A page's body as HTML, with what was learned while rendering it.
#[derive(Debug, Clone, Default)]
pub struct MarkdownHtml {
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
    /// The theme's interface strings (the charts' words).
    pub strings: &'a crate::theme::Strings,
    /// The help directory's numbers, for the numbers in page text.
    pub numbers: Numbers<'a>,
    /// The files in `static/`, for the page's images and file links.
    pub static_files: &'a StaticFiles,
}

impl<'a> Env<'a> {
    pub fn of(site: &'a Site) -> Self {
        Env {
            content: &site.content,
            config: &site.config,
            hrefs: &site.hrefs,
            stats: &site.stats,
            strings: &site.theme.strings,
            numbers: Numbers::of(&site.directory),
            static_files: &site.static_files,
        }
    }
}

/// Where a run of text sits, which decides what happens to its numbers.
#[derive(Debug, Default)]
struct Context {
    /// Inside a link's text, an image's alt text or a code block: left alone.
    link: usize,
    image: usize,
    code_block: bool,
    /// Struck through: a number shown as no longer valid ("~~01 800 …~~").
    struck: usize,
    /// Checked but not linked: a heading is the page's structure.
    heading: bool,
    /// The text so far of the paragraph, list item, cell or heading, for
    /// the words before a number that say how to use it.
    block_text: String,
}

impl Context {
    fn leaves_numbers_alone(&self) -> bool {
        self.link > 0 || self.image > 0 || self.code_block || self.struck > 0
    }
}

/// A page's body parsed: its Markdown events, each with its byte range in
/// the body. Parsed once, it can be both rendered and linted.
pub type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// Parses `page`'s body into its events.
pub fn parse(page: &Page) -> Events<'_> {
    events(page).collect()
}

/// `page`'s body's events as they are parsed.
fn events(page: &Page) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    Parser::new_ext(page.body(), options()).into_offset_iter()
}

/// Renders `page`'s body.
pub fn render(page: &Page, env: &Env<'_>) -> MarkdownHtml {
    render_events(page, env, events(page))
}

/// Renders `page`'s body from its events, as [`parse`] gives them.
pub fn render_events<'a>(
    page: &'a Page,
    env: &Env<'_>,
    parsed: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> MarkdownHtml {
    let base = page.split.body.start;
    let mut out = MarkdownHtml::default();
    out.diagnostics.extend(control_characters(page));
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();

    let mut in_first_paragraph = None::<bool>;
    let mut heading_at: Option<usize> = None;
    // The name written in a ```chart block, with where it was written.
    let mut chart: Option<(String, Range<usize>)> = None;
    let mut context = Context::default();
    let page_country = numbers::page_country(&page.split.front.regions);
    // Consecutive text events, joined before numbers are looked for in them.
    let mut pending: Vec<(CowStr<'_>, Range<usize>)> = Vec::new();
    // An HTML block's lines, kept until the block is judged whole.
    let mut html_block: Option<(Vec<Event<'_>>, String, Range<usize>)> = None;
    let mut nesting = Nesting::default();
    for (event, range) in parsed {
        let span = base + range.start..base + range.end;
        let deep = match &event {
            Event::Start(_) => {
                nesting.depth += 1;
                nesting.depth > MAX_NESTING
            }
            Event::End(_) => {
                nesting.depth -= 1;
                nesting.depth + 1 > MAX_NESTING
            }
            _ => nesting.depth > MAX_NESTING,
        };
        if deep {
            nesting.report(page, span, &mut out);
            continue;
        }
        if let Event::Text(text) = &event
            && chart.is_none()
            && html_block.is_none()
        {
            pending.push((text.clone(), span));
            continue;
        }
        if !pending.is_empty() {
            let first = in_first_paragraph == Some(true);
            let text = link_numbers(
                page,
                env,
                page_country,
                &mut context,
                std::mem::take(&mut pending),
                &mut events,
                &mut out,
            );
            if first {
                out.first_paragraph.push_str(&text);
            }
        }
        if let Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::Heading { .. } | Tag::BlockQuote(_)) =
            event
        {
            context.block_text.clear();
        }
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
            Event::Start(Tag::CodeBlock(_)) => {
                context.code_block = true;
                events.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                context.code_block = false;
                events.push(event);
            }
            Event::Start(Tag::HtmlBlock) => html_block = Some((vec![event], String::new(), span)),
            Event::Html(ref html) | Event::Text(ref html) if html_block.is_some() => {
                if let Some((held, text, _)) = &mut html_block {
                    text.push_str(html);
                    held.push(event);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((mut held, text, at)) = html_block.take() {
                    let at = at.start..span.end;
                    if own_html(page, env, &text, at, &mut nesting, &mut out) {
                        held.push(event);
                        events.append(&mut held);
                    }
                }
            }
            Event::InlineHtml(ref html) => {
                if own_html(page, env, html, span, &mut nesting, &mut out) {
                    events.push(event);
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                context.heading = true;
                heading_at = Some(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                context.heading = false;
                if let Some(start) = heading_at.take() {
                    finish_heading(&mut events, start, &mut used_ids, &mut out.headings);
                }
                events.push(event);
            }
            Event::Start(Tag::Strikethrough) => {
                context.struck += 1;
                events.push(event);
            }
            Event::End(TagEnd::Strikethrough) => {
                context.struck = context.struck.saturating_sub(1);
                events.push(event);
            }
            Event::End(TagEnd::Link) => {
                context.link = context.link.saturating_sub(1);
                events.push(event);
            }
            Event::End(TagEnd::Image) => {
                context.image = context.image.saturating_sub(1);
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
            Event::Code(ref text) if in_first_paragraph == Some(true) => {
                out.first_paragraph.push_str(text);
                events.push(event);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                context.link += 1;
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
                context.image += 1;
                check_file(page, env, &dest_url, span.clone(), true, &mut out.diagnostics);
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
    if !pending.is_empty() {
        link_numbers(page, env, page_country, &mut context, pending, &mut events, &mut out);
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

/// How deep the page is at the event being read: its Markdown containers,
/// and the elements its own HTML left open.
#[derive(Debug, Default)]
struct Nesting {
    depth: usize,
    html: usize,
    reported: bool,
}

impl Nesting {
    /// One error per page, at the first place that goes too deep.
    fn report(&mut self, page: &Page, span: Range<usize>, out: &mut MarkdownHtml) {
        if self.reported {
            return;
        }
        self.reported = true;
        out.diagnostics.push(
            Diagnostic::error(
                Code::TooDeeplyNested,
                format!("this part of the page is nested more than {MAX_NESTING} levels deep"),
            )
            .at(&page.file, first_line(&page.file.text, span), "too deep")
            .help(format!(
                "lists, quotes, emphasis and HTML elements inside one another may go {MAX_NESTING} levels \
                     deep; flatten this part of the page"
            )),
        );
    }
}

/// Looks for phone numbers in a run of text (the events in `texts`, joined)
/// and pushes it onto `events`, with each number of a directory contact that
/// works from the page's country as a link to that contact. Numbers the
/// directory does not hold, and obsolete ones, are reported. Returns the
/// joined text.
fn link_numbers<'a>(
    page: &Page,
    env: &Env<'_>,
    page_country: Option<&str>,
    context: &mut Context,
    texts: Vec<(CowStr<'a>, Range<usize>)>,
    events: &mut Vec<Event<'a>>,
    out: &mut MarkdownHtml,
) -> String {
    let joined: String = texts.iter().map(|(t, _)| t.as_ref()).collect();
    if context.leaves_numbers_alone() || env.numbers.is_empty() {
        events.extend(texts.into_iter().map(|(t, _)| Event::Text(t)));
        return joined;
    }
    let mut linked = Vec::new();
    for number in env.numbers.find(&joined, &context.block_text, page_country) {
        let written = &joined[number.range.clone()];
        let at = || source_span(&page.file.text, &texts, number.range.clone(), written);
        match number.verdict {
            Verdict::Link { href } if !context.heading => linked.push((number.range.clone(), href)),
            Verdict::Link { .. } | Verdict::Elsewhere => {}
            Verdict::Unknown { number: n } => out.diagnostics.push(
                Diagnostic::warning(
                    Code::NumberNotInDirectory,
                    format!("no directory entry has the number `{written}`"),
                )
                .at(&page.file, at(), "not in the help directory")
                .help(format!(
                    "a page should carry only numbers the directory vouches for: if a contact's number \
                         changed, write its current number here; otherwise add the service and its source to \
                         content/directory/, or take the number out ({})",
                    n.international
                )),
            ),
            Verdict::Obsolete { problem } => out.diagnostics.push(
                Diagnostic::error(problem.code(), problem.message)
                    .at(&page.file, at(), problem.label)
                    .help(format!("{}; to show it as an old number, strike it through: `~~{written}~~`", problem.help)),
            ),
        }
    }
    context.block_text.push_str(&joined);
    if linked.is_empty() {
        events.extend(texts.into_iter().map(|(t, _)| Event::Text(t)));
        return joined;
    }
    let mut done = 0;
    for (range, href) in linked {
        if range.start > done {
            events.push(Event::Text(joined[done..range.start].to_string().into()));
        }
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: href.to_string().into(),
            title: "".into(),
            id: "".into(),
        }));
        events.push(Event::Text(joined[range.clone()].to_string().into()));
        events.push(Event::End(TagEnd::Link));
        done = range.end;
    }
    if done < joined.len() {
        events.push(Event::Text(joined[done..].to_string().into()));
    }
    joined
}

/// Where `at` (a range of the joined text of `texts`) was written in the
/// file: exact where the text is the source as written, else the number
/// found in its event's source, else that event's whole source.
fn source_span(file_text: &str, texts: &[(CowStr<'_>, Range<usize>)], at: Range<usize>, written: &str) -> Range<usize> {
    let mut offset = 0;
    for (text, span) in texts {
        if at.start < offset + text.len() {
            let source = file_text.get(span.clone()).unwrap_or("");
            if source == text.as_ref() {
                let start = span.start + (at.start - offset);
                return start..(start + written.len()).min(span.end);
            }
            return source.find(written).map_or(span.clone(), |i| span.start + i..span.start + i + written.len());
        }
        offset += text.len();
    }
    texts.last().map_or(0..0, |(_, span)| span.clone())
}

/// Judges a piece of the page's own HTML: an unclosed comment is always an
/// error, markup other than comments is one unless the site allows raw
/// HTML, and allowed markup counts toward the nesting limit. Returns whether
/// the piece goes into the page.
fn own_html(
    page: &Page,
    env: &Env<'_>,
    html: &str,
    span: Range<usize>,
    nesting: &mut Nesting,
    out: &mut MarkdownHtml,
) -> bool {
    let stripped = raw_html::strip_comments(html);
    let source = page.file.text.get(span.clone()).unwrap_or("");
    if let Some(at) = stripped.unclosed_comment {
        let start = if source.len() == html.len() {
            span.start + at
        } else {
            source.find("<!--").map_or(span.start, |i| span.start + i)
        };
        out.diagnostics.push(
            Diagnostic::error(Code::UnclosedHtmlComment, "this HTML comment is never closed")
                .at(&page.file, start..start + 4, "`<!--` without `-->`")
                .help(
                    "close it with `-->`, or remove it: a browser hides everything after an unclosed comment, \
                     the quick exit and the numbers to call included",
                ),
        );
        return false;
    }
    if !stripped.has_markup() {
        return true;
    }
    if env.config.raw_html == RawHtml::Deny {
        out.diagnostics.push(
            Diagnostic::error(Code::RawHtml, "this page writes HTML of its own")
                .at(&page.file, first_line(&page.file.text, span), "raw HTML")
                .help(
                    "write it in Markdown instead; a site that needs HTML in its pages can set \
                     `raw_html: allow` in content/site.yaml",
                ),
        );
        return false;
    }
    let opened = nesting.html as isize + raw_html::net_depth(&stripped.markup);
    nesting.html = opened.max(0).unsigned_abs();
    if nesting.depth + nesting.html > MAX_NESTING {
        nesting.report(page, span, out);
        return false;
    }
    true
}

/// The part of `span` on its first line, so a block is pointed at by its
/// first line rather than underlined whole.
pub(crate) fn first_line(text: &str, span: Range<usize>) -> Range<usize> {
    let end = text.get(span.clone()).and_then(|s| s.find('\n')).map_or(span.end, |i| span.start + i);
    span.start..end
}

/// A NUL byte or another control character in the page's text: invisible in
/// an editor, written into the HTML, and read differently by each browser.
/// One error at the first, counting the rest.
fn control_characters(page: &Page) -> Option<Diagnostic> {
    let base = page.split.body.start;
    let mut found = page.body().char_indices().filter(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    let (at, c) = found.next()?;
    let also = match found.count() {
        0 => String::new(),
        1 => " and 1 more".to_string(),
        n => format!(" and {n} more"),
    };
    Some(
        Diagnostic::error(
            Code::ControlCharacter,
            format!("this page contains a control character (U+{:04X}){also}", u32::from(c)),
        )
        .at(&page.file, base + at..base + at + c.len_utf8(), "control character")
        .help(
            "delete it: control characters are invisible in most editors and break the page in browsers; \
                 text pasted from another program often brings them along",
        ),
    )
}

/// The chart of the data set `name`, or an error at `at` when there is none.
fn embed_chart(page: &Page, env: &Env<'_>, name: &str, at: Range<usize>, diagnostics: &mut Vec<Diagnostic>) -> String {
    if let Some(set) = env.stats.get(name) {
        // In a partly translated language, the chart comes whole from down
        // its chain, marked with the language it is in.
        let shown_in = stats::chart_language(env.config, set, &page.lang);
        let figure = stats::svg::figure(set, shown_in, &stats::svg::Words::of(env.strings, shown_in));
        return if shown_in == page.lang { figure } else { format!("<div lang=\"{shown_in}\">\n{figure}</div>\n") };
    }
    let span = page.file.text.get(at.clone()).map_or(at.clone(), |text| {
        let start = at.start + (text.len() - text.trim_start().len());
        start..start + text.trim().len()
    });
    if env.stats.failed.contains(name) {
        diagnostics.push(
            Diagnostic::error(Code::DataSetHasErrors, format!("the data set `{name}` has errors (above)"))
                .at(&page.file, span, "cannot be drawn yet")
                .help(format!(
                    "fix the errors reported in content/stats/{name}.yaml; the chart is drawn once they are"
                )),
        );
        return String::new();
    }
    if env.stats.held_back.contains(name) {
        diagnostics.push(
            Diagnostic::error(Code::DraftDataSet, format!("the data set `{name}` is a draft"))
                .at(&page.file, span, "not published")
                .help(format!(
                    "remove `draft: true` from content/stats/{name}.yaml to publish it, \
                     or build with --drafts to preview it"
                )),
        );
        return String::new();
    }
    let message = if name.is_empty() {
        "this chart block names no data set".to_string()
    } else {
        format!("there is no data set `{name}` to draw")
    };
    diagnostics.push(
        Diagnostic::error(Code::UnknownDataSet, message)
            .at(&page.file, span, "no such data set")
            .help(stats::unknown_chart_help(env.stats, name)),
    );
    String::new()
}

enum Dest {
    Plain(String),
    OtherLanguage { url: String, lang: String },
}

fn rewrite_dest(page: &Page, env: &Env<'_>, dest: &str, span: Range<usize>, diagnostics: &mut Vec<Diagnostic>) -> Dest {
    if dest.starts_with('/') {
        check_file(page, env, dest, span, false, diagnostics);
        return Dest::Plain(env.hrefs.rebase(&page.path, dest));
    }
    if !links::is_content_link(dest) {
        check_file(page, env, dest, span, false, diagnostics);
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
            diagnostics
                .push(Diagnostic::error(Code::BrokenLink, message).at(&page.file, link_span, "broken link").help(help));
            Dest::Plain("#".to_string())
        }
    }
}

/// Reports an image, or a link to a file, that `static/` does not hold
/// (see [`static_files`]).
fn check_file(
    page: &Page,
    env: &Env<'_>,
    dest: &str,
    span: Range<usize>,
    image: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(missing) = static_files::missing(env.static_files, &page.path.url(), dest, image) else {
        return;
    };
    let what = if image { "this image" } else { "this link" };
    let (message, help) = match missing {
        Missing::NotInStatic(path) => (
            format!("{what} leads to `{dest}`, which is not in static/"),
            format!(
                "put the file at static/{path}, or correct the path; a file in static/ is published at the same \
                 path from the site's root (static/img/map.png as /img/map.png)"
            ),
        ),
        Missing::Outside => (
            format!("{what} leads to `{dest}`, above the site's root"),
            "start the path with `/` and name it from the site's root, as in /img/map.png".to_string(),
        ),
    };
    let label = if image { "missing image" } else { "missing file" };
    let at = link_target_span(&page.file.text, span, dest);
    diagnostics.push(Diagnostic::error(Code::MissingStaticFile, message).at(&page.file, at, label).help(help));
}

/// Narrows a link's span to its destination when it appears literally.
fn link_target_span(text: &str, span: Range<usize>, dest: &str) -> Range<usize> {
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
