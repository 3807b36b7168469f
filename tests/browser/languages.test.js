// A partly translated language in the browser: the fixture site
// tests/sites/partial-language (English, Spanish, and Portuguese falling back
// to Spanish), built into a temporary folder and served. On pages that show
// Spanish words in Portuguese (who to call, a flyer, the home page with a
// Spanish chart, the landing page, a page whose switcher says it has no
// Portuguese translation), axe-core finds no WCAG 2.2 AA violation, in
// particular no `valid-lang` or `html-lang-valid`, and the browser gives the
// fallback words the language they are in.
//
// The shipped site has two complete languages, so this builds its own site:
// a few pages, one Chromium, a couple of seconds.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { PHONE, axeViolations, formatViolations, openSite } from "./browser.js";
import { REPO } from "./site.js";

const FIXTURE = path.join(REPO, "tests/sites/partial-language");
// The fixture names no exit_url: the built-in default.
const EXIT_URL = "https://www.bbc.com/weather";
const PAGES = ["/pt/help/us-tx/", "/pt/help/mx-bcn/print/", "/pt/", "/", "/en/learn/signs/"];

let dir;
let site;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "faro-languages-"));
  const out = path.join(dir, "site");
  const faro = path.join(REPO, "target/release/faro");
  const built = spawnSync(faro, ["build", "--root", FIXTURE, "--out", out], { encoding: "utf8" });
  assert.equal(built.status, 0, `the fixture did not build:\n${built.stdout}${built.stderr}`);
  site = await openSite(out, EXIT_URL);
});

after(async () => {
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a partly translated language: fallback words marked with their language", () => {
  for (const p of PAGES) {
    it(`${p}: no axe-core violation (valid-lang, html-lang-valid and the rest of WCAG 2.2 AA)`, () =>
      site.visitors.with({ viewport: PHONE, axe: true }, async ({ page }) => {
        const url = `${site.server.origin}${p}`;
        const response = await page.goto(url);
        assert.equal(response.status(), 200, url);
        const violations = await axeViolations(page);
        if (violations.length) assert.fail(formatViolations(url, violations));
      }));
  }

  it("the browser reads the Spanish words of a Portuguese page as Spanish", () =>
    site.visitors.with({ viewport: PHONE, axe: true }, async ({ page }) => {
      await page.goto(`${site.server.origin}/pt/help/us-tx/`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), "pt");
      const langOf = (selector) =>
        page.locator(selector).evaluate((el) => el.closest("[lang]").getAttribute("lang"));
      // An entry with no Portuguese name, and one with its own.
      assert.equal(await langOf("#us-hotline h3 span"), "es");
      assert.equal(await page.locator("#us-hotline h3").innerText(), "Línea de EE. UU.");
      assert.equal(await langOf("#mx-hotline h3"), "pt");
      // A Spanish sentence naming a country in Portuguese.
      assert.equal(await langOf("#us-hotline .entry-scope > span"), "es");
      assert.equal(await langOf("#us-hotline .entry-scope > span > span"), "pt");
    }));
});
