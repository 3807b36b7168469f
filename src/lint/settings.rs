//! Lints on the site's settings: what `site.yaml` allows but the printed
//! outreach sheets would suffer from.

use crate::diagnostic::{Code, Diagnostic};
use crate::site::Site;

/// A placeholder `base_url` (`https://faro.example.org/`) on a site with a
/// help directory: its flyers and wallet cards would print QR codes and
/// addresses that lead nowhere.
pub fn placeholder_base_url(site: &Site) -> Option<Diagnostic> {
    let base = &site.config.base_url;
    if site.directory.regions.is_empty() || !base.is_placeholder() {
        return None;
    }
    let file = &site.config.file;
    let span = value_span(&file.text, "base_url").unwrap_or(0..0);
    Some(
        Diagnostic::warning(
            Code::PlaceholderBaseUrl,
            format!(
                "`{}` is a placeholder address: the flyers and wallet cards would print QR codes that lead nowhere",
                base.url
            ),
        )
        .at(file, span, "reserved for examples, never a real site")
        .help("set `base_url` to the site's public address before printing, or build with `--base-url`"),
    )
}

/// The byte range of a top-level key's value on its own line (`key: value`).
fn value_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let value = rest.trim();
            let start = offset + key.len() + 1 + (rest.len() - rest.trim_start().len());
            return Some(start..start + value.len());
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_top_level_value() {
        let text = "title: {en: A}\nbase_url:  https://example.org/  \nlanguages: []\n";
        let span = value_span(text, "base_url").unwrap();
        assert_eq!(&text[span], "https://example.org/");
        assert_eq!(value_span("  base_url: x\n", "base_url"), None, "not a nested key");
    }
}
