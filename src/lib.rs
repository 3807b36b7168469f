//! Faro turns a folder of bilingual Markdown and YAML into an accessible,
//! private, fast static site for anti-trafficking awareness and help-finding.
//!
//! The modules follow the path data takes: [`config`] and [`content`] load the
//! site, [`theme`] loads templates, strings and styles, [`render`] turns
//! pages into HTML (their Markdown through [`render::markdown`]), [`lint`]
//! finds what a build accepts but visitors would stumble on, [`export`]
//! writes the help directory as open data, [`translate`] finds what each
//! language still needs and writes files for translators, [`output`] writes
//! everything atomically, and [`build`](mod@build) runs the stages in order. Problems
//! from every stage are [`diagnostic::Diagnostic`]s that name the file, line
//! and column.
//!
//! The stages, in order. A module imports from its own stage and the ones
//! before it, never from a later one, and no two modules import each other
//! (`tests/repo/modules.rs` checks both, against this list):
//!
//! - base: [`source`], [`diagnostic`], [`suggest`], [`yaml`], [`url`], [`read`], [`html`], [`layout`], [`day`], [`output`]
//! - settings: [`config`], [`lang`], [`href`]
//! - load: [`content`], [`directory`], [`theme`], [`stats`], [`static_files`], [`scaffold`]
//! - site: [`site`]
//! - make: [`render`], [`lint`], [`export`], [`translate`]
//! - run: [`build`](mod@build), [`serve`]
//! - command: the `faro` command
//!
//! [`output`] sits in the base although it writes last: it depends on no
//! other module, and its [`output::OutputFile`] is what every stage that
//! makes files hands on.

pub mod build;
pub mod config;
pub mod content;
pub mod day;
pub mod diagnostic;
pub mod directory;
pub mod export;
pub mod href;
pub mod html;
pub mod lang;
pub mod layout;
pub mod lint;
pub mod output;
pub mod read;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod source;
pub mod static_files;
pub mod stats;
pub mod suggest;
pub mod theme;
pub mod translate;
pub mod url;
pub mod yaml;

pub use build::{BuildError, BuildOptions, BuildReport, CheckReport, build, check, check_site};
pub use diagnostic::{Checked, Code, Diagnostic, Diagnostics, Severity};
pub use site::{LoadOptions, Site};
