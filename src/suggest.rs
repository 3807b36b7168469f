//! "Did you mean …?": the nearest known name to a mistyped one.

/// The known name closest to `typed`, if it is close enough to be a likely typo.
pub fn nearest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed_lower = typed.to_lowercase();
    let typed_len = typed_lower.chars().count();
    let limit = |k: &str| (k.chars().count() / 3).max(2);
    known
        .into_iter()
        // The distance is at least the difference in length: skip the costly
        // comparison when that alone is too far (a pasted paragraph as a key).
        .filter(|k| typed_len.abs_diff(k.chars().count()) <= limit(k))
        .map(|k| (k, strsim::damerau_levenshtein(&typed_lower, &k.to_lowercase())))
        .filter(|&(k, distance)| distance <= limit(k))
        .min_by_key(|&(_, distance)| distance)
        .map(|(k, _)| k)
}

/// A help line for an unknown name: the suggestion when there is one, the list otherwise.
pub fn unknown_name_help(typed: &str, known: &[&str]) -> String {
    match nearest(typed, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`? Known keys: {}", known.join(", ")),
        None => format!("use one of: {}", known.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = ["title", "description", "date", "draft", "weight", "slug"];
        let long = "t".repeat(100_000);
        let cases = [
            ("titel", Some("title")),
            ("Title", Some("title")),
            ("descripton", Some("description")),
            ("wieght", Some("weight")),
            ("author", None),
            (long.as_str(), None),
        ];
        for (typed, expected) in cases {
            assert_eq!(nearest(typed, known), expected, "{typed}");
        }
    }
}
