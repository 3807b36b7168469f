//! The pages and files the generator writes for the whole site rather than
//! for one page: the bilingual landing page and the 404 page (every
//! language at once, since neither can know the visitor's), and the sitemap
//! listing every page with its translations (its format, the feeds and
//! robots.txt are in [`super::discovery`]).

use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::site::Site;
use crate::theme;
use crate::url::SitePath;

use super::discovery::{self, Listed};
use super::frame::{alternate_links, alternates, base_context, languages_view};
use super::help::help_jobs;
use super::help_pages::help_alternates;

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
pub fn render_landing(site: &Site) -> Result<OutputFile, Diagnostic> {
    generated_page(site, "landing.html", SitePath::root())
}

/// `/404.html`, in every language at once since the host cannot tell which.
pub fn render_404(site: &Site) -> Result<OutputFile, Diagnostic> {
    generated_page(site, "404.html", not_found_path())
}

pub fn not_found_path() -> SitePath {
    SitePath::parse_absolute("/404.html").expect("a valid path")
}

/// `sitemap.xml`: every page the site renders, as [`listed`] gives them.
pub fn sitemap_file(site: &Site) -> OutputFile {
    OutputFile::bytes("sitemap.xml".into(), discovery::sitemap(site, listed(site)).into_bytes())
}

/// Every page of the site for the sitemap, in the order they are rendered:
/// the landing page, the published content pages, then the help directory's
/// pages. Alias pages, which only send visitors on, are left out. Made one
/// at a time as the sitemap is written, so a large site's list is never
/// held whole.
pub fn listed(site: &Site) -> impl Iterator<Item = Listed> + '_ {
    let landing = Listed { path: SitePath::root(), alternates: Vec::new(), updated: None };
    let pages = site.content.published().map(|page| {
        let front = &page.split.front;
        Listed { path: page.path.clone(), alternates: alternates(site, page), updated: front.updated.or(front.date) }
    });
    let help = help_jobs(site).into_iter().map(|(lang, help_page)| {
        let path = help_page.path(site, lang);
        Listed { path, alternates: help_alternates(site, help_page), updated: None }
    });
    std::iter::once(landing).chain(pages).chain(help)
}
