//! Helpers shared by the end-to-end tests: fixture sites copied into a
//! temporary folder, builds, and reading what a visitor would receive.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use faro::{BuildError, BuildOptions, BuildReport};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites").join(name)
}

/// Copies `from` into `to`, creating folders as needed.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the valid fixture site with the files of `overlay` laid over it.
pub fn site_with(overlay: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    if let Some(name) = overlay {
        copy_dir(&fixture(&format!("invalid/{name}")), dir.path());
    }
    dir
}

pub fn build(root: &Path) -> Result<BuildReport, BuildError> {
    faro::build(&BuildOptions::new(root))
}

pub fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `<main>` element of a page, so assertions do not depend on the chrome.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

/// Every file under `dir` with its bytes, for byte-for-byte comparisons.
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// The valid fixture site, built once for every test that only reads it.
pub fn valid_built() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = site_with(None);
        build(site.path()).unwrap();
        site
    })
    .path()
}

/// A file of the valid fixture site's build, as text.
pub fn valid_file(rel: &str) -> String {
    read(valid_built(), rel)
}

/// The output folder of the shipped site (this repository's own content),
/// built once for every test that reads it.
pub fn shipped() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let public = out.path().join("public");
        let options = BuildOptions { out: Some(public.clone()), ..BuildOptions::new(root) };
        if let Err(BuildError::Content(d)) = faro::build(&options) {
            panic!("{}", d.render(false));
        }
        (out, public)
    })
    .1
    .as_path()
}

/// A file of the shipped site's build, as text.
pub fn shipped_file(rel: &str) -> String {
    fs::read_to_string(shipped().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Runs xmllint (Debian's libxml2-utils, installed by scripts/install-test-deps.sh).
pub fn xmllint(args: &[&str]) -> std::process::Output {
    std::process::Command::new("xmllint").args(args).output().unwrap_or_else(|e| {
        panic!("xmllint could not run ({e}); run `bash scripts/install-test-deps.sh` to install libxml2-utils")
    })
}
