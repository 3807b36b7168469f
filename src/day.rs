//! Days as editors write them: `YYYY-MM-DD`, and nothing else.
//!
//! Front matter (`date`, `updated`) and directory entries (`verified`) take a
//! day. One reader serves both, so an entry and a page accept exactly the same
//! forms, and a day that does not exist (`2023-02-29`) is refused everywhere.

use jiff::civil::Date;

/// A `YYYY-MM-DD` day that exists. Only this form: jiff alone would also take
/// `20261122` or a time after the day, which pages would then show as written
/// elsewhere.
pub fn parse(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !s.bytes().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    Date::new(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_year_month_day_of_a_real_day() {
        assert_eq!(parse("2024-02-29"), Some(jiff::civil::date(2024, 2, 29)));
        for not_a_day in
            ["2023-02-29", "2024-2-9", "2024-02-9x", "20240229", "2024-02-29T10:00", "+2024-02-2", "2024-13-01"]
        {
            assert_eq!(parse(not_a_day), None, "{not_a_day}");
        }
    }
}
