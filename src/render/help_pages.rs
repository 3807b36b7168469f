//! The help directory's pages put together: each [`HelpPage`] (the
//! who-to-call index and region pages, the flyers, wallet cards and print
//! index) inside the shared frame, with its view from [`super::help`] or
//! [`super::print`] and its alternates in every language.

use crate::content::PageKind;
use crate::output::OutputFile;
use crate::site::Site;
use crate::theme;

use super::context::{Alternate, PageLink, PageView};
use super::frame::{alternate_links, base_context, nav_for, switch_targets};
use super::help::{self, HELP_INDEX_KEY, HelpPage};
use super::print;
use super::rendered::RenderedFiles;
use crate::html::escape_html;

/// A help page's `hreflang` links: it exists in every language.
pub fn help_alternates(site: &Site, help_page: HelpPage<'_>) -> Vec<Alternate> {
    let default = help_page.path(site, &site.config.default_language);
    alternate_links(site, |l| Some(help_page.path(site, l)), &default)
}

/// One page of the help directory in `lang`, through its template.
pub fn render_help_page(site: &Site, lang: &str, help_page: HelpPage<'_>) -> RenderedFiles {
    let hrefs = &site.hrefs;
    let at = help_page.path(site, lang);
    let heading = help_page.heading(site, lang);
    let title = heading.as_str().to_string();
    let intro = help_page.description(site, lang);
    let description = intro.as_str().to_string();
    let content = if intro.is_fallback() {
        format!("<p lang=\"{}\">{}</p>", intro.lang(), escape_html(&description))
    } else {
        format!("<p>{}</p>", escape_html(&description))
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
            match print::sheet_view(site, lang, r, &at, matches!(help_page, HelpPage::Cards(_))) {
                Ok(sheet) => ctx.insert("sheet", &sheet),
                Err(d) => return RenderedFiles::problem(d),
            }
        }
        HelpPage::PrintIndex => ctx.insert("print", &print::index_view(site, lang, &at)),
    }
    match site.theme.tera.render(help_page.template(), &ctx) {
        Ok(html) => RenderedFiles::file(OutputFile::html(at.output_file(), html)),
        Err(err) => RenderedFiles::problem(theme::template_error(&err, &site.theme.files)),
    }
}
