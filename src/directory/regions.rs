//! The places the directory serves, from `content/directory/regions.yaml`:
//! countries (ISO 3166-1 alpha-2) and their subdivisions (ISO 3166-2), each
//! named in every language of the site.
//!
//! The file lists each country with its subdivisions under it, so the country
//! a state belongs to is visible where it is written and checked against the
//! code's prefix:
//!
//! ```yaml
//! - code: MX
//!   name: {en: Mexico, es: México}
//!   subdivisions:
//!     - {code: MX-BCN, name: {en: Baja California, es: Baja California}, border: true}
//! ```
//!
//! A language without a `fallback` in `site.yaml` needs a name for every
//! region; a partly translated one may lack names, which are then taken from
//! down its chain ([`Region::name_for`]). A region that lacks a name is still
//! a region: the missing name is reported once, and the entries serving it
//! are not told it is unknown.
//!
//! `border: true` marks the states along the U.S.–Mexico border, which the help
//! index lists first. `kind:` says what a subdivision is when it is not a
//! state (`district`, `territory`, `city`), so pages speak of it rightly.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::iso3166;
use crate::diagnostic::{Checked, Code, Diagnostic};
use crate::source::SourceFile;
use crate::yaml::{locate, parse_list};

/// What the YAML parser reads from one country item.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountry {
    code: String,
    name: BTreeMap<String, String>,
    #[serde(default)]
    subdivisions: Vec<RawSubdivision>,
    #[serde(default)]
    timezones: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubdivision {
    code: String,
    name: BTreeMap<String, String>,
    #[serde(default)]
    border: bool,
    #[serde(default)]
    kind: RegionKind,
    #[serde(default)]
    timezones: Vec<String>,
}

/// What kind of place a region is, for the words pages use about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionKind {
    Country,
    #[default]
    State,
    /// The District of Columbia.
    District,
    /// Puerto Rico, Guam and the other U.S. territories.
    Territory,
    /// Mexico City.
    City,
}

impl RegionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RegionKind::Country => "country",
            RegionKind::State => "state",
            RegionKind::District => "district",
            RegionKind::Territory => "territory",
            RegionKind::City => "city",
        }
    }
}

/// A country or one of its subdivisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// `US`, `MX`, `US-TX`, `MX-TLA`.
    pub code: String,
    /// The country's code; equal to `code` for a country.
    pub country: String,
    /// The region's name per language code.
    pub name: BTreeMap<String, String>,
    /// On the U.S.–Mexico border (never set for a country).
    pub border: bool,
    pub kind: RegionKind,
    /// IANA time zones that point to this region alone, used only to suggest
    /// it (the visitor confirms); never to locate anyone.
    pub timezones: Vec<String>,
}

impl Region {
    pub fn is_country(&self) -> bool {
        self.code == self.country
    }

    /// The name in `lang`, or the code when the name is missing.
    pub fn name_in(&self, lang: &str) -> &str {
        self.name.get(lang).map_or(self.code.as_str(), String::as_str)
    }

    /// The name for a page in `lang`, from down its fallback chain when
    /// `lang` lacks one, with the language it is in; the code when no
    /// language of the chain names it.
    pub fn name_for(&self, config: &crate::config::Config, lang: &str) -> crate::lang::Text {
        match crate::lang::pick(config, &self.name, lang) {
            Some((found, name)) => crate::lang::Text::new(name, found, lang),
            None => crate::lang::Text::native(self.code.as_str(), lang),
        }
    }

    /// The lowercase code used in addresses (`us-tx`).
    pub fn slug(&self) -> String {
        self.code.to_ascii_lowercase()
    }
}

/// Every zone must exist in the time-zone database bundled with the binary.
fn check_timezones(file: &SourceFile, zones: &[String], item: Range<usize>, problems: &mut Vec<Diagnostic>) -> bool {
    let mut ok = true;
    for zone in zones {
        if jiff::tz::db().get(zone).is_err() {
            let at = file.text[item.clone()]
                .find(zone.as_str())
                .map_or(item.clone(), |i| item.start + i..item.start + i + zone.len());
            problems.push(
                Diagnostic::error(Code::BadTimeZone, format!("`{zone}` is not a time zone"))
                    .at(file, at, "unknown time zone")
                    .help("use an IANA time zone name such as America/Tijuana"),
            );
            ok = false;
        }
    }
    ok
}

/// Reads and checks `regions.yaml`, returning the regions that passed and a
/// problem for each one that did not. `languages` are those that must name
/// every region (the languages without a fallback).
pub fn parse(file: &SourceFile, languages: &[String]) -> Checked<Vec<Region>> {
    let mut problems = Vec::new();
    let items: Vec<(RawCountry, Range<usize>)> = parse_list(file, "regions.yaml", &mut problems);
    let text = &*file.text;
    let mut regions: Vec<Region> = Vec::new();
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();

    for (raw, item) in items {
        let country = raw.code.trim().to_string();
        let code_span = locate::value_or(text, item.clone(), "code");
        let mut ok = true;
        if !iso3166::is_country(&country) {
            problems.push(
                Diagnostic::error(Code::BadCountryCode, format!("`{country}` is not a country code"))
                    .at(file, code_span.clone(), "not in ISO 3166-1")
                    .help(country_help(&raw.name)),
            );
            ok = false;
        }
        ok &= check_unique(file, &mut seen, &country, code_span.clone(), &mut problems);
        // A missing name is its own problem: the region still exists, so
        // the entries serving it are not reported as naming an unknown one.
        check_names(file, &raw.name, languages, &country, item.clone(), &mut problems);
        ok &= check_timezones(file, &raw.timezones, item.clone(), &mut problems);
        if ok {
            regions.push(Region {
                code: country.clone(),
                country: country.clone(),
                name: raw.name,
                border: false,
                kind: RegionKind::Country,
                timezones: raw.timezones,
            });
        }

        let subdivisions_key = locate::key(text, item.clone(), "subdivisions");
        let list = subdivisions_key.clone().map(|k| locate::key_and_value(text, k)).unwrap_or(item.clone());
        let mut cursor = list.start;
        for sub in raw.subdivisions {
            let code = sub.code.trim().to_string();
            let span = locate::token(text, list.clone(), cursor, &code)
                .unwrap_or_else(|| subdivisions_key.clone().unwrap_or(code_span.clone()));
            cursor = span.end.max(cursor);
            // The subdivision's own item: from its code to the next code.
            let sub_item =
                span.start..locate::nth_key(text, span.end..list.end, "code", 0).map_or(list.end, |r| r.start);
            let mut ok = true;
            match code.split_once('-') {
                Some((prefix, _)) if prefix == country && iso3166::is_subdivision(&code) => {}
                Some((prefix, _)) if iso3166::is_subdivision(&code) => {
                    problems.push(
                        Diagnostic::error(Code::BadSubdivisionCode, format!("`{code}` is listed under `{country}`"))
                            .at(file, span.clone(), format!("not a subdivision of {country}"))
                            .help(format!("move it under the country `{prefix}`, or correct the code")),
                    );
                    ok = false;
                }
                _ => {
                    problems.push(
                        Diagnostic::error(Code::BadSubdivisionCode, format!("`{code}` is not a subdivision code"))
                            .at(file, span.clone(), format!("not in ISO 3166-2 for {country}"))
                            .help(subdivision_help(&country, &code, &sub.name)),
                    );
                    ok = false;
                }
            }
            ok &= check_unique(file, &mut seen, &code, span.clone(), &mut problems);
            check_names(file, &sub.name, languages, &code, sub_item, &mut problems);
            ok &= check_timezones(file, &sub.timezones, span.clone(), &mut problems);
            if ok {
                regions.push(Region {
                    code,
                    country: country.clone(),
                    name: sub.name,
                    border: sub.border,
                    kind: if sub.kind == RegionKind::Country { RegionKind::State } else { sub.kind },
                    timezones: sub.timezones,
                });
            }
        }
    }
    Checked::new(regions, problems)
}

fn check_unique(
    file: &SourceFile,
    seen: &mut HashMap<String, Range<usize>>,
    code: &str,
    span: Range<usize>,
    problems: &mut Vec<Diagnostic>,
) -> bool {
    if let Some(first) = seen.get(code) {
        problems.push(
            Diagnostic::error(Code::DuplicateRegion, format!("region `{code}` is listed twice"))
                .at(file, span, "listed again here")
                .also_at(file, first.clone(), "first listed here")
                .help("keep one of the two"),
        );
        return false;
    }
    seen.insert(code.to_string(), span);
    true
}

fn check_names(
    file: &SourceFile,
    names: &BTreeMap<String, String>,
    languages: &[String],
    code: &str,
    item: Range<usize>,
    problems: &mut Vec<Diagnostic>,
) {
    for lang in languages {
        if names.get(lang).is_none_or(|n| n.trim().is_empty()) {
            let span = locate::key_or(&file.text, item.clone(), "name");
            problems.push(
                Diagnostic::error(Code::MissingLanguageText, format!("region `{code}` has no name in `{lang}`"))
                    .at(file, span, format!("no `{lang}` name here"))
                    .help(format!("add `{lang}: …` under `name`")),
            );
        }
    }
}

/// How to write a country's code, naming the one its name says it is.
fn country_help(names: &BTreeMap<String, String>) -> String {
    match iso3166::country_named(names.values().map(String::as_str)) {
        Some(code) => format!("the ISO 3166-1 code of {} is `{code}`", iso3166::name(code).unwrap_or(code)),
        None => "write the country's two-letter ISO 3166-1 code in capitals, such as US or MX".to_string(),
    }
}

/// How to write a subdivision's code: the one its name or its code is
/// nearest to, or where the codes are listed.
fn subdivision_help(country: &str, code: &str, names: &BTreeMap<String, String>) -> String {
    if let Some((meant, name)) = iso3166::subdivision_meant(country, code, names.values().map(String::as_str)) {
        return format!("did you mean `{meant}` ({name})?");
    }
    match iso3166::subdivisions_of(country).next() {
        Some((example, name)) => format!(
            "write the code ISO 3166-2 gives it, such as `{example}` for {name}; the codes are listed under \"ISO 3166-2:{country}\""
        ),
        None => format!("ISO 3166-2 lists no subdivisions of `{country}`; list the country alone"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["en".into(), "es".into()]
    }

    fn parse_text(text: &str) -> (Vec<Region>, Vec<Diagnostic>) {
        let Checked { value, problems } = parse(&SourceFile::new("content/directory/regions.yaml", text), &langs());
        (value, problems)
    }

    #[test]
    fn reads_countries_and_subdivisions() {
        let (regions, problems) = parse_text(
            "- code: MX\n  name: {en: Mexico, es: México}\n  subdivisions:\n    - {code: MX-BCN, name: {en: Baja California, es: Baja California}, border: true}\n    - code: MX-TLA\n      name: {en: Tlaxcala, es: Tlaxcala}\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let codes: Vec<_> = regions.iter().map(|r| (r.code.as_str(), r.country.as_str(), r.border)).collect();
        assert_eq!(codes, [("MX", "MX", false), ("MX-BCN", "MX", true), ("MX-TLA", "MX", false)]);
        assert!(regions[0].is_country());
        assert_eq!(regions[1].name_in("es"), "Baja California");
        assert_eq!(regions[2].slug(), "mx-tla");
    }

    #[test]
    fn reports_bad_codes_duplicates_and_names() {
        let text = "- code: MX\n  name: {en: Mexico, es: México}\n  subdivisions:\n    - {code: US-TX, name: {en: Texas, es: Texas}}\n    - {code: MX-TLA, name: {en: Tlaxcala}}\n    - {code: MXTLA, name: {en: T, es: T}}\n    - {code: MX-TLA, name: {en: T, es: T}}\n- code: usa\n  name: {en: USA, es: EUA}\n";
        let (regions, problems) = parse_text(text);
        let messages: Vec<_> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`US-TX` is listed under `MX`",
                "region `MX-TLA` has no name in `es`",
                "`MXTLA` is not a subdivision code",
                "region `MX-TLA` is listed twice",
                "`usa` is not a country code",
            ]
        );
        // Each problem points at its own line.
        let lines: Vec<_> = problems.iter().map(|d| d.position().unwrap().1).collect();
        assert_eq!(lines, [4, 5, 6, 7, 8]);
        let codes: Vec<&str> = regions.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["MX", "MX-TLA"], "a region lacking a name is still a region");
    }

    #[test]
    fn codes_of_the_right_shape_must_exist_in_iso_3166() {
        let text = "- code: UK\n  name: {en: United Kingdom, es: Reino Unido}\n- code: MX\n  name: {en: Mexico, es: México}\n  subdivisions:\n    - {code: MX-CDMX, name: {en: Mexico City, es: Ciudad de México}}\n    - {code: MXTLA, name: {en: T, es: T}}\n    - {code: MX-ZZZ, name: {en: Z, es: Z}}\n";
        let (regions, problems) = parse_text(text);
        let found: Vec<_> = problems.iter().map(|d| (d.message.as_str(), d.help.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            found,
            [
                ("`UK` is not a country code", "the ISO 3166-1 code of United Kingdom is `GB`"),
                ("`MX-CDMX` is not a subdivision code", "did you mean `MX-CMX` (Ciudad de México)?"),
                ("`MXTLA` is not a subdivision code", "did you mean `MX-TLA` (Tlaxcala)?"),
                (
                    "`MX-ZZZ` is not a subdivision code",
                    "write the code ISO 3166-2 gives it, such as `MX-AGU` for Aguascalientes; the codes are listed under \"ISO 3166-2:MX\""
                ),
            ]
        );
        let codes: Vec<&str> = regions.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["MX"]);
    }

    #[test]
    fn a_missing_name_comes_from_down_the_chain() {
        let config = crate::config::Config::parse(SourceFile::new(
            crate::config::SITE_FILE,
            "title: {en: T, es: T, pt: T}\nbase_url: https://example.org/\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n  - {code: pt, name: Português, fallback: es}\n",
        ))
        .unwrap();
        let (regions, problems) = parse_text(
            "- code: MX\n  name: {en: Mexico, es: México, pt: México}\n  subdivisions:\n    - {code: MX-CMX, name: {en: Mexico City, es: Ciudad de México}, kind: city}\n",
        );
        assert!(problems.is_empty(), "`pt` is not required: {problems:?}");
        let city = regions[1].name_for(&config, "pt");
        assert_eq!((city.as_str(), city.lang()), ("Ciudad de México", "es"));
        let country = regions[0].name_for(&config, "pt");
        assert_eq!((country.as_str(), country.lang()), ("México", "pt"));
    }
}
