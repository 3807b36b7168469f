//! Rendering: every published page through Markdown and its template, in
//! parallel, plus the pages the generator writes itself (the help
//! directory's pages and printed sheets, the bilingual landing page, the 404
//! page, alias pages), the files that list them (sitemap, robots.txt, feeds)
//! and the directory as open data ([`crate::export`]).
//!
//! This module plans every file of a build and hands each to the module of
//! its kind: `content` for editors' pages, `help_pages` for the help
//! directory's ([`help`] and [`print`](mod@print) make their views),
//! `site_wide` for the landing and 404 pages and the sitemap, [`discovery`]
//! for feeds and robots.txt. All of them build their pages inside the shared
//! `frame`.

mod content;
mod context;
pub mod discovery;
mod frame;
pub mod help;
mod help_pages;
pub mod markdown;
pub mod policy;
pub mod print;
mod qr;
mod rendered;
mod site_wide;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::content::Page;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::Site;
use crate::url::SitePath;

use content::{Shape, page_template, render_page};
use help::{HelpPage, help_jobs, missing_help_templates};
use help_pages::render_help_page;
use markdown::Env;
use rendered::RenderedFiles;
use site_wide::{not_found_path, render_404, render_landing};

pub use site_wide::{SitemapFile, listed, sitemap_file, sitemap_files};

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
    Sitemap(SitemapFile),
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
    for which in sitemap_files(site) {
        plan.files.push(bytes(which.path()));
        plan.jobs.push(Job::Sitemap(which));
    }
    for (path, job) in [("robots.txt", Job::Robots), ("_headers", Job::Headers)] {
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
            let made = render_job(site, &env, job);
            made.files.into_iter().try_for_each(&emit)?;
            Ok(made.problems)
        })
        .collect::<Result<_, E>>()?;
    diags.extend(found.into_iter().flatten());
    Ok(diags)
}

/// What `faro check` finds by rendering, without rendering every page
/// through its template: every page's Markdown (its links, numbers, charts
/// and own HTML) with the headings the lints need, the missing templates,
/// and the generated pages (the help directory's, the landing and 404
/// pages, whose problems come from the directory, not from pages). Each
/// page's Markdown is parsed once, and `lint` is given its events too.
///
/// A template is rendered with one page of each [`Shape`](content::Shape):
/// per template and language, once for every combination of the optional
/// values its context has or lacks (a parent, a feed, a date, a content
/// note, children with or without a summary…), so every branch that depends
/// on what a page has is taken. A template mistake that shows only with one
/// page's particular values is found by `build`, which renders every page.
/// The sample is the first page of each shape in the site's order, so the
/// same site gives the same diagnostics on every run.
pub fn check_planned<'a, T: Send>(
    site: &'a Site,
    plan: Plan<'a>,
    lint: impl Fn(&'a Page, &markdown::Events<'a>) -> T + Sync,
) -> (Diagnostics, Vec<Checked<'a, T>>) {
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
    let mut first_pass: Vec<(Vec<Diagnostic>, Checked<'a, T>, Option<Shape>)> = pages
        .par_iter()
        .map(|&page| {
            // Parsed once, for the Markdown's own checks and for the lints.
            let events = markdown::parse(page);
            let linted = lint(page, &events);
            let mut rendered = markdown::render_events(page, &env, events.into_iter());
            let shape = match page_template(site, page) {
                Ok(template) => Some(Shape::of(site, page, template, &rendered)),
                Err(d) => {
                    rendered.diagnostics.push(d);
                    None
                }
            };
            (rendered.diagnostics, Checked { page, headings: rendered.headings, linted }, shape)
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let sampled: Vec<bool> =
        first_pass.iter_mut().map(|(_, _, shape)| shape.take().is_some_and(|s| seen.insert(s))).collect();
    let found: Vec<Vec<Diagnostic>> = first_pass
        .par_iter_mut()
        .zip(&sampled)
        .map(|((markdown_diags, checked, _), &sampled)| {
            // A sampled page's rendering reports its Markdown's problems too.
            if sampled { render_page(site, &env, checked.page).problems } else { std::mem::take(markdown_diags) }
        })
        .collect();
    diags.extend(found.into_iter().flatten());
    let generated = generated.into_par_iter().filter(|job| matches!(job, Job::Landing | Job::NotFound | Job::Help(..)));
    let found: Vec<Vec<Diagnostic>> = generated.map(|job| render_job(site, &env, job).problems).collect();
    diags.extend(found.into_iter().flatten());
    (diags, first_pass.into_iter().map(|(_, checked, _)| checked).collect())
}

/// What [`check_planned`] keeps of one page: its headings as rendered (the
/// anchors a link may lead to) and what the lints found on it.
pub struct Checked<'a, T> {
    pub page: &'a Page,
    pub headings: Vec<markdown::Heading>,
    pub linted: T,
}

fn render_job(site: &Site, env: &Env<'_>, job: Job<'_>) -> RenderedFiles {
    let bytes = |path: &str, text: String| RenderedFiles::file(OutputFile::bytes(path.into(), text.into_bytes()));
    match job {
        Job::Landing => render_landing(site).into(),
        Job::Page(page) => render_page(site, env, page),
        Job::Help(lang, help_page) => render_help_page(site, lang, help_page),
        Job::NotFound => render_404(site).into(),
        Job::Feed(section) => match discovery::feed_path(site, section) {
            Some(path) => {
                RenderedFiles::file(OutputFile::bytes(path.output_file(), discovery::feed(site, section).into_bytes()))
            }
            None => RenderedFiles::default(),
        },
        Job::Ready(file) => RenderedFiles::file(file),
        Job::Sitemap(which) => RenderedFiles::file(sitemap_file(site, which)),
        Job::Robots => bytes("robots.txt", discovery::robots(site)),
        Job::Headers => bytes("_headers", policy::headers_file(&site.theme)),
    }
}

/// Renders one published page again, with its alias pages: what changes
/// when only the page's body was edited.
pub fn render_one(site: &Site, key: &str, lang: &str) -> (Vec<OutputFile>, Diagnostics) {
    let Some(page) = site.content.get(key, lang).filter(|p| p.published) else {
        return (Vec::new(), Diagnostics::new());
    };
    let env = Env::of(site);
    let made = render_page(site, &env, page);
    (made.files, made.problems.into_iter().collect())
}
