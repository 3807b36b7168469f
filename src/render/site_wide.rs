//! The pages and files the generator writes for the whole site rather than
//! for one page: the bilingual landing page and the 404 page (every
//! language at once, since neither can know the visitor's), and the sitemap
//! listing every page with its translations (its format, the feeds and
//! robots.txt are in [`super::discovery`]).

use crate::content::Page;
use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::site::Site;
use crate::theme;
use crate::url::SitePath;

use super::discovery::{self, Listed};
use super::frame::{alternate_links, alternates, base_context, languages_view};
use super::help::{HelpPage, help_jobs};
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

/// One of the sitemap's files. A sitemap may list at most 50,000 addresses
/// ([`discovery::SITEMAP_URLS`]); a larger site has `sitemap.xml` as an index
/// of `sitemap-1.xml`, `sitemap-2.xml`…, each listing the next 50,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitemapFile {
    /// `count` of the pages [`listed`] gives, from the `first`: all of them
    /// in `sitemap.xml` (`part` is `None`), or part N in `sitemap-N.xml`.
    Pages { part: Option<usize>, first: usize, count: usize },
    /// `sitemap.xml` naming this many parts.
    Index { parts: usize },
}

impl SitemapFile {
    pub fn path(self) -> std::path::PathBuf {
        match self {
            SitemapFile::Pages { part: Some(n), .. } => part_path(n),
            SitemapFile::Pages { part: None, .. } | SitemapFile::Index { .. } => "sitemap.xml".into(),
        }
    }
}

/// `sitemap-N.xml`.
fn part_path(n: usize) -> std::path::PathBuf {
    format!("sitemap-{n}.xml").into()
}

/// The sitemap's files for `site`.
pub fn sitemap_files(site: &Site) -> Vec<SitemapFile> {
    let pages = 1 + site.content.published().count() + help_jobs(site).len();
    split_sitemap(pages, discovery::SITEMAP_URLS)
}

/// The sitemap's files for `pages` pages at `most` addresses per file.
fn split_sitemap(pages: usize, most: usize) -> Vec<SitemapFile> {
    if pages <= most {
        return vec![SitemapFile::Pages { part: None, first: 0, count: pages }];
    }
    let parts = pages.div_ceil(most);
    let part = |n: usize| {
        let first = (n - 1) * most;
        SitemapFile::Pages { part: Some(n), first, count: most.min(pages - first) }
    };
    std::iter::once(SitemapFile::Index { parts }).chain((1..=parts).map(part)).collect()
}

/// One of the sitemap's files, with the pages [`listed`] gives.
pub fn sitemap_file(site: &Site, which: SitemapFile) -> OutputFile {
    let text = match which {
        SitemapFile::Pages { first, count, .. } => {
            discovery::sitemap(site, listed(site).skip(first).take(count).map(|item| item.listed(site)), count)
        }
        SitemapFile::Index { parts } => discovery::sitemap_index(site, (1..=parts).map(part_path)),
    };
    OutputFile::bytes(which.path(), text.into_bytes())
}

/// Every page of the site for the sitemap, in the order they are rendered:
/// the landing page, the published content pages, then the help directory's
/// pages. Alias pages, which only send visitors on, are left out. Each
/// page's entry is made only as the sitemap is written, so a large site's
/// list is never held whole, and a part of it skips the pages before it
/// without making their entries.
pub fn listed(site: &Site) -> impl Iterator<Item = ListedPage<'_>> + '_ {
    let pages = site.content.published().map(ListedPage::Content);
    let help = help_jobs(site).into_iter().map(|(lang, help_page)| ListedPage::Help(lang, help_page));
    std::iter::once(ListedPage::Landing).chain(pages).chain(help)
}

/// A page the sitemap lists, before its entry is made.
pub enum ListedPage<'a> {
    Landing,
    Content(&'a Page),
    Help(&'a str, HelpPage<'a>),
}

impl ListedPage<'_> {
    /// The page's entry: its address, its translations and its last change.
    pub fn listed(self, site: &Site) -> Listed {
        match self {
            ListedPage::Landing => Listed { path: SitePath::root(), alternates: Vec::new(), updated: None },
            ListedPage::Content(page) => {
                let front = &page.split.front;
                let updated = front.updated.or(front.date);
                Listed { path: page.path.clone(), alternates: alternates(site, page), updated }
            }
            ListedPage::Help(lang, help_page) => {
                let path = help_page.path(site, lang);
                Listed { path, alternates: help_alternates(site, help_page), updated: None }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_is_split_only_past_its_limit() {
        let pages = |part, first, count| SitemapFile::Pages { part, first, count };
        assert_eq!(split_sitemap(50_000, 50_000), [pages(None, 0, 50_000)]);
        assert_eq!(
            split_sitemap(50_001, 50_000),
            [SitemapFile::Index { parts: 2 }, pages(Some(1), 0, 50_000), pages(Some(2), 50_000, 1)]
        );
        assert_eq!(SitemapFile::Index { parts: 2 }.path(), std::path::Path::new("sitemap.xml"));
        assert_eq!(pages(None, 0, 3).path(), std::path::Path::new("sitemap.xml"));
        assert_eq!(pages(Some(2), 4, 4).path(), std::path::Path::new("sitemap-2.xml"));
    }

    #[test]
    fn the_parts_of_a_split_sitemap_list_every_page_once_in_order() {
        let (_dir, site) = crate::site::fixture(&[]);
        let text = |which| {
            String::from_utf8(match sitemap_file(&site, which).body {
                crate::output::Body::Bytes(bytes) => bytes,
                other => panic!("{other:?}"),
            })
            .unwrap()
        };
        let urls = |xml: &str| -> Vec<String> {
            xml.split("<url><loc>").skip(1).map(|u| u[..u.find("</loc>").unwrap()].to_string()).collect()
        };
        let all = sitemap_files(&site);
        assert_eq!(all.len(), 1, "{all:?}");
        let whole = urls(&text(all[0]));
        assert!(whole.len() > 5, "{whole:?}");
        let most = 4;
        let files = split_sitemap(whole.len(), most);
        let SitemapFile::Index { parts } = files[0] else { panic!("{files:?}") };
        assert_eq!(parts, whole.len().div_ceil(most));
        assert_eq!(files.len(), parts + 1);
        let index = text(files[0]);
        assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), "{index}");
        for n in 1..=parts {
            assert!(index.contains(&format!("<sitemap><loc>https://example.org/sitemap-{n}.xml</loc></sitemap>")));
        }
        let mut joined = Vec::new();
        for (n, &file) in files[1..].iter().enumerate() {
            assert_eq!(file.path(), std::path::Path::new(&format!("sitemap-{}.xml", n + 1)));
            let part = urls(&text(file));
            assert!(part.len() <= most && !part.is_empty(), "part {}: {part:?}", n + 1);
            joined.extend(part);
        }
        assert_eq!(joined, whole);
    }
}
