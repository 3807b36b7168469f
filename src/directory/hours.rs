//! Opening hours of a directory entry: always open (`"24/7"`) or a weekly
//! schedule in the service's own IANA time zone.
//!
//! Hours are structured, not free text, so that a page can say "open now" in
//! the visitor's browser without asking a server, and so that schema.org's
//! `hoursAvailable` can be written from them. The time zone belongs to the
//! service, not to the visitor: a line in Tijuana keeps Tijuana's hours for a
//! caller in Texas. HSDS has no flag for round-the-clock services; ours is the
//! plain `"24/7"` that hotlines print on their own materials.
//!
//! In YAML:
//!
//! ```yaml
//! hours: "24/7"
//! # or
//! hours:
//!   timezone: America/Tijuana
//!   weekly:
//!     - {days: [mon-fri], opens: "08:00", closes: "17:00"}
//!     - {days: [sat], opens: "09:00", closes: "13:00"}
//! ```

use crate::diagnostic::Code;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::suggest;

/// What `hours:` says as written, before it is checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawHours {
    /// A plain string; only `"24/7"` is accepted.
    Text(String),
    Weekly(RawWeekly),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWeekly {
    pub timezone: String,
    pub weekly: Vec<RawPeriod>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPeriod {
    pub days: Vec<String>,
    pub opens: String,
    pub closes: String,
}

impl<'de> Deserialize<'de> for RawHours {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct HoursVisitor;
        impl<'de> Visitor<'de> for HoursVisitor {
            type Value = RawHours;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"24/7\" or a weekly schedule (timezone and weekly)")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawHours, E> {
                Ok(RawHours::Text(text.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawHours, A::Error> {
                RawWeekly::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawHours::Weekly)
            }
        }
        deserializer.deserialize_any(HoursVisitor)
    }
}

/// When a service answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Hours {
    /// Every hour of every day (`"24/7"`).
    AlwaysOpen,
    /// Open in the listed periods, in the service's time zone.
    Weekly {
        /// IANA time zone name (`America/Tijuana`).
        timezone: String,
        periods: Vec<Period>,
    },
}

impl Hours {
    pub fn is_always_open(&self) -> bool {
        matches!(self, Hours::AlwaysOpen)
    }

    /// Whether the service is open on `day` at `time`, both in its own time zone.
    pub fn is_open_at(&self, day: Weekday, time: ClockTime) -> bool {
        match self {
            Hours::AlwaysOpen => true,
            Hours::Weekly { periods, .. } => {
                periods.iter().any(|p| p.days.contains(&day) && p.opens <= time && time < p.closes)
            }
        }
    }
}

/// One stretch of opening hours on some days of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub days: Vec<Weekday>,
    pub opens: ClockTime,
    /// Later than `opens`; `24:00` closes at midnight.
    pub closes: ClockTime,
}

/// A day of the week, written `mon` … `sun`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
    const NAMES: [&'static str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    fn parse(name: &str) -> Option<Weekday> {
        let lower = name.trim().to_ascii_lowercase();
        Self::NAMES.iter().position(|&n| n == lower).map(|i| Self::ALL[i])
    }
}

/// A time of day in minutes after midnight, from `00:00` to `24:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    pub const MIDNIGHT_END: ClockTime = ClockTime(24 * 60);

    pub fn new(hour: u16, minute: u16) -> Option<ClockTime> {
        let total = hour.checked_mul(60)?.checked_add(minute)?;
        (minute < 60 && total <= 24 * 60).then_some(ClockTime(total))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    /// Reads `HH:MM` (24-hour clock, `24:00` for the end of the day).
    pub fn parse(text: &str) -> Option<ClockTime> {
        let (h, m) = text.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        ClockTime::new(h.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Which part of `hours:` a problem is in, so the caller can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HoursPart {
    /// The whole `hours:` value.
    Value,
    Timezone,
    /// `days` of the period at this index.
    Days(usize),
    Opens(usize),
    Closes(usize),
}

/// A problem in `hours:`, with a message, a caret label and a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursProblem {
    pub part: HoursPart,
    pub message: String,
    pub label: String,
    pub help: String,
}

impl HoursProblem {
    fn new(part: HoursPart, message: impl Into<String>, label: impl Into<String>, help: impl Into<String>) -> Self {
        HoursProblem { part, message: message.into(), label: label.into(), help: help.into() }
    }

    /// A time zone is checked as `regions.yaml`'s are; the rest is the
    /// schedule itself.
    pub fn code(&self) -> Code {
        match self.part {
            HoursPart::Timezone => Code::BadTimeZone,
            _ => Code::BadHours,
        }
    }
}

/// Checks raw hours, returning every problem found.
pub(crate) fn check(raw: &RawHours) -> Result<Hours, Vec<HoursProblem>> {
    match raw {
        RawHours::Text(text) if text.trim() == "24/7" => Ok(Hours::AlwaysOpen),
        RawHours::Text(text) => Err(vec![HoursProblem::new(
            HoursPart::Value,
            format!("`{text}` is not a kind of opening hours"),
            "not \"24/7\" or a schedule",
            "write \"24/7\" for a service that never closes, or a weekly schedule: \
             `timezone: America/Tijuana` and `weekly: [{days: [mon-fri], opens: \"09:00\", closes: \"17:00\"}]`",
        )]),
        RawHours::Weekly(weekly) => check_weekly(weekly),
    }
}

fn check_weekly(raw: &RawWeekly) -> Result<Hours, Vec<HoursProblem>> {
    let mut problems = Vec::new();
    if jiff::tz::db().get(raw.timezone.trim()).is_err() {
        problems.push(HoursProblem::new(
            HoursPart::Timezone,
            format!("`{}` is not an IANA time zone", raw.timezone),
            "unknown time zone",
            "use the service's zone from the tz database, for example America/Tijuana, \
             America/Hermosillo, America/Monterrey, America/Chicago or America/Los_Angeles",
        ));
    }
    if raw.weekly.is_empty() {
        problems.push(HoursProblem::new(
            HoursPart::Value,
            "the weekly schedule lists no opening hours",
            "no periods here",
            "add at least one period under `weekly`, or write \"24/7\"",
        ));
    }
    let mut periods = Vec::new();
    for (i, period) in raw.weekly.iter().enumerate() {
        let days = match parse_days(&period.days) {
            Ok(days) => Some(days),
            Err((message, help)) => {
                problems.push(HoursProblem::new(HoursPart::Days(i), message, "not a day", help));
                None
            }
        };
        let opens = ClockTime::parse(&period.opens).filter(|t| *t < ClockTime::MIDNIGHT_END);
        if opens.is_none() {
            problems.push(HoursProblem::new(
                HoursPart::Opens(i),
                format!("`{}` is not a time of day", period.opens),
                "not HH:MM",
                "write the time in 24-hour form in quotes, from \"00:00\" to \"23:59\", for example \"09:00\"",
            ));
        }
        let closes = ClockTime::parse(&period.closes);
        if closes.is_none() {
            problems.push(HoursProblem::new(
                HoursPart::Closes(i),
                format!("`{}` is not a time of day", period.closes),
                "not HH:MM",
                "write the time in 24-hour form in quotes, from \"00:01\" to \"24:00\", for example \"17:00\"",
            ));
        }
        if let (Some(opens), Some(closes)) = (opens, closes) {
            if closes <= opens {
                problems.push(HoursProblem::new(
                    HoursPart::Closes(i),
                    format!("this period closes at {closes}, not after it opens at {opens}"),
                    "closes before it opens",
                    "for hours past midnight write two periods: one until \"24:00\" and one from \"00:00\" on the next day",
                ));
            } else if let Some(days) = days {
                periods.push(Period { days, opens, closes });
            }
        }
    }
    if problems.is_empty() {
        Ok(Hours::Weekly { timezone: raw.timezone.trim().to_string(), periods })
    } else {
        Err(problems)
    }
}

/// Reads `[mon, wed]` and ranges such as `[mon-fri]` (ranges may wrap: `fri-mon`).
fn parse_days(items: &[String]) -> Result<Vec<Weekday>, (String, String)> {
    let help_for = |typed: &str| -> String {
        match suggest::nearest(typed, Weekday::NAMES) {
            Some(day) => format!(
                "did you mean `{day}`? Write days as mon, tue, wed, thu, fri, sat, sun, or a range such as mon-fri"
            ),
            None => "write days as mon, tue, wed, thu, fri, sat, sun, or a range such as mon-fri".to_string(),
        }
    };
    if items.is_empty() {
        return Err((
            "this period lists no days".to_string(),
            "list the days it applies to, for example `days: [mon-fri]`".to_string(),
        ));
    }
    let mut days = Vec::new();
    for item in items {
        let item = item.trim();
        let range = match item.split_once('-') {
            Some((from, to)) => (Weekday::parse(from), Weekday::parse(to), from),
            None => (Weekday::parse(item), Weekday::parse(item), item),
        };
        let (from, to) = match range {
            (Some(from), Some(to), _) => (from, to),
            (None, _, bad) => return Err((format!("`{bad}` is not a day"), help_for(bad))),
            (Some(_), None, _) => {
                let bad = item.split_once('-').map_or(item, |(_, to)| to);
                return Err((format!("`{bad}` is not a day"), help_for(bad)));
            }
        };
        let mut day = from as usize;
        loop {
            let current = Weekday::ALL[day];
            if !days.contains(&current) {
                days.push(current);
            }
            if current == to {
                break;
            }
            day = (day + 1) % 7;
        }
    }
    days.sort();
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekly(timezone: &str, periods: &[(&[&str], &str, &str)]) -> RawHours {
        RawHours::Weekly(RawWeekly {
            timezone: timezone.to_string(),
            weekly: periods
                .iter()
                .map(|(days, opens, closes)| RawPeriod {
                    days: days.iter().map(|d| d.to_string()).collect(),
                    opens: opens.to_string(),
                    closes: closes.to_string(),
                })
                .collect(),
        })
    }

    #[test]
    fn always_open() {
        assert_eq!(check(&RawHours::Text("24/7".into())), Ok(Hours::AlwaysOpen));
        let problems = check(&RawHours::Text("24 hours".into())).unwrap_err();
        assert_eq!(problems[0].part, HoursPart::Value);
    }

    #[test]
    fn clock_times() {
        let cases = [
            ("09:00", Some(540)),
            ("9:30", Some(570)),
            ("24:00", Some(1440)),
            ("00:00", Some(0)),
            ("24:01", None),
            ("12:60", None),
            ("noon", None),
            ("1200", None),
            ("-1:00", None),
        ];
        for (text, minutes) in cases {
            assert_eq!(ClockTime::parse(text).map(ClockTime::minutes), minutes, "{text}");
        }
        assert_eq!(ClockTime::parse("9:05").unwrap().to_string(), "09:05");
    }

    #[test]
    fn days_and_ranges() {
        use Weekday::*;
        let cases: [(&[&str], Option<Vec<Weekday>>); 5] = [
            (&["mon-fri"], Some(vec![Mon, Tue, Wed, Thu, Fri])),
            (&["sat", "Sun"], Some(vec![Sat, Sun])),
            (&["fri-mon"], Some(vec![Mon, Fri, Sat, Sun])),
            (&["mon", "mon-tue"], Some(vec![Mon, Tue])),
            (&["mon-fry"], None),
        ];
        for (items, expected) in cases {
            let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
            assert_eq!(parse_days(&items).ok(), expected, "{items:?}");
        }
        let (message, help) = parse_days(&["tuesday".into()]).unwrap_err();
        assert_eq!(message, "`tuesday` is not a day");
        assert!(help.contains("mon, tue"), "{help}");
        let (_, help) = parse_days(&["thr".into()]).unwrap_err();
        assert!(help.starts_with("did you mean `thu`?"), "{help}");
    }

    #[test]
    fn weekly_schedule_and_open_now() {
        let raw = weekly("America/Tijuana", &[(&["mon-fri"], "09:00", "17:00"), (&["sat"], "10:00", "24:00")]);
        let hours = check(&raw).unwrap();
        let t = |s| ClockTime::parse(s).unwrap();
        assert!(hours.is_open_at(Weekday::Mon, t("09:00")));
        assert!(!hours.is_open_at(Weekday::Mon, t("17:00")));
        assert!(!hours.is_open_at(Weekday::Sun, t("12:00")));
        assert!(hours.is_open_at(Weekday::Sat, t("23:59")));
        assert!(Hours::AlwaysOpen.is_open_at(Weekday::Sun, t("03:00")));
    }

    #[test]
    fn reports_every_problem_in_a_schedule() {
        let raw = weekly("America/Tijuanna", &[(&["mon"], "17:00", "09:00"), (&["sun"], "8am", "25:00")]);
        let parts: Vec<HoursPart> = check(&raw).unwrap_err().into_iter().map(|p| p.part).collect();
        assert_eq!(parts, [HoursPart::Timezone, HoursPart::Closes(0), HoursPart::Opens(1), HoursPart::Closes(1)]);
        assert!(check(&weekly("Europe/Madrid", &[])).is_err());
    }

    #[test]
    fn serializes_for_templates() {
        let hours = check(&weekly("America/Monterrey", &[(&["mon-tue"], "08:00", "16:30")])).unwrap();
        let json = serde_json::to_string(&hours).unwrap();
        assert_eq!(
            json,
            r#"{"type":"weekly","timezone":"America/Monterrey","periods":[{"days":["mon","tue"],"opens":"08:00","closes":"16:30"}]}"#
        );
        assert_eq!(serde_json::to_string(&Hours::AlwaysOpen).unwrap(), r#"{"type":"always_open"}"#);
    }
}
