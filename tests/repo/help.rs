//! The shipped "who to call" pages, checked against the shipped directory
//! they are made from: for every region and every language, the page lists
//! every line that serves the region, emergency numbers before the national
//! lines, nothing from a region it does not serve, and offers a number as a
//! link only where it can be dialled from the region's country; every region
//! has a flyer and a sheet of wallet cards, listed in the print index. What is
//! expected comes from the directory and addresses from the generator, so an
//! editor who adds, removes or renames a line or a page keeps these passing.

use faro::Site;
use faro::directory::{Directory, Entry, Region};
use faro::render::help::HelpPage;

use crate::common::{main_of, shipped, shipped_file};

/// The shipped site as the build sees it (without drafts).
pub fn site() -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (site, diags) = Site::load(root, &faro::LoadOptions::default());
    assert!(!diags.has_errors(), "{}", diags.render(false));
    site.expect("the shipped site loads")
}

/// The built page at `page`'s address in `lang`, as text.
fn page(site: &Site, page: HelpPage, lang: &str) -> String {
    shipped_file(&page.path(site, lang).output_file().to_string_lossy())
}

/// The `<li>` of the entry with this id on a help page, up to the next entry
/// or the end of its group.
fn entry_block<'a>(main: &'a str, id: &str) -> Option<&'a str> {
    let start = main.find(&format!("class=entry id={id}>"))?;
    let rest = &main[start + 1..];
    let end = [rest.find("class=entry id="), rest.find("</section>")].into_iter().flatten().min().unwrap_or(rest.len());
    Some(&main[start..start + 1 + end])
}

/// The ids of the entries a help page shows, in order.
fn shown_ids(main: &str) -> Vec<&str> {
    main.split("class=entry id=").skip(1).map(|rest| &rest[..rest.find('>').unwrap()]).collect()
}

/// Whether a link to this contact would be a phone call or a text.
fn dials(href: &str) -> bool {
    href.starts_with("tel:") || href.starts_with("sms:")
}

fn check_region_page(site: &Site, region: &Region, lang: &str) -> Vec<String> {
    let d: &Directory = &site.directory;
    let country = region.country.as_str();
    let html = page(site, HelpPage::Region(region), lang);
    let main = main_of(&html);
    let at = |region: &str, what: &str| format!("{lang} page of {region}: {what}");
    let mut problems = Vec::new();
    let shown = shown_ids(main);
    let serving: Vec<&Entry> = d.entries_for(&region.code);
    let across: Vec<&Entry> = d.other_side(country);
    for entry in &serving {
        if !shown.contains(&entry.id.as_str()) {
            problems.push(at(&region.code, &format!("{} serves it but is not listed", entry.id)));
        }
    }
    for id in &shown {
        if !serving.iter().chain(&across).any(|e| e.id == *id) {
            problems.push(at(&region.code, &format!("{id} does not serve it")));
        }
    }
    let place = |id: &str| shown.iter().position(|s| *s == id);
    let last_emergency = d.emergency_for(country).iter().filter_map(|e| place(&e.id)).max();
    let first_national = d.national_for(country).iter().filter_map(|e| place(&e.id)).min();
    if let (Some(emergency), Some(national)) = (last_emergency, first_national)
        && emergency > national
    {
        problems.push(at(&region.code, "a national line comes before an emergency number"));
    }
    for entry in serving.iter().chain(&across) {
        let Some(block) = entry_block(main, &entry.id) else { continue };
        for contact in entry.contacts.iter().filter(|c| dials(&c.href)) {
            let link = format!("href={}>", contact.href);
            let works = contact.works_from(country);
            if works && !block.contains(&link) {
                problems.push(at(&region.code, &format!("{}: {} is not a link", entry.id, contact.written)));
            } else if !works && block.contains(&link) {
                problems
                    .push(at(&region.code, &format!("{}: {} does not work from {country}", entry.id, contact.href)));
            }
        }
    }
    problems
}

#[test]
fn every_region_s_page_lists_its_lines_in_order_and_links_only_what_works_there() {
    let site = site();
    assert!(!site.directory.regions.is_empty());
    let mut problems = Vec::new();
    for language in &site.config.languages {
        for region in &site.directory.regions {
            problems.extend(check_region_page(&site, region, &language.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_region_has_a_flyer_and_cards_linked_from_the_print_index() {
    let site = site();
    for language in &site.config.languages {
        let lang = language.code.as_str();
        let index = page(&site, HelpPage::PrintIndex, lang);
        let index = main_of(&index);
        for region in &site.directory.regions {
            let region_page = page(&site, HelpPage::Region(region), lang);
            for sheet in [HelpPage::Flyer(region), HelpPage::Cards(region)] {
                let href = format!("href={}>", sheet.path(&site, lang));
                assert!(index.contains(&href), "the {lang} print index lacks {href}");
                assert!(region_page.contains(&href), "the {lang} page of {} lacks {href}", region.code);
                let html = page(&site, sheet, lang);
                assert!(html.contains("class=sheet-page"), "{href}");
            }
        }
    }
}

#[test]
fn pages_that_show_statistics_link_no_figure_as_a_number_to_dial() {
    let mut charted = 0;
    for file in walkdir::WalkDir::new(shipped()).into_iter().map(Result::unwrap) {
        if file.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(file.path()).unwrap();
        if !html.contains("<figure class=chart") {
            continue;
        }
        charted += 1;
        let main = main_of(&html);
        assert!(!main.contains("href=tel:") && !main.contains("href=sms:"), "{}", file.path().display());
    }
    let site = site();
    assert!(charted >= site.config.languages.len(), "no page in some language shows the statistics");
}
