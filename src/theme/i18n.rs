//! The theme's interface strings ("Exit this page", "Skip to content"), one
//! YAML file per language in `i18n/<lang>.yaml`. Every language must define
//! every string, so no visitor meets a label in a language they did not choose.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
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

    /// One string; the key itself when missing (never happens after `load`).
    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.of(lang).get(key).map_or(key, String::as_str)
    }
}

pub(super) fn load(files: &Files, config: &Config) -> Result<Strings, Vec<Diagnostic>> {
    let mut by_lang = BTreeMap::new();
    let mut problems = Vec::new();
    let mut sources = BTreeMap::new();
    for lang in config.language_codes() {
        let path = format!("i18n/{lang}.yaml");
        let Some(file) = files.get(&path) else {
            problems.push(
                Diagnostic::error(format!("the theme has no interface strings for `{lang}`"))
                    .at(&config.file, 0..0, "languages are configured here")
                    .help(format!("add {path} to the theme, with the same keys as the other languages")),
            );
            continue;
        };
        match yaml::parse::<BTreeMap<String, String>>(file, 0..file.text.len(), "interface strings") {
            Ok(map) => {
                by_lang.insert(lang.to_string(), map);
                sources.insert(lang.to_string(), file);
            }
            Err(d) => problems.push(d),
        }
    }
    for (lang, strings) in &by_lang {
        for (other, other_strings) in &by_lang {
            for key in other_strings.keys().filter(|k| !strings.contains_key(*k)) {
                let other_file = sources[other];
                let span = yaml::top_level_keys(other_file, 0..other_file.text.len())
                    .into_iter()
                    .find(|(k, _)| k == key)
                    .map_or(0..0, |(_, r)| r);
                let file = sources[lang];
                problems.push(
                    Diagnostic::error(format!("the interface string `{key}` is missing in `{lang}`"))
                        .at(file, 0..0, format!("no `{key}` in this file"))
                        .also_at(other_file, span, format!("defined in `{other}`"))
                        .help(format!("add `{key}: …` to {}", file.display_path())),
                );
            }
        }
    }
    if problems.is_empty() { Ok(Strings { by_lang }) } else { Err(problems) }
}
