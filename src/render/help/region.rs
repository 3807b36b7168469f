//! A region page's view: its lines grouped by what the visitor needs, each
//! group ordered emergency → national → this region → the other side of the
//! border, what the page says where the region has no service of its own,
//! and its schema.org data.

use serde::Serialize;

use crate::directory::contact::ContactKind;
use crate::directory::hours::Hours;
use crate::directory::regions::Region;
use crate::directory::{Directory, Entry, Kind, Topic};
use crate::lang::Text;
use crate::site::Site;
use crate::url::SitePath;

use super::HelpPage;
use super::lines::{EntryView, answered_by_text, entry_view};

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
        index_href: site.hrefs.to(at, &HelpPage::Index.path(site, lang)),
        flyer_href: site.hrefs.to(at, &HelpPage::Flyer(region).path(site, lang)),
        cards_href: site.hrefs.to(at, &HelpPage::Cards(region).path(site, lang)),
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
