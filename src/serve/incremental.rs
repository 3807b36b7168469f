//! The preview's rebuilds: the whole site after most changes, only the pages
//! an edit reaches after an edit to pages. Kept apart from the server and the
//! watcher, with no clock, socket or thread of its own, so that a property
//! test can drive it through random edits and compare what it serves with a
//! clean build of the same files, byte for byte (see the tests below): the
//! rules of what an edit reaches are written by hand, and that test is what
//! makes them trustworthy.
//!
//! Each step takes the last [`Snapshot`] and gives the next one whole; the
//! server swaps it in at once. A failed build keeps the last good files
//! with the errors over them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::files::Files;
use crate::content::front_matter;
use crate::diagnostic::Diagnostics;
use crate::read::read_source;
use crate::site::{LoadOptions, Site};

/// What every request sees between two rebuilds: the last good build's
/// files, with the errors of the last build if it failed. Held together so
/// no request sees the files of one build with the errors of another.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub files: Arc<Files>,
    pub errors: Option<Arc<str>>,
}

/// The loaded site the next incremental update starts from, and where it
/// was loaded from.
pub struct Preview {
    root: PathBuf,
    load: LoadOptions,
    /// The site of the last good build; `None` after a failed one, so the
    /// next change loads everything again.
    site: Option<Site>,
}

/// What a step did, for the terminal.
pub enum Report {
    /// The whole site was built.
    Built { pages: usize, warnings: Diagnostics, elapsed: Duration },
    /// Only these pages (`key.lang`) were rendered again.
    Updated { pages: Vec<String>, elapsed: Duration },
    /// The build failed; the last good files stay.
    Failed(Diagnostics),
}

impl Preview {
    /// Builds the whole site under `root`.
    pub fn start(root: &Path, load: LoadOptions) -> (Preview, Snapshot, Report) {
        let mut preview = Preview { root: root.to_path_buf(), load, site: None };
        let (snapshot, report) = preview.rebuild(&Snapshot::default());
        (preview, snapshot, report)
    }

    /// The snapshot after `changed` (absolute paths under the root, files
    /// or folders, present or gone): an update of the pages an edit reaches
    /// when only pages' texts changed, otherwise the whole site built again.
    /// `everything` asks for the whole site regardless.
    pub fn apply(&mut self, last: &Snapshot, changed: &BTreeSet<PathBuf>, everything: bool) -> (Snapshot, Report) {
        if !everything && let Some(step) = self.update(last, changed) {
            return step;
        }
        self.rebuild(last)
    }

    /// Loads and builds the whole site; keeps the last good files when it
    /// fails.
    fn rebuild(&mut self, last: &Snapshot) -> (Snapshot, Report) {
        let started = Instant::now();
        match crate::build::load_and_render(&self.root, &self.load) {
            Ok((site, rendered)) => {
                self.site = Some(site);
                let snapshot = Snapshot { files: Arc::new(Files::from_output(rendered.files)), errors: None };
                (
                    snapshot,
                    Report::Built { pages: rendered.pages, warnings: rendered.warnings, elapsed: started.elapsed() },
                )
            }
            Err(diags) => {
                self.site = None;
                let snapshot = Snapshot { files: Arc::clone(&last.files), errors: Some(diags.render(false).into()) };
                (snapshot, Report::Failed(diags))
            }
        }
    }

    /// Renders again only what an edit to pages changes, when it changes
    /// little: an edited body changes its page (and its alias pages); an
    /// edited title, description, date or weight also changes the section
    /// listing it, the section's feed and, for a section's own page, the
    /// pages below it; an edited date, the sitemap too.
    /// `None` when the whole site must be rebuilt instead: a template, a
    /// setting or a data file changed, a file came or went, a page moved or
    /// changed whether it is published, the home page or the main
    /// navigation changed, the edit has an error (which the whole build then
    /// reports), or the last build failed.
    fn update(&mut self, last: &Snapshot, changed: &BTreeSet<PathBuf>) -> Option<(Snapshot, Report)> {
        let started = Instant::now();
        let site = self.site.as_mut()?;
        let mut edited = Vec::new();
        // A section's first dated page gives it a feed, its last takes it
        // away: every page of the section links to it or not, and a feed
        // that is gone must not be served.
        let mut feeds_changed = false;
        for path in changed.iter().filter(|p| !p.is_dir()) {
            let rel = path.strip_prefix(&self.root).ok()?;
            let is_page = rel.starts_with("content") && rel.extension().is_some_and(|e| e == "md");
            if !is_page || !path.is_file() {
                return None;
            }
            let file = read_source(&self.root, rel).ok()?;
            let split = front_matter::parse(&file).ok()?;
            let path = file.path.clone();
            let feed_before = parent_feed(site, &path);
            match site.content.replace_text(file, split) {
                Some(page) => {
                    feeds_changed |= page.dates_changed && parent_feed(site, &path) != feed_before;
                    edited.push(page);
                }
                None => {
                    // The site in memory no longer matches the files: load it again.
                    self.site = None;
                    return None;
                }
            }
        }
        let Some((pages, feeds)) = affected(site, &edited).filter(|_| !feeds_changed) else {
            self.site = None;
            return None;
        };
        let mut output = Vec::new();
        for (key, lang) in &pages {
            let (files, diags) = crate::render::render_one(site, key, lang);
            if diags.has_errors() {
                self.site = None;
                return None;
            }
            output.extend(files);
        }
        for (key, lang) in &feeds {
            if let Some(section) = site.content.get(key, lang)
                && let Some(path) = crate::render::discovery::feed_path(site, section)
            {
                let feed = crate::render::discovery::feed(site, section);
                output.push(crate::output::OutputFile::bytes(path.output_file(), feed.into_bytes()));
            }
        }
        // A changed date or `updated` changes the page's entry in the sitemap.
        if edited.iter().any(|e| e.dates_changed) {
            output.extend(crate::render::sitemap_files(site).into_iter().map(|f| crate::render::sitemap_file(site, f)));
        }
        let files = if output.is_empty() {
            Arc::clone(&last.files)
        } else {
            let mut files = Files::clone(&last.files);
            files.replace(output);
            Arc::new(files)
        };
        let names = pages.iter().map(|(key, lang)| format!("{key}.{lang}")).collect();
        Some((Snapshot { files, errors: None }, Report::Updated { pages: names, elapsed: started.elapsed() }))
    }
}

type Keys = BTreeSet<(String, String)>;

/// Whether the published section listing the page read from `path` has a
/// feed. A page's date decides only that section's feed: a feed lists the
/// section's own pages, never its subsections'.
fn parent_feed(site: &Site, path: &Path) -> Option<bool> {
    let page = site.content.pages.iter().find(|p| p.file.path == path)?;
    let section = site.content.get(&page.parent_key()?, &page.lang).filter(|s| s.published)?;
    Some(crate::render::discovery::feed_path(site, section).is_some())
}

/// The pages to render again and the sections whose feeds to write again
/// after `edited`, or `None` when the edit reaches every page.
fn affected(site: &Site, edited: &[crate::content::Edited]) -> Option<(Keys, Keys)> {
    let mut pages = Keys::new();
    let mut feeds = Keys::new();
    for edit in edited {
        pages.insert((edit.key.clone(), edit.lang.clone()));
        if !edit.front_matter_changed {
            continue;
        }
        let page = site.content.get(&edit.key, &edit.lang)?;
        let parent = page.parent_key();
        // The home page's text and the titles of its children (the main
        // navigation on every page) reach the whole site.
        if page.key == "_index" || parent.as_deref() == Some("_index") {
            return None;
        }
        if let Some(parent) = parent {
            pages.insert((parent.clone(), edit.lang.clone()));
            feeds.insert((parent, edit.lang.clone()));
        }
        if page.is_section() {
            for child in site.content.children_of(page) {
                pages.insert((child.key.clone(), child.lang.clone()));
            }
            feeds.insert((edit.key.clone(), edit.lang.clone()));
        }
    }
    Some((pages, feeds))
}

#[cfg(test)]
mod tests {
    //! The property the preview rests on: after any sequence of edits, what
    //! it serves is what a clean build of the same files serves, byte for
    //! byte, and a failed build reports the same errors.

    use std::fs;

    use proptest::prelude::*;

    use super::*;
    use crate::config::BaseUrl;

    /// One editor's change to the site's files.
    #[derive(Debug, Clone)]
    enum Edit {
        /// A page's text below its front matter.
        Body { page: usize, variant: u8 },
        /// A page's title.
        Title { page: usize, variant: u8 },
        /// A page's weight, which orders its section's listing.
        Weight { page: usize, weight: i8 },
        /// A page's date, which the sitemap, the listings and the feeds show.
        Date { page: usize, day: u8 },
        /// A page that was not there.
        NewPage { section: usize, n: u8 },
        /// A page removed.
        Delete { page: usize },
        /// A directory entry's description.
        Entry { variant: u8 },
        /// A line added to a template.
        Template { template: usize, variant: u8 },
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            3 => (any::<usize>(), 0..4u8).prop_map(|(page, variant)| Edit::Body { page, variant }),
            2 => (any::<usize>(), 0..4u8).prop_map(|(page, variant)| Edit::Title { page, variant }),
            1 => (any::<usize>(), -2..3i8).prop_map(|(page, weight)| Edit::Weight { page, weight }),
            1 => (any::<usize>(), 1..29u8).prop_map(|(page, day)| Edit::Date { page, day }),
            1 => (any::<usize>(), 0..3u8).prop_map(|(section, n)| Edit::NewPage { section, n }),
            1 => any::<usize>().prop_map(|page| Edit::Delete { page }),
            1 => (0..4u8).prop_map(|variant| Edit::Entry { variant }),
            1 => (any::<usize>(), 0..3u8).prop_map(|(template, variant)| Edit::Template { template, variant }),
        ]
    }

    const TEMPLATES: &[&str] = &["page.html", "section.html", "story.html", "base.html", "help_region.html"];
    const SECTIONS: &[&str] = &["learn", "stories"];

    /// The valid fixture site with a copy of the default theme, so that
    /// templates can be edited.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("tests/sites/valid"), dir.path());
        copy_dir(&repo.join("themes/default"), &dir.path().join("themes/default"));
        dir
    }

    fn copy_dir(from: &Path, to: &Path) {
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

    /// The site's pages, in a stable order.
    fn pages(root: &Path) -> Vec<PathBuf> {
        let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        pages.sort();
        pages
    }

    /// Sets `key: value` in a page's front matter, adding the line if absent.
    fn set_field(path: &Path, key: &str, value: &str) {
        let text = fs::read_to_string(path).unwrap();
        let (front, body) = text.strip_prefix("---\n").unwrap().split_once("\n---\n").unwrap();
        let mut lines: Vec<String> =
            front.lines().filter(|l| !l.starts_with(&format!("{key}:"))).map(str::to_string).collect();
        lines.push(format!("{key}: {value}"));
        fs::write(path, format!("---\n{}\n---\n{body}", lines.join("\n"))).unwrap();
    }

    /// Makes `edit` on disk; the paths it touched, as the watcher would
    /// name them.
    fn make(root: &Path, edit: &Edit) -> Vec<PathBuf> {
        let pages = pages(root);
        let pick = |i: usize| pages[i % pages.len()].clone();
        match *edit {
            Edit::Body { page, variant } => {
                let path = pick(page);
                let text = fs::read_to_string(&path).unwrap();
                let (front, _) = text.strip_prefix("---\n").unwrap().split_once("\n---\n").unwrap();
                let body = match variant {
                    0 => "Plain text.\n".to_string(),
                    1 => "## A heading\n\nSee [the signs](/en/learn/signs/).\n".to_string(),
                    2 => format!("Edited {variant}.\n\n- one\n- two\n"),
                    _ => String::new(),
                };
                fs::write(&path, format!("---\n{front}\n---\n{body}")).unwrap();
                vec![path]
            }
            Edit::Title { page, variant } => {
                let path = pick(page);
                set_field(&path, "title", &format!("\"Title {variant}\""));
                vec![path]
            }
            Edit::Weight { page, weight } => {
                let path = pick(page);
                set_field(&path, "weight", &weight.to_string());
                vec![path]
            }
            Edit::Date { page, day } => {
                let path = pick(page);
                set_field(&path, "date", &format!("2025-03-{day:02}"));
                vec![path]
            }
            Edit::NewPage { section, n } => {
                let path = root.join(format!("content/{}/new-{n}.en.md", SECTIONS[section % SECTIONS.len()]));
                let consent = "consent: true\nconsent_source: {name: Example Aid, url: \"https://example.org/new\"}\n";
                fs::write(&path, format!("---\ntitle: New page {n}\n{consent}---\nNew text.\n")).unwrap();
                vec![path]
            }
            Edit::Delete { page } => {
                let path = pick(page);
                // Home pages stay: a site without one is another test.
                if path.parent() == Some(root.join("content").as_path()) {
                    return Vec::new();
                }
                fs::remove_file(&path).unwrap();
                vec![path]
            }
            Edit::Entry { variant } => {
                let path = root.join("content/directory/lines.yaml");
                let text = fs::read_to_string(&path).unwrap();
                let edited = text.replacen("description: {en: ", &format!("description: {{en: Edit {variant}. "), 1);
                fs::write(&path, edited).unwrap();
                vec![path]
            }
            Edit::Template { template, variant } => {
                let path = root.join("themes/default/templates").join(TEMPLATES[template % TEMPLATES.len()]);
                let text = fs::read_to_string(&path).unwrap();
                let edited = text.replacen("{% block main %}", &format!("{{% block main %}}<p>Edit {variant}</p>"), 1);
                fs::write(&path, edited).unwrap();
                vec![path]
            }
        }
    }

    fn load() -> LoadOptions {
        let base = BaseUrl::parse("http://127.0.0.1:1111/").unwrap();
        LoadOptions { base_url: Some(base), drafts: false, portable: false, preview: true }
    }

    /// What differs between two sets of served files: each path, with the
    /// first line that differs (served, then clean).
    fn differences(served: &Files, clean: &Files) -> Vec<String> {
        let mut paths: BTreeSet<&str> = served.paths().collect();
        paths.extend(clean.paths());
        let text = |files: &Files, path: &str| match files.get(path).map(|s| &s.content) {
            Some(super::super::Content::Memory(bytes)) => String::from_utf8_lossy(bytes).into_owned(),
            Some(super::super::Content::Disk(from)) => format!("(copied from {})", from.display()),
            None => "(absent)".to_string(),
        };
        paths
            .into_iter()
            .filter_map(|path| {
                let (a, b) = (text(served, path), text(clean, path));
                let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
                (a != b).then(|| format!("{path}: {first:?}"))
            })
            .collect()
    }

    /// Drives the preview through `batches` (each one burst of saves) and
    /// compares it with a clean build after each.
    fn check(batches: &[Vec<Edit>]) -> Result<(), TestCaseError> {
        let dir = site();
        let root = dir.path().canonicalize().unwrap();
        let (mut preview, mut snapshot, _) = Preview::start(&root, load());
        prop_assert!(snapshot.errors.is_none(), "{:?}", snapshot.errors);
        for (step, batch) in batches.iter().enumerate() {
            let changed: BTreeSet<PathBuf> = batch.iter().flat_map(|e| make(&root, e)).collect();
            if changed.is_empty() {
                continue;
            }
            (snapshot, _) = preview.apply(&snapshot, &changed, false);
            match crate::build::render(&root, &load()) {
                Ok(rendered) => {
                    prop_assert!(snapshot.errors.is_none(), "after {:?}: {:?}", &batches[..=step], snapshot.errors);
                    let clean = Files::from_output(rendered.files);
                    let differ = differences(&snapshot.files, &clean);
                    prop_assert!(differ.is_empty(), "after {:?}, these differ: {differ:?}", &batches[..=step]);
                }
                Err(diags) => {
                    let clean = diags.render(false);
                    prop_assert_eq!(snapshot.errors.as_deref(), Some(clean.as_str()), "after {:?}", &batches[..=step]);
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn an_update_serves_what_a_clean_build_would(
            batches in prop::collection::vec(prop::collection::vec(edit(), 1..3), 1..6)
        ) {
            check(&batches)?;
        }
    }

    #[test]
    fn an_edit_to_a_page_body_renders_only_that_page() {
        let dir = site();
        let root = dir.path().canonicalize().unwrap();
        let (mut preview, snapshot, _) = Preview::start(&root, load());
        let changed = make(&root, &Edit::Body { page: 0, variant: 0 });
        let page = changed[0].strip_prefix(&root).unwrap().to_path_buf();
        let (_, report) = preview.apply(&snapshot, &changed.into_iter().collect(), false);
        let Report::Updated { pages, .. } = report else { panic!("{} built the whole site", page.display()) };
        assert_eq!(pages.len(), 1, "{pages:?}");
    }
}
