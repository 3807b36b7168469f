//! Gaps in the help directory: the subdivisions that list no service of their
//! own, only the emergency numbers and national lines of their country. Their
//! pages say so to visitors; `faro check` lists them so editors see where a
//! sourced regional entry is most wanted (border states first).

use crate::site::Site;

/// A region without a service of its own, named in the default language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionGap {
    pub code: String,
    pub name: String,
    pub border: bool,
}

/// The gaps, border states first, then in the order of `regions.yaml`.
pub fn directory_gaps(site: &Site) -> Vec<RegionGap> {
    let lang = site.config.default_language.as_str();
    let mut gaps: Vec<RegionGap> = site
        .directory
        .regions_without_services()
        .into_iter()
        .map(|r| RegionGap { code: r.code.clone(), name: r.name_in(lang).to_string(), border: r.border })
        .collect();
    gaps.sort_by_key(|g| !g.border);
    gaps
}
