//! Content lints for `faro check`: what a build accepts but a visitor would
//! stumble on. Each is a diagnostic at the file, line and column, with a help
//! line; an image without alt text is an error (a screen-reader user gets
//! nothing), the rest are warnings; so is a placeholder `base_url` on a site
//! whose flyers would print it, and a script, event handler, frame or
//! `javascript:` address in a page's own HTML where the site allows it. Alongside, the translation coverage of
//! every language and the regions the help directory has no service of
//! their own for, for the summary.
//!
//! Texts a partly translated language shows from its fallback are counted
//! per file (see [`fallbacks`]).
//!
//! Checks made while loading (unverified directory entries, stories without
//! consent) are reported there already and are not repeated here.

mod coverage;
mod fallbacks;
mod gaps;
mod html;
mod page;
mod settings;
mod unfinished;

pub use coverage::{LanguageCoverage, coverage};
pub use fallbacks::summary as fallback_summary;
pub use gaps::{RegionGap, directory_gaps};

use rayon::prelude::*;

use crate::content::Page;
use crate::diagnostic::Diagnostics;
use crate::render::Checked;
use crate::render::markdown::Events;
use crate::site::Site;

pub use page::PageLints;

/// The lints of one published page, from its Markdown's events. Links to
/// an anchor are only collected: whether the anchor exists is known once
/// every page's headings are (see [`lint`]).
pub fn page<'a>(site: &'a Site, page: &'a Page, events: &Events<'_>) -> PageLints<'a> {
    let mut found = page::lint_page(site, page, events);
    found.diagnostics.extend(html::lint_html(site, page, events));
    found
}

/// Every lint on every published page, given with its headings as rendered
/// (the anchors a link may lead to) and what [`page`] found on it.
pub fn lint(site: &Site, pages: Vec<Checked<'_, PageLints<'_>>>) -> Diagnostics {
    let (linted, headings): (Vec<_>, Vec<_>) = pages.into_iter().map(|c| (c.linted, (c.page, c.headings))).unzip();
    let anchors = page::Anchors::of(headings.iter().map(|(page, headings)| (*page, headings.as_slice())));
    let found: Vec<_> = linted.into_par_iter().flat_map_iter(|lints| lints.finish(&anchors)).collect();
    found.into_iter().chain(fallbacks::fallbacks(site)).collect()
}

/// The warnings `build` prints as well as `check`: what would reach the
/// public unfinished (placeholder text, untranslated titles, a placeholder
/// address on printed sheets).
pub fn before_publishing(site: &Site) -> Diagnostics {
    settings::placeholder_base_url(site).into_iter().chain(unfinished::unfinished(site)).collect()
}
