//! A new language on the shipped site, as docs/languages.md tells an editor
//! to add one: listed in `site.yaml` with a fallback, and only its home page
//! translated. The build succeeds, and every region's who-to-call page, flyer
//! and card exists in it, with the texts it lacks shown in Spanish and marked
//! so.

use std::fs;
use std::path::Path;

use crate::common::copy_dir;

#[test]
fn a_language_with_a_fallback_and_one_page_has_every_who_to_call_page() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &root.join("content"));
    let settings = root.join("content/site.yaml");
    let text = fs::read_to_string(&settings).unwrap();
    let spanish = "  - {code: es, name: Español}\n";
    assert!(text.contains(spanish), "the settings list Spanish as the steps expect");
    fs::write(&settings, text.replace(spanish, &format!("{spanish}  - {{code: pt, name: Português, fallback: es}}\n")))
        .unwrap();
    fs::write(root.join("content/_index.pt.md"), "---\ntitle: Início\n---\n\nQuem chamar.\n").unwrap();

    let report = faro::build(&faro::BuildOptions::new(root)).unwrap_or_else(|err| match err {
        faro::BuildError::Content(d) => panic!("{}", d.render(false)),
        other => panic!("{other}"),
    });
    assert_eq!(report.languages, 3);
    let public = root.join("public");
    let regions = fs::read_dir(public.join("en/help")).unwrap().flatten().filter(|e| e.path().is_dir()).count();
    let pt_regions = fs::read_dir(public.join("pt/help")).unwrap().flatten().filter(|e| e.path().is_dir()).count();
    assert!(regions > 90, "{regions} English help folders");
    assert_eq!(pt_regions, regions, "every who-to-call page exists in Portuguese");
    let texas = fs::read_to_string(public.join("pt/help/us-tx/index.html")).unwrap();
    assert!(texas.contains(" lang=pt>"), "{}", &texas[..60]);
    assert!(texas.contains("<span lang=es>"), "Spanish fallback texts are marked");
    assert!(
        public.join("pt/help/us-tx/print/index.html").is_file()
            && public.join("pt/help/us-tx/cards/index.html").is_file()
    );
    assert!(public.join("pt/index.html").is_file());
}
