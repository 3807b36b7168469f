//! The frame every page shares around its content: the variables every
//! template gets (the site's title and strings, styles and policy, the quick
//! exit, the safety page and the who-to-call block), the main navigation,
//! the `hreflang` alternates, the language switcher, and the languages of
//! the bilingual landing and 404 pages.
//!
//! Every page kind (content pages, the help directory's pages, the pages the
//! generator writes itself) builds its context from here, so a visitor finds
//! the same header, exit and switcher on each.

use tera::Context;

use crate::content::{Page, PageKind};
use crate::site::Site;
use crate::url::SitePath;

use super::context::{Alternate, LanguageView, PageLink, SwitchTarget};
use super::help::{self, HelpPage};
use super::policy;

/// Variables every template gets.
pub fn base_context(site: &Site, lang: &str, at: &SitePath) -> Context {
    let hrefs = &site.hrefs;
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("lang_name", &site.config.language(lang).map(|l| l.name.as_str()).unwrap_or(lang));
    ctx.insert("site_title", site.config.title.get(lang).map(String::as_str).unwrap_or(""));
    if let Some(title_lang) = site.config.title_lang.get(lang) {
        ctx.insert("site_title_lang", title_lang);
    }
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
pub fn safety_page<'a>(site: &'a Site, lang: &str) -> Option<&'a SitePath> {
    site.content.get("safety", lang).filter(|p| p.published).map(|p| &p.path)
}

/// Where a language's visitors start: its home page, or in a partly
/// translated language without one, its who-to-call index (which every
/// language has when the directory names regions).
pub fn home_of(site: &Site, lang: &str) -> SitePath {
    let has_home = site.content.get("_index", lang).is_some_and(|p| p.published);
    if has_home || site.directory.regions.is_empty() {
        SitePath::root().join(lang)
    } else {
        HelpPage::Index.path(site, lang)
    }
}

/// The published version of `page` in `lang`, if any.
pub fn version_of(site: &Site, page: &Page, lang: &str) -> Option<SitePath> {
    site.content.get(&page.key, lang).filter(|p| p.published).map(|p| p.path.clone())
}

pub fn alternates(site: &Site, page: &Page) -> Vec<Alternate> {
    let default = version_of(site, page, &site.config.default_language).unwrap_or_else(|| page.path.clone());
    alternate_links(site, |lang| version_of(site, page, lang), &default)
}

pub fn switcher(site: &Site, page: &Page) -> Vec<SwitchTarget> {
    switch_targets(site, &page.lang, &page.path, |lang| version_of(site, page, lang))
}

/// `hreflang` links: the version in each language that has one, in the
/// settings' order, then `x-default`.
pub fn alternate_links(
    site: &Site,
    version_in: impl Fn(&str) -> Option<SitePath>,
    default: &SitePath,
) -> Vec<Alternate> {
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
pub fn switch_targets(
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
pub fn nav<'a>(site: &'a Site, page: &Page) -> Vec<PageLink<'a>> {
    nav_for(site, &page.lang, &page.path, &page.key)
}

pub fn nav_for<'a>(site: &'a Site, lang: &str, at: &SitePath, key: &str) -> Vec<PageLink<'a>> {
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

pub fn languages_view<'a>(site: &'a Site, at: &SitePath) -> Vec<LanguageView<'a>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn page<'a>(site: &'a Site, key: &str, lang: &str) -> &'a Page {
        site.content.get(key, lang).unwrap_or_else(|| panic!("the fixture has {key} in {lang}"))
    }

    #[test]
    fn nav_lists_the_home_pages_children_in_the_pages_language() {
        let (_dir, site) = crate::site::fixture(&[]);
        let links = |key: &str, lang: &str| -> Vec<(String, String, bool)> {
            nav(&site, page(&site, key, lang)).into_iter().map(|l| (l.title.to_string(), l.href, l.current)).collect()
        };
        let own = |title: &str, href: &str, current: bool| (title.to_string(), href.to_string(), current);
        assert_eq!(
            links("learn/signs", "en"),
            [own("Learn", "/en/learn/", true), own("Stories", "/en/stories/", false)],
            "a page inside a section marks the section current"
        );
        assert_eq!(links("learn/signs", "es"), [own("Aprenda", "/es/aprende/", true)], "only what exists in Spanish");
        assert_eq!(links("_index", "en")[0], own("Learn", "/en/learn/", false), "the home page marks none");
    }

    #[test]
    fn alternates_name_every_version_then_x_default() {
        let (_dir, site) = crate::site::fixture(&[]);
        let links = |key: &str, lang: &str| -> Vec<(String, String)> {
            alternates(&site, page(&site, key, lang)).into_iter().map(|a| (a.hreflang, a.href)).collect()
        };
        let link = |lang: &str, path: &str| (lang.to_string(), format!("https://example.org{path}"));
        let signs =
            [link("en", "/en/learn/signs/"), link("es", "/es/aprende/senales/"), link("x-default", "/en/learn/signs/")];
        assert_eq!(links("learn/signs", "es"), signs, "the same list on every version");
        assert_eq!(links("learn/signs", "en"), signs);
        assert_eq!(
            links("learn/only-es", "es"),
            [link("es", "/es/aprende/solo-espanol/"), link("x-default", "/es/aprende/solo-espanol/")],
            "without a version in the default language, x-default is the page itself"
        );
    }

    #[test]
    fn switcher_offers_each_other_language_or_its_home() {
        let (_dir, site) = crate::site::fixture(&[]);
        let targets = |key: &str, lang: &str| -> Vec<(String, String, bool, bool)> {
            switcher(&site, page(&site, key, lang))
                .into_iter()
                .map(|t| (t.lang, t.href, t.fallback, t.note.is_some()))
                .collect()
        };
        assert_eq!(targets("learn/signs", "es"), [("en".to_string(), "/en/learn/signs/".to_string(), false, false)]);
        assert_eq!(
            targets("learn/only-es", "es"),
            [("en".to_string(), "/en/".to_string(), true, true)],
            "an untranslated page leads to the other language's home, and says so"
        );
        assert_eq!(home_of(&site, "es").to_string(), "/es/");
    }
}
