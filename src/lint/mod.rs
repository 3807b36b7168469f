//! Content lints for `faro check`: what a build accepts but a visitor would
//! stumble on. Each is a diagnostic at the file, line and column, with a help
//! line; an image without alt text is an error (a screen-reader user gets
//! nothing), the rest are warnings; so is a placeholder `base_url` on a site
//! whose flyers would print it. Alongside, the translation coverage of
//! every language and the regions the help directory has no service of
//! their own for, for the summary.
//!
//! Checks made while loading (unverified directory entries, stories without
//! consent) are reported there already and are not repeated here.

mod coverage;
mod gaps;
mod page;
mod settings;

pub use coverage::{LanguageCoverage, coverage};
pub use gaps::{RegionGap, directory_gaps};

use rayon::prelude::*;

use crate::diagnostic::Diagnostics;
use crate::site::Site;

/// Every lint on the settings and on every published page.
pub fn lint(site: &Site) -> Diagnostics {
    let anchors = page::Anchors::of(site);
    let found: Vec<_> = site
        .content
        .published()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|p| page::lint_page(site, &anchors, p))
        .collect();
    settings::placeholder_base_url(site).into_iter().chain(found).collect()
}
