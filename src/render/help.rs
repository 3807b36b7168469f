//! The "who to call" pages: an index of every region, grouped by country with
//! the border states first, and one page per country and subdivision listing,
//! in this order, emergency numbers, the country's national lines, the
//! region's own services, and the lines of the other side of the border.
//! Everything works as plain links; a small script only adds a time-zone
//! suggestion and "open now".

use serde::Serialize;

use crate::content::url::SitePath;
use crate::directory::contact::ContactKind;
use crate::directory::hours::Hours;
use crate::directory::regions::Region;
use crate::directory::{Directory, Entry};
use crate::site::Site;

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
    pub name: String,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct CountryView {
    pub code: String,
    pub name: String,
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
        name: r.name_in(lang).to_string(),
        href: site.hrefs.to(at, &region_path(site, lang, r)),
    };
    let by_name = |list: &mut Vec<RegionLink>| list.sort_by_key(|r| r.name.to_lowercase());
    let mut border: Vec<RegionLink> = dir.regions.iter().filter(|r| r.border).map(link).collect();
    by_name(&mut border);
    let countries = dir
        .countries()
        .map(|c| {
            let mut regions: Vec<RegionLink> = dir.regions_of_country(&c.code).into_iter().map(link).collect();
            by_name(&mut regions);
            CountryView { code: c.code.clone(), name: c.name_in(lang).to_string(), href: link(c).href, regions }
        })
        .collect();
    let zones: serde_json::Map<String, serde_json::Value> = dir
        .regions
        .iter()
        .flat_map(|r| r.timezones.iter().map(move |z| (z, r)))
        .map(|(zone, r)| {
            let l = link(r);
            (zone.clone(), serde_json::json!({ "href": l.href, "name": l.name }))
        })
        .collect();
    let print_href = site.hrefs.to(at, &super::outreach::index_path(site, lang));
    IndexView { print_href, border, countries, zones: serde_json::Value::Object(zones).to_string() }
}

/// One contact as a big tap target.
#[derive(Debug, Serialize)]
pub struct ContactView {
    pub kind: ContactKind,
    pub action: String,
    pub display: String,
    pub href: String,
    pub note: Option<String>,
    /// What using it leaves on the phone.
    pub trace: String,
    pub external: bool,
}

#[derive(Debug, Serialize)]
pub struct EntryView {
    pub id: String,
    pub name: String,
    pub organization: Option<String>,
    pub description: String,
    pub contacts: Vec<ContactView>,
    pub hours: Option<String>,
    /// Structured hours for "open now", when not open around the clock.
    pub hours_json: Option<String>,
    pub languages: String,
    pub confidential: bool,
    pub verified: String,
}

#[derive(Debug, Serialize)]
pub struct Group {
    pub id: &'static str,
    pub heading: String,
    pub intro: Option<String>,
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
    pub json_ld: String,
}

pub fn entry_view(site: &Site, lang: &str, entry: &Entry, page_country: Option<&str>) -> EntryView {
    let t = |key: &str| site.theme.strings.get(lang, key).to_string();
    let contacts = entry
        .contacts
        .iter()
        .map(|c| {
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
                note: c.note.get(lang).cloned(),
                trace: t(&format!("trace_{kind}")),
                external: c.href.starts_with("http"),
            }
        })
        .collect();
    let hours = entry.hours.as_ref().map(|h| hours_text(site, lang, h));
    let hours_json = entry.hours.as_ref().filter(|h| !h.is_always_open()).and_then(|h| serde_json::to_string(h).ok());
    let mut languages: Vec<String> = entry
        .languages
        .iter()
        .map(|code| site.theme.strings.get(lang, &format!("language_{code}")).to_string())
        .collect();
    if entry.interpretation {
        languages.push(t("interpretation"));
    }
    EntryView {
        id: entry.id.clone(),
        name: entry.name_in(lang).to_string(),
        organization: entry.organization.clone(),
        description: entry.description_in(lang).to_string(),
        contacts,
        hours,
        hours_json,
        languages: languages.join(", "),
        confidential: entry.confidential == Some(true),
        verified: entry.verified.to_string(),
    }
}

fn hours_text(site: &Site, lang: &str, hours: &Hours) -> String {
    match hours {
        Hours::AlwaysOpen => site.theme.strings.get(lang, "hours_always").to_string(),
        Hours::Weekly { timezone, periods } => {
            let parts: Vec<String> = periods
                .iter()
                .map(|p| {
                    let days: Vec<String> =
                        p.days.iter().map(|d| site.theme.strings.get(lang, &format!("day_{}", d.as_str()))).collect();
                    format!("{} {}–{}", days.join(", "), p.opens, p.closes)
                })
                .collect();
            format!("{} ({timezone})", parts.join("; "))
        }
    }
}

pub fn region_view(site: &Site, lang: &str, region: &Region, at: &SitePath) -> RegionView {
    let dir: &Directory = &site.directory;
    let t = |key: &str| site.theme.strings.get(lang, key).to_string();
    let country = region.country.as_str();
    let view = |entries: Vec<&Entry>| -> Vec<EntryView> {
        entries.into_iter().map(|e| entry_view(site, lang, e, Some(country))).collect()
    };
    let mut groups = vec![
        Group { id: "emergency", heading: t("help_emergency"), intro: None, entries: view(dir.emergency_for(country)) },
        Group { id: "national", heading: t("help_national"), intro: None, entries: view(dir.national_for(country)) },
    ];
    if !region.is_country() {
        groups.push(Group {
            id: "local",
            heading: t("help_local"),
            intro: None,
            entries: view(dir.services_in(&region.code)),
        });
    }
    let other = dir.other_side(country);
    if !other.is_empty() {
        groups.push(Group {
            id: "other-side",
            heading: t("help_other_side"),
            intro: Some(t("help_other_side_intro")),
            entries: view(other),
        });
    }
    RegionView {
        index_href: site.hrefs.to(at, &index_path(site, lang)),
        flyer_href: site.hrefs.to(at, &super::outreach::flyer_path(site, lang, region)),
        cards_href: site.hrefs.to(at, &super::outreach::cards_path(site, lang, region)),
        json_ld: json_ld(site, lang, region, dir),
        groups,
    }
}

/// schema.org data for the lines serving a region: each organisation with
/// its contact points, the area served, languages and hours.
fn json_ld(site: &Site, lang: &str, region: &Region, dir: &Directory) -> String {
    let mut entries = dir.emergency_for(&region.country);
    entries.extend(dir.national_for(&region.country));
    if !region.is_country() {
        entries.extend(dir.services_in(&region.code));
    }
    let graph: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            let points: Vec<serde_json::Value> = e
                .contacts
                .iter()
                .filter_map(|c| c.number.as_ref().map(|n| (c, n)))
                .map(|(c, n)| {
                    let mut point = serde_json::json!({
                        "@type": "ContactPoint",
                        "telephone": n.dial_string(),
                        "contactType": site.theme.strings.get(lang, &format!("action_{}", c.kind.as_str())),
                        "areaServed": e.areas,
                        "availableLanguage": e.languages,
                    });
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
                "name": e.organization.clone().unwrap_or_else(|| e.name_in(lang).to_string()),
                "description": e.description_in(lang),
                "areaServed": e.areas,
                "contactPoint": points,
            });
            if let Some(web) = e.contacts.iter().find(|c| c.kind == ContactKind::Web) {
                org["url"] = serde_json::Value::String(web.href.clone());
            }
            org
        })
        .collect();
    // `</` cannot appear inside a script element.
    serde_json::json!({ "@context": "https://schema.org", "@graph": graph }).to_string().replace("</", "<\\/")
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
pub fn who_to_call(site: &Site, lang: &str, at: &SitePath) -> Option<WhoToCall> {
    let dir = &site.directory;
    let hotlines = dir.countries().filter_map(|c| dir.main_hotline(&c.code));
    let emergency = dir.countries().flat_map(|c| dir.emergency_for(&c.code));
    let mut lines: Vec<EntryView> = Vec::new();
    for entry in emergency.chain(hotlines) {
        let mut view = entry_view(site, lang, entry, None);
        view.contacts.retain(|c| c.kind.is_call_or_text());
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
