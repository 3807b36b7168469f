//! One directory entry: a hotline, shelter, legal or health service, labor
//! office or consulate, with the areas it serves and the ways to reach it.
//!
//! The YAML field names are the contract in the design ("Directory data") and
//! follow Open Referral HSDS concepts so the data can be exported. Fields added
//! here beyond the sketch: `source` (required: every fact on a help page must
//! be traceable), `interpretation` (answers in more languages through an
//! interpreter), `answered_by` (required: who picks up, since for a caller
//! without papers a line answered by the police is a different thing), `draft`
//! (kept off every page and file until removed), and per contact
//! `short_code`, `note` and `dial_from`.
//!
//! Entries are parsed with kinds, topics and contact types as plain strings and
//! checked afterwards, so that one file reports every unknown word at once
//! (with the nearest known one) instead of stopping at the first.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::contact::{self, Contact, ContactPart, RawContact, known_help};
use super::hours::{self, Hours, HoursPart, RawHours};
use super::regions::Region;
use crate::config::is_language_code;
use crate::diagnostic::{Checked, Code, Diagnostic};
use crate::source::SourceFile;
use crate::yaml::locate;

/// An entry as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntry {
    id: String,
    kind: String,
    name: BTreeMap<String, String>,
    #[serde(default)]
    organization: Option<String>,
    areas: Vec<String>,
    #[serde(default)]
    answered_by: Option<String>,
    contacts: Vec<RawContact>,
    #[serde(default)]
    hours: Option<RawHours>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    interpretation: bool,
    #[serde(default)]
    topics: Vec<String>,
    /// Read as any value and checked afterwards, so that an empty or wrong
    /// value is reported with the entry's other problems.
    #[serde(default)]
    confidential: Option<serde_yaml::Value>,
    description: BTreeMap<String, String>,
    verified: String,
    source: Sources,
    #[serde(default)]
    draft: bool,
}

/// `source:` takes one URL or a list of them.
#[derive(Debug, Clone)]
struct Sources(Vec<String>);

impl<'de> Deserialize<'de> for Sources {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SourcesVisitor;
        impl<'de> Visitor<'de> for SourcesVisitor {
            type Value = Sources;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a web address or a list of web addresses")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Sources, E> {
                Ok(Sources(vec![text.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Sources, A::Error> {
                Vec::<String>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Sources)
            }
        }
        deserializer.deserialize_any(SourcesVisitor)
    }
}

macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word editors write in YAML.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn parse(word: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == word)
            }

            fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum! {
    /// What kind of service an entry is (the design's list).
    Kind {
        Hotline = "hotline",
        Shelter = "shelter",
        Legal = "legal",
        Health = "health",
        Labor = "labor",
        Consulate = "consulate",
        Other = "other",
    }
}

word_enum! {
    /// Who answers an entry's lines. For someone without papers, a line
    /// answered first by the police is the most important fact about it.
    AnsweredBy {
        Nonprofit = "nonprofit",
        Government = "government",
        Police = "police",
        Health = "health",
        Other = "other",
    }
}

word_enum! {
    /// What an entry helps with. `emergency` marks the emergency numbers shown
    /// first on every help page.
    Topic {
        SexTrafficking = "sex-trafficking",
        LaborTrafficking = "labor-trafficking",
        Children = "children",
        Emergency = "emergency",
        CrimeReport = "crime-report",
        DomesticViolence = "domestic-violence",
        SexualViolence = "sexual-violence",
        Migrants = "migrants",
        MissingPersons = "missing-persons",
    }
}

/// A checked directory entry.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Unique across all files, stable, lowercase (`us-nhth`).
    pub id: String,
    pub kind: Kind,
    /// Per language code; every language without a fallback is present.
    pub name: BTreeMap<String, String>,
    pub organization: Option<String>,
    /// Region codes from `regions.yaml`: a country applies to all its subdivisions.
    pub areas: Vec<String>,
    pub answered_by: AnsweredBy,
    pub contacts: Vec<Contact>,
    /// `None` when the source does not say.
    pub hours: Option<Hours>,
    /// BCP 47 codes of the languages staff answer in.
    pub languages: Vec<String>,
    /// Other languages are served through an interpreter.
    pub interpretation: bool,
    pub topics: Vec<Topic>,
    /// `None` when the source does not say.
    pub confidential: Option<bool>,
    /// Per language code; every language without a fallback is present.
    pub description: BTreeMap<String, String>,
    /// When someone last checked the entry against its source.
    pub verified: Date,
    /// Where the facts come from.
    pub sources: Vec<String>,
    /// Not yet published: shown only by `build --drafts` and `serve --drafts`.
    pub draft: bool,
    /// The file the entry was read from, for later diagnostics.
    #[serde(skip)]
    pub file: SourceFile,
    /// The entry's byte range in `file`.
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Entry {
    pub fn name_in(&self, lang: &str) -> &str {
        self.name.get(lang).map_or(self.id.as_str(), String::as_str)
    }

    pub fn description_in(&self, lang: &str) -> &str {
        self.description.get(lang).map_or("", String::as_str)
    }

    /// The name for a page in `lang`, from down its fallback chain when
    /// `lang` lacks one (a partly translated language), with the language
    /// it is in.
    pub fn name_for(&self, config: &crate::config::Config, lang: &str) -> crate::lang::Text {
        match crate::lang::pick(config, &self.name, lang) {
            Some((found, name)) => crate::lang::Text::new(name, found, lang),
            None => crate::lang::Text::native(self.id.as_str(), lang),
        }
    }

    /// The description for a page in `lang`, as [`Entry::name_for`].
    pub fn description_for(&self, config: &crate::config::Config, lang: &str) -> crate::lang::Text {
        crate::lang::text(config, &self.description, lang)
    }

    pub fn has_topic(&self, topic: Topic) -> bool {
        self.topics.contains(&topic)
    }

    /// Whether someone in `country` can reach it some way.
    pub fn works_from(&self, country: &str) -> bool {
        self.contacts.iter().any(|c| c.works_from(country))
    }

    /// The byte range of `id`'s value, for diagnostics about this entry.
    pub fn id_span(&self) -> Range<usize> {
        locate::value_or(&self.file.text, self.span.clone(), "id")
    }
}

/// What checking an entry needs to know about the rest of the site.
pub struct Context<'a> {
    /// The languages every text must be written in: those without a
    /// fallback (a partly translated language takes what it lacks from its
    /// chain).
    pub languages: &'a [String],
    /// Every language of the site: a text's other keys are mistakes.
    pub site_languages: &'a [String],
    pub regions: &'a [Region],
    pub today: Date,
}

/// Checks one parsed entry at `span` of `file`. Returns the entry when it has
/// no errors (warnings do not stop it), and every problem found.
pub(crate) fn check(raw: RawEntry, file: &SourceFile, span: Range<usize>, cx: &Context<'_>) -> Checked<Option<Entry>> {
    let mut at = Locator { file, span: span.clone(), problems: Vec::new() };
    let text = &*file.text;

    let id = raw.id.trim().to_string();
    if !is_id(&id) {
        at.error_at_value(
            Code::BadId,
            "id",
            format!("`{id}` is not a usable id"),
            "not lowercase letters, digits and hyphens",
            "write a short, stable id in lowercase letters, digits and hyphens, such as `us-nhth`; \
             it must not change once published",
        );
    }

    let kind = Kind::parse(raw.kind.trim());
    if kind.is_none() {
        at.error_at_value(
            Code::UnknownValue,
            "kind",
            format!("unknown kind `{}`", raw.kind),
            "not a known kind",
            known_help(&raw.kind, &Kind::names(), "kinds"),
        );
    }

    let answered_by = match raw.answered_by.as_deref().map(str::trim) {
        None => {
            at.error_at_key(
                Code::MissingKey,
                "id",
                "this entry does not say who answers it",
                "no `answered_by`",
                "add `answered_by:` with one of nonprofit, government, police, health or other, \
                 as the source says: callers without papers need to know when the police answer",
            );
            None
        }
        Some(word) => {
            let parsed = AnsweredBy::parse(word);
            if parsed.is_none() {
                at.error_at_value(
                    Code::UnknownValue,
                    "answered_by",
                    format!("unknown `answered_by` value `{word}`"),
                    "not a known value",
                    known_help(word, &AnsweredBy::names(), "values"),
                );
            }
            parsed
        }
    };

    let confidential = match &raw.confidential {
        None | Some(serde_yaml::Value::Null) => None,
        Some(serde_yaml::Value::Bool(b)) => Some(*b),
        Some(other) => {
            let written = match other {
                serde_yaml::Value::String(s) => format!("\"{s}\""),
                _ => "this value".to_string(),
            };
            at.error_at_value(
                Code::WrongType,
                "confidential",
                format!("`confidential` is {written}, not true or false"),
                "not true or false",
                "write `confidential: true` or `confidential: false` as the source says, \
                 or remove the line if the source does not say",
            );
            None
        }
    };

    at.check_languages("name", &raw.name, cx.languages);
    at.check_languages("description", &raw.description, cx.languages);
    at.check_text_keys("name", &raw.name, cx.site_languages);
    at.check_text_keys("description", &raw.description, cx.site_languages);
    for raw_contact in &raw.contacts {
        at.check_text_keys("note", &raw_contact.note, cx.site_languages);
    }

    // Areas: known regions, and the countries they belong to.
    let areas_value = locate::key(text, span.clone(), "areas").map(|k| locate::value_of(text, k));
    let mut countries = BTreeSet::new();
    if raw.areas.is_empty() {
        at.error_at_key(
            Code::EmptyList,
            "areas",
            "this entry serves no area",
            "empty list",
            "list the countries or states it serves, such as `areas: [US]` or `areas: [MX-BCN, MX-SON]`",
        );
    }
    let mut cursor = span.start;
    for area in &raw.areas {
        let area = area.trim();
        let place = areas_value
            .clone()
            .and_then(|v| locate::token(text, v, cursor, area))
            .or(areas_value.clone())
            .unwrap_or_else(|| locate::first_line(text, span.clone()));
        cursor = place.end.max(cursor);
        match cx.regions.iter().find(|r| r.code == area) {
            Some(region) => {
                countries.insert(region.country.clone());
            }
            None => {
                // A mistyped state still names its country (`US-TXX`), so its
                // numbers can be checked rather than reported a second time.
                if let Some((prefix, _)) = area.split_once('-')
                    && cx.regions.iter().any(|r| r.is_country() && r.code == prefix)
                {
                    countries.insert(prefix.to_string());
                }
                let codes: Vec<&str> = cx.regions.iter().map(|r| r.code.as_str()).collect();
                let upper = area.to_ascii_uppercase();
                // A state written without its country (`TX`, `bcn`): the
                // subdivisions with that code, in whichever country has one.
                let without_country: Vec<&Region> = cx
                    .regions
                    .iter()
                    .filter(|r| !r.is_country() && r.code.split_once('-').is_some_and(|(_, s)| s == upper))
                    .collect();
                if let [only] = without_country[..] {
                    // Its numbers are checked in that country meanwhile, so
                    // every problem of the entry comes out in one run.
                    countries.insert(only.country.clone());
                }
                // Two-letter codes are all close to each other: only suggest
                // one that differs by a single character.
                let suggestion = crate::suggest::nearest(area, codes.iter().copied())
                    .filter(|code| area.len() > 3 || strsim::damerau_levenshtein(area, code) <= 1);
                let help = match suggestion {
                    _ if codes.contains(&upper.as_str()) => {
                        format!("region codes are written in capitals: `{upper}`")
                    }
                    _ if !without_country.is_empty() => {
                        let full: Vec<String> = without_country.iter().map(|r| format!("`{}`", r.code)).collect();
                        format!(
                            "a state is written with its country: {} (ISO 3166-2, as listed in content/directory/regions.yaml)",
                            full.join(" or ")
                        )
                    }
                    Some(code) => format!(
                        "did you mean `{code}`? Areas are ISO 3166 codes listed in content/directory/regions.yaml"
                    ),
                    None => "use an ISO 3166 code listed in content/directory/regions.yaml, such as US, MX, US-TX or MX-BCN; \
                             add the region there first if it is missing"
                        .to_string(),
                };
                at.problems.push(
                    Diagnostic::error(Code::UnknownRegion, format!("unknown region `{area}`"))
                        .at(file, place, "not in regions.yaml")
                        .help(help),
                );
            }
        }
    }
    let single_country = (countries.len() == 1).then(|| countries.iter().next().cloned()).flatten();

    // Contacts.
    let contacts_key = locate::key(text, span.clone(), "contacts");
    let contacts_block = contacts_key.clone().map(|k| locate::key_and_value(text, k)).unwrap_or(span.clone());
    if raw.contacts.is_empty() {
        at.error_at_key(
            Code::EmptyList,
            "contacts",
            "this entry has no contacts",
            "empty list",
            "add at least one way to reach the service, such as `- {type: phone, value: \"+1 888 373 7888\"}`",
        );
    }
    let mut contacts = Vec::new();
    // With no known area there is no country to read national numbers in; the
    // area problems above already stop the entry.
    let contacts_to_check = if countries.is_empty() { &[][..] } else { &raw.contacts[..] };
    for (i, raw_contact) in contacts_to_check.iter().enumerate() {
        match contact::check(raw_contact, single_country.as_deref(), cx.languages) {
            Ok(c) => contacts.push(c),
            Err(problems) => {
                for p in problems {
                    let key = match p.part {
                        ContactPart::Type => "type",
                        ContactPart::Value => "value",
                        ContactPart::Note => "note",
                        ContactPart::DialFrom => "dial_from",
                    };
                    let place = contact_field(text, contacts_block.clone(), i, key)
                        .or_else(|| contacts_key.clone())
                        .unwrap_or_else(|| locate::first_line(text, span.clone()));
                    at.problems.push(Diagnostic::error(p.code, p.message).at(file, place, p.label).help(p.help));
                }
            }
        }
    }

    // Hours.
    let hours = raw.hours.as_ref().and_then(|raw_hours| match hours::check(raw_hours) {
        Ok(h) => Some(h),
        Err(problems) => {
            let hours_value = locate::value_or(text, span.clone(), "hours");
            for p in problems {
                let found = match p.part {
                    HoursPart::Value => None,
                    HoursPart::Timezone => locate::key(text, hours_value.clone(), "timezone"),
                    HoursPart::Days(i) => locate::nth_key(text, hours_value.clone(), "days", i),
                    HoursPart::Opens(i) => locate::nth_key(text, hours_value.clone(), "opens", i),
                    HoursPart::Closes(i) => locate::nth_key(text, hours_value.clone(), "closes", i),
                };
                let place = found.map(|k| locate::value_of(text, k)).unwrap_or(hours_value.clone());
                at.problems.push(Diagnostic::error(p.code(), p.message).at(file, place, p.label).help(p.help));
            }
            None
        }
    });

    // Languages and topics.
    let languages_value = locate::value_or(text, span.clone(), "languages");
    let mut cursor = languages_value.start;
    for lang in &raw.languages {
        let place =
            locate::token(text, languages_value.clone(), cursor, lang.trim()).unwrap_or(languages_value.clone());
        cursor = place.end.max(cursor);
        if !is_language_code(lang.trim()) {
            at.problems.push(
                Diagnostic::error(Code::BadLanguageCode, format!("`{lang}` is not a language code"))
                    .at(file, place, "not BCP 47")
                    .help("write lowercase BCP 47 codes such as en, es, or nah for Nahuatl"),
            );
        }
    }
    let topics_value = locate::value_or(text, span.clone(), "topics");
    let mut cursor = topics_value.start;
    let mut topics = Vec::new();
    for topic in &raw.topics {
        let place = locate::token(text, topics_value.clone(), cursor, topic.trim()).unwrap_or(topics_value.clone());
        cursor = place.end.max(cursor);
        match Topic::parse(topic.trim()) {
            Some(t) => topics.push(t),
            None => at.problems.push(
                Diagnostic::error(Code::UnknownValue, format!("unknown topic `{topic}`"))
                    .at(file, place, "not a known topic")
                    .help(known_help(topic, &Topic::names(), "topics")),
            ),
        }
    }

    // Verified and sources.
    let verified = at.check_verified(&raw.verified, cx.today, &id);
    let source_value = locate::value_or(text, span.clone(), "source");
    if raw.source.0.is_empty() {
        at.problems.push(
            Diagnostic::error(Code::EmptyList, "this entry names no source")
                .at(file, source_value.clone(), "empty")
                .help("add the address of the page the facts were checked against"),
        );
    }
    let mut cursor = source_value.start;
    for url in &raw.source.0 {
        let url = url.trim();
        let place = text
            .get(cursor..source_value.end)
            .and_then(|s| s.find(url))
            .map(|i| cursor + i..cursor + i + url.len())
            .unwrap_or(source_value.clone());
        cursor = place.end.max(cursor);
        let plain_http = url.strip_prefix("http://").map(|rest| format!("https://{rest}"));
        let check = plain_http.as_deref().map_or_else(|| contact::check_url(url), contact::check_url);
        if let Err(why) = check {
            at.problems.push(
                Diagnostic::error(Code::BadWebAddress, format!("source `{url}` is not a web address: {why}"))
                    .at(file, place, "not a web address")
                    .help("write the full address of the page the facts come from, starting with https://"),
            );
        }
    }

    let has_errors = at.problems.iter().any(Diagnostic::is_error);
    let entry = match (kind, answered_by, verified, has_errors) {
        (Some(kind), Some(answered_by), Some(verified), false) => Some(Entry {
            id,
            kind,
            answered_by,
            name: raw.name,
            organization: raw.organization.map(|o| o.trim().to_string()).filter(|o| !o.is_empty()),
            areas: raw.areas.iter().map(|a| a.trim().to_string()).collect(),
            contacts,
            hours,
            languages: raw.languages.iter().map(|l| l.trim().to_string()).collect(),
            interpretation: raw.interpretation,
            topics,
            confidential,
            description: raw.description,
            verified,
            sources: raw.source.0.iter().map(|s| s.trim().to_string()).collect(),
            draft: raw.draft,
            file: file.clone(),
            span,
        }),
        _ => None,
    };
    Checked::new(entry, at.problems)
}

/// The value of `key` in the `index`-th contact of a contacts block.
///
/// A contact starts at its first `type` or `value` key (every contact has
/// both), so contact `i` lies between the `i`-th and `i+1`-th of those.
fn contact_field(text: &str, block: Range<usize>, index: usize, key: &str) -> Option<Range<usize>> {
    let start_of = |n: usize| -> Option<usize> {
        let t = locate::nth_key(text, block.clone(), "type", n).map(|r| r.start);
        let v = locate::nth_key(text, block.clone(), "value", n).map(|r| r.start);
        match (t, v) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    };
    let start = start_of(index)?;
    // The item marker (`-` or `{`) before the first key also belongs to it.
    let end = start_of(index + 1).unwrap_or(block.end);
    let item = start..end;
    let found = locate::key(text, item, key)?;
    Some(locate::value_of(text, found))
}

/// Collects problems about one entry and knows where its fields are.
struct Locator<'a> {
    file: &'a SourceFile,
    span: Range<usize>,
    problems: Vec<Diagnostic>,
}

impl Locator<'_> {
    fn error_at_value(&mut self, code: Code, key: &str, message: String, label: &str, help: impl Into<String>) {
        let place = locate::value_or(&self.file.text, self.span.clone(), key);
        self.problems.push(Diagnostic::error(code, message).at(self.file, place, label).help(help));
    }

    fn error_at_key(&mut self, code: Code, key: &str, message: &str, label: &str, help: &str) {
        let place = locate::key_or(&self.file.text, self.span.clone(), key);
        self.problems.push(Diagnostic::error(code, message).at(self.file, place, label).help(help));
    }

    /// Every configured language must have a non-empty text.
    fn check_languages(&mut self, key: &str, texts: &BTreeMap<String, String>, languages: &[String]) {
        for lang in languages {
            let missing = match texts.get(lang) {
                None => Some("is missing"),
                Some(t) if t.trim().is_empty() => Some("is empty"),
                Some(_) => None,
            };
            if let Some(why) = missing {
                let place = locate::key_or(&self.file.text, self.span.clone(), key);
                self.problems.push(
                    Diagnostic::error(Code::MissingLanguageText, format!("the `{lang}` {key} of this entry {why}"))
                        .at(self.file, place, format!("no `{lang}` text here"))
                        .help(format!(
                            "add `{lang}: …` under `{key}`: every entry needs a {key} in each language of the site"
                        )),
                );
            }
        }
    }

    /// A text's keys are the site's languages. Anything else is almost
    /// always a comma inside `{…}` that cut the text in two
    /// (`{en: Head office, Ciudad Victoria, es: …}`), which would publish
    /// half of it.
    fn check_text_keys(&mut self, key: &str, texts: &BTreeMap<String, String>, site_languages: &[String]) {
        for stray in texts.keys().filter(|k| !site_languages.contains(k)) {
            let text = &self.file.text;
            let place = locate::token(text, self.span.clone(), self.span.start, stray)
                .unwrap_or_else(|| locate::key_or(text, self.span.clone(), key));
            let message = format!("`{stray}` in a {key} of this entry is not a language of the site");
            let help = format!(
                "inside `{{…}}` a comma ends the text: put a text with a comma in quotes, as \
                 `en: \"Head office, Ciudad Victoria\"`; the languages are {}",
                site_languages.join(", ")
            );
            self.problems.push(
                Diagnostic::error(Code::UnknownLanguage, message).at(self.file, place, "not a language").help(help),
            );
        }
    }

    fn check_verified(&mut self, written: &str, today: Date, id: &str) -> Option<Date> {
        let place = locate::value_or(&self.file.text, self.span.clone(), "verified");
        let Some(date) = crate::day::parse(written.trim()) else {
            self.problems.push(
                Diagnostic::error(Code::BadDate, format!("`{written}` is not a date"))
                    .at(self.file, place, "not YYYY-MM-DD")
                    .help("write the day you checked the entry as YYYY-MM-DD, such as 2026-11-22"),
            );
            return None;
        };
        if date > today {
            self.problems.push(
                Diagnostic::error(
                    Code::FutureVerifiedDate,
                    format!("`{id}` is marked verified on {date}, which is after today ({today})"),
                )
                .at(self.file, place, "in the future")
                .help("write the day you checked the entry against its source"),
            );
            return None;
        }
        let a_year_ago = today.checked_sub(1.year()).unwrap_or(today);
        if date < a_year_ago {
            self.problems.push(
                Diagnostic::warning(
                    Code::StaleEntry,
                    format!("`{id}` was last verified on {date}, more than a year ago"),
                )
                .at(self.file, place, "stale")
                .help("check every number and address against the source, then set `verified:` to that day"),
            );
        }
        Some(date)
    }
}

/// A stable id: lowercase ASCII letters and digits in hyphen-separated words.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for good in ["us-nhth", "mx-911", "a"] {
            assert!(is_id(good), "{good}");
        }
        for bad in ["", "US-nhth", "us_nhth", "us--x", "-us", "us-", "línea"] {
            assert!(!is_id(bad), "{bad}");
        }
    }

    #[test]
    fn language_codes() {
        for good in ["en", "es", "nah", "es-MX", "zh-Hant"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "EN", "english", "e", "es_MX", "es-"] {
            assert!(!is_language_code(bad), "{bad}");
        }
    }

    #[test]
    fn words_parse_and_print() {
        assert_eq!(Kind::parse("consulate"), Some(Kind::Consulate));
        assert_eq!(Kind::parse("Consulate"), None);
        assert_eq!(Topic::parse("labor-trafficking"), Some(Topic::LaborTrafficking));
        assert_eq!(Topic::Emergency.to_string(), "emergency");
        assert_eq!(serde_json::to_string(&Topic::SexTrafficking).unwrap(), "\"sex-trafficking\"");
    }

    #[test]
    fn finds_the_field_of_the_right_contact() {
        let text = "contacts:\n  - {type: phone, value: \"1\"}\n  - value: \"2\"\n    type: sms\n    note: {en: x}\n  - {type: web, value: \"3\"}\n";
        let block = 0..text.len();
        let value = |i| contact_field(text, block.clone(), i, "value").map(|r| &text[r]);
        assert_eq!(value(0), Some("\"1\""));
        assert_eq!(value(1), Some("\"2\""));
        assert_eq!(value(2), Some("\"3\""));
        assert_eq!(value(3), None);
        let ty = contact_field(text, block.clone(), 1, "type").map(|r| &text[r]);
        assert_eq!(ty, Some("sms"));
        let note = contact_field(text, block.clone(), 1, "note").map(|r| &text[r]);
        assert_eq!(note, Some("{en: x}"));
        assert_eq!(contact_field(text, block, 0, "note"), None);
    }
}
