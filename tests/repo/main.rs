//! Tests of this repository's own content and documents, apart from the
//! generator's tests in `tests/e2e`, which build fixture sites only: an
//! editor's change to the shipped content can fail here, never there.
//!
//! They assert only rules that every correct edit keeps, with what is
//! expected derived from the content itself (the directory, the data sets,
//! the site's languages) and page addresses taken from the generator, never
//! written out: every region's "who to call" page in every language lists the
//! lines that serve it, emergency numbers first, nothing from elsewhere, and
//! links only numbers that work from there; every region has a flyer and
//! wallet cards in the print index; the directory's entries are sourced and
//! link in E.164, each country has an emergency number and a national line,
//! and `regions.yaml` follows ISO 3166-2 and the border; the sitemap, feeds
//! and statistics pages are sound; the documents match the code. So adding,
//! removing or renaming a line, a page or a story keeps this suite passing
//! when the content stays valid.
//!
//! One test binary, so a release build links it once.

#[path = "../e2e/common.rs"]
mod common;
mod directory;
mod docs;
mod help;
mod modules;
mod new_language;
mod site;
mod stats;
