//! The editors' documentation against the code it describes.
//!
//! Editors learn the file formats from `docs/fields.md`, and they find that
//! guide from the README. These tests fail when a field or a word the parsers
//! accept is missing from the reference, and when the README stops saying how
//! to install `faro` or stops linking the guide, so the two cannot drift apart.
//! The list of diagnostic codes (`docs/diagnostics.md`) is checked against
//! the code table the same way, both ways.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use faro::Code;
use faro::content::front_matter::KNOWN_KEYS;
use faro::directory::{AnsweredBy, ContactKind, Kind, Topic, Weekday};
use faro::stats::fields::{DATA_SET_KEYS, POINT_KEYS, SOURCE_KEYS};
use pulldown_cmark::{Event, Parser};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|err| panic!("cannot read {rel}: {err}"))
}

/// The text of every inline code span (`answered_by`) in a Markdown text.
fn code_spans(markdown: &str) -> BTreeSet<String> {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Code(code) => Some(code.trim().to_string()),
            _ => None,
        })
        .collect()
}

/// Where the formats editors write are parsed: site settings, front matter,
/// the help directory and the statistics data sets.
const PARSER_SOURCES: &[&str] = &["src/config.rs", "src/content", "src/directory", "src/stats"];

/// The structs that must be among those found, so that a reader that finds
/// nothing cannot pass: the directory's entries, contacts, hours and regions,
/// the site settings and the front matter's nested values. (Data sets are
/// read field by field, from the key lists checked below.)
const EXPECTED_STRUCTS: &[&str] = &[
    "RawEntry",
    "RawContact",
    "RawWeekly",
    "RawPeriod",
    "RawCountry",
    "RawSubdivision",
    "RawConfig",
    "RawLanguage",
    "ConsentSource",
    "SourceRef",
];

/// A struct read from the source, with the YAML keys it accepts.
#[derive(Debug)]
struct Accepted {
    file: String,
    name: String,
    keys: Vec<String>,
}

/// Every struct under [`PARSER_SOURCES`] that serde reads with
/// `#[serde(deny_unknown_fields)]`, with the keys it accepts.
///
/// Why read the source rather than ask the parsers: those structs are private
/// to the library, and serde lists their fields only in the error for an
/// unknown key, whose wording belongs to the diagnostics and changes with
/// them. A struct with `deny_unknown_fields` accepts exactly its fields (under
/// their `rename`, plus any `alias`), and that is plain to read from the
/// source. Every such struct is found by its attribute, so a new one is
/// covered without editing this test, and [`EXPECTED_STRUCTS`] must all be
/// among them, so a change that hides them from this reader fails here loudly
/// instead of checking nothing.
fn accepted_keys() -> Vec<Accepted> {
    let mut files = Vec::new();
    for rel in PARSER_SOURCES {
        collect_rust_files(&root(), Path::new(rel), &mut files);
    }
    let mut found = Vec::new();
    for rel in files {
        let text = read(&rel);
        // Unit tests at the end of a file declare structs of their own.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (name, keys) in strict_structs(text) {
            found.push(Accepted { file: rel.clone(), name, keys });
        }
    }
    found
}

fn collect_rust_files(root: &Path, rel: &Path, out: &mut Vec<String>) {
    let path = root.join(rel);
    if path.is_dir() {
        let mut items: Vec<_> = fs::read_dir(&path).unwrap().flatten().map(|i| i.file_name()).collect();
        items.sort();
        for item in items {
            collect_rust_files(root, &rel.join(item), out);
        }
    } else if rel.extension().is_some_and(|e| e == "rs") {
        out.push(rel.to_string_lossy().replace('\\', "/"));
    }
}

/// The structs of `text` that carry `#[serde(deny_unknown_fields)]`, each
/// with the YAML names of its fields.
fn strict_structs(text: &str) -> Vec<(String, Vec<String>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) =
            line.trim().trim_start_matches("pub(crate) ").trim_start_matches("pub ").strip_prefix("struct ")
        else {
            continue;
        };
        let Some(name) = rest.strip_suffix(" {") else {
            continue;
        };
        // The attributes and doc comments right above the struct.
        let strict = lines[..i]
            .iter()
            .rev()
            .take_while(|l| {
                let l = l.trim();
                l.starts_with("#[") || l.starts_with("///")
            })
            .any(|l| l.contains("deny_unknown_fields"));
        if !strict {
            continue;
        }
        let body = lines[i + 1..].iter().take_while(|l| l.trim() != "}");
        out.push((name.trim().to_string(), field_names(body)));
    }
    out
}

/// The YAML names of the fields in the lines of a struct's body: a field's
/// `rename` or its own name, and its aliases; fields serde skips are left out.
fn field_names<'a>(body: impl Iterator<Item = &'a &'a str>) -> Vec<String> {
    let mut names = Vec::new();
    let mut rename = None;
    let mut aliases = Vec::new();
    let mut skip = false;
    for line in body {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        if line.starts_with("#[") {
            if line.contains("serde(") {
                rename = rename.or_else(|| quoted_after(line, "rename = ").into_iter().next());
                aliases.extend(quoted_after(line, "alias = "));
                skip |= line.contains("skip)") || line.contains("skip,") || line.contains("skip_deserializing");
            }
            continue;
        }
        let field = line.trim_start_matches("pub(crate) ").trim_start_matches("pub ");
        let (ident, _) = field.split_once(':').unwrap_or_else(|| panic!("not a field: {line}"));
        assert!(ident.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "not a field: {line}");
        if !skip {
            names.push(rename.take().unwrap_or_else(|| ident.to_string()));
            names.append(&mut aliases);
        }
        (rename, skip) = (None, false);
        aliases.clear();
    }
    names
}

/// Every `"…"` right after `marker` in an attribute line.
fn quoted_after(line: &str, marker: &str) -> Vec<String> {
    line.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = line[i + marker.len()..].strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

#[test]
fn the_source_reader_finds_renames_aliases_and_skips() {
    let text = "\
/// A thing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawThing {
    /// Its kind.
    #[serde(rename = \"type\")]
    pub kind: String,
    #[serde(default, alias = \"colour\")]
    color: Option<BTreeMap<String, String>>,
    #[serde(skip)]
    cache: u8,
    value: f64,
}

#[derive(Deserialize)]
struct Loose {
    anything: String,
}
";
    assert_eq!(
        strict_structs(text),
        [("RawThing".to_string(), vec!["type".into(), "color".into(), "colour".into(), "value".into()])]
    );
}

#[test]
fn every_field_the_parsers_accept_is_in_the_field_reference() {
    let reference = code_spans(&read("docs/fields.md"));
    let structs = accepted_keys();
    let names: BTreeSet<&str> = structs.iter().map(|s| s.name.as_str()).collect();
    for expected in EXPECTED_STRUCTS {
        assert!(
            names.contains(expected),
            "struct `{expected}` was not found with #[serde(deny_unknown_fields)] under {PARSER_SOURCES:?} \
             (found: {names:?}); if the parser no longer reads the YAML through it, point this test at \
             whatever now lists the keys it accepts"
        );
    }
    let mut missing = Vec::new();
    for s in &structs {
        assert!(!s.keys.is_empty(), "no fields read from `{}` in {}", s.name, s.file);
        for key in &s.keys {
            if !reference.contains(key) {
                missing.push(format!("`{key}` (struct {} in {})", s.name, s.file));
            }
        }
    }
    for key in KNOWN_KEYS {
        if !reference.contains(*key) {
            missing.push(format!("`{key}` (front matter, KNOWN_KEYS)"));
        }
    }
    // Data sets are read field by field (`stats::fields`), from these lists.
    for (list, keys) in [("DATA_SET_KEYS", DATA_SET_KEYS), ("SOURCE_KEYS", SOURCE_KEYS), ("POINT_KEYS", POINT_KEYS)] {
        for key in keys.iter().filter(|k| !reference.contains(**k)) {
            missing.push(format!("`{key}` (statistics, {list})"));
        }
    }
    assert!(missing.is_empty(), "docs/fields.md does not name these fields as code spans:\n{}", missing.join("\n"));
}

#[test]
fn every_word_the_directory_accepts_is_in_the_field_reference() {
    let reference = code_spans(&read("docs/fields.md"));
    let words = Kind::ALL
        .iter()
        .map(|k| ("kind", k.as_str()))
        .chain(AnsweredBy::ALL.iter().map(|a| ("answered_by", a.as_str())))
        .chain(Topic::ALL.iter().map(|t| ("topics", t.as_str())))
        .chain(ContactKind::ALL.iter().map(|c| ("type", c.as_str())))
        .chain(Weekday::ALL.iter().map(|d| ("days", d.as_str())));
    let missing: Vec<String> = words
        .filter(|(_, word)| !reference.contains(*word))
        .map(|(field, word)| format!("`{word}` ({field})"))
        .collect();
    assert!(missing.is_empty(), "docs/fields.md does not name these values as code spans:\n{}", missing.join("\n"));
}

#[test]
fn the_readme_says_how_to_install_faro_and_links_the_editors_guide() {
    let readme = read("README.md");
    assert!(
        readme.contains("cargo install --path ."),
        "the README must say how to install faro: `cargo install --path .`"
    );
    let links: Vec<String> = Parser::new(&readme)
        .filter_map(|event| match event {
            Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        links.iter().any(|l| l == "docs/editors-guide.md"),
        "the README must link the editors' guide as docs/editors-guide.md; its links: {links:?}"
    );
}

#[test]
fn links_between_the_guides_lead_to_files_that_exist() {
    let mut broken = Vec::new();
    for entry in fs::read_dir(root().join("docs")).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        for event in Parser::new(&text) {
            let Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) = event else {
                continue;
            };
            let target = dest_url.split('#').next().unwrap_or_default();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !path.parent().unwrap().join(target).exists() {
                broken.push(format!("{}: {dest_url}", path.display()));
            }
        }
    }
    assert!(broken.is_empty(), "links to files that do not exist:\n{}", broken.join("\n"));
}

/// The codes `docs/diagnostics.md` explains, from its headings
/// (`### E0102 unknown-key`), in the order they are written.
fn documented_codes() -> Vec<(String, String)> {
    read("docs/diagnostics.md")
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .filter_map(|heading| heading.split_once(' '))
        .map(|(id, name)| (id.to_string(), name.trim().to_string()))
        .collect()
}

#[test]
fn every_diagnostic_code_is_explained_once_and_nothing_else_is() {
    let codes: Vec<(String, String)> = Code::ALL.iter().map(|c| (c.id(), c.name().to_string())).collect();
    let documented = documented_codes();
    for code in &codes {
        let count = documented.iter().filter(|d| *d == code).count();
        assert_eq!(count, 1, "{} {} is explained {count} times in docs/diagnostics.md", code.0, code.1);
    }
    for doc in &documented {
        assert!(codes.contains(doc), "docs/diagnostics.md explains {} {}, which is not a code", doc.0, doc.1);
    }
    assert_eq!(documented, codes, "docs/diagnostics.md lists the codes in the order of the table");
}

#[test]
fn no_two_codes_share_a_number_or_a_name() {
    let mut numbers = BTreeSet::new();
    let mut names = BTreeSet::new();
    for code in Code::ALL {
        assert!(numbers.insert(code.number()), "{code}: its number is taken");
        assert!(names.insert(code.name()), "{code}: its name is taken");
    }
}

/// Codes are published and never reused: a renumbering, a renaming or a
/// removal shows up here as a diff to review.
#[test]
fn the_code_table_is_stable() {
    let table: String = Code::ALL.iter().map(|c| format!("{c}\n")).collect();
    insta::assert_snapshot!(table);
}

#[test]
fn the_guides_link_the_code_list() {
    assert!(read("docs/editors-guide.md").contains("(diagnostics.md)"), "the editor's guide links docs/diagnostics.md");
    assert!(read("README.md").contains("(docs/diagnostics.md)"), "the README links docs/diagnostics.md");
}
