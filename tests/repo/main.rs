//! Tests of this repository's own content and documents, apart from the
//! generator's tests in `tests/e2e`: an editor's change to the shipped
//! directory or a new field without its documentation fails here, never there.
//! One test binary, so a release build links it once.

#[path = "../e2e/common.rs"]
mod common;
mod directory;
mod docs;
mod modules;
mod new_language;
mod stats;
