//! Lints on what a page's own HTML and link addresses would run: scripts,
//! event handlers, frames and `javascript:` addresses. Raw HTML is an error
//! unless `site.yaml` says `raw_html: allow` ([`crate::config::RawHtml`]);
//! where it is allowed, these are still warned about, because the
//! Content-Security-Policy silently blocks them and a page that needs them
//! is one visitors should not have to trust. A `javascript:` address in a
//! Markdown link is warned about whatever the setting.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::config::RawHtml;
use crate::content::Page;
use crate::diagnostic::{Code, Diagnostic};
use crate::render::markdown::{first_line, raw_html};
use crate::site::Site;

/// Lints the HTML and link addresses of `page`, whose Markdown parsed into
/// `events` (with their byte ranges in its body).
pub fn lint_html(site: &Site, page: &Page, events: &[(Event<'_>, Range<usize>)]) -> Vec<Diagnostic> {
    let allowed = site.config.raw_html == RawHtml::Allow;
    let base = page.split.body.start;
    let mut out = Vec::new();
    let mut block: Option<(String, Range<usize>)> = None;
    let mut pieces: Vec<(String, Range<usize>)> = Vec::new();
    for (event, range) in events.iter().cloned() {
        let span = base + range.start..base + range.end;
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some((String::new(), span)),
            Event::Html(html) => {
                if let Some((text, _)) = &mut block {
                    text.push_str(&html);
                }
            }
            Event::End(TagEnd::HtmlBlock) => pieces.extend(block.take()),
            Event::InlineHtml(html) => pieces.push((html.to_string(), span)),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if raw_html::is_javascript_url(&dest_url) =>
            {
                out.push(
                    Diagnostic::warning(Code::ScriptLink, "this link runs a script instead of leading to a page")
                        .at(&page.file, first_line(&page.file.text, span), "`javascript:` address")
                        .help("link to a page or a file; the site's Content-Security-Policy blocks scripts in links"),
                );
            }
            _ => {}
        }
    }
    if !allowed {
        // Every piece of markup is already an error where the page is rendered.
        return out;
    }
    for (html, span) in pieces {
        let stripped = raw_html::strip_comments(&html);
        for risk in raw_html::risks(&stripped.markup) {
            out.push(
                Diagnostic::warning(Code::UnsafeHtml, format!("this page's HTML has {risk}"))
                    .at(&page.file, first_line(&page.file.text, span.clone()), "runs code or loads another page")
                    .help(
                        "remove it: the site's Content-Security-Policy blocks scripts, event handlers and frames, \
                         and a visitor who may be watched must be able to trust that a page runs nothing else",
                    ),
            );
        }
    }
    out
}
