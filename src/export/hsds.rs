//! The help directory in Open Referral's Human Services Data Specification
//! (HSDS 3): every entry becomes a service, with its organization, phones,
//! schedules, service areas, languages and further web addresses nested in it,
//! as `service.json` in the HSDS schemas describes them.
//!
//! HSDS holds one language per dataset, so every text here is taken in the
//! dataset's language: names and descriptions from the entry, region names
//! from `regions.yaml`, and the words for hours, days, languages and kinds of
//! contact from the theme's interface strings (the help pages use the same).
//!
//! Ids are version 5 UUIDs derived from our own ids (`service:us-nhth`,
//! `phone:us-nhth:0`), so a record keeps its id from build to build, under any
//! base URL and in every language: a consumer can update what it imported
//! rather than import it twice.
//!
//! Where HSDS has a field for a fact, the fact goes there; what it has no
//! field for stays out rather than in invented ones, and is in Faro's own
//! `data/directory.json`:
//!
//! - `verified` is HSDS's `assured_date` ("the date that the information about
//!   the service was last checked"). `last_modified` is left out: we know when
//!   an entry was checked, not when it changed.
//! - Text messages and WhatsApp are phones of `type` `text` (the RFC 6350 word
//!   HSDS names), WhatsApp saying so in `description`; TTY is `textphone`.
//!   Short codes (911) keep their digits; other numbers are E.164.
//! - A chat page, and every website and email address after the first, go in
//!   `additional_urls` (email as a `mailto:` address).
//! - A service area names its region in the dataset's language and gives its
//!   ISO 3166 code as a text `extent`.
//! - Hours: "24/7" is a weekly schedule on every day from 00:00 to 23:59, the
//!   signal HSDS's own guidance gives for round-the-clock services. A weekly
//!   schedule is one HSDS schedule per rule. Times are ISO 8601 with seconds
//!   (`08:00:00`), as the schema's examples and the Frictionless `time` type
//!   of the CSV tables have them. HSDS times carry a fixed UTC offset, which a
//!   time zone with daylight saving time does not have: such times are written
//!   without one, and the zone's name is in `description`.
//! - The entry's kind, topics and `confidential` have no HSDS field.

use serde::Serialize;
use uuid::Uuid;

use crate::directory::{ClockTime, Contact, ContactKind, Directory, Entry, Hours, Period, PhoneNumber, Weekday};

/// Faro's namespace for version 5 UUIDs. Every published id is derived from
/// it: changing it would give every record of every site a new id.
const NAMESPACE: Uuid = Uuid::from_u128(0xc636_8c85_39eb_4c2a_934d_4ac1_e7b6_1020);

/// The HSDS id of one of our names (`service:us-nhth`, `organization:Polaris`).
pub fn id(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

/// Looks up an interface string of the dataset's language by key
/// (`hours_always`, `day_mon`, `language_es`, `action_chat`).
pub type Words<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// An HSDS service, with the records that belong to it nested.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub additional_urls: Vec<Url>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Always `active`: the directory lists only services that run.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interpretation_services: Option<String>,
    /// The day the entry was last checked against its sources (`YYYY-MM-DD`).
    pub assured_date: String,
    pub phones: Vec<Phone>,
    pub schedules: Vec<Schedule>,
    pub service_areas: Vec<ServiceArea>,
    pub languages: Vec<Language>,
    pub organization: Organization,
}

/// An HSDS organization. The directory knows only its name; the description
/// names the services it runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phone {
    pub id: String,
    pub service_id: String,
    /// E.164 (`+18883737888`), or the digits of a short code (`911`).
    pub number: String,
    /// `voice`, `text` or `textphone`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub languages: Vec<Language>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    pub id: String,
    pub service_id: String,
    /// Hours from UTC, when the service's time zone has one offset all year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<serde_json::Number>,
    pub freq: &'static str,
    /// Comma-separated iCalendar days (`MO,TU`).
    pub byday: String,
    pub description: String,
    pub opens_at: String,
    pub closes_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceArea {
    pub id: String,
    pub service_id: String,
    pub name: String,
    pub description: String,
    /// The ISO 3166 code (`US`, `US-TX`).
    pub extent: String,
    /// Always `text`: the extent is a code, not a shape.
    pub extent_type: &'static str,
}

/// A language staff answer in, of a service or of one of its phones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Language {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_id: Option<String>,
    pub name: String,
    /// ISO 639 code: the first subtag of the BCP 47 tag.
    pub code: String,
    /// The whole BCP 47 tag, when it says more than the ISO 639 code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Url {
    pub id: String,
    pub label: String,
    pub url: String,
    pub service_id: String,
}

/// Every entry of the directory as an HSDS service in `lang`, in the
/// directory's order.
pub fn services(dir: &Directory, lang: &str, words: &Words<'_>) -> Vec<Service> {
    dir.entries.iter().map(|entry| service(dir, entry, lang, words)).collect()
}

fn service(dir: &Directory, entry: &Entry, lang: &str, words: &Words<'_>) -> Service {
    let service_id = id(&format!("service:{}", entry.id));
    let organization = organization(dir, entry, lang);

    let mut url = None;
    let mut email = None;
    let mut additional_urls = Vec::new();
    for contact in &entry.contacts {
        let extra = match contact.kind {
            ContactKind::Web if url.is_none() => {
                url = Some(contact.written.clone());
                None
            }
            ContactKind::Email if email.is_none() => {
                email = Some(contact.written.clone());
                None
            }
            ContactKind::Web | ContactKind::Chat | ContactKind::Email => Some(contact.href.clone()),
            _ => None,
        };
        if let Some(address) = extra {
            additional_urls.push(Url {
                id: id(&format!("url:{}:{}", entry.id, additional_urls.len())),
                label: with_note(contact_label(contact.kind, words), contact, lang),
                url: address,
                service_id: service_id.clone(),
            });
        }
    }

    let phones = entry
        .contacts
        .iter()
        .filter_map(|c| c.number.as_ref().map(|number| (c, number)))
        .enumerate()
        .map(|(i, (contact, number))| phone(entry, i, contact, number, &service_id, lang, words))
        .collect();

    let languages = entry
        .languages
        .iter()
        .map(|tag| language(&format!("language:{}:{tag}", entry.id), tag, Some(&service_id), None, words))
        .collect();

    let interpretation_services =
        entry.interpretation.then(|| capitalised(&words("interpretation").unwrap_or_else(|| "interpretation".into())));

    Service {
        organization_id: organization.id.clone(),
        name: entry.name_in(lang).to_string(),
        description: entry.description_in(lang).to_string(),
        url,
        additional_urls,
        email,
        status: "active",
        interpretation_services,
        assured_date: entry.verified.to_string(),
        phones,
        schedules: schedules(entry, &service_id, words),
        service_areas: service_areas(dir, entry, &service_id, lang),
        languages,
        organization,
        id: service_id,
    }
}

/// The entry's organization, or for an entry that names none, one named
/// after the entry. Entries naming the same organization share it.
fn organization(dir: &Directory, entry: &Entry, lang: &str) -> Organization {
    let key = organization_key(entry);
    let runs: Vec<&str> =
        dir.entries.iter().filter(|other| organization_key(other) == key).map(|other| other.name_in(lang)).collect();
    Organization {
        id: id(&key),
        name: entry.organization.clone().unwrap_or_else(|| entry.name_in(lang).to_string()),
        description: runs.join("; "),
    }
}

/// The name an organization's id is derived from: its own name, or for an
/// entry without one, the entry's id (its name differs between languages).
fn organization_key(entry: &Entry) -> String {
    match &entry.organization {
        Some(name) => format!("organization:{name}"),
        None => format!("organization-of:{}", entry.id),
    }
}

fn phone(
    entry: &Entry,
    index: usize,
    contact: &Contact,
    number: &PhoneNumber,
    service_id: &str,
    lang: &str,
    words: &Words<'_>,
) -> Phone {
    let phone_id = id(&format!("phone:{}:{index}", entry.id));
    let kind = match contact.kind {
        ContactKind::Sms | ContactKind::Whatsapp => "text",
        ContactKind::Tty => "textphone",
        _ => "voice",
    };
    let note = contact.note.get(lang).map(|n| n.trim()).filter(|n| !n.is_empty());
    let description = match (contact.kind, note) {
        (ContactKind::Whatsapp, _) => Some(with_note(contact_label(ContactKind::Whatsapp, words), contact, lang)),
        (_, Some(note)) => Some(note.to_string()),
        (_, None) => None,
    };
    let languages = entry
        .languages
        .iter()
        .map(|tag| {
            let name = format!("language:{}:phone:{index}:{tag}", entry.id);
            language(&name, tag, None, Some(&phone_id), words)
        })
        .collect();
    Phone {
        number: number.dial_string().to_string(),
        kind,
        description,
        languages,
        service_id: service_id.to_string(),
        id: phone_id,
    }
}

fn language(name: &str, tag: &str, service_id: Option<&str>, phone_id: Option<&str>, words: &Words<'_>) -> Language {
    let code = tag.split('-').next().unwrap_or(tag);
    Language {
        id: id(name),
        service_id: service_id.map(str::to_string),
        phone_id: phone_id.map(str::to_string),
        name: words(&format!("language_{tag}")).or_else(|| words(&format!("language_{code}"))).unwrap_or(tag.into()),
        code: code.to_string(),
        note: (code != tag).then(|| tag.to_string()),
    }
}

fn schedules(entry: &Entry, service_id: &str, words: &Words<'_>) -> Vec<Schedule> {
    let schedule_id = |i: usize| id(&format!("schedule:{}:{i}", entry.id));
    match &entry.hours {
        None => Vec::new(),
        Some(Hours::AlwaysOpen) => vec![Schedule {
            id: schedule_id(0),
            service_id: service_id.to_string(),
            timezone: None,
            freq: "WEEKLY",
            byday: byday(&Weekday::ALL),
            description: words("hours_always").unwrap_or_else(|| "24/7".into()),
            opens_at: "00:00:00".into(),
            closes_at: "23:59:00".into(),
        }],
        Some(Hours::Weekly { timezone, periods }) => {
            let offset = fixed_offset(timezone);
            periods
                .iter()
                .enumerate()
                .map(|(i, period)| Schedule {
                    id: schedule_id(i),
                    service_id: service_id.to_string(),
                    timezone: offset.map(offset_hours),
                    freq: "WEEKLY",
                    byday: byday(&period.days),
                    description: period_text(period, timezone, words),
                    opens_at: clock(period.opens, offset),
                    closes_at: clock(period.closes, offset),
                })
                .collect()
        }
    }
}

/// `Mon, Tue 08:00–17:00 (America/Tijuana)`, as the help pages write it.
fn period_text(period: &Period, timezone: &str, words: &Words<'_>) -> String {
    let days: Vec<String> =
        period.days.iter().map(|d| words(&format!("day_{}", d.as_str())).unwrap_or(d.as_str().into())).collect();
    format!("{} {}–{} ({timezone})", days.join(", "), period.opens, period.closes)
}

fn byday(days: &[Weekday]) -> String {
    let code = |day: &Weekday| match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    };
    days.iter().map(code).collect::<Vec<_>>().join(",")
}

/// The zone's offset from UTC if it has no change of offset ahead (no
/// daylight saving time), such as America/Phoenix's -07:00.
fn fixed_offset(timezone: &str) -> Option<jiff::tz::Offset> {
    let zone = jiff::tz::db().get(timezone).ok()?;
    let now = jiff::Timestamp::now();
    zone.following(now).next().is_none().then(|| zone.to_offset(now))
}

/// `08:00:00`, with the offset when there is one (`08:00:00-07:00`). HSDS
/// times stop at 23:59, so our 24:00 (the end of the day) is `23:59:00`.
fn clock(time: ClockTime, offset: Option<jiff::tz::Offset>) -> String {
    let time = if time == ClockTime::MIDNIGHT_END { "23:59:00".to_string() } else { format!("{time}:00") };
    let Some(offset) = offset else {
        return time;
    };
    let seconds = offset.seconds();
    if seconds == 0 {
        return format!("{time}Z");
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{time}{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The offset in hours, as HSDS's `timezone` number (`-7`, `5.5`).
fn offset_hours(offset: jiff::tz::Offset) -> serde_json::Number {
    let seconds = offset.seconds();
    if seconds % 3600 == 0 {
        serde_json::Number::from(seconds / 3600)
    } else {
        serde_json::Number::from_f64(f64::from(seconds) / 3600.0).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

fn service_areas(dir: &Directory, entry: &Entry, service_id: &str, lang: &str) -> Vec<ServiceArea> {
    entry
        .areas
        .iter()
        .map(|code| {
            let region = dir.region(code);
            let name = region.map_or(code.as_str(), |r| r.name_in(lang));
            let country = region.filter(|r| !r.is_country()).and_then(|r| dir.region(&r.country));
            let description = match country {
                Some(country) => format!("{name}, {} (ISO 3166-2: {code})", country.name_in(lang)),
                None if code.contains('-') => format!("{name} (ISO 3166-2: {code})"),
                None => format!("{name} (ISO 3166-1: {code})"),
            };
            ServiceArea {
                id: id(&format!("service_area:{}:{code}", entry.id)),
                service_id: service_id.to_string(),
                name: name.to_string(),
                description,
                extent: code.clone(),
                extent_type: "text",
            }
        })
        .collect()
}

/// The help pages' word for a kind of contact (`Chat online`, `WhatsApp`).
fn contact_label(kind: ContactKind, words: &Words<'_>) -> String {
    words(&format!("action_{}", kind.as_str())).unwrap_or_else(|| kind.as_str().to_string())
}

/// `label: note` when the contact has a note in `lang`.
fn with_note(label: String, contact: &Contact, lang: &str) -> String {
    match contact.note.get(lang).map(|n| n.trim()).filter(|n| !n.is_empty()) {
        Some(note) => format!("{label}: {note}"),
        None => label,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use super::*;
    use crate::export::tests::{directory, words_of};

    fn dataset(lang: &str) -> Vec<Service> {
        let words = words_of(lang);
        services(&directory(), lang, &|key: &str| words.get(key).cloned())
    }

    /// Every id in a dataset, with the path it was found at.
    fn all_ids(services: &[Service]) -> Vec<String> {
        let value = serde_json::to_value(services).unwrap();
        let mut ids = Vec::new();
        fn walk(value: &serde_json::Value, ids: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::String(id)) = map.get("id") {
                        ids.push(id.clone());
                    }
                    map.values().for_each(|v| walk(v, ids));
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, ids)),
                _ => {}
            }
        }
        walk(&value, &mut ids);
        ids
    }

    #[test]
    fn ids_are_stable_uuids() {
        // A published id: this value must never change (any UUID v5
        // implementation gives it from the namespace and the name).
        assert_eq!(id("service:us-nhth"), "20b37839-7279-5572-9f59-9dfba1dc5100");
        let parsed = Uuid::parse_str(&id("service:us-nhth")).unwrap();
        assert_eq!(parsed.get_version_num(), 5);
        assert_ne!(id("service:us-nhth"), id("service:us-nhth2"));
    }

    #[test]
    fn ids_are_distinct_and_the_same_in_every_language() {
        let en = all_ids(&dataset("en"));
        let es = all_ids(&dataset("es"));
        // Organizations nest in each of their services; every other record once.
        let services = dataset("en");
        let organizations: HashSet<&str> = services.iter().map(|s| s.organization.id.as_str()).collect();
        let others: Vec<&String> = en.iter().filter(|id| !organizations.contains(id.as_str())).collect();
        let unique: HashSet<&&String> = others.iter().collect();
        assert_eq!(unique.len(), others.len(), "{others:#?}");
        assert_eq!(en, es);
    }

    #[test]
    fn entries_map_to_services() {
        let services = dataset("es");
        let hotline = services.iter().find(|s| s.id == id("service:us-line")).unwrap();
        assert_eq!(hotline.name, "Línea");
        assert_eq!(hotline.description, "Una línea, \"siempre\", abierta");
        assert_eq!(hotline.status, "active");
        assert_eq!(hotline.assured_date, "2026-11-01");
        assert_eq!(hotline.url.as_deref(), Some("https://example.org"));
        assert_eq!(hotline.email.as_deref(), Some("help@example.org"));
        assert_eq!(hotline.interpretation_services.as_deref(), Some("Intérpretes"));
        assert_eq!(hotline.organization.name, "Polaris");
        assert_eq!(hotline.organization.description, "Línea; Otra línea");
        let numbers: Vec<(&str, &str, Option<&str>)> =
            hotline.phones.iter().map(|p| (p.number.as_str(), p.kind, p.description.as_deref())).collect();
        assert_eq!(
            numbers,
            [
                ("+18883737888", "voice", None),
                ("233733", "text", Some("Solo texto")),
                ("+528005533000", "text", Some("WhatsApp")),
                ("711", "textphone", None),
            ]
        );
        let urls: Vec<(&str, &str)> =
            hotline.additional_urls.iter().map(|u| (u.label.as_str(), u.url.as_str())).collect();
        assert_eq!(urls, [("Chat en línea", "https://example.org/chat"), ("Correo", "mailto:other@example.org")]);
        let languages: Vec<(&str, &str)> =
            hotline.languages.iter().map(|l| (l.code.as_str(), l.name.as_str())).collect();
        assert_eq!(languages, [("en", "inglés"), ("es", "español")]);
        for phone in &hotline.phones {
            assert_eq!(phone.languages.len(), 2);
            assert!(phone.languages.iter().all(|l| l.phone_id.as_deref() == Some(phone.id.as_str())));
        }
        let areas: Vec<(&str, &str, &str)> = hotline
            .service_areas
            .iter()
            .map(|a| (a.name.as_str(), a.description.as_str(), a.extent.as_str()))
            .collect();
        assert_eq!(
            areas,
            [
                ("Estados Unidos", "Estados Unidos (ISO 3166-1: US)", "US"),
                ("Texas", "Texas, Estados Unidos (ISO 3166-2: US-TX)", "US-TX")
            ]
        );
    }

    #[test]
    fn an_entry_without_organization_gets_one_named_after_it() {
        let en = dataset("en");
        let es = dataset("es");
        let emergency = |s: &[Service]| s.iter().find(|s| s.id == id("service:us-911")).unwrap().organization.clone();
        assert_eq!(emergency(&en).name, "Emergency");
        assert_eq!(emergency(&es).name, "Emergencias");
        assert_eq!(emergency(&en).id, emergency(&es).id);
        assert_eq!(emergency(&en).description, "Emergency");
        let short: Vec<&str> = en[0].phones.iter().map(|p| p.number.as_str()).collect();
        assert_eq!(short, ["911"]);
    }

    #[test]
    fn round_the_clock_is_every_day_from_midnight_to_23_59() {
        let services = dataset("en");
        let hotline = services.iter().find(|s| s.id == id("service:us-line")).unwrap();
        let [schedule] = hotline.schedules.as_slice() else { panic!("{:?}", hotline.schedules) };
        assert_eq!(schedule.freq, "WEEKLY");
        assert_eq!(schedule.byday, "MO,TU,WE,TH,FR,SA,SU");
        assert_eq!((schedule.opens_at.as_str(), schedule.closes_at.as_str()), ("00:00:00", "23:59:00"));
        assert_eq!(schedule.description, "Open 24 hours, every day");
        assert_eq!(schedule.timezone, None);
        assert_eq!(schedule.service_id, hotline.id);
    }

    #[test]
    fn weekly_hours_are_one_schedule_per_rule() {
        let services = dataset("es");
        let office = services.iter().find(|s| s.id == id("service:us-tx-office")).unwrap();
        let rules: Vec<(&str, &str, &str, &str)> = office
            .schedules
            .iter()
            .map(|s| (s.byday.as_str(), s.opens_at.as_str(), s.closes_at.as_str(), s.description.as_str()))
            .collect();
        // Chicago has daylight saving time: no fixed offset to give.
        assert_eq!(
            rules,
            [
                ("MO,TU,WE,TH,FR", "08:00:00", "17:00:00", "lun, mar, mié, jue, vie 08:00–17:00 (America/Chicago)"),
                ("SA", "09:00:00", "23:59:00", "sáb 09:00–24:00 (America/Chicago)"),
            ]
        );
        assert!(office.schedules.iter().all(|s| s.timezone.is_none()));
    }

    #[test]
    fn zones_without_daylight_saving_time_give_their_offset() {
        let eight = ClockTime::new(8, 0).unwrap();
        let phoenix = fixed_offset("America/Phoenix");
        assert_eq!(clock(eight, phoenix), "08:00:00-07:00");
        assert_eq!(clock(ClockTime::MIDNIGHT_END, phoenix), "23:59:00-07:00");
        assert_eq!(phoenix.map(offset_hours), Some(serde_json::Number::from(-7)));
        assert_eq!(fixed_offset("America/Tijuana"), None);
        let kolkata = fixed_offset("Asia/Kolkata");
        assert_eq!(clock(eight, kolkata), "08:00:00+05:30");
        assert_eq!(kolkata.map(offset_hours), serde_json::Number::from_f64(5.5));
        assert_eq!(clock(eight, fixed_offset("UTC")), "08:00:00Z");
        assert_eq!(clock(eight, None), "08:00:00");
    }

    #[test]
    fn words_missing_from_the_theme_fall_back_to_codes() {
        let words: BTreeMap<String, String> = BTreeMap::new();
        let services = services(&directory(), "en", &|key: &str| words.get(key).cloned());
        let hotline = services.iter().find(|s| s.id == id("service:us-line")).unwrap();
        assert_eq!(hotline.languages[1].name, "es");
        assert_eq!(hotline.schedules[0].description, "24/7");
        assert_eq!(hotline.additional_urls[0].label, "chat");
    }
}
