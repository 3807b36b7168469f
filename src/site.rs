//! The whole site loaded into memory: settings, pages, theme. Built once per
//! run, never changed afterwards, and shared by the parallel render stage.

use std::path::Path;

use crate::config::{BaseUrl, Config, SITE_FILE};
use crate::content::{self, Content};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::directory::{self, Directory};
use crate::href::Hrefs;
use crate::static_files::StaticFiles;
use crate::stats::{self, Stats};
use crate::theme::{self, Theme};

/// How to load a site.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<BaseUrl>,
    /// Publish pages, directory entries and data sets marked `draft: true`.
    pub drafts: bool,
    /// Relative links ending in `index.html`, for opening from disk.
    pub portable: bool,
    /// Built for the live preview: printable sheets say they are not for
    /// printing, since their QR codes and addresses lead to this computer.
    pub preview: bool,
}

/// Everything a build reads, checked.
pub struct Site {
    pub config: Config,
    pub content: Content,
    pub directory: Directory,
    pub stats: Stats,
    pub theme: Theme,
    pub hrefs: Hrefs,
    /// The names of the files in `static/`, to check the pages' images and
    /// file links against.
    pub static_files: StaticFiles,
    /// Built for the live preview (see [`LoadOptions::preview`]).
    pub preview: bool,
}

impl Site {
    /// Loads everything under `root`, collecting every problem. Returns the
    /// site when it could be loaded far enough to render (it may still have errors).
    pub fn load(root: &Path, options: &LoadOptions) -> (Option<Site>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let config = match crate::read::read_source(root, Path::new(SITE_FILE)) {
            Ok(file) => match Config::parse(file) {
                Ok(config) => Some(config),
                Err(problems) => {
                    diags.extend(problems);
                    None
                }
            },
            Err(problems) => {
                if root.join(SITE_FILE).exists() {
                    diags.extend(problems);
                } else {
                    diags.push(
                        Diagnostic::error(Code::NoSiteSettings, "this folder has no content/site.yaml")
                            .in_file(SITE_FILE)
                            .help("run faro in a site's root folder, or point --root at it"),
                    );
                }
                None
            }
        };
        let Some(mut config) = config else {
            return (None, diags);
        };
        if let Some(base) = &options.base_url {
            config.base_url = base.clone();
        }
        let (content, content_diags) = content::load(root, &config, options.drafts);
        diags.extend(content_diags);
        let (mut directory, directory_diags) = directory::load(root, &config);
        diags.extend(directory_diags);
        let (mut stats, stats_diags) = stats::load(root, &config);
        diags.extend(stats_diags);
        if !options.drafts {
            directory.entries.retain(|e| !e.draft);
            stats.hold_back_drafts();
        }
        let theme = match theme::load(root, &config) {
            Ok(theme) => theme,
            Err(problems) => {
                diags.extend(problems);
                return (None, diags);
            }
        };
        let hrefs = Hrefs::new(config.base_url.clone(), options.portable);
        let static_files = StaticFiles::scan(root);
        (Some(Site { config, content, directory, stats, theme, hrefs, static_files, preview: options.preview }), diags)
    }
}

impl Site {
    /// How many languages the settings name, without loading anything else.
    pub fn languages_in(root: &Path) -> Option<usize> {
        let file = crate::read::read_source(root, Path::new(SITE_FILE)).ok()?;
        Config::parse(file).ok().map(|c| c.languages.len())
    }
}

/// The valid fixture site (`tests/sites/valid`) copied into a temporary
/// folder with `extra` files (by path from the site's root) written over it,
/// and loaded: for unit tests of the stages that read a whole site.
#[cfg(test)]
pub(crate) fn fixture(extra: &[(&str, &str)]) -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/valid");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.expect("the fixture can be listed");
        let to = dir.path().join(entry.path().strip_prefix(&from).expect("inside the fixture"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("a folder can be made");
        } else {
            std::fs::copy(entry.path(), &to).expect("a file can be copied");
        }
    }
    for (rel, text) in extra {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a file is in a folder")).expect("a folder can be made");
        std::fs::write(path, text).expect("a file can be written");
    }
    let (site, diags) = Site::load(dir.path(), &LoadOptions::default());
    let problems: Vec<String> = diags.iter().map(|d| d.render(false)).collect();
    let site = site.unwrap_or_else(|| panic!("the fixture loads:\n{}", problems.join("\n")));
    (dir, site)
}
