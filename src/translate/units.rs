//! Every text a language needs, found by reading the site's files directly
//! (not by loading the site, which may not build yet in a new language).
//!
//! - Theme strings: each key of `themes/<theme>/i18n/<area>.<source>.yaml`,
//!   translated in the file with the other language's suffix.
//! - Site, region, directory and statistics texts: every `{en: …, es: …}`
//!   mapping in `site.yaml` (title and description), `directory/*.yaml` and
//!   `stats/*.yaml`, translated under the language's key in the same mapping.
//!   Such a mapping is recognised by its keys: all of them language codes of
//!   the site, one of them the source language. Nothing is listed by hand, so
//!   a field added to the directory tomorrow is translated without a change here.
//! - Pages: the title, description, content note, summary and body of each
//!   `<name>.<source>.md`, translated in `<name>.<lang>.md`.
//!
//! A page's body is one text, not one per paragraph: a translation is free in
//! its structure (a translator may split a long sentence's paragraph in two,
//! or merge two), translated pages of a real site do not line up paragraph by
//! paragraph with their sources, and lists and fenced blocks stay whole. What
//! a paragraph split would give, knowing which part of a long page changed,
//! the record gives anyway: it keeps one digest per paragraph, and both
//! `faro check` and the exported file name the paragraphs that changed.

use std::collections::BTreeSet;
use std::path::Path;

use walkdir::WalkDir;

use super::record::Recorded;
use super::{At, Languages, markup};
use crate::content::{DATA_FOLDERS, front_matter};
use crate::diagnostic::{Code, Diagnostic};
use crate::read::read_source;
use crate::source::{SourceFile, display_path};
use crate::yaml::tree::{self, Map, Node};

/// What a text is, for counts and for translators' notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Site,
    Theme,
    Region,
    Directory,
    Stats,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Site, Kind::Theme, Kind::Region, Kind::Directory, Kind::Stats, Kind::Page];

    /// A short name, as counts and notes show it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Site => "site settings",
            Kind::Theme => "theme strings",
            Kind::Region => "region names",
            Kind::Directory => "directory texts",
            Kind::Stats => "statistics texts",
            Kind::Page => "page texts",
        }
    }
}

/// A page's text that is translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Description,
    ContentNote,
    Summary,
    Body,
}

impl Field {
    pub const ALL: [Field; 5] = [Field::Title, Field::Description, Field::ContentNote, Field::Summary, Field::Body];

    /// The front-matter key, or `body`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Description => "description",
            Field::ContentNote => "content_note",
            Field::Summary => "summary",
            Field::Body => "body",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    fn of(self, front: &front_matter::FrontMatter) -> Option<&str> {
        match self {
            Field::Title => Some(front.title.as_str()),
            Field::Description => front.description.as_deref(),
            Field::ContentNote => front.content_note.as_deref(),
            Field::Summary => front.summary.as_deref(),
            Field::Body => None,
        }
    }
}

/// Where a translation is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Under the language's key of a `{en: …, es: …}` mapping, reached from
    /// the top of `file` by `path` (keys, and list items by `id`, `code` or
    /// position).
    LangMap { file: String, path: Vec<String> },
    /// A key of a theme strings file; `file` is the language's own file.
    ThemeKey { file: String, source_file: String, key: String },
    /// A front-matter key or the body of the page's translation `file`.
    PageText { file: String, source_file: String, field: Field },
}

impl Place {
    /// The file the translation is written in.
    pub fn file(&self) -> &str {
        match self {
            Place::LangMap { file, .. } | Place::ThemeKey { file, .. } | Place::PageText { file, .. } => file,
        }
    }

    /// The file the source text is in.
    pub fn source_file(&self) -> &str {
        match self {
            Place::LangMap { file, .. } => file,
            Place::ThemeKey { source_file, .. } | Place::PageText { source_file, .. } => source_file,
        }
    }
}

/// One text to translate into one language.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Stable id: the translation's file, `#`, where in it.
    pub id: String,
    pub kind: Kind,
    pub place: Place,
    /// The source-language text.
    pub source: String,
    /// Where the source text is, to point at it.
    pub source_at: At,
    /// The translation in the site today, if any.
    pub translation: Option<String>,
    pub translation_at: Option<At>,
    /// What the record keeps of the source text.
    pub fingerprint: Recorded,
    /// Markdown (a page body), whose link targets a translation must keep.
    pub markdown: bool,
}

/// Every text of the site for one language, and what could not be read.
#[derive(Debug, Default)]
pub struct Collection {
    pub units: Vec<Unit>,
    pub problems: Vec<Diagnostic>,
    /// The site uses the theme built into Faro, whose strings are not in
    /// the site's folder and cannot be translated there.
    pub builtin_theme: bool,
}

/// Reads every text of the site in the source language and, where it
/// exists, in `lang`.
pub fn collect(root: &Path, langs: &Languages, lang: &str) -> Collection {
    let mut out = Collection::default();
    let mut codes: BTreeSet<&str> = langs.codes.iter().map(String::as_str).collect();
    codes.insert(lang);
    let maps = MapRule { source: &langs.source, lang, codes: &codes };

    if let Some(file) = read(root, crate::config::SITE_FILE, &mut out.problems)
        && let Some(tree) = parse_yaml(&file, &mut out.problems)
        && let Some(top) = tree.as_map()
    {
        for key in ["title", "description"] {
            if let Some(Node::Map(map)) = top.get(key) {
                maps.unit(&file, &[key.to_string()], map, Kind::Site, &mut out.units);
            }
        }
    }

    theme_units(root, langs, lang, &mut out);

    for (folder, kind) in [("directory", Kind::Directory), ("stats", Kind::Stats)] {
        let dir = root.join("content").join(folder);
        let mut files: Vec<String> = yaml_files(&dir).into_iter().map(|n| format!("content/{folder}/{n}")).collect();
        // Region names first: they are what every help page is built on.
        files.sort_by_key(|f| (!f.ends_with("/regions.yaml"), f.clone()));
        for rel in files {
            let kind = if rel.ends_with("/regions.yaml") { Kind::Region } else { kind };
            let Some(file) = read(root, &rel, &mut out.problems) else { continue };
            let Some(tree) = parse_yaml(&file, &mut out.problems) else { continue };
            maps.walk(&file, &tree, &mut Vec::new(), kind, &mut out.units);
        }
    }

    page_units(root, langs, lang, &mut out);
    out
}

fn read(root: &Path, rel: &str, problems: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    read_source(root, Path::new(rel)).map_err(|errs| problems.extend(errs)).ok()
}

/// A YAML file as a tree, or a diagnostic where it cannot be read.
pub fn parse_yaml(file: &SourceFile, problems: &mut Vec<Diagnostic>) -> Option<Node> {
    match tree::parse(&file.text) {
        Ok(tree) => Some(tree),
        Err(err) => {
            problems.push(
                Diagnostic::error(Code::YamlSyntax, format!("invalid YAML: {}", err.message))
                    .at(file, crate::yaml::token_at(&file.text, err.offset), "the YAML cannot be read from here")
                    .help("check the quotes and the indentation on this line and the one before it"),
            );
            None
        }
    }
}

/// `*.yaml` file names in a folder, sorted; none when it does not exist.
fn yaml_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Which mappings are texts per language, and how to make units of them.
struct MapRule<'a> {
    source: &'a str,
    lang: &'a str,
    codes: &'a BTreeSet<&'a str>,
}

impl MapRule<'_> {
    fn is_lang_map(&self, map: &Map) -> bool {
        !map.entries.is_empty()
            && map.entries.iter().all(|(k, v)| {
                k.as_scalar().is_some_and(|k| self.codes.contains(k.value.as_str())) && v.as_scalar().is_some()
            })
            && map.get(self.source).and_then(Node::as_scalar).is_some_and(|s| !s.value.trim().is_empty())
    }

    fn walk(&self, file: &SourceFile, node: &Node, path: &mut Vec<String>, kind: Kind, out: &mut Vec<Unit>) {
        match node {
            Node::Map(map) if self.is_lang_map(map) => self.unit(file, path, map, kind, out),
            Node::Map(map) => {
                for (key, value) in &map.entries {
                    if let Some(key) = key.as_scalar() {
                        path.push(key.value.clone());
                        self.walk(file, value, path, kind, out);
                        path.pop();
                    }
                }
            }
            Node::Seq(seq) => {
                for (i, item) in seq.items.iter().enumerate() {
                    path.push(item_label(item).unwrap_or_else(|| i.to_string()));
                    self.walk(file, item, path, kind, out);
                    path.pop();
                }
            }
            Node::Scalar(_) | Node::Alias(_) => {}
        }
    }

    fn unit(&self, file: &SourceFile, path: &[String], map: &Map, kind: Kind, out: &mut Vec<Unit>) {
        if !self.is_lang_map(map) {
            return;
        }
        let Some(source) = map.get(self.source).and_then(Node::as_scalar) else { return };
        let translation = map.get(self.lang).and_then(Node::as_scalar).filter(|s| !s.value.trim().is_empty());
        let shown = file.display_path();
        out.push(Unit {
            id: format!("{shown}#{}", path.join(".")),
            kind,
            place: Place::LangMap { file: shown, path: path.to_vec() },
            source: source.value.clone(),
            source_at: (file.clone(), source.span.clone()),
            translation: translation.map(|s| s.value.clone()),
            translation_at: translation.map(|s| (file.clone(), s.span.clone())),
            fingerprint: Recorded::One(super::digest(&source.value)),
            markdown: false,
        });
    }
}

/// A list item's name for paths: its `id` or `code`, which stay when items
/// are added or reordered.
fn item_label(item: &Node) -> Option<String> {
    let map = item.as_map()?;
    ["id", "code"].into_iter().find_map(|k| map.get(k).and_then(Node::as_scalar).map(|s| s.value.clone()))
}

/// Finds the node a path leads to (the inverse of [`MapRule::walk`]).
pub fn resolve<'n>(root: &'n Node, path: &[String]) -> Option<&'n Node> {
    let mut node = root;
    for seg in path {
        node = match node {
            Node::Map(map) => map.get(seg)?,
            Node::Seq(seq) => {
                seq.items.iter().find(|item| item_label(item).as_deref() == Some(seg.as_str())).or_else(|| {
                    seg.parse::<usize>().ok().and_then(|i| seq.items.get(i)).filter(|i| item_label(i).is_none())
                })?
            }
            _ => return None,
        };
    }
    Some(node)
}

/// The theme's strings, when the theme is a folder of the site.
fn theme_units(root: &Path, langs: &Languages, lang: &str, out: &mut Collection) {
    let dir = Path::new("themes").join(&langs.theme).join("i18n");
    if !root.join(&dir).is_dir() {
        out.builtin_theme = !root.join("themes").join(&langs.theme).is_dir();
        return;
    }
    let source = &langs.source;
    let suffix = format!(".{source}.yaml");
    let main = format!("{source}.yaml");
    for name in yaml_files(&root.join(&dir)) {
        let target_name = if name == main {
            format!("{lang}.yaml")
        } else if let Some(area) = name.strip_suffix(&suffix) {
            if area.contains('.') {
                continue;
            }
            format!("{area}.{lang}.yaml")
        } else {
            continue;
        };
        let rel = display_path(&dir.join(&name));
        let target_rel = display_path(&dir.join(&target_name));
        let Some(file) = read(root, &rel, &mut out.problems) else { continue };
        let Some(tree) = parse_yaml(&file, &mut out.problems) else { continue };
        let target = if root.join(&target_rel).is_file() {
            read(root, &target_rel, &mut out.problems)
                .and_then(|f| parse_yaml(&f, &mut out.problems).map(|tree| (f, tree)))
        } else {
            None
        };
        let Some(map) = tree.as_map() else { continue };
        for (key, value) in &map.entries {
            let (Some(key), Some(value)) = (key.as_scalar(), value.as_scalar()) else { continue };
            if value.value.trim().is_empty() {
                continue;
            }
            let translated = target.as_ref().and_then(|(f, t)| {
                let s = t.as_map()?.get(&key.value)?.as_scalar()?;
                Some((f.clone(), s.clone()))
            });
            out.units.push(Unit {
                id: format!("{target_rel}#{}", key.value),
                kind: Kind::Theme,
                place: Place::ThemeKey { file: target_rel.clone(), source_file: rel.clone(), key: key.value.clone() },
                source: value.value.clone(),
                source_at: (file.clone(), value.span.clone()),
                translation: translated.as_ref().map(|(_, s)| s.value.clone()),
                translation_at: translated.map(|(f, s)| (f, s.span)),
                fingerprint: Recorded::One(super::digest(&value.value)),
                markdown: false,
            });
        }
    }
}

/// The source-language pages and their translations.
fn page_units(root: &Path, langs: &Languages, lang: &str, out: &mut Collection) {
    let content = root.join("content");
    let suffix = format!(".{}.md", langs.source);
    let mut sources = Vec::new();
    for entry in WalkDir::new(&content).sort_by_file_name().into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || !entry.file_type().is_file() || !name.ends_with(&suffix) {
            continue;
        }
        let rel = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        let top = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
        if rel.components().count() > 1 && top.is_some_and(|t| DATA_FOLDERS.contains(&t.as_str())) {
            continue;
        }
        sources.push(display_path(&Path::new("content").join(rel)));
    }
    for rel in sources {
        let target_rel = format!("{}.{lang}.md", &rel[..rel.len() - suffix.len()]);
        let Some(file) = read(root, &rel, &mut out.problems) else { continue };
        let split = match front_matter::parse(&file) {
            Ok(split) => split,
            Err(errs) => {
                out.problems.extend(errs);
                continue;
            }
        };
        let target = if root.join(&target_rel).is_file() {
            let Some(target_file) = read(root, &target_rel, &mut out.problems) else { continue };
            match front_matter::parse(&target_file) {
                Ok(target_split) => Some((target_file, target_split)),
                Err(errs) => {
                    out.problems.extend(errs);
                    continue;
                }
            }
        } else {
            None
        };
        for field in Field::ALL {
            let (text, span, fingerprint) = if field == Field::Body {
                let body = file.text[split.body.clone()].trim();
                let start = split.body.start + file.text[split.body.clone()].find(body).unwrap_or(0);
                (body.to_string(), start..start, Recorded::Many(markup::block_digests(body)))
            } else {
                let Some(text) = field.of(&split.front) else { continue };
                (text.to_string(), value_span(&file, &split, field.key()), Recorded::One(super::digest(text)))
            };
            if text.trim().is_empty() {
                continue;
            }
            let translated = target.as_ref().and_then(|(tf, ts)| {
                let (text, span) = if field == Field::Body {
                    let body = tf.text[ts.body.clone()].trim();
                    let start = ts.body.start + tf.text[ts.body.clone()].find(body).unwrap_or(0);
                    (body.to_string(), start..start + body.len())
                } else {
                    (field.of(&ts.front)?.to_string(), value_span(tf, ts, field.key()))
                };
                (!text.trim().is_empty()).then(|| (text, (tf.clone(), span)))
            });
            out.units.push(Unit {
                id: format!("{target_rel}#{}", field.key()),
                kind: Kind::Page,
                place: Place::PageText { file: target_rel.clone(), source_file: rel.clone(), field },
                source: text,
                source_at: (file.clone(), span),
                translation: translated.as_ref().map(|(t, _)| t.clone()),
                translation_at: translated.map(|(_, at)| at),
                fingerprint,
                markdown: field == Field::Body,
            });
        }
    }
}

/// The byte range of a front-matter key's line, to point at it.
fn value_span(file: &SourceFile, split: &front_matter::Split, key: &str) -> std::ops::Range<usize> {
    let span = split.key_span(key);
    file.line_range(span.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    const SITE: &str = "title: {en: T, es: Te}\nbase_url: https://example.org/\nexit_url: {en: https://a.org/, es: https://b.org/}\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n  - {code: pt, name: Português, fallback: es}\n";

    #[test]
    fn finds_every_kind_of_text_with_ids_that_name_the_place() {
        let dir = site(&[
            ("content/site.yaml", SITE),
            (
                "content/directory/regions.yaml",
                "- code: US\n  name: {en: United States, es: Estados Unidos}\n  subdivisions:\n    - {code: US-TX, name: {en: Texas, es: Texas}}\n",
            ),
            (
                "content/directory/lines.yaml",
                "- id: a-line\n  kind: hotline\n  languages: [en, es]\n  name: {en: A line, pt: Uma linha}\n  contacts:\n    - {type: phone, value: '1', note: {en: Office}}\n",
            ),
            ("content/stats/s.yaml", "title: {en: Victims}\nseries:\n  - {label: {en: Adults}, value: 3}\n"),
            ("themes/default/i18n/en.yaml", "# x\nskip: Skip\n"),
            ("themes/default/i18n/help.en.yaml", "help_title: Who to call\n"),
            ("themes/default/i18n/pt.yaml", "skip: Saltar\n"),
            (
                "content/learn/signs.en.md",
                "---\ntitle: Signs\ndescription: How to tell\nslug: signs\n---\n\nOne.\n\nTwo [link](x.md).\n",
            ),
            ("content/learn/signs.pt.md", "---\ntitle: Sinais\n---\n\nUm.\n"),
        ]);
        let langs = Languages::load(dir.path()).unwrap();
        assert_eq!(langs.codes, ["en", "es", "pt"]);
        let got = collect(dir.path(), &langs, "pt");
        assert!(got.problems.is_empty(), "{:?}", got.problems);
        let ids: Vec<(&str, Kind, Option<&str>)> =
            got.units.iter().map(|u| (u.id.as_str(), u.kind, u.translation.as_deref())).collect();
        assert_eq!(
            ids,
            [
                ("content/site.yaml#title", Kind::Site, None),
                ("themes/default/i18n/pt.yaml#skip", Kind::Theme, Some("Saltar")),
                ("themes/default/i18n/help.pt.yaml#help_title", Kind::Theme, None),
                ("content/directory/regions.yaml#US.name", Kind::Region, None),
                ("content/directory/regions.yaml#US.subdivisions.US-TX.name", Kind::Region, None),
                ("content/directory/lines.yaml#a-line.name", Kind::Directory, Some("Uma linha")),
                ("content/directory/lines.yaml#a-line.contacts.0.note", Kind::Directory, None),
                ("content/stats/s.yaml#title", Kind::Stats, None),
                ("content/stats/s.yaml#series.0.label", Kind::Stats, None),
                ("content/learn/signs.pt.md#title", Kind::Page, Some("Sinais")),
                ("content/learn/signs.pt.md#description", Kind::Page, None),
                ("content/learn/signs.pt.md#body", Kind::Page, Some("Um.")),
            ]
        );
        let body = got.units.iter().find(|u| u.id.ends_with("#body")).unwrap();
        assert_eq!(body.source, "One.\n\nTwo [link](x.md).");
        assert!(matches!(&body.fingerprint, Recorded::Many(d) if d.len() == 2));
    }

    #[test]
    fn paths_lead_back_to_their_mapping() {
        let text =
            "- code: US\n  subdivisions:\n    - {code: US-TX, name: {en: Texas}}\n- series:\n    - {label: {en: A}}\n";
        let tree = tree::parse(text).unwrap();
        let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(resolve(&tree, &path(&["US", "subdivisions", "US-TX", "name"])).unwrap().as_map().is_some());
        assert!(resolve(&tree, &path(&["1", "series", "0", "label"])).unwrap().as_map().is_some());
        assert!(resolve(&tree, &path(&["MX"])).is_none());
    }
}
