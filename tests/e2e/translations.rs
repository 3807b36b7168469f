//! Translations as translators and editors meet them: `faro check` warning
//! about a translation whose source changed until `faro translated` marks it
//! current, and `faro i18n export`/`import` round trips through PO and XLIFF
//! files into a language the site has no file for yet.

use std::fs;
use std::path::Path;
use std::process::Command;

use faro::translate::export::{Format, export};
use faro::translate::import::{ImportError, import};
use faro::translate::units::Kind;

use crate::common::{self, copy_dir, fixture, main_of, snapshot_tree};

fn faro(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_faro")).args(args).env("NO_COLOR", "1").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A copy of the translations fixture, with its own copy of the default
/// theme (so its interface strings are the site's to translate).
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("translations"), dir.path());
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"), &dir.path().join("themes/default"));
    dir
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The out-of-date warnings of `faro check`, rendered as an editor reads them.
fn stale_warnings(root: &Path) -> String {
    let (_, stderr) = faro(&["check", "--root", root.to_str().unwrap()]);
    stderr
        .split("\n\n")
        .filter(|block| block.starts_with("warning[W0909]: out-of-date translation"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn a_stale_translation_is_reported_until_marked_translated() {
    let site = site();
    let root = site.path();
    let root_arg = root.to_str().unwrap();

    // Without a record, a changed source is not news: nothing says from
    // which text the translation was made.
    edit(root, "content/_index.en.md", "Call for help", "Ask for help");
    assert_eq!(stale_warnings(root), "");

    let (code, stderr) = faro(&["translated", "--all", "--root", root_arg]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("in `es`"), "{stderr}");
    assert!(root.join("content/.translations.yaml").is_file());
    assert_eq!(stale_warnings(root), "");

    edit(root, "content/learn/signs.en.md", "title: Warning signs", "title: Signs of trafficking");
    edit(root, "content/learn/signs.en.md", "Papers kept by the boss.", "Passports kept by the boss.");
    edit(root, "content/directory/lines.yaml", "open day and night", "open at all hours");
    let warnings = stale_warnings(root);
    insta::assert_snapshot!("stale_after_editing_the_source", warnings);
    let (code, _) = faro(&["check", "--strict", "--root", root_arg]);
    assert_eq!(code, 1, "out-of-date translations fail a strict check");

    let (code, stderr) = faro(&["translated", "content/learn/signs.es.md", "--root", root_arg]);
    assert_eq!(code, 0, "{stderr}");
    let warnings = stale_warnings(root);
    assert!(!warnings.contains("signs"), "{warnings}");
    assert!(warnings.contains("us-hotline.description"), "{warnings}");

    let (code, stderr) = faro(&["translated", "content/directory/lines.yaml", "--root", root_arg]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stale_warnings(root), "");

    let (code, stderr) = faro(&["translated", "content/learn/nothing.es.md", "--root", root_arg]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("content/learn/nothing.es.md holds no translated text"), "{stderr}");
}

/// Every text, "translated" into a made-up Portuguese that keeps links and
/// placeholders: the source with a marker before it.
fn portuguese(source: &str) -> String {
    format!("PT {source}")
}

/// Translates every entry of an exported PO file, as Poedit would save it.
fn translate_po(text: &str) -> String {
    translate_po_with(text, |_, translated| translated)
}

/// The same, with a translation changed afterwards by `adjust(id, text)`.
fn translate_po_with(text: &str, adjust: impl Fn(&str, String) -> String) -> String {
    let mut catalog = polib::po_file::parse_from_reader(text.as_bytes()).unwrap();
    for mut message in catalog.messages_mut() {
        use polib::message::{MessageMutView, MessageView};
        let translated = adjust(message.msgctxt().unwrap_or(""), portuguese(message.msgid()));
        message.set_msgstr(translated).unwrap();
        message.flags_mut().remove_flag("fuzzy");
    }
    let mut out = std::io::BufWriter::new(Vec::new());
    polib::po_file::write(&catalog, &mut out).unwrap();
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

/// Translates every unit of an exported XLIFF file, as OmegaT would save it.
fn translate_xliff(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<source>") {
        let end = rest.find("</source>").unwrap();
        let source = &rest[start + "<source>".len()..end];
        let target_start = rest.find("<target").unwrap();
        let target_end = rest.find("</target>").unwrap() + "</target>".len();
        out.push_str(&rest[..target_start]);
        out.push_str(&format!("<target state=\"translated\">{}</target>", portuguese(source)));
        rest = &rest[target_end..];
    }
    out.push_str(rest);
    out
}

fn round_trip(format: Format, translate: fn(&str) -> String) {
    let site = site();
    let root = site.path();
    let lines_before = fs::read_to_string(root.join("content/directory/lines.yaml")).unwrap();

    // Portuguese has no file at all yet, and is not even in site.yaml.
    let exported = export(root, "pt", format).unwrap();
    let (total, translated, stale) = exported.counts.total();
    assert_eq!((translated, stale), (0, 0));
    assert!(total > 100, "{total}");
    assert!(exported.unlisted);
    for kind in Kind::ALL {
        assert!(exported.counts.by_kind.contains_key(&kind), "no {kind:?} texts exported");
    }
    let file = root.join(format!("pt.{}", format.extension()));
    fs::write(&file, translate(&exported.text)).unwrap();

    let imported = import(root, &file).unwrap_or_else(|e| match e {
        ImportError::Content(problems) => {
            let mut diags = faro::Diagnostics::new();
            diags.extend(problems);
            panic!("{}", diags.render(false))
        }
        other => panic!("{other}"),
    });
    assert_eq!(imported.texts, total);
    assert!(imported.pages_not_created.is_empty());

    // Editors' formatting is kept: comments, quoting, styles of the rest.
    let lines = fs::read_to_string(root.join("content/directory/lines.yaml")).unwrap();
    assert!(lines.starts_with(&lines_before[..lines_before.find("- id: us-911").unwrap()]), "{lines}");
    assert!(
        lines.contains("  name: {en: \"Emergency: 911\", es: \"Emergencias: 911\", pt: \"PT Emergency: 911\"}\n"),
        "{lines}"
    );
    assert!(
        lines.contains(
            "    en: U.S. trafficking hotline\n    es: 'Línea de EE. UU.'   # as the line says it\n    pt: PT U.S. trafficking hotline\n"
        ),
        "{lines}"
    );
    assert!(
        lines.contains("    pt: >-\n      PT The U.S. line, open day and night, with interpreters for many\n"),
        "{lines}"
    );
    let mut after = lines.lines();
    for line in lines_before.lines().filter(|l| !l.contains("{en:")) {
        assert!(after.any(|l| l == line), "`{line}` is kept as it was, in its place:\n{lines}");
    }
    let signs = fs::read_to_string(root.join("content/learn/signs.pt.md")).unwrap();
    assert!(signs.starts_with("---\n# The signs most people miss.\ntitle: PT Warning signs\n"), "{signs}");
    assert!(signs.contains("weight: 2\n---\n\nPT Someone \"cannot leave\" their job."), "{signs}");
    assert!(!signs.contains("aliases"), "a translation has no old addresses of its own: {signs}");
    let theme = fs::read_to_string(root.join("themes/default/i18n/pt.yaml")).unwrap();
    assert!(theme.contains("\nskip_to_content: PT Skip to content\n"), "{theme}");
    let record = fs::read_to_string(root.join("content/.translations.yaml")).unwrap();
    assert!(record.contains("\npt:\n"), "{record}");

    // The language is added to the site; it builds, and visitors read it.
    edit(
        root,
        "content/site.yaml",
        "  - {code: es, name: Español}\n",
        "  - {code: es, name: Español}\n  - {code: pt, name: Português}\n",
    );
    if let Err(faro::BuildError::Content(d)) = common::build(root) {
        panic!("{}", d.render(false));
    }
    let home = common::read(root, "pt/index.html");
    assert!(home.starts_with("<!doctype html><html lang=pt>"), "the page is in Portuguese");
    assert!(main_of(&home).contains("PT Call for help from <a href=/pt/learn/signs/>"), "{}", main_of(&home));
    assert!(home.contains(">PT Skip to content<"), "the theme's strings");
    let signs = common::read(root, "pt/learn/signs/index.html");
    assert!(main_of(&signs).contains("PT Warning signs"), "{}", main_of(&signs));
    assert!(main_of(&signs).contains("Papers kept by the boss."), "{}", main_of(&signs));
    let texas = common::read(root, "pt/help/us-tx/index.html");
    assert!(texas.contains("PT Texas"), "the region's name");
    assert!(texas.contains("PT U.S. trafficking hotline"), "the line's name");
    assert!(texas.contains("PT Toll-free."), "the contact's note");

    // Exported again, everything is translated and current.
    let again = export(root, "pt", format).unwrap();
    assert_eq!(again.counts.total(), (total, total, 0));
    assert!(!again.unlisted);
}

#[test]
fn po_files_round_trip() {
    round_trip(Format::Po, translate_po);
}

#[test]
fn xliff_files_round_trip() {
    round_trip(Format::Xliff, translate_xliff);
}

/// Diagnostics with the temporary folder's path taken out.
fn rendered(root: &Path, err: ImportError) -> String {
    let ImportError::Content(problems) = err else { panic!("{err}") };
    let mut diags = faro::Diagnostics::new();
    diags.extend(problems);
    diags.sort();
    diags.render(false).replace(&format!("{}/", root.display()), "")
}

#[test]
fn import_refuses_an_entry_changed_in_the_site_since_the_export() {
    let site = site();
    let root = site.path();
    let exported = export(root, "es", Format::Po).unwrap();
    let file = root.join("es.po");
    fs::write(&file, exported.text.replace("msgstr \"Peligro ahora.\"", "msgstr \"Peligro inmediato.\"")).unwrap();
    edit(root, "content/directory/lines.yaml", "description: {en: Danger now.", "description: {en: Danger right now.");
    edit(root, "content/learn/signs.es.md", "title: Señales de alerta", "title: Señales");
    let before = snapshot_tree(root);
    let err = import(root, &file).unwrap_err();
    insta::assert_snapshot!("import_stale_export", rendered(root, err));
    assert!(snapshot_tree(root) == before, "nothing was written");
}

#[test]
fn import_refuses_broken_placeholders_and_link_targets() {
    let site = site();
    let root = site.path();
    let exported = export(root, "pt", Format::Po).unwrap();
    let translated = translate_po_with(&exported.text, |id, text| match id {
        "themes/default/i18n/help.pt.yaml#scope_national" => text.replace("{country}", "{pais}"),
        "content/learn/signs.pt.md#body" => text.replace("(../_index.md)", "(../index.md)"),
        _ => text,
    });
    let file = root.join("pt.po");
    fs::write(&file, translated).unwrap();
    let before = snapshot_tree(root);
    let err = import(root, &file).unwrap_err();
    insta::assert_snapshot!("import_broken_placeholders", rendered(root, err));
    assert!(snapshot_tree(root) == before, "nothing was written");
}

#[test]
fn a_new_language_exports_without_building_and_names_what_it_lacks() {
    let site = site();
    let root = site.path();
    let out = root.join("ht.xlf");
    let (code, stderr) = faro(&[
        "i18n",
        "export",
        "--lang",
        "ht",
        "--format",
        "xliff",
        "-o",
        out.to_str().unwrap(),
        "--root",
        root.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("`ht` is not in content/site.yaml yet"), "{stderr}");
    let xliff = fs::read_to_string(&out).unwrap();
    assert!(
        xliff.contains(
            "<file original=\"faro-site\" datatype=\"plaintext\" source-language=\"en\" target-language=\"ht\">"
        ),
        "{xliff}"
    );
    assert!(xliff.contains("<trans-unit id=\"content/learn/signs.ht.md#body\""), "{xliff}");
    let (code, stderr) = faro(&["i18n", "export", "--lang", "en", "--root", root.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn importing_an_unchanged_export_changes_only_the_record() {
    let site = site();
    let root = site.path();
    let exported = export(root, "es", Format::Xliff).unwrap();
    let file = root.join("es.xlf");
    fs::write(&file, &exported.text).unwrap();
    let before = snapshot_tree(root);
    let imported = import(root, &file).unwrap_or_else(|e| panic!("{e}"));
    assert!(imported.files.is_empty(), "{:?}", imported.files);
    assert_eq!(imported.texts, exported.counts.total().1);
    let after: Vec<_> = snapshot_tree(root).into_iter().filter(|(p, _)| !p.ends_with(".translations.yaml")).collect();
    assert!(after == before, "only content/.translations.yaml is new");
    // Recorded as current: an edit to the English text is now reported.
    edit(root, "content/_index.en.md", "Call for help", "Ask for help");
    assert!(stale_warnings(root).contains("content/_index.en.md changed after this translation was made"));
}
