//! Phone numbers in the directory: checked against libphonenumber's data (the
//! `phonenumber` crate) for the country they belong to, and normalised once so
//! that every page links with E.164 (`tel:+18883737888`) and shows the national
//! form a caller in that country would dial.
//!
//! Two kinds of number need rules of their own:
//!
//! - Short codes (911, 089, 233733, 711) are not in libphonenumber's numbering
//!   plans. They are accepted only where the editor declares them with
//!   `short_code: true`, are kept exactly as dialled, and work only inside
//!   their own country.
//! - Mexico dropped the `01`, `044` and `045` prefixes (and the mobile `1`
//!   after `+52`) on 3 August 2019; calls with them stopped connecting on
//!   3 August 2020. Old flyers still print "01 800 …", so such a number is an
//!   error that shows the current form rather than a silent rewrite: the editor
//!   should know the source they copied from is out of date.
//!
//! A `tel:` link carries digits only. libphonenumber would quietly turn the
//! letters of a vanity number into keypad digits (`78AB` → `7822`) and drop
//! an extension from the link while the page still showed it, so both are
//! errors that say how to write them: the digits in `value`, and the spelled
//! form or the extension in the contact's `note`, where a caller reads them.

use crate::diagnostic::Code;
use phonenumber::{Mode, ParseError};
use serde::Serialize;

/// A checked phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhoneNumber {
    /// ISO 3166-1 alpha-2 code of the country whose network the number belongs to.
    pub country: String,
    /// `+18883737888`, for `tel:`, `sms:` and WhatsApp links; `None` for short codes.
    pub e164: Option<String>,
    /// As dialled inside the country: `(888) 373-7888`, `800 553 3000`, `911`.
    pub national: String,
    /// As dialled from abroad: `+1 888-373-7888`; the short code itself for short codes.
    pub international: String,
    /// A short code such as 911: dialled as is, only inside `country`.
    pub short_code: bool,
    /// A toll-free number (800, 888…), which networks of other countries
    /// generally do not connect.
    pub toll_free: bool,
}

impl PhoneNumber {
    /// The form to show on a page about `page_country`: national at home,
    /// international elsewhere (and on pages about no single country).
    pub fn display_for(&self, page_country: Option<&str>) -> &str {
        if self.short_code || page_country == Some(self.country.as_str()) {
            &self.national
        } else {
            &self.international
        }
    }

    /// Whether it can be dialled only from inside its own country: short codes
    /// and toll-free numbers.
    pub fn domestic_only(&self) -> bool {
        self.short_code || self.toll_free
    }

    /// What follows `tel:` or `sms:`: E.164, or the short code's digits.
    pub fn dial_string(&self) -> &str {
        self.e164.as_deref().unwrap_or(&self.national)
    }
}

/// Why a number was refused, in words for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneProblem {
    pub message: String,
    pub label: String,
    pub help: String,
    /// A number in a dialling form that no longer connects (Mexico's `01`,
    /// `044`, `045`, `+52 1`), rather than no number at all.
    pub obsolete: bool,
}

impl PhoneProblem {
    fn new(message: impl Into<String>, label: impl Into<String>, help: impl Into<String>) -> Self {
        PhoneProblem { message: message.into(), label: label.into(), help: help.into(), obsolete: false }
    }

    /// A number in an obsolete form has a code of its own: it once worked,
    /// and the fix is its current form.
    pub fn code(&self) -> Code {
        if self.obsolete { Code::ObsoletePhonePrefix } else { Code::BadPhoneNumber }
    }

    fn obsolete(mut self) -> Self {
        self.obsolete = true;
        self
    }
}

/// Parses `written` as a number of `country` (used when it does not start with
/// `+`), or as a short code when `short_code` is declared.
///
/// `country` is `None` when the entry serves more than one country; the number
/// must then be written in international form.
pub fn parse(written: &str, country: Option<&str>, short_code: bool) -> Result<PhoneNumber, PhoneProblem> {
    let written = written.trim();
    if short_code {
        return parse_short_code(written, country);
    }
    if let Some(problem) = extension(written).or_else(|| letters(written)) {
        return Err(problem);
    }
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    if let Some(problem) = obsolete_mexican_form(written, &digits, country) {
        return Err(problem);
    }
    let international = written.starts_with('+');
    let region = match (international, country) {
        (true, _) => None,
        (false, Some(code)) => match code.parse::<phonenumber::country::Id>() {
            Ok(id) => Some(id),
            Err(_) => {
                return Err(PhoneProblem::new(
                    format!("cannot read phone numbers of country `{code}`"),
                    "country unknown to the phone-number data",
                    "write the number in international form, starting with + and the country code",
                ));
            }
        },
        (false, None) => {
            return Err(PhoneProblem::new(
                format!("`{written}` has no country code, and this entry serves more than one country"),
                "which country is this number in?",
                "write the number in international form, for example \"+1 888 373 7888\" or \"+52 800 5533 000\"",
            ));
        }
    };
    if digits.len() <= 6 && !international {
        return Err(PhoneProblem::new(
            format!("`{written}` is too short for a phone number"),
            "too short",
            "if this is a short code such as 911 or 233733, add `short_code: true` to this contact",
        ));
    }
    let number = phonenumber::parse(region, written).map_err(|err| {
        PhoneProblem::new(
            format!("`{written}` cannot be read as a phone number: {}", describe(&err)),
            "not a phone number",
            number_help(country),
        )
    })?;
    if !number.is_valid() {
        let place = number
            .country()
            .id()
            .map(|id| format!("in {}", id.as_ref()))
            .or_else(|| country.map(|c| format!("in {c}")))
            .unwrap_or_else(|| format!("with the country code +{}", number.code().value()));
        return Err(PhoneProblem::new(
            format!("`{written}` is not a valid phone number {place}"),
            "no such number",
            number_help(country),
        ));
    }
    let Some(id) = number.country().id() else {
        return Err(PhoneProblem::new(
            format!("`{written}` belongs to no single country"),
            "country unknown",
            "write a number of a national network, in international form",
        ));
    };
    Ok(PhoneNumber {
        country: id.as_ref().to_string(),
        e164: Some(number.format().mode(Mode::E164).to_string()),
        national: number.format().mode(Mode::National).to_string(),
        international: number.format().mode(Mode::International).to_string(),
        short_code: false,
        toll_free: number.number_type(&phonenumber::metadata::DATABASE) == phonenumber::Type::TollFree,
    })
}

fn parse_short_code(written: &str, country: Option<&str>) -> Result<PhoneNumber, PhoneProblem> {
    let digits_only = !written.is_empty() && written.chars().all(|c| c.is_ascii_digit());
    if !digits_only || !(3..=6).contains(&written.len()) {
        return Err(PhoneProblem::new(
            format!("`{written}` is not a short code"),
            "not 3 to 6 digits",
            "a short code is 3 to 6 digits written together (911, 089, 233733); \
             for a full number remove `short_code: true`",
        ));
    }
    let Some(country) = country else {
        return Err(PhoneProblem::new(
            format!("short code `{written}` is in an entry that serves more than one country"),
            "which country's network?",
            "a short code works only inside its own country: make one entry per country",
        ));
    };
    Ok(PhoneNumber {
        country: country.to_string(),
        e164: None,
        national: written.to_string(),
        international: written.to_string(),
        short_code: true,
        toll_free: false,
    })
}

/// An extension after the number (`ext. 12`, `x12`, `#12`, `,12`): the link
/// would call the number without it, so it belongs in the note.
fn extension(written: &str) -> Option<PhoneProblem> {
    // ASCII lowering keeps byte offsets, so `at` is valid in `written` too.
    let lower = written.to_ascii_lowercase();
    let first_digit = lower.find(|c: char| c.is_ascii_digit())?;
    let markers = ["ext", "x", "#", ",", ";"];
    let (at, marker) = markers
        .iter()
        .filter_map(|m| lower[first_digit..].find(m).map(|i| (first_digit + i, *m)))
        .min_by_key(|&(i, _)| i)?;
    // `ext`, `ext.`, `extension`, `extensión`, `x`, `#`, `,,`.
    let after = lower[at + marker.len()..]
        .trim_start_matches(|c: char| (marker == "ext" && c.is_alphabetic()) || ".:,; \t".contains(c));
    if after.is_empty() || !after.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-') {
        return None;
    }
    let number = written[..at].trim_end().trim_end_matches([' ', '-', ',', ';', '(']);
    let ext: String = after.chars().filter(char::is_ascii_digit).collect();
    Some(PhoneProblem::new(
        format!("`{written}` has an extension, which a phone link cannot dial"),
        "extension in the number",
        format!(
            "write the number alone, \"{number}\", and put the extension in this contact's note: \
             `note: {{en: \"ext. {ext}\", es: \"ext. {ext}\"}}`"
        ),
    ))
}

/// Letters in the number (`1-800-FLOWERS`): a `tel:` link dials digits only.
fn letters(written: &str) -> Option<PhoneProblem> {
    if !written.chars().any(char::is_alphabetic) {
        return None;
    }
    let keypad: String = written.chars().map(|c| keypad_digit(c).unwrap_or(c)).collect();
    let help = if keypad.chars().any(char::is_alphabetic) {
        "write the number in digits only, and put any spelled form in this contact's note".to_string()
    } else {
        format!(
            "write the number in digits (on a phone keypad, \"{keypad}\"; check it against the source) and \
             put the spelled form in this contact's note: `note: {{en: \"{written}\", es: \"{written}\"}}`"
        )
    };
    Some(PhoneProblem::new(
        format!("`{written}` has letters in it, which a phone link cannot dial"),
        "letters in the number",
        help,
    ))
}

/// The key a letter is on, on a phone keypad.
fn keypad_digit(c: char) -> Option<char> {
    let digit = match c.to_ascii_uppercase() {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        'W'..='Z' => '9',
        _ => return None,
    };
    Some(digit)
}

/// Catches Mexico's dialling prefixes that stopped working in August 2020.
fn obsolete_mexican_form(written: &str, digits: &str, country: Option<&str>) -> Option<PhoneProblem> {
    let help_with = |current: String| {
        format!(
            "write it as \"{current}\": Mexico dropped the 01, 044 and 045 prefixes and the mobile 1 after +52 in 2019, \
             and numbers dialled with them stopped connecting in August 2020"
        )
    };
    if written.starts_with('+') {
        // +52 1 followed by ten digits: the old mobile marker.
        let after_code = digits.strip_prefix("52")?;
        if after_code.len() == 11 && after_code.starts_with('1') {
            let current = strip_digits(written, 3)
                .map(|rest| format!("+52 {rest}"))
                .unwrap_or_else(|| format!("+52 {}", &after_code[1..]));
            return Some(
                PhoneProblem::new(
                    format!("`{written}` uses the mobile 1 after +52, which Mexico no longer uses"),
                    "obsolete form",
                    help_with(current),
                )
                .obsolete(),
            );
        }
        return None;
    }
    if country != Some("MX") {
        return None;
    }
    let prefix = ["044", "045", "01"].into_iter().find(|p| digits.starts_with(p) && !digits.starts_with("001"))?;
    let rest_len = digits.len() - prefix.len();
    if rest_len != 10 {
        return None;
    }
    let current = strip_digits(written, prefix.len())?;
    Some(
        PhoneProblem::new(
            format!("`{written}` starts with the obsolete prefix {prefix}"),
            format!("{prefix} no longer works"),
            help_with(current),
        )
        .obsolete(),
    )
}

/// `written` without its first `count` digits and the separators after them,
/// keeping the editor's own grouping of the rest ("01 800 5533 000" → "800 5533 000").
fn strip_digits(written: &str, count: usize) -> Option<String> {
    let mut seen = 0;
    for (i, c) in written.char_indices() {
        if c.is_ascii_digit() {
            seen += 1;
            if seen == count {
                let rest = written[i + 1..].trim_start_matches([' ', '-', '.', '/', '\t']);
                return (!rest.is_empty()).then(|| rest.to_string());
            }
        }
    }
    None
}

fn describe(err: &ParseError) -> &'static str {
    match err {
        ParseError::NoNumber => "there are no digits in it",
        ParseError::InvalidCountryCode => "the country code is not valid",
        ParseError::TooShortAfterIdd | ParseError::TooShortNsn => "it is too short",
        ParseError::TooLong => "it is too long",
        ParseError::MalformedInteger(_) => "its digits cannot be read",
    }
}

fn number_help(country: Option<&str>) -> String {
    let example = match country {
        Some("MX") => "Mexican numbers have 10 digits, for example \"800 5533 000\" or \"+52 55 5533 5533\"",
        Some("US") => "U.S. numbers have 10 digits after the optional 1, for example \"+1 888 373 7888\"",
        _ => "write the number in international form, for example \"+1 888 373 7888\"",
    };
    format!("check the number against its source; {example}. For a short code such as 911 add `short_code: true`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers_are_normalised() {
        let cases = [
            ("+1 888 373 7888", Some("US"), "+18883737888", "US", "(888) 373-7888"),
            ("1-888-373-7888", Some("US"), "+18883737888", "US", "(888) 373-7888"),
            ("(888) 373-7888", Some("US"), "+18883737888", "US", "(888) 373-7888"),
            ("800 5533 000", Some("MX"), "+528005533000", "MX", "800 553 3000"),
            ("+52 800 5533 000", None, "+528005533000", "MX", "800 553 3000"),
            ("55 5533 5533", Some("MX"), "+525555335533", "MX", "55 5533 5533"),
            // A number of the other country written in international form.
            ("+1 855 463 6395", Some("MX"), "+18554636395", "US", "(855) 463-6395"),
        ];
        for (written, country, e164, number_country, national) in cases {
            let number = parse(written, country, false).unwrap_or_else(|p| panic!("{written}: {}", p.message));
            assert_eq!(number.e164.as_deref(), Some(e164), "{written}");
            assert_eq!(number.country, number_country, "{written}");
            assert_eq!(number.national, national, "{written}");
            assert!(!number.short_code);
        }
    }

    #[test]
    fn display_depends_on_the_page_country() {
        let number = parse("+1 888 373 7888", None, false).unwrap();
        assert_eq!(number.display_for(Some("US")), "(888) 373-7888");
        assert_eq!(number.display_for(Some("MX")), "+1 888-373-7888");
        assert_eq!(number.display_for(None), "+1 888-373-7888");
        assert_eq!(number.dial_string(), "+18883737888");
    }

    #[test]
    fn invalid_numbers_are_refused() {
        let cases = [
            ("+1 555 1234", Some("US")),
            ("555 1234 999", Some("US")),
            ("800 553 30", Some("MX")),
            ("hotline", Some("US")),
            ("+999 123 456 789", None),
            ("888 373 7888", None),
            ("911", Some("US")),
        ];
        for (written, country) in cases {
            assert!(parse(written, country, false).is_err(), "{written} was accepted");
        }
        let problem = parse("911", Some("US"), false).unwrap_err();
        assert!(problem.help.contains("short_code: true"), "{}", problem.help);
        let problem = parse("888 373 7888", None, false).unwrap_err();
        assert!(problem.help.contains("international form"), "{}", problem.help);
    }

    #[test]
    fn letters_are_refused_with_the_keypad_digits() {
        let cases = [
            ("+1 888 373 78AB", "\"+1 888 373 7822\""),
            ("1-800-FLOWERS", "\"1-800-3569377\""),
            ("1-888-KEY-2-FREE", "\"1-888-539-2-3733\""),
        ];
        for (written, digits) in cases {
            let problem = parse(written, Some("US"), false).unwrap_err();
            assert!(problem.message.contains("has letters"), "{written}: {}", problem.message);
            assert!(problem.help.contains(digits), "{written}: {}", problem.help);
            assert!(problem.help.contains(&format!("note: {{en: \"{written}\"")), "{written}: {}", problem.help);
        }
        let problem = parse("+52 800 ÑAÑA 00", Some("MX"), false).unwrap_err();
        assert!(problem.message.contains("has letters"), "{}", problem.message);
    }

    #[test]
    fn extensions_go_in_the_note() {
        let cases = [
            ("+1 888 373 7888 ext. 12", "\"+1 888 373 7888\"", "ext. 12"),
            ("+1 888 373 7888 x12", "\"+1 888 373 7888\"", "ext. 12"),
            ("(888) 373-7888 Ext 1234", "\"(888) 373-7888\"", "ext. 1234"),
            ("+1 888 373 7888,,12", "\"+1 888 373 7888\"", "ext. 12"),
            ("+1 888 373 7888 #12", "\"+1 888 373 7888\"", "ext. 12"),
            ("800 5533 000 extensión 3", "\"800 5533 000\"", "ext. 3"),
        ];
        for (written, number, ext) in cases {
            let problem = parse(written, Some("US"), false).unwrap_err();
            assert!(problem.message.contains("has an extension"), "{written}: {}", problem.message);
            assert!(problem.help.contains(number) && problem.help.contains(ext), "{written}: {}", problem.help);
        }
    }

    #[test]
    fn obsolete_mexican_prefixes_show_the_current_form() {
        let cases = [
            ("01 800 5533 000", "01", "\"800 5533 000\""),
            ("01800-5533-000", "01", "\"800-5533-000\""),
            ("044 55 1234 5678", "044", "\"55 1234 5678\""),
            ("045 (656) 123 4567", "045", "\"(656) 123 4567\""),
            ("+52 1 55 1234 5678", "mobile 1", "\"+52 55 1234 5678\""),
        ];
        for (written, what, current) in cases {
            let problem = parse(written, Some("MX"), false).unwrap_err();
            assert!(problem.message.contains(what), "{written}: {}", problem.message);
            assert!(problem.help.starts_with(&format!("write it as {current}")), "{written}: {}", problem.help);
            assert!(problem.obsolete, "{written}");
        }
        // A number that is no number at all is not marked obsolete.
        assert!(!parse("555 1234 999", Some("US"), false).unwrap_err().obsolete);
        // 001 is the international prefix, not the old 01.
        let number = parse("001 888 373 7888", Some("MX"), false).unwrap();
        assert_eq!(number.e164.as_deref(), Some("+18883737888"));
        // The prefixes mean nothing outside Mexico.
        assert!(parse("01 800 5533 000", Some("US"), false).is_err());
    }

    #[test]
    fn declared_short_codes_are_kept_as_dialled() {
        for (code, country) in [("911", "US"), ("089", "MX"), ("233733", "US"), ("711", "US")] {
            let number = parse(code, Some(country), true).unwrap();
            assert_eq!(number.national, code);
            assert_eq!(number.e164, None);
            assert_eq!(number.dial_string(), code);
            assert_eq!(number.display_for(Some("MX")), code);
            assert!(number.short_code);
        }
        for bad in ["91", "1234567", "9 1 1", "+911", "ab1"] {
            assert!(parse(bad, Some("US"), true).is_err(), "{bad}");
        }
        assert!(parse("911", None, true).is_err());
    }
}
