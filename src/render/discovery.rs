//! Files that let search engines and feed readers find the site's pages:
//! `sitemap.xml` with every page and its translations as `xhtml:link`
//! alternates, `robots.txt` pointing at it, and an Atom feed per language for
//! every section whose pages carry dates (the stories, news if editors add a
//! news section).
//!
//! Addresses here are full public URLs (the base URL's), as both formats
//! require, whatever the build mode.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::content::Page;
use crate::html::escape_html;
use crate::site::Site;
use crate::url::SitePath;

use super::context::Alternate;

/// A page listed in the sitemap: its address, its translations (with
/// `x-default`) and when it last changed, if known.
#[derive(Debug)]
pub struct Listed {
    pub path: SitePath,
    pub alternates: Vec<Alternate>,
    pub updated: Option<Date>,
}

/// The name of a section's feed file, beside its `index.html`.
pub const FEED_FILE: &str = "atom.xml";

/// The most addresses one sitemap file may list (sitemaps.org allows
/// 50,000, and 50 MB, which 50,000 of Faro's entries stay well under).
pub const SITEMAP_URLS: usize = 50_000;

/// Room made per sitemap entry: a page with two translations takes about
/// 380 bytes; memory set aside but not written is not used.
const ENTRY_BYTES: usize = 512;

/// A sitemap file for `listed`, in the given order, made with room for
/// `entries` of them (a large sitemap grown by doubling holds most of it
/// twice on the way).
pub fn sitemap(site: &Site, listed: impl Iterator<Item = Listed>, entries: usize) -> String {
    let mut out = String::with_capacity(ENTRY_BYTES * entries + 256);
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" ",
        "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    ));
    for page in listed {
        out.push_str("<url><loc>");
        out.push_str(&escape_html(&site.hrefs.permalink(&page.path)));
        out.push_str("</loc>");
        if let Some(date) = &page.updated {
            let _ = write!(out, "<lastmod>{date}</lastmod>");
        }
        // Alternates only for pages that have a translation: the language
        // itself and `x-default` alone say nothing.
        if page.alternates.len() > 2 {
            for alt in &page.alternates {
                let _ = write!(
                    out,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape_html(&alt.hreflang),
                    escape_html(&alt.href)
                );
            }
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `sitemap.xml` as an index of the sitemap files at `parts` (paths in
/// the output), for a site with more pages than one sitemap may list.
pub fn sitemap_index(site: &Site, parts: impl Iterator<Item = std::path::PathBuf>) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    ));
    for part in parts {
        let url = format!("{}{}", site.hrefs.base().url, crate::source::display_path(&part));
        let _ = writeln!(out, "<sitemap><loc>{}</loc></sitemap>", escape_html(&url));
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(site: &Site) -> String {
    let sitemap = format!("{}sitemap.xml", site.hrefs.base().url);
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n")
}

/// The dated pages of `section`, which its feed lists.
fn dated_pages<'a>(site: &'a Site, section: &Page) -> impl Iterator<Item = &'a Page> {
    site.content.children_of(section).into_iter().filter(|p| !p.is_section() && p.split.front.date.is_some())
}

/// The dated pages of `section` that a feed lists, newest first.
fn feed_entries<'a>(site: &'a Site, section: &Page) -> Vec<&'a Page> {
    let mut pages: Vec<&Page> = dated_pages(site, section).collect();
    pages.sort_by(|a, b| last_change(b).cmp(&last_change(a)).then_with(|| a.title().cmp(b.title())));
    pages
}

/// The address of `section`'s feed, when it has dated pages. Asked for every
/// page (each links its section's feed), so it only looks for one.
pub fn feed_path(site: &Site, section: &Page) -> Option<SitePath> {
    (section.is_section() && dated_pages(site, section).next().is_some()).then(|| section.path.join(FEED_FILE))
}

/// The day `page` last changed: its `updated`, else its `date`.
fn last_change(page: &Page) -> Option<Date> {
    let front = &page.split.front;
    front.updated.or(front.date)
}

/// Midnight UTC of a day, as Atom wants it.
fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// The Atom feed of `section` (a section page with dated pages).
pub fn feed(site: &Site, section: &Page) -> String {
    let hrefs = &site.hrefs;
    let entries = feed_entries(site, section);
    let lang = &section.lang;
    let site_title = site.config.title.get(lang).map(String::as_str).unwrap_or("");
    let self_url = hrefs.permalink(&section.path.join(FEED_FILE));
    let updated = entries.iter().filter_map(|p| last_change(p)).max().unwrap_or(jiff::civil::date(1970, 1, 1));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", escape_html(lang)));
    out.push_str(&format!("<title>{} · {}</title>\n", escape_html(section.title()), escape_html(site_title)));
    if let Some(description) = &section.split.front.description {
        out.push_str(&format!("<subtitle>{}</subtitle>\n", escape_html(description)));
    }
    out.push_str(&format!("<id>{}</id>\n", escape_html(&self_url)));
    out.push_str(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", escape_html(&self_url)));
    out.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_html(&hrefs.permalink(&section.path))
    ));
    out.push_str(&format!("<updated>{}</updated>\n", timestamp(updated)));
    out.push_str(&format!("<author><name>{}</name></author>\n", escape_html(site_title)));
    for page in entries {
        let front = &page.split.front;
        let url = escape_html(&hrefs.permalink(&page.path));
        out.push_str("<entry>\n");
        out.push_str(&format!("<title>{}</title>\n", escape_html(page.title())));
        out.push_str(&format!("<id>{url}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"));
        if let Some(date) = front.date {
            out.push_str(&format!("<published>{}</published>\n", timestamp(date)));
        }
        // A listed page has a date, so it always has a last change.
        if let Some(day) = last_change(page) {
            out.push_str(&format!("<updated>{}</updated>\n", timestamp(day)));
        }
        if let Some(summary) = front.summary.as_deref().or(front.description.as_deref()) {
            out.push_str(&format!("<summary>{}</summary>\n", escape_html(summary)));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
