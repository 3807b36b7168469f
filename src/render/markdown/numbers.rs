//! Phone numbers in page text, matched against the help directory.
//!
//! Editors type numbers into Markdown by hand ("Call **1-888-373-7888** or
//! text **233733**"), so nothing else ties a number in an article to the
//! directory entry it belongs to. This module finds the numbers in a run of
//! text and says, for each, what the page should do with it:
//!
//! - a number of a directory contact that works from the page's country
//!   becomes that contact's link (`tel:`, `sms:` for a short code the entry
//!   lists as text, WhatsApp), the same "works from where" rule as the
//!   who-to-call pages ([`Contact::works_from`]); a page about no single
//!   country links every known number;
//! - a number of a contact that cannot be dialled from the page's country
//!   stays plain text;
//! - a valid number that no contact has is a warning: a page should not
//!   carry a help number the directory does not vouch for, and it is what a
//!   page still showing a contact's old digits looks like after the
//!   directory changed;
//! - Mexico's obsolete `01 800 …` (and `044`, `045`, `+52 1`) forms are an
//!   error, as in the directory.
//!
//! The `phonenumber` crate has no matcher for numbers in running text, so
//! candidates come from a small tokenizer: a run of digits with the
//! separators people write in numbers (spaces, hyphens, dots, brackets),
//! starting and ending at a word boundary that is not part of a figure
//! (`2,552`, `3.5`, `15%`). An en dash is not a separator, so `2015–2018` is
//! two years. Each candidate is read with the directory's own rules
//! ([`phone::parse`]) for the page's country first, then the site's other
//! countries; a run of 3 to 6 digits is a short code only when a directory
//! contact has exactly that short code, and is otherwise left alone (years
//! and figures are not phone numbers).

use std::ops::Range;

use crate::directory::phone::{self, PhoneNumber, PhoneProblem};
use crate::directory::{Contact, ContactKind, Directory};

/// What a page does with one number found in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict<'d> {
    /// A directory contact that works from the page's country: link it.
    Link { href: &'d str },
    /// A directory contact that cannot be dialled from the page's country:
    /// plain text, as on the who-to-call pages.
    Elsewhere,
    /// A valid phone number that no directory contact has.
    Unknown { number: PhoneNumber },
    /// A number in a form that no longer connects.
    Obsolete { problem: PhoneProblem },
}

/// One number found in a text, by its byte range in that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'d> {
    pub range: Range<usize>,
    pub verdict: Verdict<'d>,
}

/// The directory's numbers, and the countries a number without a country
/// code may belong to.
#[derive(Debug)]
pub struct Numbers<'d> {
    contacts: Vec<&'d Contact>,
    /// The site's countries, in the order of `regions.yaml`.
    countries: Vec<&'d str>,
}

impl<'d> Numbers<'d> {
    pub fn of(directory: &'d Directory) -> Self {
        let contacts = directory
            .entries
            .iter()
            .flat_map(|e| &e.contacts)
            .filter(|c| c.kind.is_number() && c.number.is_some())
            .collect();
        let countries = directory.countries().map(|r| r.code.as_str()).collect();
        Numbers { contacts, countries }
    }

    /// Whether there is anything to match numbers against: a site without a
    /// help directory has no numbers to link or vouch for.
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty() && self.contacts.is_empty()
    }

    /// Every number in `text`, on a page about `page_country` (`None` for a
    /// page about no single country). `lead` is the text before it in the
    /// same paragraph, list item or cell, for the words that say how to use
    /// a number ("WhatsApp: 800 5533 000").
    pub fn find(&self, text: &str, lead: &str, page_country: Option<&str>) -> Vec<Found<'d>> {
        let mut found: Vec<Found<'d>> = Vec::new();
        for run in candidates(text) {
            let token = &text[run.clone()];
            let before = match found.last() {
                Some(last) => text[last.range.end..run.start].to_string(),
                None => format!("{lead}{}", &text[..run.start]),
            };
            let hint = kind_named(&before);
            if let Some(verdict) = self.judge(token, page_country, hint) {
                found.push(Found { range: run, verdict });
                continue;
            }
            // "text 233733 24 hours a day" runs a short code into a figure:
            // when the whole run is no number, its space-separated parts may be.
            if !token.contains(is_space) {
                continue;
            }
            let mut offset = run.start;
            for part in token.split(is_space) {
                let start = offset;
                offset +=
                    part.len() + token[offset - run.start + part.len()..].chars().next().map_or(0, char::len_utf8);
                let part = part.trim_matches(['(', ')', '-', '.']);
                if part.is_empty() {
                    continue;
                }
                let start = start + text[start..].find(part).unwrap_or(0);
                if let Some(verdict) = self.judge(part, page_country, hint) {
                    found.push(Found { range: start..start + part.len(), verdict });
                }
            }
        }
        found
    }

    /// What one candidate is, or `None` when it is not a phone number.
    fn judge(&self, token: &str, page_country: Option<&str>, hint: Option<ContactKind>) -> Option<Verdict<'d>> {
        let digits = token.chars().filter(char::is_ascii_digit).count();
        if (3..=6).contains(&digits) && token.chars().all(|c| c.is_ascii_digit()) {
            let matches: Vec<&Contact> = self
                .contacts
                .iter()
                .copied()
                .filter(|c| c.number.as_ref().is_some_and(|n| n.short_code && n.national == token))
                .collect();
            return (!matches.is_empty()).then(|| choose(&matches, page_country, hint));
        }
        if !(7..=15).contains(&digits) {
            return None;
        }
        let mut readings: Vec<Result<PhoneNumber, PhoneProblem>> = Vec::new();
        if token.starts_with('+') {
            readings.push(phone::parse(token, None, false));
        } else {
            let others = self.countries.iter().copied().filter(|c| Some(*c) != page_country);
            for country in page_country.into_iter().chain(others) {
                readings.push(phone::parse(token, Some(country), false));
            }
        }
        let numbers: Vec<&PhoneNumber> = readings.iter().filter_map(|r| r.as_ref().ok()).collect();
        let matches: Vec<&Contact> = self
            .contacts
            .iter()
            .copied()
            .filter(|c| c.number.as_ref().is_some_and(|n| n.e164.is_some() && numbers.iter().any(|m| m.e164 == n.e164)))
            .collect();
        if !matches.is_empty() {
            return Some(choose(&matches, page_country, hint));
        }
        if let Some(problem) = readings.iter().filter_map(|r| r.as_ref().err()).find(|p| p.obsolete) {
            return Some(Verdict::Obsolete { problem: problem.clone() });
        }
        numbers.first().map(|n| Verdict::Unknown { number: (*n).clone() })
    }
}

/// The link for a number several contacts share, among those that work
/// from the page's country: the kind the text names when it names one
/// ("WhatsApp: …"), else a call before a text, a text before WhatsApp.
fn choose<'d>(matches: &[&'d Contact], page_country: Option<&str>, hint: Option<ContactKind>) -> Verdict<'d> {
    let rank = |kind: ContactKind| match kind {
        _ if Some(kind) == hint => 0,
        ContactKind::Phone => 1,
        ContactKind::Sms => 2,
        ContactKind::Whatsapp => 3,
        _ => 4,
    };
    matches
        .iter()
        .filter(|c| page_country.is_none_or(|country| c.works_from(country)))
        .min_by_key(|c| rank(c.kind))
        .map_or(Verdict::Elsewhere, |c| Verdict::Link { href: c.href.as_str() })
}

/// The one way of reaching a number that the words before it name, in the
/// languages the shipped site speaks: none when they name none or several
/// ("Call or send a WhatsApp message to …").
fn kind_named(before: &str) -> Option<ContactKind> {
    let tail: String = before.chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect();
    let mut named = Vec::new();
    for word in tail.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
        let kind = match word {
            "whatsapp" => ContactKind::Whatsapp,
            "text" | "texto" | "sms" => ContactKind::Sms,
            "call" | "llame" | "llamar" | "marque" | "marcar" | "phone" | "teléfono" | "dial" => ContactKind::Phone,
            _ => continue,
        };
        if !named.contains(&kind) {
            named.push(kind);
        }
    }
    if named.len() == 1 { named.pop() } else { None }
}

/// The single country a page is about, from its `regions:` (ISO 3166 codes:
/// `MX`, `MX-TLA`): `None` when it names none or more than one country.
pub fn page_country(regions: &[String]) -> Option<&str> {
    let mut countries = regions.iter().map(|r| r.split('-').next().unwrap_or(r).trim());
    let first = countries.next()?;
    countries.all(|c| c == first).then_some(first).filter(|c| !c.is_empty())
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t' | '\n')
}

/// Characters written between the digits of a phone number.
fn is_separator(c: char) -> bool {
    is_space(c) || matches!(c, '-' | '.' | '(' | ')' | '\u{2011}')
}

/// The byte ranges of digit runs that may be phone numbers: they start with
/// a digit, `+` or `(` before a digit, hold digits and at most two
/// separators in a row, end with a digit, and are not part of a word or a
/// figure.
fn candidates(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let digit_at = |i: usize| at(i).is_some_and(|c| c.is_ascii_digit());
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let starts = c.is_ascii_digit() || (matches!(c, '+' | '(') && digit_at(i + 1));
        if !starts {
            i += 1;
            continue;
        }
        let mut last_digit = if c.is_ascii_digit() { i } else { i + 1 };
        let mut k = last_digit + 1;
        loop {
            if digit_at(k) {
                last_digit = k;
                k += 1;
                continue;
            }
            // Up to two separators, then a digit (or a bracket before one).
            let mut s = k;
            while s < k + 2 && at(s).is_some_and(is_separator) {
                s += 1;
            }
            if s > k && (digit_at(s) || (at(s - 1) == Some('(') && digit_at(s))) {
                k = s;
                continue;
            }
            break;
        }
        let end = last_digit + 1;
        if boundary_before(&chars, i) && boundary_after(&chars, end) {
            runs.push(byte(i)..byte(end));
        }
        i = end;
    }
    runs
}

/// Whether a run may start at `i`: not inside a word, an address, an amount
/// or a figure such as `2,552` or `3.5`.
fn boundary_before(chars: &[(usize, char)], i: usize) -> bool {
    let Some(&(_, before)) = i.checked_sub(1).and_then(|p| chars.get(p)) else {
        return true;
    };
    let figure = matches!(before, ',' | '.' | ':' | '/' | '-' | '–')
        && i.checked_sub(2).and_then(|p| chars.get(p)).is_some_and(|&(_, c)| c.is_ascii_digit());
    !(before.is_alphanumeric() || "_/#$€£@&=+%\\".contains(before) || figure)
}

/// Whether a run may end before `end`: not inside a word, a percentage or a
/// figure such as `911,000`.
fn boundary_after(chars: &[(usize, char)], end: usize) -> bool {
    let Some(&(_, after)) = chars.get(end) else {
        return true;
    };
    let figure = matches!(after, ',' | '.' | ':' | '/' | '-' | '–')
        && chars.get(end + 1).is_some_and(|&(_, c)| c.is_ascii_digit());
    !(after.is_alphanumeric() || "_/@%°\\".contains(after) || figure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::contact::{RawContact, check};
    use crate::directory::regions::{Region, RegionKind};

    fn country(code: &str) -> Region {
        Region {
            code: code.into(),
            country: code.into(),
            name: Default::default(),
            border: false,
            kind: RegionKind::Country,
            timezones: Vec::new(),
        }
    }

    fn contact(kind: &str, value: &str, short: bool, country: &str) -> Contact {
        let raw = RawContact {
            kind: kind.into(),
            value: value.into(),
            short_code: short,
            note: Default::default(),
            dial_from: None,
        };
        check(&raw, Some(country), &["en".to_string()]).unwrap()
    }

    /// The contacts of the two national hotlines and both 911s, as the
    /// directory has them.
    fn contacts() -> Vec<Contact> {
        vec![
            contact("phone", "911", true, "US"),
            contact("phone", "1-888-373-7888", false, "US"),
            contact("sms", "233733", true, "US"),
            contact("tty", "711", true, "US"),
            contact("phone", "+1 520 623 7874", false, "US"),
            contact("phone", "911", true, "MX"),
            contact("phone", "800 5533 000", false, "MX"),
            contact("whatsapp", "800 5533 000", false, "MX"),
            contact("phone", "81 2407 0070", false, "MX"),
        ]
    }

    fn numbers(contacts: &[Contact]) -> Numbers<'_> {
        Numbers { contacts: contacts.iter().collect(), countries: vec!["US", "MX"] }
    }

    /// (text found, verdict in short) for every number in `text`.
    fn found(text: &str, page_country: Option<&str>) -> Vec<(String, String)> {
        let contacts = contacts();
        numbers(&contacts)
            .find(text, "", page_country)
            .into_iter()
            .map(|f| {
                let verdict = match f.verdict {
                    Verdict::Link { href } => href.to_string(),
                    Verdict::Elsewhere => "plain".to_string(),
                    Verdict::Unknown { number } => format!("unknown {}", number.e164.unwrap_or_default()),
                    Verdict::Obsolete { .. } => "obsolete".to_string(),
                };
                (text[f.range].to_string(), verdict)
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn numbers_in_both_countries_formats_are_linked() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Call 1-888-373-7888 now.", &[("1-888-373-7888", "tel:+18883737888")]),
            ("Call (888) 373-7888.", &[("(888) 373-7888", "tel:+18883737888")]),
            ("Call +1 888 373 7888.", &[("+1 888 373 7888", "tel:+18883737888")]),
            ("Call 888.373.7888.", &[("888.373.7888", "tel:+18883737888")]),
            ("Llame al 800 5533 000.", &[("800 5533 000", "tel:+528005533000")]),
            ("Llame al 800-553-3000.", &[("800-553-3000", "tel:+528005533000")]),
            ("Llame al +52 800 5533 000.", &[("+52 800 5533 000", "tel:+528005533000")]),
            ("Monterrey: 81 2407 0070", &[("81 2407 0070", "tel:+528124070070")]),
            ("Tucson: (520) 623-7874", &[("(520) 623-7874", "tel:+15206237874")]),
            ("Con\u{a0}espacio: 800\u{a0}5533\u{a0}000.", &[("800\u{a0}5533\u{a0}000", "tel:+528005533000")]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text, None), pairs(expected), "{text}");
        }
    }

    #[test]
    fn short_codes_only_when_a_contact_has_them() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Call 911.", &[("911", "tel:911")]),
            ("Text 233733 now", &[("233733", "sms:233733")]),
            ("TTY: 711", &[("711", "tel:711")]),
            ("Call 089 or 075.", &[]),
            ("Room 412, 2 people, 1167 cases.", &[]),
            ("text 233733 24 hours a day", &[("233733", "sms:233733")]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text, None), pairs(expected), "{text}");
        }
    }

    #[test]
    fn figures_and_years_are_left_alone() {
        for text in [
            "2,552 victims from 2015–2018.",
            "From 30 September 2015 to 31 May 2018.",
            "2015-2018 and 2015 – 2018",
            "911,000 calls; 9.11 percent; 911% more; 2026-11-22",
            "Version 1.888.373 and $233733 and 233733km",
            "At 09:00, 12/05/2020, ISBN 978-3-16-148410-0",
            "node/1167 and ?p=1177",
            "Population 12,345,678 and 1 234 567",
        ] {
            assert_eq!(found(text, None), [], "{text}");
        }
    }

    #[test]
    fn a_page_for_one_country_links_only_what_works_from_there() {
        // Toll-free and short codes work only at home.
        assert_eq!(found("Call 1-888-373-7888", Some("MX")), pairs(&[("1-888-373-7888", "plain")]));
        assert_eq!(found("Text 233733", Some("MX")), pairs(&[("233733", "plain")]));
        // WhatsApp runs over the internet: from the U.S., Mexico's line is a chat.
        assert_eq!(
            found("Llame al 800 5533 000", Some("US")),
            pairs(&[("800 5533 000", "https://wa.me/528005533000")])
        );
        // 911 works in both: the one of the page's country.
        assert_eq!(found("Call 911", Some("MX")), pairs(&[("911", "tel:911")]));
        // Geographic numbers work from anywhere.
        assert_eq!(found("Tucson: (520) 623-7874", Some("MX")), pairs(&[("(520) 623-7874", "tel:+15206237874")]));
        // A call before WhatsApp when both share the number, unless the text
        // names one way alone.
        assert_eq!(found("800 5533 000", Some("MX")), pairs(&[("800 5533 000", "tel:+528005533000")]));
        let both = "Call or send a WhatsApp message to 800 5533 000";
        assert_eq!(found(both, Some("MX")), pairs(&[("800 5533 000", "tel:+528005533000")]));
        let wa = "WhatsApp: 800 5533 000 (the same number)";
        assert_eq!(found(wa, Some("MX")), pairs(&[("800 5533 000", "https://wa.me/528005533000")]));
        let es = "Llame al 911 o envíe un WhatsApp al 800 5533 000";
        assert_eq!(found(es, None), pairs(&[("911", "tel:911"), ("800 5533 000", "https://wa.me/528005533000")]));
    }

    #[test]
    fn unknown_and_obsolete_numbers_are_told_apart() {
        assert_eq!(found("Call 1-888-373-7889.", None), pairs(&[("1-888-373-7889", "unknown +18883737889")]));
        assert_eq!(found("Llame al 01 800 5533 000.", None), pairs(&[("01 800 5533 000", "obsolete")]));
        assert_eq!(found("Llame al 01800-5533-000.", Some("MX")), pairs(&[("01800-5533-000", "obsolete")]));
        assert_eq!(found("+52 1 55 1234 5678", None), pairs(&[("+52 1 55 1234 5678", "obsolete")]));
        // Not a valid number anywhere: not a phone number at all.
        assert_eq!(found("Case 123 456 7890.", None), []);
    }

    #[test]
    fn the_page_country_comes_from_its_regions() {
        let regions = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(page_country(&regions(&["MX-TLA"])), Some("MX"));
        assert_eq!(page_country(&regions(&["US", "US-TX"])), Some("US"));
        assert_eq!(page_country(&regions(&["US", "MX"])), None);
        assert_eq!(page_country(&regions(&[])), None);
    }

    #[test]
    fn a_directory_gives_its_numbers_and_countries() {
        let directory = Directory { regions: vec![country("US"), country("MX")], entries: Vec::new() };
        let numbers = Numbers::of(&directory);
        assert_eq!(numbers.countries, ["US", "MX"]);
        assert!(!numbers.is_empty());
        assert!(Numbers::of(&Directory::default()).is_empty());
    }
}
