//! `site.yaml`: any text as the site's settings. Parsing must return the
//! settings or diagnostics, never panic, and every diagnostic must render.

#![no_main]

use faro::config::{Config, SITE_FILE};
use faro::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(problems) = Config::parse(SourceFile::new(SITE_FILE, text)) {
        for problem in problems {
            problem.render(false);
        }
    }
});
