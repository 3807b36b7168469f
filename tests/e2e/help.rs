//! End-to-end: the "who to call" pages of the valid fixture site, as a
//! visitor with JavaScript off receives them: the right lines, grouped by need
//! and in the right order, with `tel:` links only for numbers that can be
//! dialled from the page's country, and nothing from a region a page is not
//! about. (That the shipped directory's pages keep these rules is checked in
//! `tests/repo/help.rs`.)

use crate::common::{main_of, valid_file as page};

fn position(haystack: &str, needle: &str) -> usize {
    haystack.find(needle).unwrap_or_else(|| panic!("`{needle}` not found"))
}

#[test]
fn texas_groups_lines_by_need_emergency_then_hotlines_with_the_other_side_then_services() {
    let html = page("en/help/us-tx/index.html");
    let main = main_of(&html);
    assert!(main.contains("<h1>Who to call: Texas</h1>"));
    let order = [
        "<h2 id=emergency>",
        "id=us-911",
        "<h2 id=trafficking>",
        "id=us-hotline",
        "id=mx-hotline",
        "<h2 id=shelter>",
        "id=us-tx-shelter",
        "<h2 id=legal>",
        "id=us-tx-legal",
    ];
    let positions: Vec<usize> = order.iter().map(|n| position(main, n)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{order:?} out of order: {positions:?}");
    assert!(main.contains("<a href=#trafficking>"), "the groups are listed at the top as in-page links");
    assert!(main.contains("href=tel:+18883737888"), "E.164 tel: link");
    assert!(main.contains("href=sms:233733"));
    assert!(main.contains("href=tel:911"));
    // Mexico's toll-free line cannot be dialled from the United States: its
    // WhatsApp can.
    assert!(!main.contains("href=tel:+528005533000"), "a Mexican 800 number offered as a link in Texas");
    assert!(main.contains("https://wa.me/528005533000"));
    assert!(main.contains("<span class=contact-value>+52 800 553 3000</span>"), "dialled from abroad");
    assert!(main.contains("Works only from: Mexico"));
    assert!(!main.contains("id=mx-911"), "Mexico's emergency number leaks into Texas");
}

#[test]
fn chihuahua_in_spanish_has_mexican_lines_and_the_us_hotline_across_the_border() {
    let html = page("es/help/mx-chh/index.html");
    assert!(html.starts_with("<!doctype html><html lang=es>"));
    let main = main_of(&html);
    assert!(main.contains("<h1>A quién llamar: Chihuahua</h1>"), "{main}");
    let emergency = position(main, "id=mx-911");
    let national = position(main, "id=mx-hotline");
    let us = position(main, "id=us-hotline");
    assert!(emergency < national && national < us);
    assert!(main.contains("href=tel:+528005533000"), "E.164 link for the Mexican line");
    assert!(main.contains("https://wa.me/528005533000"));
    // The U.S. short code and toll-free number do not work from Mexico.
    assert!(!main.contains("href=sms:233733") && !main.contains("href=tel:+18883737888"), "{main}");
    assert!(main.contains("Solo desde Estados Unidos"));
    assert!(main.contains("href=https://example.org/chat"), "the chat works from anywhere");
    assert!(main.contains("El chat de WhatsApp queda en la aplicación hasta que lo borre."));
    assert!(!main.contains("id=us-911") && !main.contains("id=us-tx-"), "{main}");
}

#[test]
fn the_help_index_lists_every_region_as_plain_links_border_states_first() {
    let html = page("en/help/index.html");
    let main = main_of(&html);
    let border = position(main, "<h2 id=border>");
    let us = position(main, "<h2 id=country-US>");
    let mx = position(main, "<h2 id=country-MX>");
    assert!(border < us && us < mx);
    let border_list = &main[border..us];
    assert!(border_list.contains("href=/en/help/us-tx/") && border_list.contains("href=/en/help/mx-chh/"));
    assert!(!border_list.contains("href=/en/help/us-dc/"), "the District is not on the border");
    for link in ["href=/en/help/us/", "href=/en/help/us-dc/", "href=/en/help/mx/"] {
        assert!(main.contains(link), "{link}");
    }
    let es = page("es/help/index.html");
    assert!(main_of(&es).contains("href=/es/help/mx-chh/"));
    assert!(es.contains("<link href=https://example.org/en/help/ hreflang=en rel=alternate>"));
}

#[test]
fn region_pages_carry_schema_org_data() {
    let html = page("en/help/mx-chh/index.html");
    let start = position(&html, "<script type=application/ld+json>") + "<script type=application/ld+json>".len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).expect("valid JSON-LD");
    let graph = data["@graph"].as_array().unwrap();
    let line = graph.iter().find(|o| o["name"] == "Mexican trafficking line").expect("the Mexican line");
    assert_eq!(line["contactPoint"][0]["telephone"], "+528005533000");
    assert_eq!(line["areaServed"][0], "MX");
}

fn who_to_call_block(html: &str) -> &str {
    let start = position(html, "<aside aria-labelledby=who-to-call-heading");
    &html[start..start + html[start..].find("</aside>").unwrap()]
}

#[test]
fn every_page_has_the_who_to_call_block_with_both_national_lines_saying_where_they_work() {
    for rel in ["en/index.html", "es/aprende/senales/index.html", "en/stories/index.html"] {
        let html = page(rel);
        let block = who_to_call_block(&html);
        assert!(block.contains("href=tel:+18883737888"), "{rel}: {block}");
        assert!(block.contains("href=tel:+528005533000"), "{rel}: {block}");
        assert!(
            block.contains("Works only from: United States") || block.contains("Solo desde Estados Unidos"),
            "{rel}: {block}"
        );
        assert!(block.contains("/help/"), "{rel}: link to the help index");
    }
    // A region page's block offers only what works from its country.
    let html = page("en/help/us-tx/index.html");
    let block = who_to_call_block(&html);
    assert!(block.contains("href=tel:+18883737888") && !block.contains("href=tel:+528005533000"), "{block}");
}

#[test]
fn the_landing_page_shows_every_language_s_numbers_before_the_choice_of_language() {
    let html = page("index.html");
    let main = main_of(&html);
    let en =
        position(main, "<section aria-labelledby=who-to-call-en-heading class=who-to-call id=who-to-call-en lang=en>");
    let es =
        position(main, "<section aria-labelledby=who-to-call-es-heading class=who-to-call id=who-to-call-es lang=es>");
    let choice = position(main, "<h2 id=enter-en>");
    assert!(en < es && es < choice, "numbers in both languages come before the choice of language");
    for (start, heading, call) in [(en, "Who to call", "Call"), (es, "A quién llamar", "Llamar")] {
        let block = &main[start..start + main[start..].find("</section>").unwrap()];
        assert!(block.contains(heading), "{block}");
        for number in ["911", "+18883737888", "+528005533000"] {
            assert!(block.contains(&format!("href=tel:{number}>{call} ")), "{number} in {block}");
        }
    }
    assert!(main.contains("<a href=/en/>Enter the site in English</a>"));
    assert!(main.contains("<a href=/es/>Entrar al sitio en español</a>"));
}
