//! What templates see. Each struct here is serialized into the Tera context;
//! the names are the theme's contract, documented in the README.

use jiff::civil::Date;
use serde::Serialize;

use super::markdown::Heading;
use crate::content::front_matter::{ConsentSource, SourceRef};
use crate::content::{Page, PageKind};

/// The page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: String,
    pub content: String,
    pub kind: PageKind,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub content_note: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub region: Option<&'a str>,
    /// Who published a story's account with the survivor's consent.
    pub consent_source: Option<&'a ConsentSource>,
    pub sources: &'a [SourceRef],
    pub headings: Vec<Heading>,
    pub href: String,
    pub permalink: String,
}

/// A link to another page, in lists and navigation.
#[derive(Debug, Serialize)]
pub struct PageLink<'a> {
    pub title: &'a str,
    pub href: String,
    pub description: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub date: Option<Date>,
    pub content_note: Option<&'a str>,
    pub current: bool,
}

impl<'a> PageLink<'a> {
    pub fn new(page: &'a Page, href: String, current: bool) -> Self {
        let front = &page.split.front;
        PageLink {
            title: &page.split.front.title,
            href,
            description: front.description.as_deref(),
            summary: front.summary.as_deref(),
            date: front.date,
            content_note: front.content_note.as_deref(),
            current,
        }
    }
}

/// `<link rel="alternate" hreflang>` entries.
#[derive(Debug, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// `<link rel="alternate" type="application/atom+xml">` to a section's feed.
#[derive(Debug, Serialize)]
pub struct FeedLink {
    pub href: String,
    pub title: String,
}

/// One entry of the language switcher.
#[derive(Debug, Serialize)]
pub struct SwitchTarget {
    pub lang: String,
    pub name: String,
    pub href: String,
    /// True when the page has no translation and the link goes to that
    /// language's home instead.
    pub fallback: bool,
    /// Said after the name when `fallback`, in the target language (or, in
    /// a partly translated one, marked with the language it came from).
    pub note: Option<crate::lang::Text>,
}

/// A language of the site on the bilingual landing and 404 pages.
#[derive(Debug, Serialize)]
pub struct LanguageView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub href: String,
    /// The language's strings for element content, those taken from a
    /// fallback marked with their language.
    pub t: tera::Value,
    /// The same strings unmarked, for `<title>` and attributes.
    pub t_plain: &'a std::collections::BTreeMap<String, String>,
    /// The link into the site in this language: "Enter the site in English",
    /// or in a language whose theme lacks those words, its name (a fallback's
    /// "in Spanish" would send a Portuguese reader the wrong way).
    pub enter: crate::lang::Text,
    /// The safety page in this language, when there is one.
    pub safety_href: Option<String>,
    pub who_to_call: Option<super::help::WhoToCall>,
}
