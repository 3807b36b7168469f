//! What rendering one planned job gives: the files it made and the problems
//! it found, together. A page whose template fails still reports every
//! problem of its Markdown, and one page's failure never keeps another's
//! files from being written.

use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;

/// The files one job made and the problems it found.
#[derive(Debug, Default)]
pub struct RenderedFiles {
    pub files: Vec<OutputFile>,
    pub problems: Vec<Diagnostic>,
}

impl RenderedFiles {
    /// One file, with no problem.
    pub fn file(file: OutputFile) -> Self {
        RenderedFiles { files: vec![file], problems: Vec::new() }
    }

    /// One problem, and no file.
    pub fn problem(problem: Diagnostic) -> Self {
        RenderedFiles { files: Vec::new(), problems: vec![problem] }
    }
}

impl From<Result<OutputFile, Diagnostic>> for RenderedFiles {
    fn from(made: Result<OutputFile, Diagnostic>) -> Self {
        match made {
            Ok(file) => RenderedFiles::file(file),
            Err(problem) => RenderedFiles::problem(problem),
        }
    }
}
