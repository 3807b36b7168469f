//! The help directory: who to call, from where. Loaded from
//! `content/directory/*.yaml` into plain, checked data that the "who to call"
//! pages are rendered from.
//!
//! `regions.yaml` names the countries and subdivisions ([`regions`]); every
//! other YAML file in the folder is a list of entries ([`entry`]), each with its
//! contacts ([`contact`], [`phone`]) and hours ([`hours`]). Loading checks
//! everything an editor can get wrong and reports all of it in one run, each
//! problem pointing at the value in the file: YAML and unknown keys through
//! [`crate::yaml`], the rest through [`crate::yaml::locate`], which finds values in the text
//! after parsing. An entry with an error is left out; warnings (a stale
//! `verified` date) keep it.
//!
//! The query helpers on [`Directory`] encode the page order from the design:
//! emergency numbers, the country's national lines, the region's own services,
//! then the lines on the other side of the border. Entries of a country apply
//! to all its subdivisions.

pub mod contact;
pub mod entry;
pub mod hours;
pub mod iso3166;
pub mod phone;
pub mod regions;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Checked, Code, Diagnostic, Diagnostics};
use crate::read::read_source;
use crate::source::SourceFile;
use crate::yaml::parse_list;

pub use contact::{Contact, ContactKind};
pub use entry::{AnsweredBy, Entry, Kind, Topic};
pub use hours::{ClockTime, Hours, Period, Weekday};
pub use phone::PhoneNumber;
pub use regions::Region;

pub use crate::layout::DIRECTORY_DIR;

/// The file that names the regions, relative to the site root.
pub const REGIONS_FILE: &str = "content/directory/regions.yaml";

/// Everything in the help directory, checked.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Directory {
    /// Countries, each followed by its subdivisions, in the order of `regions.yaml`.
    pub regions: Vec<Region>,
    /// Entries in file-name order, then in the order written.
    pub entries: Vec<Entry>,
}

impl Directory {
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    pub fn countries(&self) -> impl Iterator<Item = &Region> {
        self.regions.iter().filter(|r| r.is_country())
    }

    /// The subdivisions of `country` (not the country itself), as listed.
    pub fn regions_of_country(&self, country: &str) -> Vec<&Region> {
        self.regions.iter().filter(|r| r.country == country && !r.is_country()).collect()
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Every entry that serves `region`: those listing the region itself and,
    /// for a subdivision, those listing its country.
    pub fn entries_for(&self, region: &str) -> Vec<&Entry> {
        let country = self.region(region).map(|r| r.country.as_str());
        self.entries.iter().filter(|e| e.areas.iter().any(|a| a == region || Some(a.as_str()) == country)).collect()
    }

    /// Emergency numbers of `country` (entries with the `emergency` topic).
    pub fn emergency_for(&self, country: &str) -> Vec<&Entry> {
        self.entries.iter().filter(|e| e.has_topic(Topic::Emergency) && e.areas.iter().any(|a| a == country)).collect()
    }

    /// The lines serving the whole of `country`, other than emergency numbers.
    pub fn national_for(&self, country: &str) -> Vec<&Entry> {
        self.entries.iter().filter(|e| !e.has_topic(Topic::Emergency) && e.areas.iter().any(|a| a == country)).collect()
    }

    /// The country's main line about trafficking: its first national hotline
    /// with a trafficking topic. Flyers print it on their tear-off strips.
    pub fn main_hotline(&self, country: &str) -> Option<&Entry> {
        self.national_for(country).into_iter().find(|e| {
            e.kind == Kind::Hotline && (e.has_topic(Topic::SexTrafficking) || e.has_topic(Topic::LaborTrafficking))
        })
    }

    /// The services of a subdivision itself, other than the national lines
    /// that also apply to it. A state's own emergency line (a violet line, a
    /// state police number) is one of them: the country's emergency numbers
    /// come from [`Directory::emergency_for`], and region pages and sheets
    /// list these after them.
    pub fn services_in(&self, region: &str) -> Vec<&Entry> {
        let country = self.region(region).map(|r| r.country.as_str());
        self.entries
            .iter()
            .filter(|e| {
                e.areas.iter().any(|a| a == region)
                    && !e.areas.iter().any(|a| Some(a.as_str()) == country && a != region)
            })
            .collect()
    }

    /// The national lines of every other country that a caller in `country`
    /// can reach some way (short codes and toll-free numbers work only at
    /// home), for "calling about someone on the other side of the border".
    pub fn other_side(&self, country: &str) -> Vec<&Entry> {
        self.countries()
            .filter(|c| c.code != country)
            .flat_map(|c| self.national_for(&c.code))
            .filter(|e| e.works_from(country))
            .collect()
    }

    /// The subdivisions with no service of their own (other than the
    /// national lines), for editors to see the gaps.
    pub fn regions_without_services(&self) -> Vec<&Region> {
        self.regions.iter().filter(|r| !r.is_country() && self.services_in(&r.code).is_empty()).collect()
    }
}

/// Loads the directory under `root`, checking `verified` dates against today (UTC).
pub fn load(root: &Path, config: &Config) -> (Directory, Diagnostics) {
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    load_on(root, config, today)
}

/// Loads the directory as [`load`] does, with `today` given (for tests).
pub fn load_on(root: &Path, config: &Config, today: Date) -> (Directory, Diagnostics) {
    let mut diags = Diagnostics::new();
    let dir = root.join(DIRECTORY_DIR);
    if !dir.is_dir() {
        return (Directory::default(), diags);
    }
    // Texts are required in the languages without a fallback; a partly
    // translated one takes what it lacks from its chain (see crate::lang).
    let languages: Vec<String> = config.complete_languages().map(str::to_string).collect();

    let mut entry_files: Vec<PathBuf> = Vec::new();
    let mut has_regions = false;
    match std::fs::read_dir(&dir) {
        Ok(items) => {
            for item in items.flatten() {
                let name = item.file_name().to_string_lossy().into_owned();
                let rel = Path::new(DIRECTORY_DIR).join(&name);
                if !item.path().is_file() || name.starts_with('.') {
                    continue;
                }
                if name == "regions.yaml" {
                    has_regions = true;
                } else if name.ends_with(".yaml") {
                    entry_files.push(rel);
                } else if name.ends_with(".yml") {
                    diags.push(
                        Diagnostic::warning(Code::UnusedFile, "this directory file is not read")
                            .in_file(crate::source::display_path(&rel))
                            .help(format!(
                                "directory files end in .yaml: rename it to {}",
                                name.trim_end_matches(".yml").to_string() + ".yaml"
                            )),
                    );
                }
            }
        }
        Err(err) => {
            diags.push(
                Diagnostic::error(Code::UnreadableFile, format!("cannot read this folder: {err}"))
                    .in_file(DIRECTORY_DIR),
            );
            return (Directory::default(), diags);
        }
    }
    entry_files.sort();

    let regions = if has_regions {
        match read_source(root, Path::new(REGIONS_FILE)) {
            Ok(file) => {
                let Checked { value: regions, problems } = regions::parse(&file, &languages);
                diags.extend(problems);
                regions
            }
            Err(problems) => {
                diags.extend(problems);
                Vec::new()
            }
        }
    } else {
        if !entry_files.is_empty() {
            diags.push(Diagnostic::error(Code::NoRegionsFile, "the help directory has no regions.yaml").in_file(REGIONS_FILE).help(
                "create content/directory/regions.yaml listing every country and state that entries name in `areas`",
            ));
        }
        Vec::new()
    };

    let site_languages: Vec<String> = config.language_codes().map(str::to_string).collect();
    let cx = entry::Context { languages: &languages, site_languages: &site_languages, regions: &regions, today };
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for rel in &entry_files {
        let file = match read_source(root, rel) {
            Ok(file) => file,
            Err(problems) => {
                diags.extend(problems);
                continue;
            }
        };
        let Checked { value: checked, problems } = entries_of(&file, &cx);
        diags.extend(problems);
        for entry in checked {
            if let Some(first) = by_id.get(&entry.id).map(|&i| &entries[i]) {
                diags.push(
                    Diagnostic::error(Code::DuplicateId, format!("the id `{}` is used twice", entry.id))
                        .at(&file, entry.id_span(), "used again here")
                        .also_at(&first.file, first.id_span(), "first used here")
                        .help("give each entry its own id; ids must stay the same once published"),
                );
                continue;
            }
            by_id.insert(entry.id.clone(), entries.len());
            entries.push(entry);
        }
    }
    (Directory { regions, entries }, diags)
}

/// The checked entries of one directory file, and every problem in it.
pub fn entries_of(file: &SourceFile, cx: &entry::Context<'_>) -> Checked<Vec<Entry>> {
    let mut problems = Vec::new();
    let raws: Vec<(entry::RawEntry, Range<usize>)> = parse_list(file, "directory entry", &mut problems);
    let mut entries = Vec::new();
    for (raw, span) in raws {
        let Checked { value: checked, problems: entry_problems } = entry::check(raw, file, span, cx);
        problems.extend(entry_problems);
        entries.extend(checked);
    }
    Checked::new(entries, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, SITE_FILE};

    const SITE: &str = "title: {en: T, es: T}\nbase_url: https://example.org/\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n";

    const REGIONS: &str = "\
- code: US
  name: {en: United States, es: Estados Unidos}
  subdivisions:
    - {code: US-TX, name: {en: Texas, es: Texas}, border: true}
    - {code: US-CA, name: {en: California, es: California}, border: true}
- code: MX
  name: {en: Mexico, es: México}
  subdivisions:
    - {code: MX-BCN, name: {en: Baja California, es: Baja California}, border: true}
    - {code: MX-TLA, name: {en: Tlaxcala, es: Tlaxcala}}
";

    fn entry(id: &str, areas: &str, contacts: &str, topics: &str) -> String {
        format!(
            "- id: {id}\n  kind: hotline\n  name: {{en: {id}, es: {id}}}\n  areas: {areas}\n  answered_by: nonprofit\n  contacts:\n{contacts}  topics: {topics}\n  description: {{en: d, es: d}}\n  verified: 2026-11-01\n  source: https://example.org/{id}\n"
        )
    }

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(DIRECTORY_DIR)).unwrap();
        std::fs::write(dir.path().join(SITE_FILE), SITE).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(DIRECTORY_DIR).join(name), text).unwrap();
        }
        dir
    }

    fn load_site(files: &[(&str, &str)]) -> (Directory, Diagnostics) {
        let dir = site(files);
        let config = Config::parse(SourceFile::new(SITE_FILE, SITE)).unwrap();
        load_on(dir.path(), &config, Date::constant(2026, 11, 22))
    }

    fn sample() -> Directory {
        let national = [
            entry("us-911", "[US]", "    - {type: phone, value: \"911\", short_code: true}\n", "[emergency]"),
            entry("us-line", "[US]", "    - {type: phone, value: \"+1 888 373 7888\"}\n", "[sex-trafficking]"),
            entry("mx-911", "[MX]", "    - {type: phone, value: \"911\", short_code: true}\n", "[emergency]"),
            entry(
                "mx-line",
                "[MX]",
                "    - {type: phone, value: \"800 5533 000\"}\n    - {type: whatsapp, value: \"800 5533 000\"}\n",
                "[labor-trafficking]",
            ),
            entry("mx-089", "[MX]", "    - {type: phone, value: \"089\", short_code: true}\n", "[crime-report]"),
        ]
        .concat();
        let local = [
            entry("tx-only", "[US-TX]", "    - {type: web, value: \"https://example.org\"}\n", "[]"),
            entry("border", "[US-TX, MX-BCN]", "    - {type: phone, value: \"+1 888 373 7888\"}\n", "[]"),
        ]
        .concat();
        let (directory, diags) =
            load_site(&[("regions.yaml", REGIONS), ("national.yaml", &national), ("local.yaml", &local)]);
        assert!(diags.is_empty(), "{}", diags.render(false));
        directory
    }

    fn ids(entries: Vec<&Entry>) -> Vec<&str> {
        entries.into_iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn country_entries_apply_to_their_subdivisions_only() {
        let d = sample();
        // In file order: local.yaml comes before national.yaml.
        assert_eq!(ids(d.entries_for("US-TX")), ["tx-only", "border", "us-911", "us-line"]);
        assert_eq!(ids(d.entries_for("US-CA")), ["us-911", "us-line"]);
        assert_eq!(ids(d.entries_for("MX-BCN")), ["border", "mx-911", "mx-line", "mx-089"]);
        assert_eq!(ids(d.entries_for("MX-TLA")), ["mx-911", "mx-line", "mx-089"]);
        assert_eq!(ids(d.entries_for("MX")), ["mx-911", "mx-line", "mx-089"]);
        assert!(d.entries_for("XX-YY").is_empty());
    }

    #[test]
    fn a_states_own_emergency_line_is_one_of_its_services() {
        let national =
            entry("us-911", "[US]", "    - {type: phone, value: \"911\", short_code: true}\n", "[emergency]");
        let state = entry(
            "tx-violet",
            "[US-TX]",
            "    - {type: phone, value: \"+1 915 555 0100\"}\n",
            "[emergency, domestic-violence]",
        );
        let (d, diags) = load_site(&[("regions.yaml", REGIONS), ("lines.yaml", &format!("{national}{state}"))]);
        assert!(diags.is_empty(), "{}", diags.render(false));
        assert_eq!(ids(d.emergency_for("US")), ["us-911"]);
        assert_eq!(ids(d.services_in("US-TX")), ["tx-violet"], "listed on the state's page, not dropped");
        assert!(d.services_in("US-CA").is_empty());
    }

    #[test]
    fn page_sections_in_order() {
        let d = sample();
        assert_eq!(ids(d.emergency_for("US")), ["us-911"]);
        assert_eq!(ids(d.national_for("MX")), ["mx-line", "mx-089"]);
        assert_eq!(ids(d.services_in("US-TX")), ["tx-only", "border"]);
        assert_eq!(ids(d.services_in("US-CA")), Vec::<&str>::new());
        // 089 is a short code: no use to a caller in the United States; the
        // Mexican line's toll-free number neither, but its WhatsApp is.
        assert_eq!(ids(d.other_side("US")), ["mx-line"]);
        // The U.S. line has only a toll-free number: nothing works from Mexico.
        assert_eq!(ids(d.other_side("MX")), Vec::<&str>::new());
        let states: Vec<&str> = d.regions_of_country("MX").iter().map(|r| r.code.as_str()).collect();
        assert_eq!(states, ["MX-BCN", "MX-TLA"]);
        assert_eq!(d.countries().count(), 2);
    }

    #[test]
    fn national_numbers_take_the_country_of_their_areas() {
        let d = sample();
        let line = d.entry("mx-line").unwrap();
        let number = line.contacts[0].number.as_ref().unwrap();
        assert_eq!(number.e164.as_deref(), Some("+528005533000"));
        assert_eq!(line.contacts[0].href, "tel:+528005533000");
        assert_eq!(line.verified, Date::constant(2026, 11, 1));
    }

    #[test]
    fn verified_takes_a_day_as_front_matter_does() {
        let contacts = "    - {type: phone, value: \"+1 888 373 7888\"}\n";
        for written in ["20261101", "2026-11-1", "2026-02-30", "2026-11-01T09:00"] {
            let text = entry("us-line", "[US]", contacts, "[sex-trafficking]").replace("2026-11-01", written);
            let (d, diags) = load_site(&[("regions.yaml", REGIONS), ("entries.yaml", &text)]);
            assert!(d.entry("us-line").is_none(), "{written}");
            let messages: Vec<_> = diags.iter().map(|d| d.message.as_str()).collect();
            assert_eq!(messages, [format!("`{written}` is not a date")], "{written}");
        }
    }

    #[test]
    fn a_site_without_a_directory_loads_empty() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::parse(SourceFile::new(SITE_FILE, SITE)).unwrap();
        let (d, diags) = load_on(dir.path(), &config, Date::constant(2026, 11, 22));
        assert!(d.entries.is_empty() && d.regions.is_empty() && diags.is_empty());
    }

    #[test]
    fn entries_need_regions_yaml() {
        let (_, diags) =
            load_site(&[("a.yaml", &entry("x", "[US]", "    - {type: web, value: \"https://e.org\"}\n", "[]"))]);
        let messages: Vec<_> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages[0], "the help directory has no regions.yaml");
    }

    #[test]
    fn every_problem_in_every_file_is_reported() {
        let bad_a = [
            entry("a", "[US-TXX]", "    - {type: phone, value: \"911\", short_code: true}\n", "[]"),
            entry("b", "[US]", "    - {type: phone, value: \"555 1234\"}\n", "[sex-trafic]"),
        ]
        .concat();
        let bad_b = "- id: c\n  knd: hotline\n".to_string()
            + &entry("a", "[US]", "    - {type: web, value: \"https://e.org\"}\n", "[]");
        let (d, diags) = load_site(&[("regions.yaml", REGIONS), ("a.yaml", &bad_a), ("b.yaml", &bad_b)]);
        let found: Vec<(String, usize, String)> = diags
            .iter()
            .map(|d| {
                let (path, line, _) = d.position().unwrap();
                (path, line, d.message.clone())
            })
            .collect();
        let expected = [
            ("content/directory/a.yaml", 4, "unknown region `US-TXX`"),
            ("content/directory/a.yaml", 18, "`555 1234` is not a valid phone number in US"),
            ("content/directory/a.yaml", 19, "unknown topic `sex-trafic`"),
            ("content/directory/b.yaml", 2, "unknown key `knd` in directory entry"),
        ];
        let expected: Vec<(String, usize, String)> =
            expected.iter().map(|(p, l, m)| (p.to_string(), *l, m.to_string())).collect();
        assert_eq!(found, expected);
        // `a` had an error in a.yaml, so its reuse in b.yaml is no duplicate.
        assert_eq!(ids(d.entries.iter().collect()), ["a"]);
    }

    #[test]
    fn a_text_cut_at_its_comma_is_an_error_at_the_stray_key() {
        let cut = entry(
            "a",
            "[US]",
            "    - {type: web, value: \"https://e.org\", note: {en: Head office, Victoria, es: Sede}}\n",
            "[]",
        );
        let (d, diags) = load_site(&[("regions.yaml", REGIONS), ("a.yaml", &cut)]);
        let found: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        assert_eq!(found, ["`Victoria` in a note of this entry is not a language of the site"]);
        assert!(d.entries.is_empty());
    }

    #[test]
    fn duplicate_ids_name_both_places() {
        let one = entry("dup", "[US]", "    - {type: web, value: \"https://e.org\"}\n", "[]");
        let (d, diags) = load_site(&[("regions.yaml", REGIONS), ("a.yaml", &one), ("b.yaml", &one)]);
        assert_eq!(d.entries.len(), 1);
        let diag = diags.iter().next().unwrap();
        assert_eq!(diag.message, "the id `dup` is used twice");
        let text = diag.render(false);
        assert!(text.contains("content/directory/b.yaml:1:7"), "{text}");
        assert!(text.contains("content/directory/a.yaml:1:7"), "{text}");
    }

    /// Text that looks enough like a directory file to reach every checker.
    fn yamlish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("- ".to_string()),
            Just("\n  ".to_string()),
            Just("\n    - ".to_string()),
            prop::sample::select(vec![
                "id: ",
                "kind: ",
                "name: ",
                "areas: ",
                "contacts:",
                "type: ",
                "value: ",
                "hours: ",
                "timezone: ",
                "weekly:",
                "days: ",
                "opens: ",
                "closes: ",
                "verified: ",
                "source: ",
                "note: ",
                "short_code: true",
                "topics: ",
                "languages: ",
                "{en: a, es: b}",
                "[US, MX-BCN]",
                "phone",
                "sms",
                "whatsapp",
                "web",
                "\"01 800 5533 000\"",
                "\"+52 1 55 1234 5678\"",
                "\"911\"",
                "2026-11-22",
                "\"24/7\"",
                "\"09:00\"",
                "America/Tijuana",
                "https://e.org",
                "ñ",
                "é:",
                "\"\\",
                "'",
                "#",
                "{",
                "}",
                "[",
                "]",
                ",",
                ": ",
            ])
            .prop_map(str::to_string),
            "\\PC{0,4}",
        ];
        prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        #[test]
        fn any_entries_file_is_checked_without_panicking(text in yamlish()) {
            let regions = regions::parse(&SourceFile::new(REGIONS_FILE, REGIONS), &["en".into(), "es".into()]).value;
            let languages = vec!["en".to_string(), "es".to_string()];
            let cx = entry::Context {
                languages: &languages,
                site_languages: &languages,
                regions: &regions,
                today: Date::constant(2026, 11, 22),
            };
            let file = SourceFile::new("content/directory/x.yaml", text.as_str());
            let problems = entries_of(&file, &cx).problems;
            for d in problems {
                d.render(false);
            }
        }

        #[test]
        fn any_regions_file_is_checked_without_panicking(text in yamlish()) {
            let file = SourceFile::new(REGIONS_FILE, text.as_str());
            let problems = regions::parse(&file, &["en".into(), "es".into()]).problems;
            for d in problems {
                d.render(false);
            }
        }

        #[test]
        fn any_phone_number_is_checked_without_panicking(written in "[+0-9 ()./#*a-z-]{0,24}", short in proptest::bool::ANY) {
            for country in [Some("US"), Some("MX"), None] {
                let _ = phone::parse(&written, country, short);
            }
        }
    }
}
