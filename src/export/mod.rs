//! The help directory as open data, written beside the pages so that other
//! services (211 lines, referral platforms, researchers) can reuse what the
//! editors checked rather than copy it from the pages by hand:
//!
//! - `data/hsds/<lang>/`: an Open Referral HSDS dataset per language of the
//!   site (HSDS holds one language per dataset): `services.json`, every
//!   service with its records nested ([`hsds`]), and the same records as CSV
//!   tables described by a Frictionless `datapackage.json` ([`tabular`]).
//! - `data/directory.json`: the directory as Faro reads it, every field of
//!   every entry in every language, with the regions and their names. It
//!   keeps what HSDS has no field for (kinds, topics, confidentiality, time
//!   zones, sources) and is the file to read for a full copy.
//!
//! A site without a directory publishes neither.

pub mod hsds;
pub mod tabular;

use std::path::PathBuf;

use serde::Serialize;

use crate::directory::{Entry, Region};
use crate::output::OutputFile;
use crate::site::Site;

/// The folder of the data files, inside the output folder.
pub const DATA_DIR: &str = "data";

/// The version of `data/directory.json`'s layout; raised when a field changes
/// meaning or goes away (added fields keep it).
pub const DIRECTORY_FORMAT_VERSION: u32 = 1;

/// Every data file of the site, with paths relative to the output folder.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let dir = &site.directory;
    if dir.entries.is_empty() {
        return Vec::new();
    }
    let data = PathBuf::from(DATA_DIR);
    let mut files = vec![OutputFile::bytes(data.join("directory.json"), directory_json(site))];
    // An HSDS dataset is in one language throughout: a partly translated
    // language (one with a `fallback`) would mix in its fallback's texts or
    // publish entries without names, so it gets none.
    for lang in site.config.complete_languages() {
        let strings = site.theme.strings.of(lang);
        let words = |key: &str| strings.get(key).cloned();
        let services = hsds::services(dir, lang, &words);
        let folder = data.join("hsds").join(lang);

        files.push(OutputFile::bytes(folder.join("services.json"), pretty_json(&services)));
        for (table, rows) in tabular::rows(&services) {
            files.push(OutputFile::bytes(folder.join(table.path), tabular::csv(table, &rows)));
        }
        let site_title = site.config.title.get(lang).map_or("", String::as_str);
        let title = match strings.get("help_title") {
            Some(help) => format!("{site_title}: {help}"),
            None => site_title.to_string(),
        };
        let package = tabular::datapackage(&format!("help-directory-{}", lang.to_ascii_lowercase()), &title);
        files.push(OutputFile::bytes(folder.join("datapackage.json"), package));
    }
    files
}

/// What `data/directory.json` holds.
#[derive(Serialize)]
struct DirectoryData<'a> {
    /// Names the layout, for readers that find the file on its own.
    format: &'static str,
    version: u32,
    /// The site's complete languages: every name and description has a
    /// text in each (a partly translated language's texts appear where
    /// they exist).
    languages: Vec<&'a str>,
    regions: &'a [Region],
    /// Each with its `sources`, the pages its facts were checked against on
    /// its `verified` day.
    entries: &'a [Entry],
}

fn directory_json(site: &Site) -> Vec<u8> {
    pretty_json(&DirectoryData {
        format: "faro-directory",
        version: DIRECTORY_FORMAT_VERSION,
        languages: site.config.complete_languages().collect(),
        regions: &site.directory.regions,
        entries: &site.directory.entries,
    })
}

fn pretty_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Plain structs of strings, numbers and lists: serialising cannot fail.
    let mut json = serde_json::to_vec_pretty(value).expect("directory data serialises to JSON");
    json.push(b'\n');
    json
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use jiff::civil::Date;

    use crate::config::{Config, SITE_FILE};
    use crate::directory::{self, DIRECTORY_DIR, Directory};
    use crate::source::SourceFile;

    const SITE: &str = "title: {en: T, es: T}\nbase_url: https://example.org/\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n";

    const REGIONS: &str = "\
- code: US
  name: {en: United States, es: Estados Unidos}
  subdivisions:
    - {code: US-TX, name: {en: Texas, es: Texas}, border: true}
- code: MX
  name: {en: Mexico, es: México}
";

    const ENTRIES: &str = r#"
- id: us-911
  kind: hotline
  name: {en: Emergency, es: Emergencias}
  areas: [US]
  answered_by: nonprofit
  contacts:
    - {type: phone, value: "911", short_code: true}
  topics: [emergency]
  description: {en: Police, es: Policía}
  verified: 2026-11-01
  source: https://example.org/911
- id: us-line
  kind: hotline
  name: {en: Line, es: Línea}
  organization: Polaris
  areas: [US, US-TX]
  answered_by: nonprofit
  contacts:
    - {type: phone, value: "+1 888 373 7888"}
    - {type: sms, value: "233733", short_code: true, note: {en: Text only, es: Solo texto}}
    - {type: whatsapp, value: "+52 800 5533 000"}
    - {type: tty, value: "711", short_code: true}
    - {type: chat, value: "https://example.org/chat"}
    - {type: email, value: help@example.org}
    - {type: web, value: "https://example.org"}
    - {type: email, value: other@example.org}
  hours: "24/7"
  languages: [en, es]
  interpretation: true
  confidential: true
  description: {en: "A line, \"always\", open", es: "Una línea, \"siempre\", abierta"}
  verified: 2026-11-01
  source: [https://example.org/line, https://example.org/line/es]
- id: us-other
  kind: hotline
  name: {en: Other line, es: Otra línea}
  organization: Polaris
  areas: [US]
  answered_by: nonprofit
  contacts:
    - {type: phone, value: "+1 888 373 7888"}
  description: {en: Other, es: Otra}
  verified: 2026-11-01
  source: https://example.org/other
- id: us-tx-office
  kind: legal
  name: {en: Office, es: Oficina}
  areas: [US-TX]
  answered_by: nonprofit
  contacts:
    - {type: phone, value: "+1 800 252 5400"}
  hours:
    timezone: America/Chicago
    weekly:
      - {days: [mon-fri], opens: "08:00", closes: "17:00"}
      - {days: [sat], opens: "09:00", closes: "24:00"}
  languages: [es-MX]
  description: {en: Advice, es: Asesoría}
  verified: 2026-11-01
  source: https://example.org/office
"#;

    /// A small directory with every kind of contact and of hours.
    pub(crate) fn directory() -> Directory {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join(DIRECTORY_DIR)).unwrap();
        std::fs::write(root.path().join(SITE_FILE), SITE).unwrap();
        std::fs::write(root.path().join(DIRECTORY_DIR).join("regions.yaml"), REGIONS).unwrap();
        std::fs::write(root.path().join(DIRECTORY_DIR).join("us.yaml"), ENTRIES).unwrap();
        let config = Config::parse(SourceFile::new(SITE_FILE, SITE)).unwrap();
        let (dir, diags) = directory::load_on(root.path(), &config, Date::constant(2026, 11, 22));
        assert!(!diags.has_errors(), "{diags:?}");
        assert_eq!(dir.entries.len(), 4);
        dir
    }

    /// Interface strings as a theme gives them.
    pub(crate) fn words_of(lang: &str) -> BTreeMap<String, String> {
        let pairs: &[(&str, &str)] = match lang {
            "es" => &[
                ("hours_always", "Abierto las 24 horas, todos los días"),
                ("interpretation", "intérpretes"),
                ("action_chat", "Chat en línea"),
                ("action_email", "Correo"),
                ("action_web", "Sitio web"),
                ("action_whatsapp", "WhatsApp"),
                ("language_en", "inglés"),
                ("language_es", "español"),
                ("day_mon", "lun"),
                ("day_tue", "mar"),
                ("day_wed", "mié"),
                ("day_thu", "jue"),
                ("day_fri", "vie"),
                ("day_sat", "sáb"),
                ("day_sun", "dom"),
            ],
            _ => &[
                ("hours_always", "Open 24 hours, every day"),
                ("interpretation", "interpreters"),
                ("action_chat", "Chat online"),
                ("action_email", "Email"),
                ("action_web", "Website"),
                ("action_whatsapp", "WhatsApp"),
                ("language_en", "English"),
                ("language_es", "Spanish"),
                ("day_mon", "Mon"),
                ("day_tue", "Tue"),
                ("day_wed", "Wed"),
                ("day_thu", "Thu"),
                ("day_fri", "Fri"),
                ("day_sat", "Sat"),
                ("day_sun", "Sun"),
            ],
        };
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn directory_json_keeps_every_field() {
        let dir = directory();
        let json: serde_json::Value = serde_json::from_slice(&super::pretty_json(&super::DirectoryData {
            format: "faro-directory",
            version: super::DIRECTORY_FORMAT_VERSION,
            languages: vec!["en", "es"],
            regions: &dir.regions,
            entries: &dir.entries,
        }))
        .unwrap();
        assert_eq!(json["format"], "faro-directory");
        assert_eq!(json["version"], 1);
        assert_eq!(json["regions"][1]["name"]["es"], "Texas");
        let line = &json["entries"][1];
        assert_eq!(line["id"], "us-line");
        assert_eq!(line["name"]["es"], "Línea");
        assert_eq!(line["kind"], "hotline");
        assert_eq!(line["topics"], serde_json::json!([]));
        assert_eq!(line["confidential"], true);
        assert_eq!(line["hours"]["type"], "always_open");
        assert_eq!(line["verified"], "2026-11-01");
        assert_eq!(line["sources"], serde_json::json!(["https://example.org/line", "https://example.org/line/es"]));
        assert_eq!(line["contacts"][0]["number"]["e164"], "+18883737888");
        let office = &json["entries"][3];
        assert_eq!(office["hours"]["timezone"], "America/Chicago");
        assert_eq!(office["hours"]["periods"][1]["closes"], "24:00");
        assert!(line.get("file").is_none() && line.get("span").is_none());
    }
}
