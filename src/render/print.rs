//! Printable outreach pages, for teams who hand paper out at clinics,
//! shelters and consulates: per region and language a flyer
//! (`/en/help/us-tx/print/`) and a sheet of wallet cards
//! (`/en/help/us-tx/cards/`), each made to fit one sheet of A4 and of Letter,
//! and a print index listing them all (`/en/help/print/`).
//!
//! A flyer prints the region's lines in large type (emergency, national,
//! local), a QR code to the region's page with its address beside it, the
//! date the numbers were checked, and tear-off strips with the country's main
//! hotline. A wallet card (85.6 × 54 mm, the size of a bank card) carries the
//! first few of those lines and the same QR code; the sheet has cut marks.
//! On screen both are ordinary pages of the site; the theme's print styles
//! turn them into the sheet.
//!
//! Paper carries only numbers that can be dialled from the region's country,
//! and each line says who answers it. The sheets of a border state add the
//! other country's main line as it can be reached from this side, for
//! families and witnesses calling about someone across the border.
//!
//! Sheets exist in every language of the site; in a partly translated one,
//! the words taken from a fallback language are marked with it (see
//! [`crate::lang`]), as on the help pages.

use std::fmt::Write;

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::directory::Entry;
use crate::directory::regions::Region;
use crate::lang::Text;
use crate::site::Site;
use crate::url::SitePath;

use super::help::{self, ContactView, HelpPage};
use super::qr;

/// How many lines a flyer prints in large type; its QR code leads to the rest.
const FLYER_LINES: usize = 5;
/// How many lines each wallet card carries.
const CARD_LINES: usize = 3;
/// Tear-off strips along the bottom of a flyer.
const STRIPS: usize = 8;
/// Wallet cards on a sheet: two across and four down fit A4 and Letter.
const CARD_COLUMNS: usize = 2;
const CARD_ROWS: usize = 4;
/// A card's size in millimetres (ISO/IEC 7810 ID-1, as a bank card).
const CARD_WIDTH_MM: f64 = 85.6;
const CARD_HEIGHT_MM: f64 = 54.0;
/// The margin around the cards where the cut marks are drawn, in millimetres.
const MARK_MARGIN_MM: f64 = 6.0;

/// One line of the directory, reduced to what paper can carry.
#[derive(Debug, Serialize)]
pub struct PrintLine {
    pub name: Text,
    /// "Answered by the police", in plain words.
    pub answered_by: Option<Text>,
    pub police: bool,
    /// Its numbers to call or text that work from the sheet's country, as
    /// the help pages show them.
    pub numbers: Vec<ContactView>,
}

/// What the flyer and cards templates get as `sheet`.
#[derive(Debug, Serialize)]
pub struct SheetView {
    pub region: Text,
    pub lines: Vec<PrintLine>,
    /// Whether the region has lines the sheet leaves out for room.
    pub more: bool,
    /// The country's main hotline, for the flyer's tear-off strips.
    pub hotline: Option<PrintLine>,
    /// On a border state's sheets: the other side's main line, as far as it
    /// can be reached from here, and the name of its country.
    pub other_side: Option<PrintLine>,
    pub other_country: Option<Text>,
    pub strips: usize,
    pub cards: usize,
    /// The QR code of `url`, as an inline `<svg>`.
    pub qr: String,
    /// The region page's full address, printed beside the QR code.
    pub url: String,
    /// The same address as HTML that breaks only after a slash.
    pub url_html: String,
    /// The oldest `verified` date of the lines printed (YYYY-MM-DD).
    pub verified: String,
    /// Cut marks around the grid of cards, as an inline `<svg>` in millimetres.
    pub cut_marks: String,
    pub region_href: String,
    pub flyer_href: String,
    pub cards_href: String,
    pub index_href: String,
}

/// The sheet of `region` in `lang`, for the page at `at`; `card` picks the
/// wallet cards' lines instead of the flyer's.
pub fn sheet_view(
    site: &Site,
    lang: &str,
    region: &Region,
    at: &SitePath,
    card: bool,
) -> Result<SheetView, Diagnostic> {
    let dir = &site.directory;
    let country = region.country.as_str();
    let hotline = dir.main_hotline(country);
    let local = if region.is_country() { Vec::new() } else { dir.services_in(&region.code) };
    let mut ordered: Vec<&Entry> = dir.emergency_for(country);
    if card {
        // On a card: emergency, the main hotline, then the region's own lines.
        ordered.extend(hotline);
        ordered.extend(local);
        ordered.extend(dir.national_for(country));
    } else {
        ordered.extend(dir.national_for(country));
        ordered.extend(local);
    }
    let mut seen = Vec::new();
    ordered.retain(|e| {
        let new = !seen.contains(&e.id) && e.contacts.iter().any(|c| c.kind.is_call_or_text() && c.works_from(country));
        seen.push(e.id.clone());
        new
    });
    let (other_country, other_side) = region
        .border
        .then(|| {
            dir.countries().filter(|c| c.code != country).find_map(|c| {
                let line = dir.main_hotline(&c.code).map(|e| print_line(site, lang, e, country))?;
                (!line.numbers.is_empty()).then(|| (c.name_for(&site.config, lang), line))
            })
        })
        .flatten()
        .unzip();
    // On a flyer the other side's line takes the place of the last of this
    // side's; a card adds it as one short line.
    let limit = if card { CARD_LINES } else { FLYER_LINES - usize::from(other_side.is_some()) };
    let more = ordered.len() > limit;
    ordered.truncate(limit);

    let region_path = HelpPage::Region(region).path(site, lang);
    let url = site.hrefs.permalink(&region_path);
    let name = region.name_for(&site.config, lang);
    let label = format!("{} {}: {url}", site.theme.strings.get(lang, "print_qr_label"), name.as_str());
    let qr = qr::svg(&url, &label).map_err(|err| {
        Diagnostic::error(Code::QrCodeTooLong, format!("the address {url} cannot be drawn as a QR code: {err}"))
            .help("use a shorter `base_url` in content/site.yaml")
    })?;
    let verified = ordered.iter().chain(hotline.iter()).map(|e| e.verified).min().map(|d| d.to_string());
    Ok(SheetView {
        region: name,
        lines: ordered.iter().map(|e| print_line(site, lang, e, country)).collect(),
        more,
        hotline: hotline.map(|e| print_line(site, lang, e, country)).filter(|l| !l.numbers.is_empty()),
        other_side,
        other_country,
        url_html: breakable_url(&url),
        strips: STRIPS,
        cards: CARD_COLUMNS * CARD_ROWS,
        qr,
        url,
        verified: verified.unwrap_or_default(),
        cut_marks: cut_marks(),
        region_href: site.hrefs.to(at, &region_path),
        flyer_href: site.hrefs.to(at, &HelpPage::Flyer(region).path(site, lang)),
        cards_href: site.hrefs.to(at, &HelpPage::Cards(region).path(site, lang)),
        index_href: site.hrefs.to(at, &HelpPage::PrintIndex.path(site, lang)),
    })
}

fn print_line(site: &Site, lang: &str, entry: &Entry, country: &str) -> PrintLine {
    let mut view = help::entry_view(site, lang, entry, Some(country));
    view.contacts.retain(|c| c.kind.is_call_or_text() && c.works);
    PrintLine { name: view.name, answered_by: view.answered_by, police: view.police, numbers: view.contacts }
}

/// An address as HTML that a line may break only after a slash: each part
/// is kept whole (`white-space: nowrap` in the theme's `.nobr`), so that
/// `…/help/us-` never ends a line and reads like a hyphenated word.
fn breakable_url(url: &str) -> String {
    // `https://` stays whole: the first part ends after the scheme's slashes.
    let first_end = url.find("://").map_or(0, |i| i + 3);
    let (first, rest) = url.split_at(first_end);
    std::iter::once(first)
        .filter(|f| !f.is_empty())
        .chain(rest.split_inclusive('/'))
        .map(|part| format!("<span class=\"nobr\">{}</span>", crate::html::escape_html(part)))
        .collect::<Vec<_>>()
        .join("<wbr>")
}

/// Crop marks for a grid of cards set edge to edge: short lines in the
/// margin continuing every cut, kept 1 mm clear of the cards.
fn cut_marks() -> String {
    let (m, w, h) = (MARK_MARGIN_MM, CARD_WIDTH_MM, CARD_HEIGHT_MM);
    let width = 2.0 * m + CARD_COLUMNS as f64 * w;
    let height = 2.0 * m + CARD_ROWS as f64 * h;
    let mut path = String::new();
    for i in 0..=CARD_COLUMNS {
        let x = m + i as f64 * w;
        let _ = write!(path, "M{x:.1} 0V{:.1}M{x:.1} {:.1}V{height:.1}", m - 1.0, height - m + 1.0);
    }
    for j in 0..=CARD_ROWS {
        let y = m + j as f64 * h;
        let _ = write!(path, "M0 {y:.1}H{:.1}M{:.1} {y:.1}H{width:.1}", m - 1.0, width - m + 1.0);
    }
    format!(
        r##"<svg class="cut-marks" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.1} {height:.1}" aria-hidden="true"><path d="{path}" stroke="#000" stroke-width="0.2" fill="none"/></svg>"##
    )
}

/// A region with the addresses of its flyer and cards, in the print index.
#[derive(Debug, Serialize)]
pub struct PrintRegion {
    pub name: Text,
    pub flyer_href: String,
    pub cards_href: String,
}

/// A country's regions in the print index: the country first, then its
/// subdivisions by name.
#[derive(Debug, Serialize)]
pub struct PrintCountry {
    pub code: String,
    pub name: Text,
    pub regions: Vec<PrintRegion>,
}

/// What the print index template gets as `print`.
#[derive(Debug, Serialize)]
pub struct IndexView {
    pub help_href: String,
    pub countries: Vec<PrintCountry>,
}

pub fn index_view(site: &Site, lang: &str, at: &SitePath) -> IndexView {
    let dir = &site.directory;
    let entry = |r: &Region| PrintRegion {
        name: r.name_for(&site.config, lang),
        flyer_href: site.hrefs.to(at, &HelpPage::Flyer(r).path(site, lang)),
        cards_href: site.hrefs.to(at, &HelpPage::Cards(r).path(site, lang)),
    };
    let countries = dir
        .countries()
        .map(|c| {
            let mut subdivisions: Vec<PrintRegion> = dir.regions_of_country(&c.code).into_iter().map(entry).collect();
            subdivisions.sort_by_key(|r| r.name.as_str().to_lowercase());
            let mut regions = vec![entry(c)];
            regions.append(&mut subdivisions);
            PrintCountry { code: c.code.clone(), name: c.name_for(&site.config, lang), regions }
        })
        .collect();
    IndexView { help_href: site.hrefs.to(at, &HelpPage::Index.path(site, lang)), countries }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_addresses_break_only_after_a_slash() {
        let html = breakable_url("https://faro.example.org/en/help/us-tx/");
        assert_eq!(
            html,
            "<span class=\"nobr\">https://</span><wbr><span class=\"nobr\">faro.example.org/</span><wbr>\
             <span class=\"nobr\">en/</span><wbr><span class=\"nobr\">help/</span><wbr><span class=\"nobr\">us-tx/</span>"
        );
        assert!(!html.contains("us-<"), "the hyphen is never the end of a part");
    }

    #[test]
    fn cut_marks_continue_every_cut_outside_the_cards() {
        let svg = cut_marks();
        assert!(svg.contains(r#"viewBox="0 0 183.2 228.0""#), "{svg}");
        // Three vertical cuts and five horizontal ones, each marked at both ends.
        assert_eq!(svg.matches('V').count(), 2 * (CARD_COLUMNS + 1));
        assert_eq!(svg.matches('H').count(), 2 * (CARD_ROWS + 1));
        assert!(svg.contains("M6.0 0V5.0M6.0 223.0V228.0"), "{svg}");
        assert!(svg.contains("M0 60.0H5.0M178.2 60.0H183.2"), "{svg}");
    }
}
