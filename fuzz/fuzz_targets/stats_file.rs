//! A statistics file: any text as `content/stats/<name>.yaml`, checked in
//! the two languages of the fixture sites. Parsing must return the data set
//! or diagnostics, never panic, and every diagnostic must render.

#![no_main]

use faro::source::SourceFile;
use faro::stats;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let languages = ["en".to_string(), "es".to_string()];
    let file = SourceFile::new("content/stats/cases.yaml", text);
    for problem in stats::parse(&file, "cases", &languages).problems {
        problem.render(false);
    }
});
