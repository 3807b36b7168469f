//! Faro turns a folder of bilingual Markdown and YAML into an accessible,
//! private, fast static site for anti-trafficking awareness and help-finding.
//!
//! The modules follow the path data takes: [`config`] and [`content`] load the
//! site, [`theme`] loads templates, strings and styles, [`markdown`] and
//! [`render`] turn pages into HTML, [`lint`] finds what a build accepts but
//! visitors would stumble on, [`export`] writes the help directory as
//! open data, [`translate`] finds what each language still needs and writes
//! files for translators, [`output`] writes everything atomically, and
//! [`build`] runs the stages in order. Problems from every stage are
//! [`diagnostic::Diagnostic`]s that name the file, line and column.

pub mod build;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod directory;
pub mod export;
pub mod href;
pub mod lang;
pub mod lint;
pub mod markdown;
pub mod output;
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
pub mod yaml;

pub use build::{BuildError, BuildOptions, BuildReport, CheckReport, build, check, check_site};
pub use diagnostic::{Checked, Code, Diagnostic, Diagnostics, Severity};
pub use site::{LoadOptions, Site};
