//! Markdown with link rewriting: any text as the body of a page of the
//! `valid` fixture site, rendered with that site's pages, help directory,
//! data sets and static files, so links, images, numbers and chart
//! shortcodes all resolve against real ones. Rendering must return HTML and
//! diagnostics, never panic, and every diagnostic must render.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use faro::content::front_matter;
use faro::render::markdown::{self, Env};
use faro::source::SourceFile;
use faro::{LoadOptions, Site};
use libfuzzer_sys::fuzz_target;

static SITE: LazyLock<Site> = LazyLock::new(|| {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/sites/valid"));
    let (site, diags) = Site::load(root, &LoadOptions::default());
    assert!(!diags.has_errors(), "the valid fixture site has errors:\n{}", diags.render(false));
    site.expect("the valid fixture site loads")
});

fuzz_target!(|body: &str| {
    let site = &*SITE;
    let mut page = site.content.pages[0].clone();
    let front = "---\ntitle: Fuzzed\n---\n";
    page.file = SourceFile::new(page.file.path.clone(), format!("{front}{body}"));
    let Ok(split) = front_matter::parse(&page.file) else { return };
    page.split = split;
    let rendered = markdown::render(&page, &Env::of(site));
    for problem in rendered.diagnostics {
        problem.render(false);
    }
});
