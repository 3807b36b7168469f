//! The default theme, compiled into the binary so every site can build without
//! a copy of it. A test checks that this list matches `themes/default/`.

use super::Files;
use crate::source::SourceFile;

macro_rules! theme_files {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)))),*]
    };
}

pub(super) const FILES: &[(&str, &str)] = theme_files![
    "i18n/en.yaml",
    "i18n/es.yaml",
    "i18n/help.en.yaml",
    "i18n/help.es.yaml",
    "i18n/print.en.yaml",
    "i18n/print.es.yaml",
    "scripts/exit.js",
    "scripts/help.js",
    "styles/main.css",
    "styles/pages/help.css",
    "styles/pages/outreach.css",
    "styles/print.css",
    "styles/who-to-call.css",
    "templates/404.html",
    "templates/alias.html",
    "templates/base.html",
    "templates/help_cards.html",
    "templates/help_flyer.html",
    "templates/help_index.html",
    "templates/help_print.html",
    "templates/help_region.html",
    "templates/help_sheet.html",
    "templates/home.html",
    "templates/landing.html",
    "templates/page.html",
    "templates/partials/entry.html",
    "templates/partials/help.html",
    "templates/partials/who-to-call.html",
    "templates/section.html",
    "templates/story.html",
];

pub(super) fn files() -> Files {
    FILES
        .iter()
        .map(|(path, text)| (path.to_string(), SourceFile::new(format!("themes/default/{path}"), *text)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_matches_the_theme_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::source::display_path(e.path().strip_prefix(&dir).unwrap()))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(embedded, on_disk, "update the list in src/theme/embedded.rs");
    }
}
