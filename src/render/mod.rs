//! Rendering: every published page through Markdown and its template, in
//! parallel, plus the pages the generator writes itself (the bilingual landing
//! page, the 404 page, alias pages), the files that list them (sitemap,
//! robots.txt, feeds) and the directory as open data ([`crate::export`]).

mod context;
pub mod discovery;
pub mod help;
pub mod outreach;
pub mod policy;
mod qr;

use std::path::PathBuf;

use rayon::prelude::*;
use tera::Context;

use crate::content::url::SitePath;
use crate::content::{Page, PageKind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::directory::regions::Region;
use crate::markdown::{self, Env};
use crate::output::OutputFile;
use crate::site::Site;
use crate::theme;

use context::{Alternate, FeedLink, LanguageView, PageLink, PageView, SwitchTarget};
use discovery::Listed;

/// What rendering one page gives: its files and its problems.
type Rendered = (Vec<OutputFile>, Vec<Diagnostic>);

/// One file a build writes, known before anything is rendered: every path
/// follows from the site, so clashes are found before a page is rendered and
/// pages can be written as they are rendered.
#[derive(Debug)]
pub struct Planned {
    /// Inside the output folder.
    pub path: PathBuf,
    /// The editor's file it comes from, or `None` for what the generator
    /// writes on its own (as [`OutputFile::source`]).
    pub source: Option<String>,
    /// An HTML page (minified when written).
    pub page: bool,
}

/// What renders some of the planned files.
enum Job<'a> {
    Landing,
    /// A published page, with its alias pages.
    Page(&'a Page),
    Help(&'a str, HelpPage<'a>),
    NotFound,
    Feed(&'a Page),
    /// Made while planning (the open data files, which are small).
    Ready(OutputFile),
    Sitemap,
    Robots,
    Headers,
}

/// Every file of the site, by path, and how to render it.
pub struct Plan<'a> {
    pub files: Vec<Planned>,
    jobs: Vec<Job<'a>>,
    /// Problems found while planning.
    diags: Vec<Diagnostic>,
}

/// Plans every file of the site, in the order a build lists them: the
/// landing page, each published page and its aliases, the help directory's
/// pages, the 404 page, the feeds, the open data, the sitemap, robots.txt
/// and the headers file.
pub fn plan(site: &Site) -> Plan<'_> {
    let mut plan = Plan { files: Vec::new(), jobs: Vec::new(), diags: Vec::new() };
    let page = |path: PathBuf, source: Option<String>| Planned { path, source, page: true };
    let bytes = |path: PathBuf| Planned { path, source: None, page: false };
    plan.files.push(page(SitePath::root().output_file(), None));
    plan.jobs.push(Job::Landing);
    for p in site.content.published() {
        let source = p.file.display_path();
        plan.files.push(page(p.path.output_file(), Some(source.clone())));
        plan.files.extend(p.aliases.iter().map(|alias| page(alias.output_file(), Some(source.clone()))));
        plan.jobs.push(Job::Page(p));
    }
    let missing = missing_help_templates(site);
    if missing.is_empty() {
        for (lang, help_page) in help_jobs(site) {
            plan.files.push(page(help_page.path(site, lang).output_file(), None));
            plan.jobs.push(Job::Help(lang, help_page));
        }
    }
    plan.diags.extend(missing);
    plan.files.push(page(not_found_path().output_file(), None));
    plan.jobs.push(Job::NotFound);
    for section in site.content.published().filter(|p| p.is_section()) {
        if let Some(path) = discovery::feed_path(site, section) {
            plan.files.push(bytes(path.output_file()));
            plan.jobs.push(Job::Feed(section));
        }
    }
    for file in crate::export::files(site) {
        plan.files.push(Planned { path: file.path.clone(), source: file.source.clone(), page: false });
        plan.jobs.push(Job::Ready(file));
    }
    for (path, job) in [("sitemap.xml", Job::Sitemap), ("robots.txt", Job::Robots), ("_headers", Job::Headers)] {
        plan.files.push(bytes(path.into()));
        plan.jobs.push(job);
    }
    plan
}

/// Renders every planned file in parallel and hands each to `emit` as soon
/// as it is made, in the same task: a build writes it and keeps nothing.
/// Returns every problem found, or the first error of `emit`.
pub fn render_planned<E: Send>(
    site: &Site,
    plan: Plan<'_>,
    emit: impl Fn(OutputFile) -> Result<(), E> + Sync,
) -> Result<Diagnostics, E> {
    let env = Env::of(site);
    let mut diags: Diagnostics = plan.diags.into_iter().collect();
    let found: Vec<Vec<Diagnostic>> = plan
        .jobs
        .into_par_iter()
        .map(|job| {
            let (files, problems) = render_job(site, &env, job);
            files.into_iter().try_for_each(&emit)?;
            Ok(problems)
        })
        .collect::<Result<_, E>>()?;
    diags.extend(found.into_iter().flatten());
    Ok(diags)
}

/// What `faro check` finds by rendering, without rendering every page
/// through its template: every page's Markdown (its links, numbers, charts
/// and own HTML) with the headings the lints need, the missing templates,
/// and the generated pages (the help directory's, the landing and 404
/// pages, whose problems come from the directory, not from pages).
///
/// A template is rendered with one page of each [`Shape`]: per template and
/// language, once for every combination of the optional values its context
/// has or lacks (a parent, a feed, a date, a content note, children with or
/// without a summary…), so every branch that depends on what a page has is
/// taken. A template mistake that shows only with one page's particular
/// values is found by `build`, which renders every page. The sample is the
/// first page of each shape in the site's order, so the same site gives the
/// same diagnostics on every run.
pub fn check_planned<'a>(site: &'a Site, plan: Plan<'a>) -> (Diagnostics, Vec<(&'a Page, Vec<markdown::Heading>)>) {
    let env = Env::of(site);
    let mut diags: Diagnostics = plan.diags.into_iter().collect();
    let (pages, generated): (Vec<Job<'a>>, Vec<Job<'a>>) =
        plan.jobs.into_iter().partition(|job| matches!(job, Job::Page(_)));
    let pages: Vec<&Page> = pages
        .into_iter()
        .filter_map(|job| match job {
            Job::Page(page) => Some(page),
            _ => None,
        })
        .collect();
    let first_pass: Vec<(Vec<Diagnostic>, Vec<markdown::Heading>, Option<Shape>)> = pages
        .par_iter()
        .map(|page| {
            let mut rendered = markdown::render(page, &env);
            match page_template(site, page) {
                Ok(template) => {
                    let shape = Shape::of(site, page, template, &rendered);
                    (rendered.diagnostics, rendered.headings, Some(shape))
                }
                Err(d) => {
                    rendered.diagnostics.push(d);
                    (rendered.diagnostics, rendered.headings, None)
                }
            }
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut first_pass = first_pass;
    let sampled: Vec<bool> =
        first_pass.iter_mut().map(|(_, _, shape)| shape.take().is_some_and(|s| seen.insert(s))).collect();
    let found: Vec<Vec<Diagnostic>> = first_pass
        .par_iter_mut()
        .zip(&pages)
        .zip(&sampled)
        .map(|(((markdown_diags, _, _), page), &sampled)| {
            // A sampled page's rendering reports its Markdown's problems too.
            if sampled { render_page(site, &env, page).1 } else { std::mem::take(markdown_diags) }
        })
        .collect();
    diags.extend(found.into_iter().flatten());
    let generated = generated.into_par_iter().filter(|job| matches!(job, Job::Landing | Job::NotFound | Job::Help(..)));
    let found: Vec<Vec<Diagnostic>> = generated.map(|job| render_job(site, &env, job).1).collect();
    diags.extend(found.into_iter().flatten());
    let headings = pages.into_iter().zip(first_pass).map(|(page, (_, headings, _))| (page, headings)).collect();
    (diags, headings)
}

/// What decides which branches of its template a content page takes: the
/// template and language, and which of the optional values of its context
/// it has. Pages of one shape take the same branches, so `faro check`
/// renders one of each ([`check_planned`]).
#[derive(Clone, PartialEq, Eq, Hash)]
struct Shape {
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
    fn of(site: &Site, page: &Page, template: String, rendered: &markdown::Rendered) -> Shape {
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

fn render_job(site: &Site, env: &Env<'_>, job: Job<'_>) -> Rendered {
    let one = |made: Result<OutputFile, Diagnostic>| match made {
        Ok(file) => (vec![file], Vec::new()),
        Err(d) => (Vec::new(), vec![d]),
    };
    let bytes = |path: &str, text: String| (vec![OutputFile::bytes(path.into(), text.into_bytes())], Vec::new());
    match job {
        Job::Landing => one(render_landing(site)),
        Job::Page(page) => render_page(site, env, page),
        Job::Help(lang, help_page) => render_help_page(site, lang, help_page),
        Job::NotFound => one(render_404(site)),
        Job::Feed(section) => match discovery::feed_path(site, section) {
            Some(path) => {
                (vec![OutputFile::bytes(path.output_file(), discovery::feed(site, section).into_bytes())], Vec::new())
            }
            None => (Vec::new(), Vec::new()),
        },
        Job::Ready(file) => (vec![file], Vec::new()),
        Job::Sitemap => (vec![sitemap_file(site)], Vec::new()),
        Job::Robots => bytes("robots.txt", discovery::robots(site)),
        Job::Headers => bytes("_headers", policy::headers_file(&site.theme)),
    }
}

/// `sitemap.xml`: every page the site renders, as [`listed`] gives them.
pub fn sitemap_file(site: &Site) -> OutputFile {
    OutputFile::bytes("sitemap.xml".into(), discovery::sitemap(site, &listed(site)).into_bytes())
}

/// Every page of the site for the sitemap, in the order they are rendered:
/// the landing page, the published content pages, then the help directory's
/// pages. Alias pages, which only send visitors on, are left out.
pub fn listed(site: &Site) -> Vec<Listed> {
    let mut listed = vec![Listed { path: SitePath::root(), alternates: Vec::new(), updated: None }];
    listed.extend(site.content.published().map(|page| {
        let front = &page.split.front;
        Listed { path: page.path.clone(), alternates: alternates(site, page), updated: front.updated.or(front.date) }
    }));
    listed.extend(help_jobs(site).into_iter().map(|(lang, help_page)| {
        let path = help_page.path(site, lang);
        Listed { path, alternates: help_alternates(site, help_page), updated: None }
    }));
    listed
}

/// Renders one published page again, with its alias pages: what changes
/// when only the page's body was edited.
pub fn render_one(site: &Site, key: &str, lang: &str) -> (Vec<OutputFile>, Diagnostics) {
    let Some(page) = site.content.get(key, lang).filter(|p| p.published) else {
        return (Vec::new(), Diagnostics::new());
    };
    let env = Env::of(site);
    let (files, diags) = render_page(site, &env, page);
    (files, diags.into_iter().collect())
}

/// The template `page` is rendered with, or the problem when the theme has
/// no such template.
fn page_template(site: &Site, page: &Page) -> Result<String, Diagnostic> {
    let default_template = if page.key == HELP_INDEX_KEY { "help_index.html" } else { page.kind.default_template() };
    let template = page.split.front.template.clone().unwrap_or_else(|| default_template.to_string());
    if site.theme.has_template(&template) {
        return Ok(template);
    }
    Err(Diagnostic::error(format!("the theme has no template `{template}`"))
        .at(&page.file, crate::content::front_matter::value_span(&page.file, &page.split, "template"), "this template")
        .help("use one of the theme's templates, such as `page.html`, or remove `template:`"))
}

fn render_page(site: &Site, env: &Env<'_>, page: &Page) -> Rendered {
    let rendered = markdown::render(page, env);
    let mut diags = rendered.diagnostics;
    let is_help_index = page.key == HELP_INDEX_KEY;
    let template = match page_template(site, page) {
        Ok(template) => template,
        Err(d) => {
            diags.push(d);
            return (Vec::new(), diags);
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
    (files, diags)
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

/// The content page whose text introduces the help index, when editors write one.
const HELP_INDEX_KEY: &str = "help/_index";

/// A page of the help directory the generator writes itself.
#[derive(Clone, Copy)]
enum HelpPage<'a> {
    /// The list of regions, in languages without a `help/_index` page.
    Index,
    Region(&'a Region),
    Flyer(&'a Region),
    Cards(&'a Region),
    /// The list of every flyer and card sheet.
    PrintIndex,
}

impl HelpPage<'_> {
    fn path(self, site: &Site, lang: &str) -> SitePath {
        match self {
            HelpPage::Index => help::index_path(site, lang),
            HelpPage::Region(r) => help::region_path(site, lang, r),
            HelpPage::Flyer(r) => outreach::flyer_path(site, lang, r),
            HelpPage::Cards(r) => outreach::cards_path(site, lang, r),
            HelpPage::PrintIndex => outreach::index_path(site, lang),
        }
    }

    /// The page's heading, its words marked where they come from a
    /// fallback language; [`crate::lang::Text::as_str`] is its `<title>`.
    fn heading(self, site: &Site, lang: &str) -> crate::lang::Text {
        use crate::lang::Text;
        let t = |key: &str| site.theme.strings.text(lang, key);
        let named = |key: &str, r: &Region| {
            let parts = [t(key), Text::native(": ", lang), r.name_for(&site.config, lang)];
            Text::join(&parts, &Text::native("", lang))
        };
        match self {
            HelpPage::Index => t("help_title"),
            HelpPage::Region(r) => named("help_title", r),
            HelpPage::Flyer(r) => named("print_flyer_title", r),
            HelpPage::Cards(r) => named("print_cards_title", r),
            HelpPage::PrintIndex => t("print_index_title"),
        }
    }

    fn description(self, site: &Site, lang: &str) -> crate::lang::Text {
        let key = match self {
            HelpPage::Index | HelpPage::Region(_) => "help_intro",
            HelpPage::Flyer(_) | HelpPage::Cards(_) | HelpPage::PrintIndex => "print_intro",
        };
        site.theme.strings.text(lang, key)
    }

    fn template(self) -> &'static str {
        match self {
            HelpPage::Index => "help_index.html",
            HelpPage::Region(_) => "help_region.html",
            HelpPage::Flyer(_) => "help_flyer.html",
            HelpPage::Cards(_) => "help_cards.html",
            HelpPage::PrintIndex => "help_print.html",
        }
    }
}

/// The problems of a theme made before a kind of help page existed, which
/// lacks its template: said once, not once per region and language. When
/// there are any, the help directory's pages are not rendered.
fn missing_help_templates(site: &Site) -> Vec<Diagnostic> {
    let mut missing = Vec::new();
    let Some(region) = site.directory.regions.first() else {
        return missing;
    };
    let kinds = [
        HelpPage::Index,
        HelpPage::Region(region),
        HelpPage::Flyer(region),
        HelpPage::Cards(region),
        HelpPage::PrintIndex,
    ];
    for template in kinds.map(HelpPage::template) {
        if !site.theme.has_template(template) {
            let d = Diagnostic::error(format!("the theme has no template `{template}`"))
                .in_file(format!("{}/templates/{template}", site.theme.origin))
                .help(format!(
                    "the help directory's pages need it: copy themes/default/templates/{template} into the theme"
                ));
            missing.push(d);
        }
    }
    missing
}

/// The help directory's pages in each language: the index (where no
/// `help/_index` page replaces it), the print index, and per region its
/// page, flyer and wallet cards.
fn help_jobs(site: &Site) -> Vec<(&str, HelpPage<'_>)> {
    let mut jobs: Vec<(&str, HelpPage<'_>)> = Vec::new();
    if site.directory.regions.is_empty() {
        return jobs;
    }
    for lang in site.config.language_codes() {
        if site.content.get(HELP_INDEX_KEY, lang).is_none_or(|p| !p.published) {
            jobs.push((lang, HelpPage::Index));
        }
        jobs.push((lang, HelpPage::PrintIndex));
        for region in &site.directory.regions {
            jobs.extend(
                [HelpPage::Region(region), HelpPage::Flyer(region), HelpPage::Cards(region)].map(|p| (lang, p)),
            );
        }
    }
    jobs
}

/// A help page's `hreflang` links: it exists in every language.
fn help_alternates(site: &Site, help_page: HelpPage<'_>) -> Vec<Alternate> {
    let default = help_page.path(site, &site.config.default_language);
    alternate_links(site, |l| Some(help_page.path(site, l)), &default)
}

fn render_help_page(site: &Site, lang: &str, help_page: HelpPage<'_>) -> Rendered {
    let hrefs = &site.hrefs;
    let at = help_page.path(site, lang);
    let heading = help_page.heading(site, lang);
    let title = heading.as_str().to_string();
    let intro = help_page.description(site, lang);
    let description = intro.as_str().to_string();
    let content = if intro.is_fallback() {
        format!("<p lang=\"{}\">{}</p>", intro.lang(), crate::markdown::escape_html(&description))
    } else {
        format!("<p>{}</p>", crate::markdown::escape_html(&description))
    };
    let region = match help_page {
        HelpPage::Region(r) | HelpPage::Flyer(r) | HelpPage::Cards(r) => Some(r),
        HelpPage::Index | HelpPage::PrintIndex => None,
    };
    let view = PageView {
        title: &title,
        description: description.clone(),
        content,
        kind: PageKind::Page,
        date: None,
        updated: None,
        content_note: None,
        consent_source: None,
        summary: None,
        region: region.map(|r| r.code.as_str()),
        sources: &[],
        headings: Vec::new(),
        href: hrefs.to(&at, &at),
        permalink: hrefs.permalink(&at),
    };
    let mut ctx = base_context(site, lang, &at);
    ctx.insert("page", &view);
    ctx.insert("heading", &heading);
    ctx.insert("canonical", &view.permalink);
    ctx.insert("alternates", &help_alternates(site, help_page));
    ctx.insert("switcher", &switch_targets(site, lang, &at, |l: &str| Some(help_page.path(site, l))));
    ctx.insert("nav", &nav_for(site, lang, &at, HELP_INDEX_KEY));
    ctx.insert("children", &Vec::<PageLink<'_>>::new());
    if let HelpPage::Region(r) | HelpPage::Flyer(r) | HelpPage::Cards(r) = help_page
        && let Some(block) = help::who_to_call(site, lang, &at, Some(&r.country))
    {
        // A page about one country offers only what works from there.
        ctx.insert("who_to_call", &block);
    }
    match help_page {
        HelpPage::Index => ctx.insert("help", &help::index_view(site, lang, &at)),
        HelpPage::Region(r) => ctx.insert("help", &help::region_view(site, lang, r, &at)),
        HelpPage::Flyer(r) | HelpPage::Cards(r) => {
            match outreach::sheet_view(site, lang, r, &at, matches!(help_page, HelpPage::Cards(_))) {
                Ok(sheet) => ctx.insert("sheet", &sheet),
                Err(d) => return (Vec::new(), vec![d]),
            }
        }
        HelpPage::PrintIndex => ctx.insert("print", &outreach::index_view(site, lang, &at)),
    }
    match site.theme.tera.render(help_page.template(), &ctx) {
        Ok(html) => (vec![OutputFile::html(at.output_file(), html)], Vec::new()),
        Err(err) => (Vec::new(), vec![theme::template_error(&err, &site.theme.files)]),
    }
}

/// Variables every template gets.
fn base_context(site: &Site, lang: &str, at: &SitePath) -> Context {
    let hrefs = &site.hrefs;
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("lang_name", &site.config.language(lang).map(|l| l.name.as_str()).unwrap_or(lang));
    ctx.insert("site_title", site.config.title.get(lang).map(String::as_str).unwrap_or(""));
    // `t` for element content, strings from a fallback language marked with
    // it; `t_plain` for attributes and `<title>`, which cannot carry markup.
    // Made once and shared by every page (see `Theme::strings_values`).
    let (t, t_plain) = site.theme.strings_values(lang);
    ctx.insert_value("t", t);
    ctx.insert_value("t_plain", t_plain);
    let [css, page_css, script] = site.theme.style_values();
    ctx.insert_value("css", css);
    ctx.insert_value("page_css", page_css);
    ctx.insert_value("script", script);
    ctx.insert("csp", policy::content_security_policy(&site.theme));
    ctx.insert("exit_url", site.config.exit_url_for(lang));
    ctx.insert("single_history", &site.config.single_history);
    ctx.insert("preview", &site.preview);
    let home = SitePath::root().join(lang);
    ctx.insert("home_href", &hrefs.to(at, &home));
    ctx.insert("root_href", &hrefs.to(at, &SitePath::root()));
    if let Some(safety) = safety_page(site, lang) {
        ctx.insert("safety_href", &hrefs.to(at, safety));
    }
    if let Some(block) = help::who_to_call(site, lang, at, None) {
        ctx.insert("who_to_call", &block);
    }
    ctx
}

/// The address of the safety page in `lang`, when it is published.
fn safety_page<'a>(site: &'a Site, lang: &str) -> Option<&'a SitePath> {
    site.content.get("safety", lang).filter(|p| p.published).map(|p| &p.path)
}

/// Where a language's visitors start: its home page, or in a partly
/// translated language without one, its who-to-call index (which every
/// language has when the directory names regions).
fn home_of(site: &Site, lang: &str) -> SitePath {
    let has_home = site.content.get("_index", lang).is_some_and(|p| p.published);
    if has_home || site.directory.regions.is_empty() {
        SitePath::root().join(lang)
    } else {
        help::index_path(site, lang)
    }
}

/// The published version of `page` in `lang`, if any.
fn version_of(site: &Site, page: &Page, lang: &str) -> Option<SitePath> {
    site.content.get(&page.key, lang).filter(|p| p.published).map(|p| p.path.clone())
}

fn alternates(site: &Site, page: &Page) -> Vec<Alternate> {
    let default = version_of(site, page, &site.config.default_language).unwrap_or_else(|| page.path.clone());
    alternate_links(site, |lang| version_of(site, page, lang), &default)
}

fn switcher(site: &Site, page: &Page) -> Vec<SwitchTarget> {
    switch_targets(site, &page.lang, &page.path, |lang| version_of(site, page, lang))
}

/// `hreflang` links: the version in each language that has one, in the
/// settings' order, then `x-default`.
fn alternate_links(site: &Site, version_in: impl Fn(&str) -> Option<SitePath>, default: &SitePath) -> Vec<Alternate> {
    let hrefs = &site.hrefs;
    site.config
        .languages
        .iter()
        .filter_map(|l| {
            version_in(&l.code).map(|path| Alternate { hreflang: l.code.clone(), href: hrefs.permalink(&path) })
        })
        .chain(std::iter::once(Alternate { hreflang: "x-default".into(), href: hrefs.permalink(default) }))
        .collect()
}

/// The language switcher of the page at `at` in `lang`: each other language's
/// version, or where that language's visitors start ([`home_of`]), marked as
/// such, when there is none (a Markdown page not translated into a partly
/// translated language).
fn switch_targets(
    site: &Site,
    lang: &str,
    at: &SitePath,
    version_in: impl Fn(&str) -> Option<SitePath>,
) -> Vec<SwitchTarget> {
    site.config
        .languages
        .iter()
        .filter(|l| l.code != lang)
        .map(|l| {
            let (target, fallback) = match version_in(&l.code) {
                Some(path) => (path, false),
                None => (home_of(site, &l.code), true),
            };
            SwitchTarget {
                lang: l.code.clone(),
                name: l.name.clone(),
                href: site.hrefs.to(at, &target),
                fallback,
                note: fallback.then(|| site.theme.strings.text(&l.code, "lang_home_fallback")),
            }
        })
        .collect()
}

/// The main navigation: the home page's children in the page's language.
fn nav<'a>(site: &'a Site, page: &Page) -> Vec<PageLink<'a>> {
    nav_for(site, &page.lang, &page.path, &page.key)
}

fn nav_for<'a>(site: &'a Site, lang: &str, at: &SitePath, key: &str) -> Vec<PageLink<'a>> {
    let Some(home) = site.content.get("_index", lang) else {
        return Vec::new();
    };
    site.content
        .children_of(home)
        .into_iter()
        .map(|p| {
            let current = p.key == key || (p.kind == PageKind::Section && key.starts_with(&format!("{}/", p.folder())));
            PageLink::new(p, site.hrefs.to(at, &p.path), current)
        })
        .collect()
}

fn languages_view<'a>(site: &'a Site, at: &SitePath) -> Vec<LanguageView<'a>> {
    site.config
        .languages
        .iter()
        .map(|l| {
            let home = site.content.get("_index", &l.code).filter(|p| p.published);
            LanguageView {
                code: &l.code,
                name: &l.name,
                title: site.config.title.get(&l.code).map(String::as_str).unwrap_or(""),
                description: site.config.description.get(&l.code).map(String::as_str),
                href: site.hrefs.to(at, &home_of(site, &l.code)),
                t: site.theme.strings.for_templates(&l.code),
                t_plain: site.theme.strings.of(&l.code),
                enter: {
                    let words = site.theme.strings.text(&l.code, "landing_enter");
                    if words.is_fallback() { crate::lang::Text::native(l.name.as_str(), &l.code) } else { words }
                },
                safety_href: safety_page(site, &l.code).map(|path| site.hrefs.to(at, path)),
                who_to_call: help::who_to_call(site, &l.code, at, None),
            }
            .with_home(home.and_then(|h| h.split.front.description.as_deref()))
        })
        .collect()
}

impl<'a> LanguageView<'a> {
    fn with_home(mut self, description: Option<&'a str>) -> Self {
        if self.description.is_none() {
            self.description = description;
        }
        self
    }
}

fn generated_page(site: &Site, template: &str, at: SitePath) -> Result<OutputFile, Diagnostic> {
    let lang = site.config.default_language.clone();
    let mut ctx = base_context(site, &lang, &at);
    ctx.insert("languages", &languages_view(site, &at));
    ctx.insert("canonical", &site.hrefs.permalink(&at));
    let homes = |l: &str| Some(SitePath::root().join(l));
    ctx.insert("alternates", &alternate_links(site, homes, &SitePath::root()));
    site.theme
        .tera
        .render(template, &ctx)
        .map(|html| OutputFile::html(at.output_file(), html))
        .map_err(|err| theme::template_error(&err, &site.theme.files))
}

/// `/index.html`: both languages at once, no redirect and no guessing.
fn render_landing(site: &Site) -> Result<OutputFile, Diagnostic> {
    generated_page(site, "landing.html", SitePath::root())
}

/// `/404.html`, in every language at once since the host cannot tell which.
fn render_404(site: &Site) -> Result<OutputFile, Diagnostic> {
    generated_page(site, "404.html", not_found_path())
}

fn not_found_path() -> SitePath {
    SitePath::parse_absolute("/404.html").expect("a valid path")
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
