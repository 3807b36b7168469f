//! The "who to call" pages: an index of every region, grouped by country with
//! the border states first, and one page per country and subdivision.
//!
//! A region page groups its lines by what the visitor needs (emergency,
//! trafficking hotlines, shelter, legal help, work and wages, health,
//! consulates, more help), each group in the order emergency → national →
//! this region → the other side of the border, with the groups listed at the
//! top as in-page links. A contact is a link only where it works from the
//! page's country ([`crate::directory::Contact::works_from`]); elsewhere it is
//! plain text that says where it does work. Pages about no country (articles,
//! the landing page) label every contact with where it works. Everything works
//! as plain links; a small script only adds a time-zone suggestion and "open
//! now".
//!
//! These pages exist in every language of the site, partly translated ones
//! too: nobody should miss a hotline because a translation is missing. Every
//! text here is a [`crate::lang::Text`], so words taken from a fallback language (a
//! region's name, an entry's description, a theme string) carry their
//! `lang` into the page.
//!
//! [`HelpPage`] names every page of the help directory the generator writes
//! and gives each its address, heading and template; the views of the pages
//! are in `index`, [`region`] and [`lines`] (the lines themselves, also
//! shown on every page and printed on the sheets of [`super::print`]).

mod index;
pub mod lines;
pub mod region;

use crate::diagnostic::{Code, Diagnostic};
use crate::directory::regions::Region;
use crate::site::Site;
use crate::url::SitePath;

pub use index::index_view;
pub use lines::{ContactView, WhoToCall, entry_view, who_to_call};
pub use region::region_view;

/// The content page whose text introduces the help index, when editors write one.
pub const HELP_INDEX_KEY: &str = "help/_index";

/// A page of the help directory the generator writes itself, and the one
/// place that knows its address.
#[derive(Debug, Clone, Copy)]
pub enum HelpPage<'a> {
    /// The list of regions, in languages without a `help/_index` page.
    Index,
    Region(&'a Region),
    Flyer(&'a Region),
    Cards(&'a Region),
    /// The list of every flyer and card sheet.
    PrintIndex,
}

impl HelpPage<'_> {
    /// The page's address in `lang`. Everything hangs off the help index:
    /// the `help/_index.<lang>.md` page's address when there is one, else
    /// `/<lang>/help/`. Under it are each region's page (`/es/ayuda/mx-tla/`)
    /// with its flyer (`…/mx-tla/print/`) and wallet cards
    /// (`…/mx-tla/cards/`), and the print index (`/en/help/print/`).
    pub fn path(self, site: &Site, lang: &str) -> SitePath {
        let index = match site.content.get(HELP_INDEX_KEY, lang) {
            Some(page) => page.path.clone(),
            None => SitePath::root().join(lang).join("help"),
        };
        match self {
            HelpPage::Index => index,
            HelpPage::Region(r) => index.join(&r.slug()),
            HelpPage::Flyer(r) => index.join(&r.slug()).join("print"),
            HelpPage::Cards(r) => index.join(&r.slug()).join("cards"),
            HelpPage::PrintIndex => index.join("print"),
        }
    }

    /// The page's heading, its words marked where they come from a
    /// fallback language; [`crate::lang::Text::as_str`] is its `<title>`.
    pub fn heading(self, site: &Site, lang: &str) -> crate::lang::Text {
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

    pub fn description(self, site: &Site, lang: &str) -> crate::lang::Text {
        let key = match self {
            HelpPage::Index | HelpPage::Region(_) => "help_intro",
            HelpPage::Flyer(_) | HelpPage::Cards(_) | HelpPage::PrintIndex => "print_intro",
        };
        site.theme.strings.text(lang, key)
    }

    pub fn template(self) -> &'static str {
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
pub fn missing_help_templates(site: &Site) -> Vec<Diagnostic> {
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
            let d = Diagnostic::error(Code::MissingThemeFile, format!("the theme has no template `{template}`"))
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
pub fn help_jobs(site: &Site) -> Vec<(&str, HelpPage<'_>)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_address_hangs_off_the_help_index() {
        // Spanish has a help index page of its own, under a translated
        // slug; English has none and gets the default address.
        let index = "---\ntitle: Ayuda\nslug: ayuda\n---\nA quién llamar.\n";
        let (_dir, site) = crate::site::fixture(&[("content/help/_index.es.md", index)]);
        let texas = site.directory.region("US-TX").expect("the fixture has Texas");
        let mexico = site.directory.region("MX").expect("the fixture has Mexico");
        let cases = [
            ("en", HelpPage::Index, "/en/help/"),
            ("en", HelpPage::Region(texas), "/en/help/us-tx/"),
            ("en", HelpPage::Flyer(texas), "/en/help/us-tx/print/"),
            ("en", HelpPage::Cards(texas), "/en/help/us-tx/cards/"),
            ("en", HelpPage::Region(mexico), "/en/help/mx/"),
            ("en", HelpPage::PrintIndex, "/en/help/print/"),
            ("es", HelpPage::Index, "/es/ayuda/"),
            ("es", HelpPage::Region(texas), "/es/ayuda/us-tx/"),
            ("es", HelpPage::Flyer(texas), "/es/ayuda/us-tx/print/"),
            ("es", HelpPage::Cards(texas), "/es/ayuda/us-tx/cards/"),
            ("es", HelpPage::Region(mexico), "/es/ayuda/mx/"),
            ("es", HelpPage::PrintIndex, "/es/ayuda/print/"),
        ];
        for (lang, page, expected) in cases {
            assert_eq!(page.path(&site, lang).to_string(), expected, "{page:?} in {lang}");
        }
    }

    #[test]
    fn every_language_gets_every_help_page_once() {
        let (_dir, site) = crate::site::fixture(&[]);
        let jobs = help_jobs(&site);
        let regions = site.directory.regions.len();
        // The index and the print index, then a page, a flyer and cards per region.
        assert_eq!(jobs.len(), 2 * (2 + 3 * regions));
        let mut paths: Vec<String> = jobs.iter().map(|(lang, page)| page.path(&site, lang).to_string()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), jobs.len(), "no two help pages share an address");
    }
}
