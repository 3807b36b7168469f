//! A line of the help directory as pages show it: its contacts as big tap
//! targets that are links only where they work from the page's country, who
//! answers it, its hours and languages, and the who-to-call block every page
//! carries.

use serde::Serialize;

use crate::directory::contact::{Contact, ContactKind};
use crate::directory::hours::Hours;
use crate::directory::{AnsweredBy, Entry};
use crate::lang::Text;
use crate::site::Site;
use crate::url::SitePath;

use super::HelpPage;

/// One contact as a big tap target.
#[derive(Debug, Serialize)]
pub struct ContactView {
    pub kind: ContactKind,
    pub action: Text,
    pub display: String,
    pub href: String,
    pub note: Option<Text>,
    /// What using it leaves on the phone.
    pub trace: Text,
    pub external: bool,
    /// Whether it works from the page's country (always, on a page about no
    /// country): only then is it a link.
    pub works: bool,
    /// Where it works, in words: "Works only from: Mexico" where it does not
    /// work from the page's country; on a page about no country, for every
    /// contact.
    pub reach: Option<Text>,
}

#[derive(Debug, Serialize)]
pub struct EntryView {
    pub id: String,
    pub name: Text,
    pub organization: Option<String>,
    /// "Answered by the police", in plain words.
    pub answered_by: Option<Text>,
    pub police: bool,
    /// Where the line belongs, relative to the page: national, this region,
    /// the other side of the border.
    pub scope: Option<Text>,
    /// Marked as a draft (shown only in builds with drafts).
    pub draft: bool,
    pub description: Text,
    pub contacts: Vec<ContactView>,
    pub hours: Option<Text>,
    /// Structured hours for "open now", when not open around the clock.
    pub hours_json: Option<String>,
    pub languages: Option<Text>,
    pub confidential: bool,
    pub verified: String,
}

/// Where a contact works, in words: "Works from any country", "Works only from:
/// Mexico", "Only from Mexico or the United States".
fn reach_text(site: &Site, lang: &str, contact: &Contact) -> Text {
    let strings = &site.theme.strings;
    match &contact.dial_from {
        None => strings.text(lang, "reach_anywhere"),
        Some(countries) => {
            let names: Vec<Text> = countries
                .iter()
                .map(|code| {
                    site.directory
                        .region(code)
                        .map_or_else(|| Text::native(code.as_str(), lang), |r| r.name_for(&site.config, lang))
                })
                .collect();
            let list = Text::join(&names, &strings.text(lang, "reach_or"));
            strings.text(lang, "reach_only").fill("{countries}", &list)
        }
    }
}

pub fn entry_view(site: &Site, lang: &str, entry: &Entry, page_country: Option<&str>) -> EntryView {
    let t = |key: &str| site.theme.strings.text(lang, key);
    let contacts = entry
        .contacts
        .iter()
        .map(|c| {
            let works = page_country.is_none_or(|country| c.works_from(country));
            let reach = match page_country {
                None => Some(reach_text(site, lang, c)),
                Some(_) if !works => Some(reach_text(site, lang, c)),
                Some(_) => None,
            };
            let kind = c.kind.as_str();
            let display = match (&c.number, c.kind) {
                (Some(number), _) => number.display_for(page_country).to_string(),
                (None, ContactKind::Web | ContactKind::Chat) => c
                    .written
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .trim_end_matches('/')
                    .to_string(),
                (None, _) => c.written.clone(),
            };
            ContactView {
                kind: c.kind,
                action: t(&format!("action_{kind}")),
                display,
                href: c.href.clone(),
                note: crate::lang::pick(&site.config, &c.note, lang).map(|(found, note)| Text::new(note, found, lang)),
                trace: t(&format!("trace_{kind}")),
                external: c.href.starts_with("http"),
                works,
                reach,
            }
        })
        .collect();
    let hours = entry.hours.as_ref().map(|h| hours_text(site, lang, h));
    let hours_json = entry.hours.as_ref().filter(|h| !h.is_always_open()).and_then(|h| serde_json::to_string(h).ok());
    let mut languages: Vec<Text> =
        entry.languages.iter().map(|code| site.theme.strings.text(lang, &format!("language_{code}"))).collect();
    if entry.interpretation {
        languages.push(t("interpretation"));
    }
    EntryView {
        id: entry.id.clone(),
        name: entry.name_for(&site.config, lang),
        organization: entry.organization.clone(),
        answered_by: answered_by_text(site, lang, entry.answered_by),
        police: entry.answered_by == AnsweredBy::Police,
        scope: None,
        draft: entry.draft,
        description: entry.description_for(&site.config, lang),
        contacts,
        hours,
        hours_json,
        languages: (!languages.is_empty()).then(|| Text::join(&languages, &Text::native(", ", lang))),
        confidential: entry.confidential == Some(true),
        verified: entry.verified.to_string(),
    }
}

/// "Answered by the police", or nothing for `other`.
pub fn answered_by_text(site: &Site, lang: &str, by: AnsweredBy) -> Option<Text> {
    (by != AnsweredBy::Other).then(|| site.theme.strings.text(lang, &format!("answered_by_{}", by.as_str())))
}

fn hours_text(site: &Site, lang: &str, hours: &Hours) -> Text {
    match hours {
        Hours::AlwaysOpen => site.theme.strings.text(lang, "hours_always"),
        Hours::Weekly { timezone, periods } => {
            let words = |text: String| Text::native(text, lang);
            let parts: Vec<Text> = periods
                .iter()
                .map(|p| {
                    let days: Vec<Text> =
                        p.days.iter().map(|d| site.theme.strings.text(lang, &format!("day_{}", d.as_str()))).collect();
                    let times = words(format!(" {}–{}", p.opens, p.closes));
                    Text::join(&[Text::join(&days, &words(", ".into())), times], &words(String::new()))
                })
                .collect();
            let zone = words(format!(" ({timezone})"));
            Text::join(&[Text::join(&parts, &words("; ".into())), zone], &words(String::new()))
        }
    }
}

/// The lines shown on every page, with a link to the help index.
#[derive(Debug, Serialize)]
pub struct WhoToCall {
    pub href: String,
    /// The language these lines are written in (bilingual pages show each).
    pub lang: String,
    pub lines: Vec<EntryView>,
}

/// The emergency numbers of every country (once each when countries share a
/// number and its name, as 911 in the United States and Mexico), then, for
/// each country, its first national hotline about trafficking.
///
/// On a page about one country (a region page), the block offers only what
/// works from there; elsewhere every contact says where it works.
pub fn who_to_call(site: &Site, lang: &str, at: &SitePath, page_country: Option<&str>) -> Option<WhoToCall> {
    let dir = &site.directory;
    let hotlines = dir.countries().filter_map(|c| dir.main_hotline(&c.code));
    let emergency = dir.countries().flat_map(|c| dir.emergency_for(&c.code));
    let mut lines: Vec<EntryView> = Vec::new();
    for entry in emergency.chain(hotlines) {
        let mut view = entry_view(site, lang, entry, page_country);
        view.contacts.retain(|c| c.kind.is_call_or_text() && c.works);
        let same = |other: &EntryView| {
            other.name == view.name && other.contacts.iter().map(|c| &c.href).eq(view.contacts.iter().map(|c| &c.href))
        };
        if !view.contacts.is_empty() && !lines.iter().any(same) {
            lines.push(view);
        }
    }
    if lines.is_empty() {
        return None;
    }
    Some(WhoToCall { href: site.hrefs.to(at, &HelpPage::Index.path(site, lang)), lang: lang.to_string(), lines })
}
