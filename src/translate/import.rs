//! `faro i18n import FILE`: translations from a PO or XLIFF file written
//! back into the site's files.
//!
//! Every entry is checked before any file is touched, and every problem is
//! reported at its line of the imported file:
//! - the text must still exist, with the same source text as at export (else
//!   the translation was made from an older text), and the site's own
//!   translation must be the one exported (else someone changed it since and
//!   the import would overwrite their work);
//! - `{placeholders}`, link and image targets and embedded charts must be the
//!   same as in the source.
//!
//! An entry still marked for review (PO `fuzzy`, XLIFF `needs-review-…`)
//! whose text is the one exported is left alone: the translator has not
//! looked at it yet. An empty translation is left alone too.
//!
//! Then each file is changed in memory, one value at a time (see
//! [`crate::yaml::tree`]), so comments, key order and the quoting of every
//! other value stay as the editor wrote them; each changed file is read again
//! to prove it says what was imported; and only then are all files written,
//! through temporary files renamed into place ([`super::write_files`]).
//! A page translation that does not exist yet is created from its source's
//! front matter (dates, weight, template, regions are kept; `slug` and
//! `aliases` are the new page's own and are left out) once its title and
//! body are translated.

use std::collections::BTreeMap;
use std::path::Path;

use super::export::base_of;
use super::record::Record;
use super::units::{self, Field, Place, Unit};
use super::{Error, Languages, digest, markup};
use crate::content::front_matter;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::yaml::tree::{self as yaml_tree, Node, Style};

/// One translated text read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub source: String,
    pub target: String,
    /// Marked as needing review (fuzzy).
    pub needs_review: bool,
    /// The digest of the site's translation at export (`-` for none).
    pub base: Option<String>,
    /// Byte offset of the entry in the imported file, to point at it.
    pub offset: usize,
}

/// What a translator's file holds.
#[derive(Debug)]
pub struct Translations {
    pub lang: String,
    pub entries: Vec<Entry>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    pub lang: String,
    /// Files written (created or changed), from the site root.
    pub files: Vec<String>,
    /// Texts written or confirmed current.
    pub texts: usize,
    /// Entries left alone because they still await review.
    pub awaiting_review: usize,
    /// Pages not created because their title or body is not translated yet.
    pub pages_not_created: Vec<String>,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file cannot be imported")]
    Content(Vec<Diagnostic>),
    #[error(transparent)]
    Usage(#[from] Error),
}

/// Reads a PO or an XLIFF file (by its extension, else by its first bytes).
pub fn read(file: &SourceFile) -> Result<Translations, Vec<Diagnostic>> {
    let name = file.display_path();
    let xml = name.ends_with(".xlf") || name.ends_with(".xliff") || file.text.trim_start().starts_with('<');
    if xml { read_xliff(file) } else { read_po(file) }
}

fn at_line(file: &SourceFile, offset: usize) -> std::ops::Range<usize> {
    file.line_range(offset.min(file.text.len()))
}

/// Reads a PO file with polib, and finds each entry's line by its msgctxt.
pub fn read_po(file: &SourceFile) -> Result<Translations, Vec<Diagnostic>> {
    let catalog = polib::po_file::parse_from_reader(file.text.as_bytes()).map_err(|err| {
        vec![
            Diagnostic::error(Code::UnreadableTranslationFile, format!("this PO file cannot be read: {err}"))
                .at(file, 0..0, "in this file")
                .help("open it in Poedit, which shows where it is broken, or export it again"),
        ]
    })?;
    let offsets = msgctxt_offsets(&file.text);
    let lang = catalog.metadata.language.trim().to_string();
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for message in catalog.messages() {
        let Some(id) = message.msgctxt() else {
            let offset =
                file.text.find(&format!("msgid \"{}", message.msgid().lines().next().unwrap_or(""))).unwrap_or(0);
            problems.push(
                Diagnostic::error(
                    Code::TranslationWithoutContext,
                    "this entry has no msgctxt, so Faro cannot tell where its translation goes",
                )
                .at(file, at_line(file, offset), "no msgctxt")
                .help("import files made by `faro i18n export`, whose entries keep their msgctxt"),
            );
            continue;
        };
        let base = message.extracted_comments().lines().find_map(|l| l.trim().strip_prefix("faro-base:"));
        entries.push(Entry {
            id: id.to_string(),
            source: message.msgid().to_string(),
            target: message.msgstr().unwrap_or("").to_string(),
            needs_review: message.is_fuzzy(),
            base: base.map(|b| b.trim().to_string()),
            offset: offsets.get(id).copied().unwrap_or(0),
        });
    }
    if problems.is_empty() { Ok(Translations { lang, entries }) } else { Err(problems) }
}

/// Where each `msgctxt` starts, by its (unescaped) value.
fn msgctxt_offsets(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        let start = offset;
        offset += lines[i].len();
        i += 1;
        let Some(first) = line.strip_prefix("msgctxt ") else { continue };
        let mut value = po_string(first);
        while i < lines.len() && lines[i].trim_start().starts_with('"') {
            value.push_str(&po_string(lines[i].trim()));
            offset += lines[i].len();
            i += 1;
        }
        out.entry(value).or_insert(start);
    }
    out
}

/// The value of one quoted PO string.
fn po_string(quoted: &str) -> String {
    let inner = quoted.trim().trim_start_matches('"').trim_end_matches('"');
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads an XLIFF 1.2 file with quick-xml.
pub fn read_xliff(file: &SourceFile) -> Result<Translations, Vec<Diagnostic>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(&file.text);
    let mut lang = String::new();
    let mut entries = Vec::new();
    let mut current: Option<Entry> = None;
    // The element whose text is being read, and its raw text so far.
    let mut reading: Option<(String, String, Option<String>)> = None;
    let mut state_attr: Option<String> = None;
    let fail = |offset: usize, message: String, help: &str| {
        vec![
            Diagnostic::error(Code::UnreadableTranslationFile, message)
                .at(file, at_line(file, offset), "here")
                .help(help.to_string()),
        ]
    };
    loop {
        let offset = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|err| {
            fail(
                reader.error_position() as usize,
                format!("this XLIFF file cannot be read: {err}"),
                "check that the file is whole XML, or export it again",
            )
        })?;
        let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
            e.try_get_attribute(name)
                .ok()
                .flatten()
                .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
                .map(|v| v.into_owned())
        };
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if reading.is_some() => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                return Err(fail(
                    offset,
                    format!("`<{name}>` inside a text: Faro's texts are plain text"),
                    "write the text without inline tags (the exported file has none)",
                ));
            }
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                match name.as_str() {
                    "file" => lang = attr(&e, "target-language").unwrap_or_default(),
                    "trans-unit" => {
                        let id = attr(&e, "id").unwrap_or_default();
                        current = Some(Entry {
                            id,
                            source: String::new(),
                            target: String::new(),
                            needs_review: false,
                            base: None,
                            offset,
                        });
                    }
                    "source" | "target" | "note" if current.is_some() => {
                        if name == "target" {
                            state_attr = attr(&e, "state");
                        }
                        let from = if name == "note" { attr(&e, "from") } else { None };
                        reading = Some((name, String::new(), from));
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, text, _)) = reading.as_mut() {
                    text.push_str(&t.decode().unwrap_or_default());
                }
            }
            Event::CData(t) => {
                if let Some((_, text, _)) = reading.as_mut() {
                    // CDATA is literal: escape it so the unescape below gives it back.
                    text.push_str(&quick_xml::escape::escape(String::from_utf8_lossy(&t.into_inner()).into_owned()));
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text, _)) = reading.as_mut() {
                    text.push('&');
                    text.push_str(&r.decode().unwrap_or_default());
                    text.push(';');
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if let Some((element, raw, from)) = reading.take_if(|(el, _, _)| *el == name) {
                    let value = quick_xml::escape::unescape(&raw)
                        .map_err(|err| {
                            fail(
                                offset,
                                format!("a character reference cannot be read: {err}"),
                                "write `&amp;` for `&`",
                            )
                        })?
                        .replace("\r\n", "\n");
                    if let Some(entry) = current.as_mut() {
                        match element.as_str() {
                            "source" => entry.source = value,
                            "target" => {
                                entry.target = value;
                                entry.needs_review = state_attr
                                    .as_deref()
                                    .is_some_and(|s| s.starts_with("needs-") && s != "needs-review-l10n" || s == "new");
                            }
                            "note" if from.as_deref() == Some("faro-base") => {
                                entry.base = Some(value.trim().to_string())
                            }
                            _ => {}
                        }
                    }
                } else if name == "trans-unit"
                    && let Some(entry) = current.take()
                {
                    state_attr = None;
                    entries.push(entry);
                }
            }
            _ => {}
        }
    }
    Ok(Translations { lang, entries })
}

/// Imports the translations in the file at `path` into the site at `root`.
pub fn import(root: &Path, path: &Path) -> Result<Imported, ImportError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| Error::Read { path: crate::source::display_path(path), source })?;
    let file = SourceFile::new(shown_path(root, path), text);
    let translations = read(&file).map_err(ImportError::Content)?;
    let langs = Languages::load(root).map_err(ImportError::Content)?;
    let lang = translations.lang.clone();
    if !crate::config::is_language_code(&lang) || lang == langs.source {
        let offset = file.text.find("Language:").or_else(|| file.text.find("target-language")).unwrap_or(0);
        return Err(ImportError::Content(vec![
            Diagnostic::error(Code::WrongTranslationLanguage, format!("`{lang}` is not a language this file can be imported into"))
                .at(&file, at_line(&file, offset), "the file's language")
                .help(format!("the file must name the language it translates into, other than `{}`; export it again with `faro i18n export --lang CODE`", langs.source)),
        ]));
    }
    let collection = units::collect(root, &langs, &lang);
    if !collection.problems.is_empty() {
        return Err(ImportError::Content(collection.problems));
    }
    let mut record = Record::load(root).map_err(ImportError::Content)?;
    let by_id: BTreeMap<&str, &Unit> = collection.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let source_name = langs.name_of(&langs.source).to_string();

    let mut problems = Vec::new();
    let mut accepted: Vec<(&Unit, String)> = Vec::new();
    let mut imported = Imported { lang: lang.clone(), ..Imported::default() };
    for entry in &translations.entries {
        if entry.target.trim().is_empty() {
            continue;
        }
        let here = at_line(&file, entry.offset);
        let Some(unit) = by_id.get(entry.id.as_str()).copied() else {
            problems.push(
                Diagnostic::error(Code::UnknownText, format!("`{}` is not a text of this site any more", entry.id))
                    .at(&file, here, "no such text")
                    .help("it was removed or moved since the export: export again, and your tool's translation memory will offer this translation"),
            );
            continue;
        };
        if unit.source != entry.source {
            problems.push(
                Diagnostic::error(Code::SourceChangedSinceExport, format!("the {source_name} text of `{}` changed in the site after this file was exported", entry.id))
                    .at(&file, here, "translated from an older text")
                    .also_at(&unit.source_at.0, unit.source_at.1.clone(), format!("the {source_name} text now"))
                    .help(format!("export again (`faro i18n export --lang {lang}`) and update this translation there; your tool's translation memory keeps it")),
            );
            continue;
        }
        let base_now = base_of(unit.translation.as_deref());
        if let Some(base) = &entry.base
            && *base != base_now
        {
            let mut d = Diagnostic::error(
                Code::TranslationChangedSinceExport,
                format!("the `{lang}` text of `{}` was changed in the site after this file was exported", entry.id),
            )
            .at(&file, here, "importing this would overwrite that change");
            if let Some((f, span)) = &unit.translation_at {
                d = d.also_at(f, span.clone(), "changed since the export");
            }
            problems.push(d.help(format!("export again (`faro i18n export --lang {lang}`) so the file holds the site's translation, and translate there")));
            continue;
        }
        if entry.needs_review && entry.base.as_deref() == Some(digest(&entry.target).as_str()) {
            imported.awaiting_review += 1;
            continue;
        }
        let missing = markup::differences(
            &markup::fixed_parts(&unit.source, unit.markdown),
            &markup::fixed_parts(&entry.target, unit.markdown),
        );
        if !missing.is_empty() {
            problems.push(
                Diagnostic::error(Code::LostPlaceholder, format!("the translation of `{}` does not keep what the {source_name} text has: {}", entry.id, missing.join(", ")))
                    .at(&file, here, "in this entry")
                    .help("keep {placeholders}, link targets and charts exactly as in the source text; translate only the words around them"),
            );
            continue;
        }
        accepted.push((unit, entry.target.clone()));
    }
    if !problems.is_empty() {
        return Err(ImportError::Content(problems));
    }

    let mut by_file: BTreeMap<String, Vec<(&Unit, String)>> = BTreeMap::new();
    for (unit, target) in accepted {
        by_file.entry(unit.place.file().to_string()).or_default().push((unit, target));
    }
    let mut writes = Vec::new();
    for (rel, items) in &by_file {
        let existing = if root.join(rel).is_file() {
            Some(std::fs::read_to_string(root.join(rel)).map_err(|source| Error::Read { path: rel.clone(), source })?)
        } else {
            None
        };
        let planned = match &items[0].0.place {
            Place::LangMap { .. } => lang_maps(rel, existing.as_deref().unwrap_or(""), &langs.source, &lang, items),
            Place::ThemeKey { .. } => theme_file(rel, existing.as_deref(), &langs, &lang, items),
            Place::PageText { source_file, .. } => {
                let source = &items[0].0.source_at.0;
                match page_file(rel, existing.as_deref(), source, items) {
                    Ok(Some(text)) => Ok(text),
                    Ok(None) => {
                        imported.pages_not_created.push(format!("{rel} (from {source_file})"));
                        continue;
                    }
                    Err(d) => Err(d),
                }
            }
        };
        match planned {
            Ok(text) => {
                for (unit, _) in items {
                    record.set(&lang, &unit.id, unit.fingerprint.clone());
                    imported.texts += 1;
                }
                if existing.as_deref() != Some(text.as_str()) {
                    imported.files.push(rel.clone());
                    writes.push((rel.clone(), text));
                }
            }
            Err(d) => problems.push(*d),
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Content(problems));
    }
    writes.push((super::RECORD_FILE.to_string(), record.to_text()));
    super::write_files(root, &writes)?;
    Ok(imported)
}

/// The imported file's path as messages show it: from the site root when it
/// is inside it, else from the current folder, else as given.
fn shown_path(root: &Path, path: &Path) -> std::path::PathBuf {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let file = real(path);
    let bases = [Some(real(root)), std::env::current_dir().ok().map(|d| real(&d))];
    bases
        .into_iter()
        .flatten()
        .find_map(|base| file.strip_prefix(&base).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Proof that an edit failed: never expected, but never written either.
fn unwritable(rel: &str, why: String) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(
            Code::CannotWriteTranslation,
            format!("the translations for {rel} could not be written without changing something else: {why}"),
        )
        .in_file(rel.to_string())
        .help("nothing was written; please report this, with the file, to Faro's developers"),
    )
}

/// Writes each text under the language's key of its `{en: …}` mapping.
fn lang_maps(
    rel: &str,
    text: &str,
    source: &str,
    lang: &str,
    items: &[(&Unit, String)],
) -> Result<String, Box<Diagnostic>> {
    let tree = yaml_tree::parse(text).map_err(|e| unwritable(rel, e.message))?;
    let mut edits = Vec::new();
    for (unit, value) in items {
        let Place::LangMap { path, .. } = &unit.place else { continue };
        let Some(Node::Map(map)) = units::resolve(&tree, path) else {
            return Err(unwritable(rel, format!("`{}` is not where it was", path.join("."))));
        };
        // A new text is written in the style of the source text (a folded
        // English description gets a folded translation).
        let hint = map.get(source).and_then(Node::as_scalar).map_or(Style::Plain, |s| s.style);
        match map.get(lang).and_then(Node::as_scalar) {
            Some(old) if old.value == *value => {}
            Some(old) => edits.push(yaml_tree::replace_scalar(text, old, value, map.flow)),
            None => edits.push(yaml_tree::insert_entry(text, map, lang, value, hint)),
        }
    }
    let new_text = yaml_tree::apply(text, &edits);
    let check = yaml_tree::parse(&new_text).map_err(|e| unwritable(rel, e.message))?;
    for (unit, value) in items {
        let Place::LangMap { path, .. } = &unit.place else { continue };
        let got =
            units::resolve(&check, path).and_then(Node::as_map).and_then(|m| m.get(lang)).and_then(Node::as_scalar);
        if got.map(|s| s.value.as_str()) != Some(value.as_str()) {
            return Err(unwritable(rel, format!("`{}` would not read back as translated", path.join("."))));
        }
    }
    serde_yaml::from_str::<serde_yaml::Value>(&new_text).map_err(|e| unwritable(rel, e.to_string()))?;
    Ok(new_text)
}

/// A theme strings file: changed key by key, or made anew.
fn theme_file(
    rel: &str,
    existing: Option<&str>,
    langs: &Languages,
    lang: &str,
    items: &[(&Unit, String)],
) -> Result<String, Box<Diagnostic>> {
    let key_of = |unit: &Unit| match &unit.place {
        Place::ThemeKey { key, .. } => key.clone(),
        _ => String::new(),
    };
    let new_text = match existing {
        Some(text) => {
            let tree = yaml_tree::parse(text).map_err(|e| unwritable(rel, e.message))?;
            let Some(map) = tree.as_map() else { return Err(unwritable(rel, "not a list of strings".into())) };
            let mut edits = Vec::new();
            let mut added = String::new();
            for (unit, value) in items {
                let key = key_of(unit);
                match map.get(&key).and_then(Node::as_scalar) {
                    Some(old) if old.value == *value => {}
                    Some(old) => edits.push(yaml_tree::replace_scalar(text, old, value, map.flow)),
                    None => added.push_str(&format!("{key}: {}\n", yaml_tree::render(value, Style::Plain, 2, false))),
                }
            }
            let mut new_text = yaml_tree::apply(text, &edits);
            if !added.is_empty() {
                if !new_text.is_empty() && !new_text.ends_with('\n') {
                    new_text.push('\n');
                }
                new_text.push_str(&added);
            }
            new_text
        }
        None => {
            let source = items[0].0.place.source_file().rsplit('/').next().unwrap_or("").to_string();
            let mut text = format!(
                "# Interface strings of the theme in {} ({lang}), translated from {source}.\n",
                langs.name_of(lang)
            );
            for (unit, value) in items {
                text.push_str(&format!("{}: {}\n", key_of(unit), yaml_tree::render(value, Style::Plain, 2, false)));
            }
            text
        }
    };
    let check = yaml_tree::parse(&new_text).map_err(|e| unwritable(rel, e.message))?;
    for (unit, value) in items {
        let got = check.as_map().and_then(|m| m.get(&key_of(unit))).and_then(Node::as_scalar);
        if got.map(|s| s.value.as_str()) != Some(value.as_str()) {
            return Err(unwritable(rel, format!("`{}` would not read back as translated", key_of(unit))));
        }
    }
    Ok(new_text)
}

/// A page's translation: its front matter changed key by key and its body
/// replaced, or the file made from its source. `None` when a new page lacks
/// its title or body.
fn page_file(
    rel: &str,
    existing: Option<&str>,
    source: &SourceFile,
    items: &[(&Unit, String)],
) -> Result<Option<String>, Box<Diagnostic>> {
    let field_of = |unit: &Unit| match &unit.place {
        Place::PageText { field, .. } => *field,
        _ => Field::Body,
    };
    let value_of = |field: Field| items.iter().find(|(u, _)| field_of(u) == field).map(|(_, v)| v.as_str());
    let new_text = match existing {
        Some(text) => {
            let file = SourceFile::new(rel, text);
            let split =
                front_matter::parse(&file).map_err(|_| unwritable(rel, "its front matter cannot be read".into()))?;
            let yaml = &text[split.yaml.clone()];
            let tree = yaml_tree::parse(yaml).map_err(|e| unwritable(rel, e.message))?;
            let map = tree.as_map().cloned().unwrap_or(yaml_tree::Map { entries: Vec::new(), span: 0..0, flow: false });
            let mut edits = Vec::new();
            for (unit, value) in items {
                let field = field_of(unit);
                if field == Field::Body {
                    let body = &text[split.body.clone()];
                    let trimmed = body.trim();
                    if trimmed == value.trim() {
                        continue;
                    }
                    let edit = if trimmed.is_empty() {
                        yaml_tree::Edit { range: split.body.clone(), text: format!("\n{}\n", value.trim()) }
                    } else {
                        let start = split.body.start + body.find(trimmed).unwrap_or(0);
                        yaml_tree::Edit { range: start..start + trimmed.len(), text: value.trim().to_string() }
                    };
                    edits.push(edit);
                    continue;
                }
                let mut edit = match map.get(field.key()).and_then(Node::as_scalar) {
                    Some(old) if old.value == *value => continue,
                    Some(old) => yaml_tree::replace_scalar(yaml, old, value, false),
                    None => yaml_tree::insert_entry(yaml, &map, field.key(), value, Style::Plain),
                };
                edit.range = edit.range.start + split.yaml.start..edit.range.end + split.yaml.start;
                edits.push(edit);
            }
            yaml_tree::apply(text, &edits)
        }
        None => {
            let (Some(title), Some(body)) = (value_of(Field::Title), value_of(Field::Body)) else {
                return Ok(None);
            };
            let _ = title;
            let split = front_matter::parse(source)
                .map_err(|_| unwritable(rel, "its source's front matter cannot be read".into()))?;
            let yaml = &source.text[split.yaml.clone()];
            let tree = yaml_tree::parse(yaml).map_err(|e| unwritable(rel, e.message))?;
            let mut front = String::new();
            if let Some(map) = tree.as_map() {
                // Each entry from the line after the previous value, so the
                // comments above a key stay with it.
                let starts: Vec<usize> = (0..map.entries.len())
                    .map(|i| match i {
                        0 => 0,
                        _ => {
                            let end = map.entries[i - 1].1.content_end();
                            yaml[end..].find('\n').map_or(yaml.len(), |n| end + n + 1)
                        }
                    })
                    .collect();
                for (i, (key, _)) in map.entries.iter().enumerate() {
                    let Some(key) = key.as_scalar() else { continue };
                    let end = starts.get(i + 1).copied().unwrap_or(yaml.len());
                    match Field::from_key(&key.value) {
                        Some(field) => {
                            let key_line = yaml[..key.span.start].rfind('\n').map_or(0, |n| n + 1);
                            front.push_str(&yaml[starts[i].min(key_line)..key_line]);
                            if let Some(value) = value_of(field) {
                                front.push_str(&format!(
                                    "{}: {}\n",
                                    key.value,
                                    yaml_tree::render(value, Style::Plain, 2, false)
                                ));
                            }
                        }
                        None if ["slug", "aliases"].contains(&key.value.as_str()) => {}
                        None => {
                            front.push_str(&yaml[starts[i]..end]);
                            if !front.ends_with('\n') {
                                front.push('\n');
                            }
                        }
                    }
                }
            }
            format!("---\n{front}---\n\n{}\n", body.trim())
        }
    };
    let file = SourceFile::new(rel, new_text.as_str());
    let split = front_matter::parse(&file)
        .map_err(|d| unwritable(rel, d.first().map_or(String::new(), |d| d.message.clone())))?;
    for (unit, value) in items {
        let field = field_of(unit);
        let got = match field {
            Field::Body => Some(new_text[split.body.clone()].trim()),
            Field::Title => Some(split.front.title.as_str()),
            Field::Description => split.front.description.as_deref(),
            Field::ContentNote => split.front.content_note.as_deref(),
            Field::Summary => split.front.summary.as_deref(),
        };
        if got != Some(value.trim()) && got != Some(value.as_str()) {
            return Err(unwritable(rel, format!("`{}` would not read back as translated", field.key())));
        }
    }
    Ok(Some(new_text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msgctxt_lines_are_found_even_when_wrapped() {
        let text = "msgid \"\"\nmsgstr \"\"\n\nmsgctxt \"a.yaml#x\"\nmsgid \"X\"\nmsgstr \"\"\n\nmsgctxt \"\"\n\"content/long/\"\n\"b.pt.md#body\"\nmsgid \"B\"\nmsgstr \"\"\n";
        let offsets = msgctxt_offsets(text);
        assert_eq!(offsets["a.yaml#x"], text.find("msgctxt \"a.yaml").unwrap());
        assert_eq!(offsets["content/long/b.pt.md#body"], text.find("msgctxt \"\"").unwrap());
        assert_eq!(po_string(r#""say \"hi\"\n""#), "say \"hi\"\n");
    }

    #[test]
    fn xliff_targets_states_and_references_are_read() {
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="faro-site" datatype="plaintext" source-language="en" target-language="pt">
    <body>
      <trans-unit id="a#x" xml:space="preserve">
        <source>Fish &amp; chips &#8212; "now"</source>
        <target state="needs-review-translation">Peixe &amp; batatas</target>
        <note from="faro">theme string</note>
        <note from="faro-base">0123456789ab</note>
      </trans-unit>
      <trans-unit id="b#y"><source>B</source><target state="translated"><![CDATA[<b> & c]]></target></trans-unit>
    </body>
  </file>
</xliff>
"#;
        let file = SourceFile::new("pt.xlf", text);
        let read = read_xliff(&file).unwrap();
        assert_eq!(read.lang, "pt");
        let a = &read.entries[0];
        assert_eq!(
            (a.id.as_str(), a.source.as_str(), a.target.as_str()),
            ("a#x", "Fish & chips — \"now\"", "Peixe & batatas")
        );
        assert!(a.needs_review);
        assert_eq!(a.base.as_deref(), Some("0123456789ab"));
        assert_eq!(file.line_col(a.offset).0, 5, "the entry's line");
        let b = &read.entries[1];
        assert_eq!((b.target.as_str(), b.needs_review, b.base.as_deref()), ("<b> & c", false, None));
    }

    #[test]
    fn inline_tags_and_broken_xml_are_errors_at_their_line() {
        let cases = [
            (
                "<xliff><file target-language=\"pt\"><body>\n<trans-unit id=\"a\"><source>A</source>\n<target>x <g id=\"1\">y</g></target></trans-unit></body></file></xliff>",
                3,
            ),
            (
                "<xliff><file target-language=\"pt\"><body>\n<trans-unit id=\"a\"><source>A</source>\n</body></file></xliff>",
                3,
            ),
        ];
        for (text, line) in cases {
            let file = SourceFile::new("pt.xlf", text);
            let err = read_xliff(&file).unwrap_err();
            let (_, got, _) = err[0].position().unwrap();
            assert_eq!(got, line, "{}", err[0].message);
        }
    }
}
