//! The help index's view: every region, grouped by country with the border
//! states first, and the time zones the suggestion script maps to them.

use serde::Serialize;

use crate::directory::regions::Region;
use crate::lang::Text;
use crate::site::Site;
use crate::url::SitePath;

use super::HelpPage;

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
        href: site.hrefs.to(at, &HelpPage::Region(r).path(site, lang)),
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
    let print_href = site.hrefs.to(at, &HelpPage::PrintIndex.path(site, lang));
    IndexView { print_href, border, countries, zones: serde_json::Value::Object(zones).to_string() }
}
