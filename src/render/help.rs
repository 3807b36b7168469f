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
//! text here is a [`Text`], so words taken from a fallback language (a
//! region's name, an entry's description, a theme string) carry their
//! `lang` into the page.

use serde::Serialize;

use crate::directory::contact::{Contact, ContactKind};
use crate::directory::hours::Hours;
use crate::directory::regions::Region;
use crate::directory::{AnsweredBy, Directory, Entry, Kind, Topic};
use crate::lang::Text;
use crate::site::Site;
use crate::url::SitePath;

/// The help index's address in `lang`: the `help/_index.<lang>.md` page's
/// address when there is one, else `/<lang>/help/`.
pub fn index_path(site: &Site, lang: &str) -> SitePath {
    match site.content.get("help/_index", lang) {
        Some(page) => page.path.clone(),
        None => SitePath::root().join(lang).join("help"),
    }
}

/// The address of a region's page in `lang` (`/es/ayuda/mx-tla/`).
pub fn region_path(site: &Site, lang: &str, region: &Region) -> SitePath {
    index_path(site, lang).join(&region.slug())
}

#[derive(Debug, Serialize)]
pub struct RegionLink {
    pub code: String,
    pub name: Text,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct CountryView {
    pub code: String,
    pub name: Text,
    pub href: String,
    pub regions: Vec<RegionLink>,
}

/// What the help index template gets as `help`.
#[derive(Debug, Serialize)]
pub struct IndexView {
    /// The print index: every region's flyer and wallet cards.
    pub print_href: String,
    pub border: Vec<RegionLink>,
    pub countries: Vec<CountryView>,
    /// JSON: time zone → `{href, name}`, for the suggestion script.
    pub zones: String,
}

pub fn index_view(site: &Site, lang: &str, at: &SitePath) -> IndexView {
    let dir = &site.directory;
    let link = |r: &Region| RegionLink {
        code: r.code.clone(),
        name: r.name_for(&site.config, lang),
        href: site.hrefs.to(at, &region_path(site, lang, r)),
    };
    let by_name = |list: &mut Vec<RegionLink>| list.sort_by_key(|r| r.name.as_str().to_lowercase());
    let mut border: Vec<RegionLink> = dir.regions.iter().filter(|r| r.border).map(link).collect();
    by_name(&mut border);
    let countries = dir
        .countries()
        .map(|c| {
            let mut regions: Vec<RegionLink> = dir.regions_of_country(&c.code).into_iter().map(link).collect();
            by_name(&mut regions);
            CountryView { code: c.code.clone(), name: c.name_for(&site.config, lang), href: link(c).href, regions }
        })
        .collect();
    let zones: serde_json::Map<String, serde_json::Value> = dir
        .regions
        .iter()
        .flat_map(|r| r.timezones.iter().map(move |z| (z, r)))
        .map(|(zone, r)| {
            let l = link(r);
            (zone.clone(), serde_json::json!({ "href": l.href, "name": l.name.as_str() }))
        })
        .collect();
    let print_href = site.hrefs.to(at, &super::outreach::index_path(site, lang));
    IndexView { print_href, border, countries, zones: serde_json::Value::Object(zones).to_string() }
}

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

#[derive(Debug, Serialize)]
pub struct Group {
    pub id: &'static str,
    pub heading: Text,
    pub entries: Vec<EntryView>,
}

/// What a region page's template gets as `help`.
#[derive(Debug, Serialize)]
pub struct RegionView {
    pub index_href: String,
    /// The region's flyer and sheet of wallet cards, to print.
    pub flyer_href: String,
    pub cards_href: String,
    pub groups: Vec<Group>,
    /// The region has no service of its own: what the page says instead.
    pub gap: Option<Text>,
    /// What calling the police can mean for someone without papers, for the
    /// page's country, when a line of the page is answered by the police
    /// and the theme has words for it.
    pub police_note: Option<Text>,
    pub json_ld: String,
}

/// What a visitor needs: the groups of a region page, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    Emergency,
    Trafficking,
    Shelter,
    Legal,
    Work,
    Health,
    Consulates,
    More,
}

impl Need {
    pub const ALL: [Need; 8] = [
        Need::Emergency,
        Need::Trafficking,
        Need::Shelter,
        Need::Legal,
        Need::Work,
        Need::Health,
        Need::Consulates,
        Need::More,
    ];

    /// The group's element id, and the key of its heading in the theme's strings.
    pub fn id(self) -> &'static str {
        match self {
            Need::Emergency => "emergency",
            Need::Trafficking => "trafficking",
            Need::Shelter => "shelter",
            Need::Legal => "legal",
            Need::Work => "work",
            Need::Health => "health",
            Need::Consulates => "consulates",
            Need::More => "more-help",
        }
    }

    /// The group an entry belongs in, from its kind and topics.
    pub fn of(entry: &Entry) -> Need {
        if entry.has_topic(Topic::Emergency) {
            return Need::Emergency;
        }
        match entry.kind {
            Kind::Shelter => Need::Shelter,
            Kind::Legal => Need::Legal,
            Kind::Labor => Need::Work,
            Kind::Health => Need::Health,
            Kind::Consulate => Need::Consulates,
            Kind::Hotline | Kind::Other
                if entry.has_topic(Topic::SexTrafficking) || entry.has_topic(Topic::LaborTrafficking) =>
            {
                Need::Trafficking
            }
            Kind::Hotline | Kind::Other => Need::More,
        }
    }
}

/// Where a line stands relative to a region page, in the page's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    National,
    Region,
    OtherSide,
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
fn answered_by_text(site: &Site, lang: &str, by: AnsweredBy) -> Option<Text> {
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

/// The lines of a region page with where each stands: the emergency numbers
/// and national lines of its country, its own services, then the other
/// country's national lines that can be reached from it.
fn region_lines<'a>(dir: &'a Directory, region: &Region) -> Vec<(Scope, &'a Entry)> {
    let country = region.country.as_str();
    let mut lines: Vec<(Scope, &Entry)> =
        dir.emergency_for(country).into_iter().map(|e| (Scope::National, e)).collect();
    lines.extend(dir.national_for(country).into_iter().map(|e| (Scope::National, e)));
    if !region.is_country() {
        lines.extend(dir.services_in(&region.code).into_iter().map(|e| (Scope::Region, e)));
    }
    lines.extend(dir.other_side(country).into_iter().map(|e| (Scope::OtherSide, e)));
    lines
}

pub fn region_view(site: &Site, lang: &str, region: &Region, at: &SitePath) -> RegionView {
    let dir: &Directory = &site.directory;
    let strings = &site.theme.strings;
    let country = region.country.as_str();
    let lines = region_lines(dir, region);
    let json_ld = json_ld(site, lang, country, &lines);
    let has_own = lines.iter().any(|(scope, _)| *scope == Scope::Region);
    let mut lines = lines;
    // Stable: within a group and scope, entries keep the directory's order.
    lines.sort_by_key(|(scope, e)| (Need::of(e), *scope));
    let region_name = region.name_for(&site.config, lang);
    let country_name =
        dir.region(country).map_or_else(|| Text::native(country, lang), |c| c.name_for(&site.config, lang));
    let mut groups: Vec<Group> = Vec::new();
    for (scope, entry) in lines {
        let need = Need::of(entry);
        let mut view = entry_view(site, lang, entry, Some(country));
        view.scope = match (need, scope) {
            (Need::Emergency, _) => None,
            (_, Scope::National) => Some(strings.text(lang, "scope_national").fill("{country}", &country_name)),
            (_, Scope::Region) => Some(strings.text(lang, "scope_region").fill("{region}", &region_name)),
            (_, Scope::OtherSide) => {
                let other = entry
                    .areas
                    .first()
                    .and_then(|a| dir.region(a))
                    .map_or_else(|| Text::native("", lang), |r| r.name_for(&site.config, lang));
                Some(strings.text(lang, "scope_other_side").fill("{country}", &other))
            }
        };
        match groups.last_mut() {
            Some(group) if group.id == need.id() => group.entries.push(view),
            _ => groups.push(Group {
                id: need.id(),
                heading: strings.text(lang, &format!("need_{}", need.id().replace('-', "_"))),
                entries: vec![view],
            }),
        }
    }
    let gap = (!region.is_country() && !has_own).then(|| {
        strings
            .text(lang, &format!("help_gap_{}", region.kind.as_str()))
            .fill("{region}", &region_name)
            .fill("{country}", &country_name)
    });
    // Only where a line of the page is answered by the police: the note says so.
    let has_police = groups.iter().flat_map(|g| &g.entries).any(|e| e.police);
    let police_note = has_police
        .then(|| {
            let key = format!("police_note_{country}");
            // The note is the theme's own markup, with links to its sources.
            strings.lookup_text(lang, &key).map(|t| Text::trusted_html(t.as_str(), t.lang(), lang))
        })
        .flatten();
    RegionView {
        index_href: site.hrefs.to(at, &index_path(site, lang)),
        flyer_href: site.hrefs.to(at, &super::outreach::flyer_path(site, lang, region)),
        cards_href: site.hrefs.to(at, &super::outreach::cards_path(site, lang, region)),
        json_ld,
        groups,
        gap,
        police_note,
    }
}

/// schema.org data for the lines serving a region: each organisation with
/// its contact points, the area served, languages and hours.
fn json_ld(site: &Site, lang: &str, country: &str, lines: &[(Scope, &Entry)]) -> String {
    let graph: Vec<serde_json::Value> = lines
        .iter()
        .filter(|(scope, _)| *scope != Scope::OtherSide)
        .map(|&(_, e)| e)
        .map(|e| {
            let points: Vec<serde_json::Value> = e
                .contacts
                .iter()
                .filter(|c| c.works_from(country))
                .filter_map(|c| c.number.as_ref().map(|n| (c, n)))
                .map(|(c, n)| {
                    let mut point = serde_json::json!({
                        "@type": "ContactPoint",
                        "telephone": n.dial_string(),
                        "contactType": site.theme.strings.get(lang, &format!("action_{}", c.kind.as_str())),
                        "areaServed": e.areas,
                        "availableLanguage": e.languages,
                    });
                    if let Some(by) = answered_by_text(site, lang, e.answered_by) {
                        point["description"] = serde_json::Value::String(by.as_str().to_string());
                    }
                    if let Some(Hours::AlwaysOpen) = e.hours {
                        point["hoursAvailable"] = serde_json::json!({
                            "@type": "OpeningHoursSpecification",
                            "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
                            "opens": "00:00",
                            "closes": "23:59"
                        });
                    }
                    point
                })
                .collect();
            let mut org = serde_json::json!({
                "@type": "Organization",
                "name": e.organization.clone().unwrap_or_else(|| e.name_for(&site.config, lang).as_str().to_string()),
                "description": e.description_for(&site.config, lang).as_str(),
                "areaServed": e.areas,
                "contactPoint": points,
            });
            if let Some(web) = e.contacts.iter().find(|c| c.kind == ContactKind::Web) {
                org["url"] = serde_json::Value::String(web.href.clone());
            }
            org
        })
        .collect();
    script_safe_json(&serde_json::json!({ "@context": "https://schema.org", "@graph": graph }))
}

/// JSON that can sit inside a `<script>` element whatever its strings hold:
/// `<`, `>` and `&` are written as escapes, so neither `</script>` nor `<!--`
/// can end or hide the rest of the page. (They occur only inside strings,
/// where the escapes mean the same characters.)
pub fn script_safe_json(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
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
    Some(WhoToCall { href: site.hrefs.to(at, &index_path(site, lang)), lang: lang.to_string(), lines })
}
