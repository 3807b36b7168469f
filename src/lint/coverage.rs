//! Translation coverage: for each language, how many pages it has and which
//! pages exist in another language but not in it. Directory texts are not
//! counted: a directory entry without a name or description in every
//! language is already an error when the directory loads.

use std::collections::BTreeSet;

use crate::site::Site;

/// One row of the coverage table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageCoverage {
    pub lang: String,
    /// Published pages in this language.
    pub pages: usize,
    /// Pages whose file in this language exists but could not be loaded
    /// (its errors are reported with the file): written, not missing.
    pub with_errors: Vec<String>,
    /// Source files (`content/<key>.<other>.md`) of pages published in
    /// another language only, by the key they lack here.
    pub missing: Vec<String>,
}

impl LanguageCoverage {
    /// Share of the site's pages this language has, in whole percent.
    pub fn percent(&self) -> usize {
        let present = self.pages + self.with_errors.len();
        (present * 100).checked_div(present + self.missing.len()).unwrap_or(100)
    }
}

/// The coverage of every language of the site, in the settings' order.
pub fn coverage(site: &Site) -> Vec<LanguageCoverage> {
    let failed = &site.content.failed;
    let keys: BTreeSet<&str> =
        site.content.published().map(|p| p.key.as_str()).chain(failed.iter().map(|(key, _)| key.as_str())).collect();
    site.config
        .language_codes()
        .map(|lang| {
            let has = |key: &str| site.content.get(key, lang).is_some_and(|p| p.published);
            let broken = |key: &str| failed.contains(&(key.to_string(), lang.to_string()));
            let pages = keys.iter().filter(|k| has(k)).count();
            let with_errors = keys.iter().filter(|k| broken(k)).map(|k| k.to_string()).collect();
            let missing = keys.iter().filter(|k| !has(k) && !broken(k)).map(|k| k.to_string()).collect();
            LanguageCoverage { lang: lang.to_string(), pages, with_errors, missing }
        })
        .collect()
}
