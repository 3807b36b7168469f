//! The default theme, compiled into the binary so every site can build without
//! a copy of it. Every file under `themes/default/` is embedded
//! (`include_dir`), so there is no list to keep: a test checks that what the
//! binary holds is what the folder holds, which also catches a file added
//! since the last compilation (cargo recompiles for a changed file, not for
//! a new one).

use include_dir::{Dir, include_dir};

use super::Files;
use crate::source::{SourceFile, display_path};

static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Every embedded file: its path inside the theme and its text.
fn all() -> Vec<(String, &'static str)> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static str)>) {
        for file in dir.files() {
            // The theme is text (templates, styles, scripts, strings); a
            // file that is not would fail the test below.
            if let Some(text) = file.contents_utf8() {
                out.push((display_path(file.path()), text));
            }
        }
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&THEME, &mut out);
    out.sort();
    out
}

pub(super) fn files() -> Files {
    all()
        .into_iter()
        .map(|(path, text)| (path.clone(), SourceFile::new(format!("themes/default/{path}"), text)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_holds_the_theme_folder_as_it_is() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<(String, String)> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (display_path(e.path().strip_prefix(&dir).unwrap()), std::fs::read_to_string(e.path()).unwrap()))
            .collect();
        on_disk.sort();
        let embedded: Vec<(String, String)> = all().into_iter().map(|(p, t)| (p, t.to_string())).collect();
        assert!(embedded == on_disk, "rebuild: the embedded theme differs from themes/default");
        assert!(embedded.iter().any(|(p, _)| p == "templates/partials/entry.html"), "subfolders are embedded");
    }
}
