//! Front matter: the YAML between `---` lines at the top of every Markdown file.
//!
//! Parsing happens in three passes so an editor sees every problem at once:
//! the YAML syntax, then keys we do not know (each with the nearest known key
//! suggested), then the type of each known value. Positions are always those of
//! the whole file, not of the YAML block.

use std::collections::HashMap;
use std::ops::Range;

use jiff::civil::Date;
use serde::Deserialize;

use crate::day;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::suggest;
use crate::yaml;

use crate::url::{is_slug, slugify};

/// Every key the front matter may hold (DESIGN.md, "Front matter").
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "slug",
    "draft",
    "weight",
    "template",
    "aliases",
    "content_note",
    "regions",
    "summary",
    "region",
    "consent",
    "consent_source",
    "sources",
];

/// Who published a survivor's account with their consent, for a story's
/// `consent_source:`: `consent: true` is a promise to readers, and this is
/// what it rests on.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConsentSource {
    pub name: String,
    pub url: String,
}

/// Where a fact on the page comes from, listed under the page.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub title: String,
    pub url: Option<String>,
    pub date: Option<String>,
}

/// The checked front matter of one file.
///
/// `date` and `updated` are read from the YAML by [`parse`] itself, not by
/// serde, so a day that does not exist gets its own message at its value.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FrontMatter {
    #[serde(default)]
    pub title: String,
    pub description: Option<String>,
    #[serde(skip)]
    pub date: Option<Date>,
    #[serde(skip)]
    pub updated: Option<Date>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub weight: Option<i64>,
    pub template: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub content_note: Option<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    pub summary: Option<String>,
    pub region: Option<String>,
    pub consent: Option<bool>,
    pub consent_source: Option<ConsentSource>,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
}

/// A Markdown file split into its front matter and body.
#[derive(Debug, Clone)]
pub struct Split {
    pub front: FrontMatter,
    /// Byte range of the YAML between the fences.
    pub yaml: Range<usize>,
    /// Byte range of the Markdown after the closing fence.
    pub body: Range<usize>,
    /// Each top-level key with its byte range, to point at values later.
    pub keys: Vec<(String, Range<usize>)>,
}

impl Split {
    /// The byte range of a key, or of the opening fence when the key is absent.
    pub fn key_span(&self, key: &str) -> Range<usize> {
        self.keys.iter().find(|(k, _)| k == key).map_or(0..3, |(_, r)| r.clone())
    }
}

/// Splits and checks the front matter of `file`, reporting every problem found.
pub fn parse(file: &SourceFile) -> Result<Split, Vec<Diagnostic>> {
    let text = &file.text;
    let Some(after_open) = strip_fence(text) else {
        return Err(vec![
            Diagnostic::error(Code::NoFrontMatter, "this file has no front matter")
                .at(file, 0..text.lines().next().map_or(0, str::len), "expected `---` on the first line")
                .help("start the file with a line `---`, then `title: …`, then another line `---`, then the text"),
        ]);
    };
    let yaml_start = text.len() - after_open.len();
    let Some((yaml_end, body_start)) = find_closing_fence(text, yaml_start) else {
        return Err(vec![
            Diagnostic::error(Code::UnclosedFrontMatter, "the front matter is never closed")
                .at(file, 0..3, "opened here")
                .help("add a line with only `---` after the last front-matter line"),
        ]);
    };
    let yaml_range = yaml_start..yaml_end;
    let is_empty = text[yaml_range.clone()].trim().is_empty();
    let mapping: serde_yaml::Mapping = if is_empty {
        serde_yaml::Mapping::new()
    } else {
        yaml::parse(file, yaml_range.clone(), "front matter").map_err(|d| vec![d])?
    };

    let keys = yaml::top_level_keys(file, yaml_range.clone());
    // First place of each key, looked up once per unknown key: a front matter
    // with thousands of unknown keys must not search the list for each.
    let mut first_span: HashMap<&str, Range<usize>> = HashMap::with_capacity(keys.len());
    for (k, r) in &keys {
        first_span.entry(k.as_str()).or_insert_with(|| r.clone());
    }
    let mut problems = Vec::new();
    for key in mapping.keys() {
        let name = key.as_str().map_or_else(|| format!("{key:?}"), str::to_string);
        if !KNOWN_KEYS.contains(&name.as_str()) {
            let span = first_span.get(name.as_str()).cloned().unwrap_or(yaml_range.start..yaml_range.start);
            problems.push(
                Diagnostic::error(Code::UnknownKey, format!("unknown front-matter key `{name}`"))
                    .at(file, span, "not a known key")
                    .help(suggest::unknown_name_help(&name, KNOWN_KEYS)),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let front: FrontMatter = if is_empty {
        FrontMatter::default()
    } else {
        yaml::parse(file, yaml_range.clone(), "front matter").map_err(|d| vec![d])?
    };
    let mut split = Split { front, yaml: yaml_range, body: body_start..text.len(), keys };
    problems.extend(check_values(file, &split));
    split.front.date = read_date(file, &split, &mapping, "date", &mut problems);
    split.front.updated = read_date(file, &split, &mapping, "updated", &mut problems);
    if problems.is_empty() { Ok(split) } else { Err(problems) }
}

/// `---` at the very start (after an optional byte-order mark), then a newline.
fn strip_fence(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("---")?;
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n'))
}

/// Finds the closing `---` line; returns (end of YAML, start of body).
fn find_closing_fence(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn check_values(file: &SourceFile, split: &Split) -> Vec<Diagnostic> {
    let fm = &split.front;
    let mut problems = Vec::new();
    if fm.title.trim().is_empty() {
        let (span, label) = if split.keys.iter().any(|(k, _)| k == "title") {
            (split.key_span("title"), "this title is empty")
        } else {
            (0..3, "no `title:` in this front matter")
        };
        problems.push(
            Diagnostic::error(Code::MissingKey, "missing title")
                .at(file, span, label)
                .help("add a line such as `title: Warning signs` between the `---` lines"),
        );
    }
    if let Some(slug) = &fm.slug
        && !is_slug(slug)
    {
        let suggestion = slugify(slug);
        let help = if suggestion.is_empty() {
            "use lowercase letters, digits and hyphens".to_string()
        } else {
            format!("use lowercase letters, digits and hyphens, for example `slug: {suggestion}`")
        };
        problems.push(
            Diagnostic::error(Code::BadSlug, format!("`{slug}` cannot be a URL segment"))
                .at(file, value_span(file, split, "slug"), "not a valid slug")
                .help(help),
        );
    }
    problems
}

/// The byte range of the value after `key:` on the key's line.
pub fn value_span(file: &SourceFile, split: &Split, key: &str) -> Range<usize> {
    let key_span = split.key_span(key);
    // The rest of the key's line, found without the file's line index (which
    // is built only for a diagnostic).
    let rest = &file.text[key_span.end..];
    let line_end = key_span.end + rest.find('\n').unwrap_or(rest.len());
    let after = file.text[key_span.end..line_end].trim_end_matches('\r');
    let colon = after.find(':').map_or(0, |i| i + 1);
    let value = after[colon..].trim();
    if value.is_empty() {
        return key_span;
    }
    let start = key_span.end + colon + after[colon..].find(value).unwrap_or(0);
    start..start + value.len()
}

/// The day written under `key`, if any. Anything but a `YYYY-MM-DD` day
/// that exists (a number, a list, `2026-02-30`) is reported at its value.
fn read_date(
    file: &SourceFile,
    split: &Split,
    mapping: &serde_yaml::Mapping,
    key: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let value = mapping.get(key)?;
    if value.is_null() {
        return None;
    }
    let date = value.as_str().and_then(day::parse);
    if date.is_none() {
        let span = value_span(file, split, key);
        let written = value.as_str().unwrap_or(&file.text[span.clone()]);
        problems.push(
            Diagnostic::error(Code::BadDate, format!("`{written}` is not a date"))
                .at(file, span, "expected YYYY-MM-DD")
                .help(format!("write the date as year-month-day, for example `{key}: 2026-11-22`")),
        );
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("content/a.en.md", text)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = file("---\ntitle: Signs\nweight: 2\n---\n# Body\n");
        let split = parse(&f).unwrap();
        assert_eq!(split.front.title, "Signs");
        assert_eq!(split.front.weight, Some(2));
        assert_eq!(&f.text[split.body.clone()], "# Body\n");
    }

    #[test]
    fn reports_all_unknown_keys_with_their_lines() {
        let f = file("---\ntitel: A\nwieght: 1\n---\n");
        let errs = parse(&f).unwrap_err();
        let found: Vec<_> = errs.iter().map(|d| (d.message.as_str(), d.position().unwrap().1)).collect();
        assert_eq!(found, [("unknown front-matter key `titel`", 2), ("unknown front-matter key `wieght`", 3)]);
        assert!(errs[0].help.as_deref().unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn yaml_errors_use_the_files_real_line() {
        let f = file("---\ntitle: A\ndescription: Call: now\n---\n");
        let errs = parse(&f).unwrap_err();
        assert_eq!(errs[0].position().unwrap().1, 3, "{}", errs[0]);
    }

    #[test]
    fn missing_title_and_bad_values() {
        let cases = [
            ("---\ndescription: x\n---\n", "missing title"),
            ("---\ntitle: \"\"\n---\n", "missing title"),
            ("---\ntitle: A\nslug: Señales\n---\n", "`Señales` cannot be a URL segment"),
            ("---\ntitle: A\ndate: 2026-13-01\n---\n", "`2026-13-01` is not a date"),
            ("no fence\n", "this file has no front matter"),
            ("---\ntitle: A\n", "the front matter is never closed"),
        ];
        for (text, message) in cases {
            let errs = parse(&file(text)).unwrap_err();
            assert_eq!(errs[0].message, message, "{text}");
        }
    }

    #[test]
    fn dates_are_kept_as_days() {
        let split = parse(&file("---\ntitle: A\ndate: 2026-11-22\nupdated: \"2026-12-01\"\n---\n")).unwrap();
        assert_eq!(split.front.date, Some(jiff::civil::date(2026, 11, 22)));
        assert_eq!(split.front.updated, Some(jiff::civil::date(2026, 12, 1)));
        assert_eq!(split.front.updated.unwrap().to_string(), "2026-12-01");
        let empty = parse(&file("---\ntitle: A\ndate:\n---\n")).unwrap();
        assert_eq!(empty.front.date, None);
    }

    #[test]
    fn a_date_that_is_not_a_day_is_reported_at_its_value() {
        let f = file("---\ntitle: A\ndate: 2026-02-30\nupdated: 2026\n---\n");
        let errs = parse(&f).unwrap_err();
        let found: Vec<_> =
            errs.iter().map(|d| (d.message.as_str(), d.position().unwrap().1, d.position().unwrap().2)).collect();
        assert_eq!(found, [("`2026-02-30` is not a date", 3, 7), ("`2026` is not a date", 4, 10)]);
        assert_eq!(
            errs[1].help.as_deref(),
            Some("write the date as year-month-day, for example `updated: 2026-11-22`")
        );
    }
}
