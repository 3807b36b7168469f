//! End-to-end: the printable outreach pages, on the valid fixture site: a
//! flyer and a sheet of wallet cards for every region in every language, with
//! that region's numbers, a QR code labelled with the region page's full
//! address, tear-off strips with the country's main hotline, and the print
//! index that lists them. (How they print is checked in Chromium:
//! tests/browser/print.test.js; that every shipped region has its sheets, in
//! `tests/repo/help.rs`.)

use std::fs;

use crate::common::{main_of, valid_built, valid_file as page};

/// The region folders under a help index (`us-tx`, `mx-chh`, …).
fn regions_under(help: &str) -> Vec<String> {
    let mut found: Vec<String> = fs::read_dir(valid_built().join("public").join(help))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.len() >= 2 && name.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .filter(|name| name != "print")
        .collect();
    found.sort();
    found
}

#[test]
fn every_region_has_a_flyer_and_cards_in_every_language_listed_in_the_print_index() {
    for (help, print_link, cards_link) in
        [("en/help", "Flyer", "Wallet cards"), ("es/help", "Volante", "Tarjetas de bolsillo")]
    {
        let regions = regions_under(help);
        assert_eq!(regions, ["mx", "mx-chh", "us", "us-dc", "us-tx"], "{help}: each country and subdivision");
        let index = page(&format!("{help}/print/index.html"));
        let main = main_of(&index);
        for region in &regions {
            let region_page = page(&format!("{help}/{region}/index.html"));
            for sheet in ["print", "cards"] {
                let href = format!("href=/{help}/{region}/{sheet}/>");
                assert!(main.contains(&href), "the print index links {href}");
                assert!(region_page.contains(&href), "{help}/{region} links {href}");
                let html = page(&format!("{help}/{region}/{sheet}/index.html"));
                assert!(html.contains("class=sheet-page"), "{help}/{region}/{sheet}");
                let printed = format!(
                    "<span class=nobr>https://</span><wbr><span class=nobr>example.org/</span><wbr><span class=nobr>{}/</span><wbr><span class=nobr>{}/</span><wbr><span class=nobr>{region}/</span>",
                    &help[..2],
                    &help[3..]
                );
                assert!(html.contains(&printed), "printed address, broken only after a slash: {html}");
            }
        }
        assert_eq!(main.matches(&format!(">{print_link}<span class=visually-hidden>")).count(), regions.len());
        assert_eq!(main.matches(&format!(">{cards_link}<span class=visually-hidden>")).count(), regions.len());
        assert!(page(&format!("{help}/index.html")).contains(&format!("href=/{help}/print/>")));
    }
}

#[test]
fn the_chihuahua_flyer_in_spanish_has_the_mexican_lines_a_qr_code_and_strips() {
    let html = page("es/help/mx-chh/print/index.html");
    assert!(html.starts_with("<!doctype html><html lang=es>"));
    let main = main_of(&html);
    assert!(main.contains("<h1>Volante para imprimir: Chihuahua</h1>"), "{main}");
    let sheet = &main[main.find("<article class=\"sheet flyer\"").expect("the flyer")..];
    for line in [
        "<a class=line-number href=tel:911><span class=number-label>Llamar</span> <span class=number>911</span></a>",
        "<a class=line-number href=tel:+528005533000><span class=number-label>Llamar</span> <span class=number>800 553 3000</span></a>",
        "<a class=line-number href=https://wa.me/528005533000><span class=number-label>WhatsApp</span> <span class=number>800 553 3000</span></a>",
    ] {
        assert!(sheet.contains(line), "{line}");
    }
    // Mexico's lines only: nothing of the United States.
    for foreign in ["373-7888", "tel:+1", "233733", "555-0123"] {
        assert!(!sheet.contains(foreign), "{foreign} on the Chihuahua flyer");
    }
    assert!(sheet.contains(
        "<svg aria-label=\"Código QR a la página de líneas de Chihuahua: https://example.org/es/help/mx-chh/\""
    ));
    assert!(sheet.contains(
        "<a class=sheet-url href=/es/help/mx-chh/><span class=nobr>https://</span><wbr><span class=nobr>example.org/</span><wbr>\
         <span class=nobr>es/</span><wbr><span class=nobr>help/</span><wbr><span class=nobr>mx-chh/</span></a>"
    ));
    assert!(sheet.contains("Números verificados el <time datetime=2026-11-01>2026-11-01</time>"));
    let strip = "<span class=strip-number><span class=number-label>Llamar</span> <span class=number>800 553 3000</span></span> \
                 <span class=strip-number><span class=number-label>WhatsApp</span> <span class=number>800 553 3000</span></span>";
    assert_eq!(sheet.matches(strip).count(), 8, "eight tear-off strips with the hotline's call and text numbers");
    assert_eq!(sheet.matches("<li aria-hidden=true class=strip>").count(), 7, "screen readers read one strip");
}

#[test]
fn the_texas_cards_carry_emergency_the_national_hotline_and_the_state_line_with_cut_marks() {
    let main = main_of(&page("en/help/us-tx/cards/index.html")).to_string();
    assert!(main.contains("<h1>Wallet cards to print: Texas</h1>"));
    assert_eq!(main.matches("class=wallet-card>").count(), 8, "eight cards on the sheet");
    for number in [
        "<span class=card-number><span class=number-label>Call</span> <span class=number>911</span></span>",
        "<span class=number>(888) 373-7888</span></span> <span class=card-number><span class=number-label>Text</span> <span class=number>233733</span>",
        "<span class=card-number><span class=number-label>Call</span> <span class=number>(915) 555-0123</span></span>",
    ] {
        assert_eq!(main.matches(number).count(), 8, "{number} on every card");
    }
    assert_eq!(
        main.matches("aria-label=\"QR code to the page of lines for Texas: https://example.org/en/help/us-tx/\"")
            .count(),
        8
    );
    assert!(main.contains("<svg viewbox=\"0 0 183.2 228.0\" aria-hidden=true class=cut-marks"));
    assert!(
        !main.contains("tel:+528005533000") && !main.contains("Call</span> <span class=number>+52"),
        "Mexico's 800 number does not work from Texas"
    );
}

#[test]
fn region_pages_link_to_their_flyer_and_cards() {
    let main = main_of(&page("en/help/us-dc/index.html")).to_string();
    assert!(main.contains("<a href=/en/help/us-dc/print/>Print a flyer for this region</a>"), "{main}");
    assert!(main.contains("<a href=/en/help/us-dc/cards/>Print wallet cards for this region</a>"));
    let es = page("es/help/mx-chh/index.html");
    assert!(main_of(&es).contains("<a href=/es/help/mx-chh/print/>Imprimir un volante de esta región</a>"));
}

/// A directory with more lines than a flyer holds: one emergency number,
/// seven national lines (the third the first about trafficking) and one line
/// of Texas.
fn crowded_directory(root: &std::path::Path) {
    let dir = root.join("content/directory");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("regions.yaml"),
        "- code: US\n  name: {en: United States, es: Estados Unidos}\n  subdivisions:\n    - {code: US-TX, name: {en: Texas, es: Texas}, border: true}\n",
    )
    .unwrap();
    let entry = |id: &str, area: &str, topic: &str, contacts: &str| {
        format!(
            "- id: {id}\n  kind: hotline\n  name: {{en: Line {id}, es: Línea {id}}}\n  areas: [{area}]\n  answered_by: nonprofit\n  contacts:\n{contacts}  topics: [{topic}]\n  description: {{en: What it is for., es: Para qué sirve.}}\n  verified: 2026-11-{day}\n  source: https://example.org/{id}\n",
            day = if id == "n5" { "02" } else { "20" },
        )
    };
    let phone = "    - {type: phone, value: \"+1 888 373 7888\"}\n";
    let mut text = entry("sos", "US", "emergency", "    - {type: phone, value: \"911\", short_code: true}\n");
    for (id, topic) in [("n1", "migrants"), ("n2", "domestic-violence"), ("n3", "labor-trafficking")] {
        let contacts = if id == "n3" {
            format!("{phone}    - {{type: sms, value: \"233733\", short_code: true}}\n")
        } else {
            phone.to_string()
        };
        text.push_str(&entry(id, "US", topic, &contacts));
    }
    for id in ["n4", "n5", "n6", "n7"] {
        text.push_str(&entry(id, "US", "domestic-violence", phone));
    }
    text.push_str(&entry("tx1", "US-TX", "domestic-violence", phone));
    fs::write(dir.join("lines.yaml"), text).unwrap();
}

#[test]
fn a_crowded_region_prints_its_first_lines_and_sends_readers_to_the_page_for_the_rest() {
    let site = crate::common::site_with(None);
    crowded_directory(site.path());
    let options = faro::BuildOptions {
        load: faro::LoadOptions {
            base_url: Some(faro::config::BaseUrl::parse("https://example.org/sub/").unwrap()),
            ..Default::default()
        },
        ..faro::BuildOptions::new(site.path())
    };
    if let Err(faro::BuildError::Content(d)) = faro::build(&options) {
        panic!("{}", d.render(false));
    }

    let flyer = crate::common::read(site.path(), "en/help/us-tx/print/index.html");
    let flyer = main_of(&flyer);
    let names: Vec<&str> = flyer.match_indices("<span class=line-name>").map(|(i, _)| &flyer[i + 22..i + 29]).collect();
    assert_eq!(
        names,
        ["Line so", "Line n1", "Line n2", "Line n3", "Line n4"],
        "emergency, then national lines, five in all"
    );
    assert!(flyer.contains("That page lists more lines for this region."));
    // The oldest check among the lines printed (n5 is not printed).
    assert!(flyer.contains("Numbers checked on <time datetime=2026-11-20>"), "{flyer}");
    // The strips carry the first line about trafficking, with its text number.
    assert_eq!(flyer.matches("<span class=number-label>Text</span> <span class=number>233733</span>").count(), 1 + 8);
    assert!(
        flyer.contains("aria-label=\"QR code to the page of lines for Texas: https://example.org/sub/en/help/us-tx/\"")
    );
    assert!(flyer.contains("><span class=nobr>us-tx/</span></a>"));

    let cards = crate::common::read(site.path(), "en/help/us-tx/cards/index.html");
    let cards = main_of(&cards);
    let names: Vec<&str> = cards.match_indices("<span class=line-name>").map(|(i, _)| &cards[i + 22..i + 29]).collect();
    assert_eq!(
        names,
        ["Line so", "Line n3", "Line tx"].repeat(8),
        "on each of the eight cards: emergency, the main hotline, then the state's own line"
    );
}

#[test]
fn check_warns_when_the_flyers_would_print_a_placeholder_address() {
    let site = crate::common::site_with(None);
    std::fs::remove_dir_all(site.path().join("content/directory")).unwrap();
    let warning = "is a placeholder address: the flyers and wallet cards would print QR codes that lead nowhere";
    let rendered =
        |site: &std::path::Path| faro::build::check_site(site, &faro::LoadOptions::default()).diagnostics.render(false);
    assert!(!rendered(site.path()).contains(warning), "no directory, no flyers, no warning");

    crowded_directory(site.path());
    let out = rendered(site.path());
    assert!(
        out.contains(&format!("warning[W0209]: `https://example.org/` {warning}\n --> content/site.yaml:3:11\n")),
        "{out}"
    );

    let settings = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&settings).unwrap().replace("https://example.org/", "https://help.faro-project.net/");
    fs::write(&settings, text).unwrap();
    assert!(!rendered(site.path()).contains(warning), "a real address passes");
}

#[test]
fn a_theme_without_the_flyer_template_gets_one_error_and_writes_nothing() {
    let site = crate::common::site_with(None);
    crowded_directory(site.path());
    let theme = site.path().join("themes/default");
    crate::common::copy_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"), &theme);
    fs::remove_file(theme.join("templates/help_flyer.html")).unwrap();
    let Err(faro::BuildError::Content(diags)) = crate::common::build(site.path()) else {
        panic!("a theme without help_flyer.html built");
    };
    let out = diags.render(false);
    assert_eq!(out.matches("error[").count(), 1, "{out}");
    assert!(out.contains("error[E0702]: the theme has no template `help_flyer.html`"), "{out}");
    assert!(out.contains("themes/default/templates/help_flyer.html"), "{out}");
    assert!(!site.path().join("public").exists(), "nothing written");
}

#[test]
fn help_pages_and_sheets_inline_their_own_styles_allowed_by_the_policy() {
    let styles_of = |html: &str| -> Vec<String> {
        html.split("<style>").skip(1).map(|rest| rest[..rest.find("</style>").unwrap()].to_string()).collect()
    };
    let home = page("en/index.html");
    assert_eq!(styles_of(&home).len(), 1, "other pages carry only the main sheet");
    for rel in ["en/help/us-tx/index.html", "es/help/mx-chh/print/index.html", "en/help/print/index.html"] {
        let html = page(rel);
        let styles = styles_of(&html);
        assert_eq!(styles.len(), 2, "{rel}: the main sheet and its page bundle");
        assert_eq!(styles[0], styles_of(&home)[0], "{rel}: the same main sheet");
        let csp_start = html.find("<meta content=\"default-src").expect("a CSP");
        let csp = &html[csp_start..csp_start + html[csp_start..].find('>').unwrap()];
        for css in &styles {
            assert!(csp.contains(&faro::render::policy::hash_source(css)), "{rel}: a style the policy blocks");
        }
    }
    assert!(styles_of(&page("en/help/us-tx/cards/index.html"))[1].contains("85.6mm"), "the cards' bundle");
}
