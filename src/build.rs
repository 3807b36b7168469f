//! The build from start to end: load, render, check for clashes, write.
//! Nothing touches the output folder until every stage succeeded.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::lint::{self, LanguageCoverage};
use crate::output::{self, Body, OutputDir, OutputFile, Refusal, WriteError};
use crate::render;
use crate::site::{LoadOptions, Site};
use crate::source::display_path;

/// What `faro build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub out: Option<PathBuf>,
    pub load: LoadOptions,
    /// Replace an output folder that faro did not make (see
    /// [`OutputDir::claim`]). Never the site, its sources, or a file.
    pub force: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), out: None, load: LoadOptions::default(), force: false }
    }

    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub languages: usize,
    pub elapsed: Duration,
    /// Warnings found on the way.
    pub diagnostics: Diagnostics,
    /// The previous output, being removed in the background: the build is
    /// done, and dropping the report waits for the removal to end.
    pub removal: output::Removal,
}

/// Why a build wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Problems in the site's files (exit code 1).
    #[error("the site has {} error(s)", .0.error_count())]
    Content(Diagnostics),
    /// The output could not be written (exit code 2).
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The output folder is not the build's to replace (exit code 2).
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The command was asked for something it must not do (exit code 2).
    #[error("{0}")]
    Usage(String),
}

impl BuildError {
    /// How the editor can go on, when the message alone does not say.
    pub fn help(&self) -> Option<String> {
        match self {
            BuildError::Refused(refusal) | BuildError::Write(WriteError::Refused(refusal)) => refusal.help(),
            _ => None,
        }
    }
}

/// Everything a build would write, without writing it: for anything that
/// serves pages from memory.
pub fn render(root: &Path, load: &LoadOptions) -> Result<RenderedSite, Diagnostics> {
    load_and_render(root, load).map(|(_, rendered)| rendered)
}

/// Everything a build writes, held in memory.
#[derive(Debug)]
pub struct RenderedSite {
    /// Every file, pages and the rest.
    pub files: Vec<OutputFile>,
    /// How many of the files are pages.
    pub pages: usize,
    /// The warnings (a site with errors renders nothing).
    pub warnings: Diagnostics,
}

/// [`render`], keeping the loaded site too (the preview updates it in place).
pub fn load_and_render(root: &Path, load: &LoadOptions) -> Result<(Site, RenderedSite), Diagnostics> {
    let (site, mut diags) = Site::load(root, load);
    let Some(site) = site else {
        diags.sort();
        return Err(diags);
    };
    let planned = plan(root, &site, diags);
    let pages = planned.pages;
    let kept = std::sync::Mutex::new(Vec::with_capacity(planned.plan.files.len() + planned.statics.len()));
    let keep = |mut file: OutputFile| {
        // Every page is held at once: a rendered page's buffer grew by
        // doubling, so it gives back the spare room.
        if let Body::Html(html) = &mut file.body {
            html.shrink_to_fit();
        }
        kept.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok::<(), std::convert::Infallible>(())
    };
    let statics = planned.statics.clone();
    let Ok(diags) = finish(&site, planned, keep);
    let diags = diags?;
    let mut files = kept.into_inner().unwrap_or_else(|e| e.into_inner());
    files.extend(statics);
    Ok((site, RenderedSite { files, pages, warnings: diags }))
}

/// A site's files planned, with what was found before rendering.
struct Planned<'a> {
    plan: render::Plan<'a>,
    statics: Vec<OutputFile>,
    pages: usize,
    diags: Diagnostics,
}

/// Plans every file of a loaded `site` and checks, before anything is
/// rendered, that no two write the same path; adds to the problems found
/// while loading it.
fn plan<'a>(root: &Path, site: &'a Site, mut diags: Diagnostics) -> Planned<'a> {
    let plan = render::plan(site);
    diags.extend(lint::before_publishing(site));
    let statics = static_files(root, &mut diags);
    let pages = plan.files.iter().filter(|f| f.page).count();
    let all = || {
        let planned = plan.files.iter().map(|f| (f.path.as_path(), f.source.as_deref(), f.page));
        planned.chain(statics.iter().map(|f| (f.path.as_path(), f.source.as_deref(), false)))
    };
    let files: Vec<(&Path, Option<&str>, bool)> = all().collect();
    for (path, writers) in output::clashes(files.iter().map(|f| f.0)) {
        // Clashes between two pages are reported where they are found, with
        // both front matters quoted; what remains here are clashes with what
        // the generator writes itself and with static files.
        let sources: Vec<&str> = writers.iter().filter_map(|&i| files[i].1).collect();
        let pages_only = writers.iter().all(|&i| files[i].2 && files[i].1.is_some());
        if pages_only {
            continue;
        }
        let address = format!("/{}", display_path(&path));
        let d = match sources.first() {
            Some(first) => Diagnostic::error(
                Code::DuplicateUrl,
                format!("`{address}` is written by the site itself and by {}", sources.join(" and ")),
            )
            .in_file(*first)
            .help("rename the file in static/, or choose another slug or alias"),
            None => Diagnostic::error(Code::DuplicateUrl, format!("`{address}` would be written twice"))
                .help("two generated pages share an address; rename one of the theme's pages"),
        };
        diags.push(d);
    }
    Planned { plan, statics, pages, diags }
}

/// Renders the planned files, handing each to `emit` as it is made, and
/// adds what rendering found: the warnings when nothing is wrong, every
/// problem when something is (then not every file may have been emitted).
fn finish<E: Send>(
    site: &Site,
    planned: Planned<'_>,
    emit: impl Fn(OutputFile) -> Result<(), E> + Sync,
) -> Result<Result<Diagnostics, Diagnostics>, E> {
    let mut diags = planned.diags;
    if diags.has_errors() {
        // Rendered all the same, for every problem in one pass; nothing is emitted.
        diags.extend(render::render_planned(site, planned.plan, |_| Ok::<(), E>(()))?);
    } else {
        diags.extend(render::render_planned(site, planned.plan, &emit)?);
    }
    diags.sort();
    diags.drop_repeats();
    Ok(if diags.has_errors() { Err(diags) } else { Ok(diags) })
}

/// Loads, checks and renders everything, writing each page as it is
/// rendered into a fresh folder that replaces the output folder once every
/// file is written. A problem found on the way leaves the output folder as
/// it was. A problem reported more than once in exactly the same words at
/// the same place (a template's mistake, once per page that uses it) is
/// reported once.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    check_root(&options.root)?;
    // Before any work: a refused build writes and deletes nothing.
    let out = OutputDir::claim(&options.root, &options.out_dir(), options.force)?;
    let (site, diags) = Site::load(&options.root, &options.load);
    let Some(site) = site else {
        let mut diags = diags;
        diags.sort();
        return Err(BuildError::Content(diags));
    };
    let planned = plan(&options.root, &site, diags);
    if planned.diags.has_errors() {
        // Nothing is written: rendered only for every problem in one pass.
        let Ok(found) = finish(&site, planned, |_| Ok::<(), std::convert::Infallible>(()));
        let (Ok(diags) | Err(diags)) = found;
        return Err(BuildError::Content(diags));
    }
    let planned_files = planned.plan.files.iter().map(|f| (f.path.as_path(), f.source.as_deref()));
    let statics = planned.statics.iter().map(|f| (f.path.as_path(), f.source.as_deref()));
    output::check_reserved(planned_files.chain(statics))?;
    let (pages, count) = (planned.pages, planned.plan.files.len() + planned.statics.len());
    let folders = output::folders_of(
        planned.plan.files.iter().map(|f| f.path.as_path()).chain(planned.statics.iter().map(|f| f.path.as_path())),
    );
    let statics = planned.statics.clone();
    let write = |staging: &output::StagingDir| -> Result<Diagnostics, BuildError> {
        let diags = finish(&site, planned, |file| staging.write(file))?.map_err(BuildError::Content)?;
        statics.into_par_iter().try_for_each(|file| staging.write(file))?;
        Ok(diags)
    };
    let (mut diagnostics, removal) = output::write_streamed(&out, &folders, write)?;
    // `check` lists the fallback texts file by file; a build says it in a line
    // per language (see lint::fallbacks).
    diagnostics.extend(lint::fallback_summary(&site));
    let languages = Site::languages_in(&options.root).unwrap_or(0);
    Ok(BuildReport { pages, files: count, languages, elapsed: started.elapsed(), diagnostics, removal })
}

/// Loads and checks everything, writes nothing: the problems a build would
/// report, and the content lints. Each template is rendered with a sample of
/// the pages rather than with every page (see [`render::check_planned`]), so
/// a template mistake that shows only with one page's particular values is
/// left for `build` to find; a problem reported more than once in exactly
/// the same words at the same place is reported once.
pub fn check(root: &Path, load: &LoadOptions) -> Diagnostics {
    check_site(root, load).diagnostics
}

/// What `faro check` found.
#[derive(Debug)]
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    /// Each language's translation coverage, when the site could be loaded.
    pub coverage: Vec<LanguageCoverage>,
    /// The regions with no service of their own in the help directory.
    pub gaps: Vec<lint::RegionGap>,
    /// How many subdivisions the directory names.
    pub subdivisions: usize,
}

/// [`check`], with the translation coverage of every language.
pub fn check_site(root: &Path, load: &LoadOptions) -> CheckReport {
    let (site, diags) = Site::load(root, load);
    let Some(site) = site else {
        let mut diagnostics = diags;
        diagnostics.sort();
        return CheckReport { diagnostics, coverage: Vec::new(), gaps: Vec::new(), subdivisions: 0 };
    };
    let planned = plan(root, &site, diags);
    let mut diagnostics = planned.diags;
    let (found, checked) = render::check_planned(&site, planned.plan, |page, events| lint::page(&site, page, events));
    diagnostics.extend(found);
    diagnostics.extend(lint::lint(&site, checked));
    diagnostics.sort();
    diagnostics.drop_repeats();
    CheckReport {
        diagnostics,
        coverage: lint::coverage(&site),
        gaps: lint::directory_gaps(&site),
        subdivisions: site.directory.regions.iter().filter(|r| !r.is_country()).count(),
    }
}

/// A folder without `content/site.yaml` is not a site: a usage mistake, not a
/// content error.
pub fn check_root(root: &Path) -> Result<(), BuildError> {
    if root.join(crate::config::SITE_FILE).is_file() {
        Ok(())
    } else {
        Err(BuildError::Usage(format!(
            "{} has no content/site.yaml; run faro in a site's root folder or point --root at one",
            root.display()
        )))
    }
}

/// Files under `static/`, copied as they are.
fn static_files(root: &Path, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(&dir).sort_by_file_name().follow_links(false) {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(&dir).unwrap_or(e.path()).to_path_buf();
                let source = format!("static/{}", display_path(&rel));
                // Found now, as a problem of this file, not later as a failed write.
                if let Err(err) = std::fs::File::open(e.path()) {
                    diags.push(
                        Diagnostic::error(Code::UnreadableFile, format!("cannot read this file: {err}"))
                            .in_file(source),
                    );
                    continue;
                }
                files.push(OutputFile { path: rel, body: Body::Copy(e.path().to_path_buf()), source: Some(source) });
            }
            Ok(_) => {}
            Err(err) => diags
                .push(Diagnostic::error(Code::UnreadableFile, format!("cannot read static/: {err}")).in_file("static")),
        }
    }
    files
}
