//! The ISO 3166 codes that regions are checked against: every country
//! (ISO 3166-1 alpha-2) and every subdivision (ISO 3166-2) with its English
//! name.
//!
//! A code of the right shape can still name nothing (`US-TXS`, `MX-CDMX`), and
//! a region with such a code would get a page no one finds by its code and
//! would never match a phone number's region. So the codes are looked up in a
//! table, `iso3166.tsv`, written from Debian's iso-codes package (which
//! follows the ISO 3166 Maintenance Agency) by `scripts/update-iso3166.py`;
//! rerun it when the standard changes. The English names serve the help
//! lines: a country written as `UK` is told its code is `GB` because the
//! region's own name is "United Kingdom".

use std::sync::LazyLock;

/// `code name` rows sorted by code, comment lines left out.
static TABLE: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    include_str!("iso3166.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| line.split_once('\t'))
        .collect()
});

/// The English name of an ISO 3166-1 country or ISO 3166-2 subdivision code.
pub fn name(code: &str) -> Option<&'static str> {
    let table = &*TABLE;
    table.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| table[i].1)
}

/// Whether `code` is a country in ISO 3166-1.
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && name(code).is_some()
}

/// Whether `code` (`MX-CMX`) is a subdivision in ISO 3166-2.
pub fn is_subdivision(code: &str) -> bool {
    code.contains('-') && name(code).is_some()
}

/// The subdivisions of `country`, as `(code, name)`.
pub fn subdivisions_of(country: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    let table = &*TABLE;
    let start = table.partition_point(|(c, _)| *c <= country);
    table[start..].iter().copied().take_while(move |(c, _)| c.split_once('-').is_some_and(|(p, _)| p == country))
}

/// The country whose English name is one of `names` (a region's names in
/// the site's languages), ignoring case.
pub fn country_named<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let names: Vec<String> = names.into_iter().map(|n| n.trim().to_lowercase()).collect();
    TABLE.iter().find(|(code, name)| code.len() == 2 && names.contains(&name.to_lowercase())).map(|(code, _)| *code)
}

/// The subdivision of `country` an editor most likely meant by `typed`:
/// one named as the region is named, else a code one slip away from `typed`.
pub fn subdivision_meant<'a>(
    country: &str,
    typed: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<(&'static str, &'static str)> {
    let names: Vec<String> = names.into_iter().map(|n| n.trim().to_lowercase()).collect();
    if let Some(found) = subdivisions_of(country).find(|(_, name)| names.contains(&name.to_lowercase())) {
        return Some(found);
    }
    // Codes are short and alike (`MX-ZAC`, `MX-ZZZ`): only one slip away is a likely typo.
    let typed = typed.to_uppercase();
    subdivisions_of(country).find(|(code, _)| strsim::damerau_levenshtein(&typed, code) <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_complete() {
        let table = &*TABLE;
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "iso3166.tsv must be sorted by code, without repeats");
        assert_eq!(table.iter().filter(|(c, _)| c.len() == 2).count(), 249, "ISO 3166-1 has 249 countries");
        assert!(table.len() > 5000);
    }

    #[test]
    fn looks_up_countries_and_subdivisions() {
        assert_eq!(name("MX"), Some("Mexico"));
        assert!(is_country("US") && is_country("PR"));
        assert!(!is_country("UK") && !is_country("XX"));
        assert!(is_subdivision("US-TX") && is_subdivision("US-PR") && is_subdivision("MX-CMX"));
        assert!(!is_subdivision("US-TXS") && !is_subdivision("MX-CDMX") && !is_subdivision("US"));
    }

    #[test]
    fn lists_one_countrys_subdivisions_only() {
        let us: Vec<_> = subdivisions_of("US").map(|(c, _)| c).collect();
        assert_eq!(us.len(), 57, "50 states, DC and 6 outlying areas");
        assert!(us.iter().all(|c| c.starts_with("US-")));
        assert_eq!(subdivisions_of("MX").count(), 32);
    }

    #[test]
    fn finds_what_an_editor_meant() {
        assert_eq!(country_named(["United Kingdom", "Reino Unido"]), Some("GB"));
        assert_eq!(country_named(["Atlantis"]), None);
        assert_eq!(
            subdivision_meant("MX", "MX-CDMX", ["Mexico City", "Ciudad de México"]),
            Some(("MX-CMX", "Ciudad de México"))
        );
        assert_eq!(subdivision_meant("US", "US-TXS", ["Tejas"]), Some(("US-TX", "Texas")));
        assert_eq!(subdivision_meant("US", "US-QQQ", ["Nowhere"]), None);
    }
}
