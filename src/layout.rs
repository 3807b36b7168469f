//! Where a site's own files are, from its root: the settings file and the
//! folders of data. Named once, below every stage, so that the stages that
//! read them and the diagnostics that list their problems first agree.

/// Path of the settings file inside the site root.
pub const SITE_FILE: &str = "content/site.yaml";

/// The folder of data sets, relative to the site root.
pub const STATS_DIR: &str = "content/stats";

/// The folder of directory files, relative to the site root.
pub const DIRECTORY_DIR: &str = "content/directory";
