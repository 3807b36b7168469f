// The portable build (`faro build --portable`), opened from disk in Chromium
// as an outreach worker would from a USB stick: a visitor starts at the
// landing page and clicks through to a language, a section, a page and a
// region's numbers, and back through the language switcher. Each page loads
// from a file, with its styles and scripts allowed, the quick exit in view
// and nothing asked of any server.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { PHONE, exitLinks, launch } from "./browser.js";
import { EXIT_URL, REPO } from "./site.js";

let browser;
let dir;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), "faro-portable-"));
  const faro = path.join(REPO, "target/release/faro");
  const built = spawnSync(faro, ["build", "--portable", "--root", REPO, "--out", path.join(dir, "site")], {
    encoding: "utf8",
  });
  assert.equal(built.status, 0, `the portable build failed:\n${built.stdout}${built.stderr}`);
  return launch().then((b) => (browser = b));
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("portable build, opened from disk", () => {
  it("a visitor clicks from the landing page to a region's numbers and back to Spanish", async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const requests = [];
    await context.route(/^https?:/, (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    try {
      const landing = pathToFileURL(path.join(dir, "site", "index.html")).href;
      await page.goto(landing);

      const seen = [];
      const arrive = async (what) => {
        await page.waitForLoadState("load");
        const url = page.url();
        assert.ok(url.startsWith("file://") && url.endsWith("/index.html"), `${what}: opened ${url}, not a file`);
        const state = await page.evaluate(() => ({
          h1: document.querySelector("h1")?.textContent.trim() ?? "",
          styled: getComputedStyle(document.querySelector(".exit-bar")).position,
          hint: !document.querySelector("[data-exit-hint]")?.hidden,
        }));
        assert.ok(state.h1, `${what}: no heading at ${url}`);
        assert.notEqual(state.styled, "static", `${what}: the styles did not apply at ${url}`);
        assert.ok(state.hint, `${what}: the quick-exit script did not run at ${url}`);
        const shown = (await exitLinks(page, EXIT_URL)).filter((l) => l.shown);
        assert.equal(shown.length, 1, `${what}: the exit link is not in view at ${url}`);
        seen.push(state.h1);
      };

      await arrive("the landing page");
      const clicks = [
        ["English", (p) => p.locator("main a", { hasText: "Enter the site in English" })],
        ["the learn section", (p) => p.locator("nav.site-nav a", { hasText: "Learn" })],
        ["a page of the section", (p) => p.locator("main .cards a").first()],
        ["the help index", (p) => p.locator("#who-to-call a").last()],
        ["Texas", (p) => p.locator("main a", { hasText: "Texas" }).first()],
        ["the Spanish version", (p) => p.locator("nav.lang-switch a").first()],
      ];
      for (const [what, link] of clicks) {
        await link(page).click();
        await arrive(what);
      }
      assert.match(page.url(), /\/es\/ayuda\/us-tx\/index\.html$/);
      assert.equal(await page.locator("html").getAttribute("lang"), "es");
      assert.deepEqual(requests, [], "a page from disk asked a server");
      assert.deepEqual(errors, [], "errors in the console (a blocked style or script)");
    } finally {
      await context.close();
    }
  });
});
