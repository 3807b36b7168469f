//! Front matter: any text as a Markdown file's beginning. Parsing must
//! return the front matter or diagnostics, never panic, and every
//! diagnostic must render (its positions fall inside the file).

#![no_main]

use faro::content::front_matter;
use faro::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let file = SourceFile::new("content/learn/page.en.md", text);
    if let Err(problems) = front_matter::parse(&file) {
        for problem in problems {
            problem.render(false);
        }
    }
});
