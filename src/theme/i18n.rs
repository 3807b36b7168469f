//! The theme's interface strings ("Exit this page", "Skip to content"), one
//! YAML file per language in `i18n/<lang>.yaml`, plus optional files by area
//! (`i18n/help.<lang>.yaml`). Every language must define
//! every string, so no visitor meets a label in a language they did not choose.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::yaml;

use super::Files;

/// Strings by language, then by key.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    /// All strings of one language, for templates.
    pub fn of(&self, lang: &str) -> &BTreeMap<String, String> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        self.by_lang.get(lang).unwrap_or(&EMPTY)
    }

    /// One string; the key itself when missing (never happens after `load`
    /// for keys the theme's files define).
    pub fn get(&self, lang: &str, key: &str) -> String {
        self.of(lang).get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// One string that a theme may leave out (a note for one country only).
    pub fn lookup(&self, lang: &str, key: &str) -> Option<&str> {
        self.of(lang).get(key).map(String::as_str)
    }
}

pub(super) fn load(files: &Files, config: &Config) -> Result<Strings, Vec<Diagnostic>> {
    let mut by_lang: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    // Where each key of each language is defined, to point at it.
    let mut defined_in: BTreeMap<(String, String), &SourceFile> = BTreeMap::new();
    let mut problems = Vec::new();
    for lang in config.language_codes() {
        let main = format!("i18n/{lang}.yaml");
        if !files.contains_key(&main) {
            problems.push(
                Diagnostic::error(format!("the theme has no interface strings for `{lang}`"))
                    .at(&config.file, 0..0, "languages are configured here")
                    .help(format!("add {main} to the theme, with the same keys as the other languages")),
            );
            continue;
        }
        let suffix = format!(".{lang}.yaml");
        let lang_files = files.iter().filter(|(path, _)| {
            *path == &main || (path.starts_with("i18n/") && path.ends_with(&suffix) && !path[5..].contains('/'))
        });
        let strings = by_lang.entry(lang.to_string()).or_default();
        for (_, file) in lang_files {
            match yaml::parse::<BTreeMap<String, String>>(file, 0..file.text.len(), "interface strings") {
                Ok(map) => {
                    for (key, value) in map {
                        if let Some(first) = defined_in.get(&(lang.to_string(), key.clone())) {
                            problems.push(
                                Diagnostic::error(format!("the interface string `{key}` is defined twice"))
                                    .at(file, key_span(file, &key), "defined again here")
                                    .also_at(first, key_span(first, &key), "first defined here")
                                    .help("keep one of the two"),
                            );
                            continue;
                        }
                        defined_in.insert((lang.to_string(), key.clone()), file);
                        strings.insert(key, value);
                    }
                }
                Err(d) => problems.push(d),
            }
        }
    }
    for (lang, strings) in &by_lang {
        for (other, other_strings) in &by_lang {
            for key in other_strings.keys().filter(|k| !strings.contains_key(*k)) {
                let other_file = defined_in[&(other.clone(), key.clone())];
                let expected = other_file.display_path().replace(&format!("{other}.yaml"), &format!("{lang}.yaml"));
                problems.push(
                    Diagnostic::error(format!("the interface string `{key}` is missing in `{lang}`"))
                        .at(other_file, key_span(other_file, key), format!("defined in `{other}` here"))
                        .help(format!("add `{key}: …` to {expected}")),
                );
            }
        }
    }
    if problems.is_empty() { Ok(Strings { by_lang }) } else { Err(problems) }
}

fn key_span(file: &SourceFile, key: &str) -> std::ops::Range<usize> {
    yaml::top_level_keys(file, 0..file.text.len()).into_iter().find(|(k, _)| k == key).map_or(0..0, |(_, r)| r)
}
