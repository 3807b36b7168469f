//! The ways to reach a service: phone, text message, WhatsApp, TTY, web chat,
//! website, email. Each contact is checked for its kind (a phone number is
//! validated, a website must be `https://`) and given the link a page puts on
//! its tap target, so templates never build `tel:` or `sms:` URLs themselves.
//!
//! Each contact also knows where it can be used from (`dial_from`, ISO 3166-1
//! alpha-2 countries). Unless the editor says otherwise, short codes and
//! toll-free numbers work only inside their own country (other networks do
//! not connect them), while ordinary numbers, WhatsApp, chat, web and email
//! work from anywhere. Pages offer a contact as a link only where it works.
//!
//! What a call or a text leaves on the caller's phone (a call log, a message
//! thread) is the same for every contact of a kind, so the theme says it beside
//! each kind of button; it is not part of the data.

use crate::diagnostic::Code;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::phone::{self, PhoneNumber};
use crate::suggest;

/// A contact as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawContact {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    /// Declares a short code (911, 089, 233733) that is not a full number.
    #[serde(default)]
    pub short_code: bool,
    /// A short line shown with the contact ("texts only", "chat 9 am–5 pm").
    #[serde(default)]
    pub note: BTreeMap<String, String>,
    /// The countries it can be reached from, when the source says otherwise
    /// than the default for its kind of number.
    #[serde(default)]
    pub dial_from: Option<Vec<String>>,
}

/// How a contact is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactKind {
    /// A voice call.
    Phone,
    /// A text message.
    Sms,
    /// A WhatsApp chat with the number.
    Whatsapp,
    /// A teletypewriter or relay number for deaf and speech-impaired callers.
    Tty,
    /// A web page with a live chat.
    Chat,
    /// A website.
    Web,
    Email,
}

impl ContactKind {
    pub const ALL: [ContactKind; 7] = [
        ContactKind::Phone,
        ContactKind::Sms,
        ContactKind::Whatsapp,
        ContactKind::Tty,
        ContactKind::Chat,
        ContactKind::Web,
        ContactKind::Email,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Phone => "phone",
            ContactKind::Sms => "sms",
            ContactKind::Whatsapp => "whatsapp",
            ContactKind::Tty => "tty",
            ContactKind::Chat => "chat",
            ContactKind::Web => "web",
            ContactKind::Email => "email",
        }
    }

    pub fn parse(name: &str) -> Option<ContactKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The type meant by a word editors often write instead (`text` → `sms`).
    pub fn from_synonym(word: &str) -> Option<ContactKind> {
        match word.trim().to_ascii_lowercase().as_str() {
            "text" | "texting" | "sms-text" => Some(ContactKind::Sms),
            "call" | "voice" | "tel" | "telephone" | "hotline" => Some(ContactKind::Phone),
            "website" | "url" | "site" | "link" => Some(ContactKind::Web),
            "mail" | "e-mail" => Some(ContactKind::Email),
            "wa" | "whats-app" => Some(ContactKind::Whatsapp),
            "ttd" | "tdd" | "relay" => Some(ContactKind::Tty),
            "live-chat" | "webchat" => Some(ContactKind::Chat),
            _ => None,
        }
    }

    /// Whether it is a number to call or text from any phone: what the
    /// who-to-call block and the printed sheets carry (a TTY relay number
    /// needs its own equipment).
    pub fn is_call_or_text(self) -> bool {
        matches!(self, ContactKind::Phone | ContactKind::Sms | ContactKind::Whatsapp)
    }

    /// Whether the value is a phone number.
    pub fn is_number(self) -> bool {
        matches!(self, ContactKind::Phone | ContactKind::Sms | ContactKind::Whatsapp | ContactKind::Tty)
    }
}

/// A checked contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    #[serde(rename = "type")]
    pub kind: ContactKind,
    /// The value as the editor wrote it (the organisation's own grouping of digits).
    pub written: String,
    /// The checked number, for phone, sms, whatsapp and tty.
    pub number: Option<PhoneNumber>,
    /// The link for the tap target: `tel:+18883737888`, `sms:233733`,
    /// `https://wa.me/528005533000`, `https://…`, `mailto:…`.
    pub href: String,
    /// Per language; empty when there is no note.
    pub note: BTreeMap<String, String>,
    /// Where it can be used from: `None` from anywhere, else only from these
    /// countries (ISO 3166-1 alpha-2).
    pub dial_from: Option<Vec<String>>,
    /// Whether `dial_from` was written by the editor rather than derived.
    #[serde(skip)]
    pub dial_from_written: bool,
}

impl Contact {
    /// Whether someone in `country` can use it.
    pub fn works_from(&self, country: &str) -> bool {
        self.dial_from.as_ref().is_none_or(|only| only.iter().any(|c| c == country))
    }

    /// Whether someone in any country can use it.
    pub fn works_anywhere(&self) -> bool {
        self.dial_from.is_none()
    }
}

/// Where a contact works when the editor does not say: short codes and
/// toll-free numbers (other than on WhatsApp, which runs over the internet)
/// only from their own country, everything else from anywhere.
pub fn default_dial_from(kind: ContactKind, number: Option<&PhoneNumber>) -> Option<Vec<String>> {
    match number {
        Some(n) if kind != ContactKind::Whatsapp && n.domestic_only() => Some(vec![n.country.clone()]),
        _ => None,
    }
}

/// Which part of a contact a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactPart {
    Type,
    Value,
    Note,
    DialFrom,
}

/// A problem in one contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactProblem {
    pub code: Code,
    pub part: ContactPart,
    pub message: String,
    pub label: String,
    pub help: String,
}

impl ContactProblem {
    fn new(
        code: Code,
        part: ContactPart,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        ContactProblem { code, part, message: message.into(), label: label.into(), help: help.into() }
    }
}

/// Checks one contact. `country` is the single country the entry serves, if it
/// serves one, for numbers written without a country code.
pub(crate) fn check(
    raw: &RawContact,
    country: Option<&str>,
    languages: &[String],
) -> Result<Contact, Vec<ContactProblem>> {
    let mut problems = Vec::new();
    for lang in languages {
        if !raw.note.is_empty() && raw.note.get(lang).is_none_or(|t| t.trim().is_empty()) {
            problems.push(ContactProblem::new(
                Code::MissingLanguageText,
                ContactPart::Note,
                format!("this contact's note has no `{lang}` text"),
                format!("no `{lang}` here"),
                format!("add `{lang}: …` to `note`, or remove the note"),
            ));
        }
    }
    let Some(kind) = ContactKind::parse(raw.kind.trim()) else {
        let names: Vec<&str> = ContactKind::ALL.iter().map(|k| k.as_str()).collect();
        problems.push(ContactProblem::new(
            Code::UnknownValue,
            ContactPart::Type,
            format!("unknown contact type `{}`", raw.kind),
            "not a known contact type",
            match ContactKind::from_synonym(&raw.kind) {
                Some(kind) => format!("write `{}` for this; known contact types: {}", kind.as_str(), names.join(", ")),
                None => known_help(&raw.kind, &names, "contact types"),
            },
        ));
        return Err(problems);
    };
    let value = raw.value.trim();
    if raw.short_code && !kind.is_number() {
        problems.push(ContactProblem::new(
            Code::BadPhoneNumber,
            ContactPart::Value,
            format!("a {} contact cannot be a short code", kind.as_str()),
            "not a number",
            "remove `short_code: true`: only phone, sms and tty contacts have short codes",
        ));
        return Err(problems);
    }
    let (number, href) = match kind {
        ContactKind::Phone | ContactKind::Sms | ContactKind::Tty | ContactKind::Whatsapp => {
            if kind == ContactKind::Whatsapp && raw.short_code {
                problems.push(ContactProblem::new(
                    Code::BadPhoneNumber,
                    ContactPart::Value,
                    "a WhatsApp contact cannot be a short code",
                    "WhatsApp needs a full number",
                    "write the full number the service uses on WhatsApp",
                ));
                return Err(problems);
            }
            match phone::parse(value, country, raw.short_code) {
                Ok(number) => {
                    let href = match kind {
                        ContactKind::Sms => format!("sms:{}", number.dial_string()),
                        ContactKind::Whatsapp => {
                            format!("https://wa.me/{}", number.dial_string().trim_start_matches('+'))
                        }
                        _ => format!("tel:{}", number.dial_string()),
                    };
                    (Some(number), href)
                }
                Err(problem) => {
                    problems.push(ContactProblem::new(
                        problem.code(),
                        ContactPart::Value,
                        problem.message,
                        problem.label,
                        problem.help,
                    ));
                    return Err(problems);
                }
            }
        }
        ContactKind::Web | ContactKind::Chat => {
            if let Err(why) = check_url(value) {
                problems.push(ContactProblem::new(
                    Code::BadWebAddress,
                    ContactPart::Value,
                    format!("`{value}` is not a web address: {why}"),
                    "not an https:// address",
                    "write the full address, starting with https://",
                ));
                return Err(problems);
            }
            (None, value.to_string())
        }
        ContactKind::Email => {
            if let Err(why) = check_email(value) {
                problems.push(ContactProblem::new(
                    Code::BadEmail,
                    ContactPart::Value,
                    format!("`{value}` is not a plain email address: {why}"),
                    "not an address",
                    "write the address alone, such as help@example.org (the page adds mailto:)",
                ));
                return Err(problems);
            }
            (None, format!("mailto:{value}"))
        }
    };
    let dial_from = match &raw.dial_from {
        None => default_dial_from(kind, number.as_ref()),
        Some(codes) => {
            check_dial_from(codes, &mut problems);
            Some(codes.iter().map(|c| c.trim().to_string()).collect())
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Contact {
        kind,
        written: value.to_string(),
        number,
        href,
        note: raw.note.clone(),
        dial_from,
        dial_from_written: raw.dial_from.is_some(),
    })
}

/// An editor's `dial_from`: a non-empty list of ISO 3166-1 alpha-2 codes.
fn check_dial_from(codes: &[String], problems: &mut Vec<ContactProblem>) {
    if codes.is_empty() {
        problems.push(ContactProblem::new(
            Code::EmptyList,
            ContactPart::DialFrom,
            "`dial_from` lists no country",
            "empty list",
            "list the countries the contact can be reached from, such as `dial_from: [MX, US]`, \
             or remove `dial_from` to use the default for its kind of number",
        ));
    }
    for code in codes {
        let code = code.trim();
        let known = code.len() == 2
            && code.bytes().all(|b| b.is_ascii_uppercase())
            && code.parse::<phonenumber::country::Id>().is_ok();
        if !known {
            let upper = code.to_ascii_uppercase();
            problems.push(ContactProblem::new(
                Code::BadCountryCode,
                ContactPart::DialFrom,
                format!("`{code}` in `dial_from` is not a country code"),
                "not ISO 3166-1 alpha-2",
                if upper != code && upper.parse::<phonenumber::country::Id>().is_ok() {
                    format!("country codes are written in capitals: `{upper}`")
                } else {
                    "write two-letter ISO 3166-1 country codes such as US or MX (not states such as US-TX)".to_string()
                },
            ));
        }
    }
}

/// A help line naming the nearest known word, or listing them all.
pub(crate) fn known_help(typed: &str, known: &[&str], what: &str) -> String {
    match suggest::nearest(typed.trim(), known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`? Known {what}: {}", known.join(", ")),
        None => format!("use one of the known {what}: {}", known.join(", ")),
    }
}

/// An absolute https address, checked only as far as a link needs.
pub(crate) fn check_url(value: &str) -> Result<(), &'static str> {
    let rest = if let Some(rest) = value.strip_prefix("https://") {
        rest
    } else if value.starts_with("http://") {
        return Err("it must use https://");
    } else {
        return Err("it must start with https://");
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Err("it has no host name");
    }
    if value.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '`')) {
        return Err("it contains spaces or quotes");
    }
    Ok(())
}

/// A plain address, `name@example.org`, and nothing else: the page builds
/// `mailto:` from it, so a `?cc=…` or `?body=…` would add recipients or text
/// that a reader does not see before sending.
fn check_email(value: &str) -> Result<(), &'static str> {
    let Some((user, host)) = value.split_once('@') else {
        return Err("it has no @");
    };
    if value.contains('?') {
        return Err("it carries `?…` (cc, bcc, subject or body), which a contact may not add");
    }
    if value.to_ascii_lowercase().starts_with("mailto:") {
        return Err("it starts with mailto:");
    }
    let user_ok = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '\'');
    if user.is_empty() || user.starts_with('.') || user.ends_with('.') || !user.chars().all(user_ok) {
        return Err("before the @ use only letters, digits and . _ - + '");
    }
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if labels.len() < 2 || !labels.iter().all(label_ok) {
        return Err("after the @ write a domain such as example.org");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(kind: &str, value: &str, short_code: bool) -> RawContact {
        RawContact { kind: kind.into(), value: value.into(), short_code, note: BTreeMap::new(), dial_from: None }
    }

    fn langs() -> Vec<String> {
        vec!["en".into(), "es".into()]
    }

    #[test]
    fn links_for_every_kind() {
        let cases = [
            ("phone", "+1 888 373 7888", false, Some("US"), "tel:+18883737888"),
            ("sms", "233733", true, Some("US"), "sms:233733"),
            ("tty", "711", true, Some("US"), "tel:711"),
            ("phone", "911", true, Some("MX"), "tel:911"),
            ("whatsapp", "800 5533 000", false, Some("MX"), "https://wa.me/528005533000"),
            ("chat", "https://example.org/chat", false, None, "https://example.org/chat"),
            ("web", "https://example.org", false, None, "https://example.org"),
            ("email", "help@example.org", false, None, "mailto:help@example.org"),
            ("email", "o'brien+ayuda@correo.example.mx", false, None, "mailto:o'brien+ayuda@correo.example.mx"),
        ];
        for (kind, value, short, country, href) in cases {
            let contact =
                check(&raw(kind, value, short), country, &langs()).unwrap_or_else(|p| panic!("{value}: {p:?}"));
            assert_eq!(contact.href, href);
        }
    }

    #[test]
    fn refuses_wrong_values() {
        let cases = [
            ("fax", "+1 888 373 7888", false, ContactPart::Type),
            ("web", "http://example.org", false, ContactPart::Value),
            ("web", "example.org", false, ContactPart::Value),
            ("chat", "https://", false, ContactPart::Value),
            ("email", "help at example.org", false, ContactPart::Value),
            ("email", "help@example.org?cc=someone@else.org", false, ContactPart::Value),
            ("email", "help@example.org?subject=Hi", false, ContactPart::Value),
            ("email", "mailto:help@example.org", false, ContactPart::Value),
            ("email", "help@example.org&cc=x@y.org", false, ContactPart::Value),
            ("email", "a,b@example.org", false, ContactPart::Value),
            ("email", "help@example", false, ContactPart::Value),
            ("email", "help@exa mple.org", false, ContactPart::Value),
            ("phone", "1-800-FLOWERS", false, ContactPart::Value),
            ("phone", "+1 888 373 7888 ext. 5", false, ContactPart::Value),
            ("whatsapp", "233733", true, ContactPart::Value),
            ("web", "https://example.org", true, ContactPart::Value),
            ("phone", "01 800 5533 000", false, ContactPart::Value),
        ];
        for (kind, value, short, part) in cases {
            let problems = check(&raw(kind, value, short), Some("MX"), &langs()).unwrap_err();
            assert_eq!(problems[0].part, part, "{kind} {value}");
        }
        let problems = check(&raw("text", "233733", true), Some("US"), &langs()).unwrap_err();
        assert!(problems[0].help.starts_with("write `sms` for this"), "{}", problems[0].help);
        let problems = check(&raw("sns", "233733", true), Some("US"), &langs()).unwrap_err();
        assert!(problems[0].help.starts_with("did you mean `sms`?"), "{}", problems[0].help);
    }

    /// Where each kind of contact works when the editor does not say, in both
    /// countries: (type, value, short code, entry's country, works from US, from MX).
    #[test]
    fn dial_from_defaults() {
        let cases = [
            // Short codes: only at home.
            ("sms", "233733", true, "US", true, false),
            ("phone", "911", true, "MX", false, true),
            ("phone", "089", true, "MX", false, true),
            // Toll-free numbers: only at home.
            ("phone", "1-888-373-7888", false, "US", true, false),
            ("phone", "1-800-252-5400", false, "US", true, false),
            ("phone", "800 5533 000", false, "MX", false, true),
            // Geographic and mobile numbers: from anywhere.
            ("phone", "+1 520 623 7874", false, "US", true, true),
            ("phone", "55 5533 5533", false, "MX", true, true),
            ("phone", "+52 664 123 4567", false, "MX", true, true),
            // WhatsApp runs over the internet, even on a toll-free number.
            ("whatsapp", "800 5533 000", false, "MX", true, true),
            ("whatsapp", "+1 520 623 7874", false, "US", true, true),
            // Chat, web and email: from anywhere.
            ("chat", "https://example.org/chat", false, "US", true, true),
            ("web", "https://example.org", false, "MX", true, true),
            ("email", "help@example.org", false, "US", true, true),
        ];
        for (kind, value, short, country, us, mx) in cases {
            let contact = check(&raw(kind, value, short), Some(country), &langs())
                .unwrap_or_else(|p| panic!("{kind} {value}: {p:?}"));
            assert_eq!(contact.works_from("US"), us, "{kind} {value} from US");
            assert_eq!(contact.works_from("MX"), mx, "{kind} {value} from MX");
            assert!(!contact.dial_from_written);
        }
    }

    #[test]
    fn an_editors_dial_from_overrides_the_default() {
        let mut contact = raw("phone", "800 5533 000", false);
        contact.dial_from = Some(vec!["MX".into(), "US".into()]);
        let checked = check(&contact, Some("MX"), &langs()).unwrap();
        assert!(checked.works_from("US") && checked.works_from("MX") && !checked.works_from("GT"));
        assert!(checked.dial_from_written);
        let mut contact = raw("phone", "+1 520 623 7874", false);
        contact.dial_from = Some(vec!["US".into()]);
        assert!(!check(&contact, Some("US"), &langs()).unwrap().works_from("MX"));
    }

    #[test]
    fn refuses_a_dial_from_that_is_not_countries() {
        for (codes, help) in [
            (vec![], "list the countries"),
            (vec!["us".to_string()], "capitals: `US`"),
            (vec!["US-TX".to_string()], "two-letter"),
            (vec!["XX".to_string()], "two-letter"),
        ] {
            let mut contact = raw("phone", "800 5533 000", false);
            contact.dial_from = Some(codes.clone());
            let problems = check(&contact, Some("MX"), &langs()).unwrap_err();
            assert_eq!(problems[0].part, ContactPart::DialFrom, "{codes:?}");
            assert!(problems[0].help.contains(help), "{codes:?}: {}", problems[0].help);
        }
    }

    #[test]
    fn notes_need_every_language() {
        let mut contact = raw("sms", "233733", true);
        contact.note.insert("en".into(), "Text only".into());
        let problems = check(&contact, Some("US"), &langs()).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "this contact's note has no `es` text");
    }
}
