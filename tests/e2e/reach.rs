//! End-to-end on a fixture directory (`tests/sites/directory-reach`): a
//! contact is offered as a link only on pages of a country it can be dialled
//! from, and says where it works elsewhere; the other side of the border
//! offers only what can be reached from this side; who answers is shown;
//! region pages group lines by need in the order national → region → other
//! side; a region without services of its own says so; drafts appear nowhere
//! unless drafts are built, and then marked as drafts.

use std::path::{Path, PathBuf};

use faro::{BuildOptions, LoadOptions};

use crate::common::{copy_dir, fixture, main_of, read};

/// The fixture built into a fresh folder, with or without drafts.
fn built(drafts: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("directory-reach"), dir.path());
    let options =
        BuildOptions { load: LoadOptions { drafts, ..LoadOptions::default() }, ..BuildOptions::new(dir.path()) };
    faro::build(&options).unwrap_or_else(|e| panic!("{e:?}"));
    let root = dir.path().to_path_buf();
    (dir, root)
}

fn page(root: &Path, rel: &str) -> String {
    read(root, rel)
}

fn position(haystack: &str, needle: &str) -> usize {
    haystack.find(needle).unwrap_or_else(|| panic!("`{needle}` not found in {haystack}"))
}

/// Every file of the output, as text where it is text.
fn all_output(root: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(root.join("public"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok().map(|t| (e.path().to_path_buf(), t)))
        .collect()
}

#[test]
fn no_link_on_a_page_of_a_country_the_contact_cannot_be_dialled_from() {
    let (_dir, root) = built(false);
    for rel in ["en/help/mx/index.html", "en/help/mx-chh/index.html", "es/help/mx-chh/index.html"] {
        let main = main_of(&page(&root, rel)).to_string();
        // The U.S. toll-free number and short code do not work from Mexico…
        assert!(!main.contains("href=tel:+18883737888"), "{rel}: {main}");
        assert!(!main.contains("href=sms:233733"), "{rel}");
        // …but are still shown, saying where they work, with the chat that does.
        assert!(main.contains("Works only from: United States") || main.contains("Solo desde Estados Unidos"), "{rel}");
        assert!(main.contains("href=https://example.org/chat"), "{rel}: the chat works from anywhere");
        assert!(main.contains("href=tel:+528005533000"), "{rel}: the Mexican line at home");
    }
    for rel in ["en/help/us/index.html", "en/help/us-tx/index.html", "en/help/us-tx/print/index.html"] {
        let main = main_of(&page(&root, rel)).to_string();
        assert!(!main.contains("href=tel:+528005533000"), "{rel}: Mexico's 800 number offered in the U.S.");
        assert!(main.contains("https://wa.me/528005533000"), "{rel}: WhatsApp works across the border");
        assert!(main.contains("href=tel:+18883737888") && main.contains("href=sms:233733"), "{rel}");
    }
    // An editor's `dial_from` overrides the default for a toll-free number.
    let us = main_of(&page(&root, "en/help/us/index.html")).to_string();
    assert!(us.contains("href=tel:+528001234567"), "{us}");
    // The printed sheets carry only what can be dialled from their country.
    let flyer = main_of(&page(&root, "es/help/mx-chh/print/index.html")).to_string();
    assert!(!flyer.contains("233733") && !flyer.contains("+1 888"), "{flyer}");
    let cards = main_of(&page(&root, "en/help/mx-chh/cards/index.html")).to_string();
    assert!(!cards.contains("233733"), "{cards}");
}

#[test]
fn pages_about_no_country_say_where_each_contact_works() {
    let (_dir, root) = built(false);
    let home = page(&root, "en/index.html");
    let start = position(&home, "<aside aria-labelledby=who-to-call-heading");
    let block = &home[start..start + home[start..].find("</aside>").unwrap()];
    assert!(block.contains("href=tel:+18883737888>Call +1 888-373-7888</a> <small class=wtc-reach>(Works only from: United States)</small>"), "{block}");
    assert!(block.contains("(Works from any country)"), "WhatsApp: {block}");
}

#[test]
fn border_sheets_add_the_other_side_s_line_as_it_works_from_here() {
    let (_dir, root) = built(false);
    let flyer = main_of(&page(&root, "en/help/us-tx/print/index.html")).to_string();
    let other = &flyer[position(&flyer, "class=line-other-side")..];
    assert!(other.contains("Mexican trafficking line"), "{other}");
    assert!(other.contains("https://wa.me/528005533000") && !other.contains("tel:+528005533000"), "{other}");
    let cards = main_of(&page(&root, "en/help/us-tx/cards/index.html")).to_string();
    assert!(cards.contains("<li class=card-other-side><span class=line-name>Mexico:</span> <span class=number-label>WhatsApp</span> <span class=number>+52 800 553 3000</span>"), "{cards}");
    // A state away from the border prints no such line.
    let dc = main_of(&page(&root, "en/help/us-dc/print/index.html")).to_string();
    assert!(!dc.contains("line-other-side"), "{dc}");
}

#[test]
fn who_answers_is_shown_on_pages_sheets_and_json_ld() {
    let (_dir, root) = built(false);
    let html = page(&root, "en/help/us-tx/index.html");
    let main = main_of(&html);
    let line = &main[position(main, "id=us-tx-police-line")..];
    assert!(line.contains("Answered by the police"), "{line}");
    assert!(main.contains("Answered by a nonprofit organisation"));
    assert!(main.contains("class=police-note"), "the note on the police, near the top");
    let es = main_of(&page(&root, "es/help/us-tx/index.html")).to_string();
    assert!(es.contains("Atiende la policía"), "{es}");
    let flyer = main_of(&page(&root, "en/help/us-tx/print/index.html")).to_string();
    assert!(flyer.contains("Answered by the police"), "{flyer}");
    let start = position(&html, "<script type=application/ld+json>") + "<script type=application/ld+json>".len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    let described = data["@graph"].as_array().unwrap().iter().flat_map(|o| o["contactPoint"].as_array().unwrap());
    assert!(described.clone().any(|p| p["description"] == "Answered by the police"));
    // JSON-LD lists only contact points that work from the region's country.
    assert!(!described.clone().any(|p| p["telephone"] == "+528005533000"));
}

#[test]
fn region_pages_group_by_need_national_then_region_then_the_other_side() {
    let (_dir, root) = built(false);
    let main = main_of(&page(&root, "en/help/us-tx/index.html")).to_string();
    let order = [
        "<h2 id=emergency>",
        "id=us-911",
        "<h2 id=trafficking>",
        "id=us-hotline",
        "id=us-tx-police-line",
        "id=mx-hotline",
        "<h2 id=shelter>",
        "id=us-tx-shelter",
        "<h2 id=legal>",
        "id=us-tx-legal",
    ];
    let positions: Vec<usize> = order.iter().map(|n| position(&main, n)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{order:?} out of order: {positions:?}");
    let nav = &main[..position(&main, "<h2 id=emergency>")];
    for group in ["#emergency", "#trafficking", "#shelter", "#legal"] {
        assert!(nav.contains(&format!("<a href={group}>")), "{group} listed at the top: {nav}");
    }
    assert!(main.contains("Nationwide: United States") && main.contains("In Texas"));
    assert!(main.contains("On the other side of the border: Mexico"));
    // Mexico's consular line answers from the U.S. too (its `dial_from`).
    let consulates = &main[position(&main, "<h2 id=consulates>")..];
    assert!(consulates.contains("id=mx-consular") && consulates.contains("href=tel:+528001234567"), "{consulates}");
}

#[test]
fn a_region_without_services_of_its_own_says_so_in_words_that_fit_it() {
    let (_dir, root) = built(false);
    let dc = main_of(&page(&root, "en/help/us-dc/index.html")).to_string();
    assert!(dc.contains("We do not yet list a service of the district's own"), "{dc}");
    assert!(!dc.contains("class=police-note"), "no line of this page is answered by the police");
    assert!(!dc.contains("this state"), "{dc}");
    let tx = main_of(&page(&root, "en/help/us-tx/index.html")).to_string();
    assert!(!tx.contains("class=help-gap"), "{tx}");
}

#[test]
fn a_draft_entry_and_a_draft_data_set_appear_nowhere_unless_drafts_are_built() {
    let (_dir, root) = built(false);
    for (path, text) in all_output(&root) {
        for needle in ["mx-chh-unchecked", "Unchecked shelter", "Albergue sin verificar", "+526565550199"] {
            assert!(!text.contains(needle), "{needle} in {}", path.display());
        }
    }
    let (_dir, root) = built(true);
    let main = main_of(&page(&root, "en/help/mx-chh/index.html")).to_string();
    let entry = &main[position(&main, "class=\"entry entry-draft\" id=mx-chh-unchecked")..];
    assert!(entry.contains("Draft: not published"), "{entry}");
}

#[test]
fn a_page_embedding_a_draft_data_set_is_told_why_unless_drafts_are_built() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("directory-reach"), dir.path());
    let chart = "---\ntitle: Figures\n---\n```chart\nunfinished\n```\n";
    std::fs::write(dir.path().join("content/figures.en.md"), chart).unwrap();
    let Err(faro::BuildError::Content(diags)) = faro::build(&BuildOptions::new(dir.path())) else {
        panic!("a page embedding a draft data set built without drafts");
    };
    let text = diags.render(false);
    assert!(text.contains("the data set `unfinished` is a draft"), "{text}");
    assert!(text.contains("content/figures.en.md:5"), "{text}");
    let options =
        BuildOptions { load: LoadOptions { drafts: true, ..LoadOptions::default() }, ..BuildOptions::new(dir.path()) };
    faro::build(&options).unwrap_or_else(|e| panic!("{e:?}"));
    let page = read(dir.path(), "en/figures/index.html");
    assert!(page.contains("Draft, not published") && page.contains("Unfinished figures"), "{page}");
}

#[test]
fn check_lists_the_regions_with_no_service_of_their_own_border_states_first() {
    let root = fixture("directory-reach");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_faro"))
        .args(["check", "--root", root.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // Chihuahua's only entry is a draft: it counts as a gap.
    assert!(stderr.contains("help directory: 2 of 3 regions list no service of their own\n"), "{stderr}");
    assert!(
        stderr.contains("  on the border: Chihuahua (MX-CHH)\n  elsewhere: District of Columbia (US-DC)\n"),
        "{stderr}"
    );
}
