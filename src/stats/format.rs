//! Numbers and shares written the way each language of the site reads them.
//!
//! English and Mexican Spanish agree: a comma groups thousands and a point
//! marks decimals (`2,552`, `1,060.5`), so `es` follows Mexico's usage rather
//! than Spain's (`2.552`). Shares are whole percentages, rounded half away from
//! zero (`52%`), as the seed figures print them.

/// The thousands and decimal separators for `lang`. Both languages the site
/// ships use the same pair; a language written otherwise gets its arm here.
fn separators(lang: &str) -> (char, char) {
    match lang {
        "de" | "it" | "pt" => ('.', ','),
        _ => (',', '.'),
    }
}

/// Hundredths are counted exactly below this (2^53): larger values are
/// written whole, from their exact decimal digits.
const EXACT_HUNDREDTHS: f64 = 9_007_199_254_740_992.0;

/// `value` with grouped thousands and at most two decimals (`2,552`, `3.5`).
pub fn number(value: f64, lang: &str) -> String {
    let (thousands, decimal) = separators(lang);
    let negative = value < 0.0;
    let scaled = (value.abs() * 100.0).round();
    let (digits, fraction) = if !value.is_finite() {
        return value.to_string();
    } else if scaled < EXACT_HUNDREDTHS {
        let hundredths = scaled as u64;
        ((hundredths / 100).to_string(), hundredths % 100)
    } else {
        // Too large for hundredths to mean anything: the whole number, as
        // the value's own decimal digits (never a wrapped or saturated integer).
        (format!("{:.0}", value.abs()), 0)
    };
    let mut out = String::new();
    if negative && (scaled > 0.0) {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if fraction > 0 {
        out.push(decimal);
        let fraction = format!("{fraction:02}");
        out.push_str(fraction.trim_end_matches('0'));
    }
    out
}

/// `part` as a whole percentage of `whole` (`52%`); empty when `whole` is zero.
pub fn percent(part: f64, whole: f64, lang: &str) -> String {
    if whole <= 0.0 {
        return String::new();
    }
    format!("{}%", number((part / whole * 100.0).round(), lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_per_language() {
        let cases = [
            (2552.0, "en", "2,552"),
            (2552.0, "es", "2,552"),
            (27.0, "es", "27"),
            (0.0, "en", "0"),
            (1234567.0, "en", "1,234,567"),
            (1060.5, "es", "1,060.5"),
            (3.25, "en", "3.25"),
            (-42.0, "en", "-42"),
            (1.8e17, "en", "180,000,000,000,000,000"),
            (1.9e19, "en", "19,000,000,000,000,000,000"),
            (999_999_999_999.99, "en", "999,999,999,999.99"),
        ];
        for (value, lang, expected) in cases {
            assert_eq!(number(value, lang), expected, "{value} in {lang}");
        }
    }

    #[test]
    fn percentages_round_like_the_source() {
        let whole = 651.0 + 509.0 + 76.0 + 27.0;
        let shares: Vec<String> = [651.0, 509.0, 76.0, 27.0].iter().map(|v| percent(*v, whole, "en")).collect();
        assert_eq!(shares, ["52%", "40%", "6%", "2%"]);
        assert_eq!(percent(1.0, 0.0, "en"), "");
    }
}
