//! Content pages: an editor's Markdown page through its template, inside
//! the shared frame, with its children, its parent, its section's feed and
//! the alias pages that send its old addresses on to it.

use crate::content::Page;
use crate::diagnostic::{Code, Diagnostic};
use crate::output::OutputFile;
use crate::site::Site;
use crate::theme;
use crate::url::SitePath;

use super::context::{Alternate, FeedLink, PageLink, PageView};
use super::discovery;
use super::frame::{alternates, base_context, nav, switcher};
use super::help::{self, HELP_INDEX_KEY};
use super::markdown::{self, Env};
use super::rendered::RenderedFiles;

/// A published page through its template, with its alias pages.
pub fn render_page(site: &Site, env: &Env<'_>, page: &Page) -> RenderedFiles {
    let rendered = markdown::render(page, env);
    let mut diags = rendered.diagnostics;
    let is_help_index = page.key == HELP_INDEX_KEY;
    let default_template = if is_help_index { "help_index.html" } else { page.kind.default_template() };
    let template = page.split.front.template.clone().unwrap_or_else(|| default_template.to_string());
    if !site.theme.has_template(&template) {
        diags.push(
            Diagnostic::error(Code::MissingThemeFile, format!("the theme has no template `{template}`"))
                .at(
                    &page.file,
                    crate::content::front_matter::value_span(&page.file, &page.split, "template"),
                    "this template",
                )
                .help("use one of the theme's templates, such as `page.html`, or remove `template:`"),
        );
        return RenderedFiles { files: Vec::new(), problems: diags };
    }
    let hrefs = &site.hrefs;
    let front = &page.split.front;
    let description = front
        .description
        .clone()
        .or_else(|| front.summary.clone())
        .or_else(|| Some(truncate_words(&rendered.first_paragraph, 160)).filter(|s| !s.is_empty()))
        .or_else(|| site.config.description.get(&page.lang).cloned())
        .unwrap_or_default();
    let view = PageView {
        title: &front.title,
        description,
        content: rendered.html,
        kind: page.kind,
        date: front.date,
        updated: front.updated,
        content_note: front.content_note.as_deref(),
        consent_source: front.consent_source.as_ref(),
        summary: front.summary.as_deref(),
        region: front.region.as_deref(),
        sources: &front.sources,
        headings: rendered.headings,
        href: hrefs.to(&page.path, &page.path),
        permalink: hrefs.permalink(&page.path),
    };
    let mut ctx = base_context(site, &page.lang, &page.path);
    ctx.insert("page", &view);
    ctx.insert("canonical", &view.permalink);
    ctx.insert("alternates", &alternates(site, page));
    ctx.insert("switcher", &switcher(site, page));
    ctx.insert("nav", &nav(site, page));
    ctx.insert("feed", &feed_link(site, page));
    let children: Vec<PageLink<'_>> = if page.is_section() {
        site.content
            .children_of(page)
            .into_iter()
            .map(|c| PageLink::new(c, hrefs.to(&page.path, &c.path), false))
            .collect()
    } else {
        Vec::new()
    };
    ctx.insert("children", &children);
    if is_help_index {
        ctx.insert("help", &help::index_view(site, &page.lang, &page.path));
    }
    if let Some(parent) = page.parent_key().and_then(|k| site.content.get(&k, &page.lang)).filter(|p| p.published) {
        ctx.insert("parent", &PageLink::new(parent, hrefs.to(&page.path, &parent.path), false));
    }

    let mut files = Vec::new();
    match site.theme.tera.render(&template, &ctx) {
        Ok(html) => {
            files.push(OutputFile::html(page.path.output_file(), html).from_source(page.file.display_path()));
        }
        Err(err) => {
            diags.push(theme::template_error(&err, &site.theme.files));
        }
    }
    for alias in &page.aliases {
        match render_alias(site, page, alias) {
            Ok(file) => files.push(file.from_source(page.file.display_path())),
            Err(d) => diags.push(d),
        }
    }
    RenderedFiles { files, problems: diags }
}

/// The feed a page points to: its own when it is a section with dated pages,
/// else its section's.
fn feed_link(site: &Site, page: &Page) -> Option<FeedLink> {
    let section = if page.is_section() {
        page
    } else {
        page.parent_key().and_then(|k| site.content.get(&k, &page.lang)).filter(|p| p.published)?
    };
    let path = discovery::feed_path(site, section)?;
    Some(FeedLink { href: site.hrefs.to(&page.path, &path), title: section.title().to_string() })
}

/// A small page at an old address that sends the visitor on.
fn render_alias(site: &Site, page: &Page, alias: &SitePath) -> Result<OutputFile, Diagnostic> {
    let mut ctx = base_context(site, &page.lang, alias);
    ctx.insert("target_href", &site.hrefs.to(alias, &page.path));
    ctx.insert("canonical", &site.hrefs.permalink(&page.path));
    ctx.insert("target_title", &page.split.front.title);
    ctx.insert("alternates", &Vec::<Alternate>::new());
    site.theme
        .tera
        .render("alias.html", &ctx)
        .map(|html| OutputFile::html(alias.output_file(), html))
        .map_err(|err| theme::template_error(&err, &site.theme.files))
}

fn truncate_words(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}
