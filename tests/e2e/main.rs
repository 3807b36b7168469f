//! End-to-end tests on whole sites: the generator's behaviour on fixture
//! sites (`tests/sites/`), checked for what editors and visitors get. The
//! shipped site is built here only for the link checker, which names none of
//! its pages; its content's own rules are in `tests/repo`. One test binary,
//! so a release build compiles and links it once.

mod common;

mod build;
mod cli;
mod directory;
mod discovery;
mod editor_errors;
mod help;
mod hostile;
mod invalid;
mod languages;
mod links;
mod lints;
mod output_safety;
mod outreach;
mod pages;
mod prose_numbers;
mod raw_html;
mod reach;
mod serve;
mod stats;
mod streamed_output;
mod translations;
