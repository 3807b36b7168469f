//! Content pages: an editor's Markdown page through its template, inside
//! the shared frame, with its children, its parent, its section's feed and
//! the alias pages that send its old addresses on to it.

use crate::content::{Page, PageKind};
use crate::diagnostic::{Code, Diagnostic};
use crate::output::OutputFile;
use crate::site::Site;
use crate::theme;
use crate::url::SitePath;

use super::context::{Alternate, FeedLink, PageLink, PageView};
use super::discovery;
use super::frame::{alternates, base_context, nav, switcher, version_of};
use super::help::{self, HELP_INDEX_KEY};
use super::markdown::{self, Env};
use super::rendered::RenderedFiles;

/// The template `page` is rendered with, or the problem when the theme has
/// no such template.
pub fn page_template(site: &Site, page: &Page) -> Result<String, Diagnostic> {
    let default_template = if page.key == HELP_INDEX_KEY { "help_index.html" } else { page.kind.default_template() };
    let template = page.split.front.template.clone().unwrap_or_else(|| default_template.to_string());
    if site.theme.has_template(&template) {
        return Ok(template);
    }
    Err(Diagnostic::error(Code::MissingThemeFile, format!("the theme has no template `{template}`"))
        .at(&page.file, crate::content::front_matter::value_span(&page.file, &page.split, "template"), "this template")
        .help("use one of the theme's templates, such as `page.html`, or remove `template:`"))
}

/// What decides which branches of its template a content page takes: the
/// template and language, and which of the optional values of its context
/// it has. Pages of one shape take the same branches, so `faro check`
/// renders one of each ([`super::check_planned`]).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Shape {
    template: String,
    lang: String,
    kind: PageKind,
    /// The languages it is published in (the switcher and `hreflang` links).
    versions: Vec<bool>,
    /// A parent, a feed, children, a current entry in the navigation, the
    /// help directory's index.
    links: [bool; 5],
    /// Front matter: description, summary, date, updated, content note,
    /// consent source, region, sources, aliases.
    front: [bool; 9],
    /// The text: headings, a first paragraph.
    text: [bool; 2],
    /// Some child, and every child, with a description, summary, date and
    /// content note.
    some_child: [bool; 4],
    every_child: [bool; 4],
}

impl Shape {
    pub fn of(site: &Site, page: &Page, template: String, rendered: &markdown::MarkdownHtml) -> Shape {
        let front = &page.split.front;
        let children = if page.is_section() { site.content.children_of(page) } else { Vec::new() };
        let child = |c: &&Page| {
            let f = &c.split.front;
            [f.description.is_some(), f.summary.is_some(), f.date.is_some(), f.content_note.is_some()]
        };
        let flags: Vec<[bool; 4]> = children.iter().map(child).collect();
        let some_child = std::array::from_fn(|i| flags.iter().any(|f| f[i]));
        let every_child = std::array::from_fn(|i| !flags.is_empty() && flags.iter().all(|f| f[i]));
        let parent = page.parent_key().and_then(|k| site.content.get(&k, &page.lang)).is_some_and(|p| p.published);
        Shape {
            template,
            lang: page.lang.clone(),
            kind: page.kind,
            versions: site.config.languages.iter().map(|l| version_of(site, page, &l.code).is_some()).collect(),
            links: [
                parent,
                feed_link(site, page).is_some(),
                !children.is_empty(),
                nav(site, page).iter().any(|link| link.current),
                page.key == HELP_INDEX_KEY,
            ],
            front: [
                front.description.is_some(),
                front.summary.is_some(),
                front.date.is_some(),
                front.updated.is_some(),
                front.content_note.is_some(),
                front.consent_source.is_some(),
                front.region.is_some(),
                !front.sources.is_empty(),
                !page.aliases.is_empty(),
            ],
            text: [!rendered.headings.is_empty(), !rendered.first_paragraph.trim().is_empty()],
            some_child,
            every_child,
        }
    }
}

/// A published page through its template, with its alias pages.
pub fn render_page(site: &Site, env: &Env<'_>, page: &Page) -> RenderedFiles {
    let rendered = markdown::render(page, env);
    let mut diags = rendered.diagnostics;
    let is_help_index = page.key == HELP_INDEX_KEY;
    let template = match page_template(site, page) {
        Ok(template) => template,
        Err(d) => {
            diags.push(d);
            return RenderedFiles { files: Vec::new(), problems: diags };
        }
    };
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
