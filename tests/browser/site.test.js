// Browser tests of the built site (public/), in one shared Debian Chromium.
// Every page (of the printable flyers and card sheets, those of a few regions;
// print.test.js checks them all in print): the 14 KB gzip budget, WCAG 2.2 AA with axe-core at phone and
// desktop sizes, reflow at 320 px, print, privacy (no other host, no cookie,
// no storage), and the quick exit with JavaScript off. The largest page of
// each kind: tab order and the sticky bar with JavaScript off, the quick exit
// with JavaScript on (click, Shift three times, Back) and focus never hidden
// behind the sticky exit bar. The home pages: the shortcut's finer points,
// the page cache, and reduced motion. Region pages of a few regions: the size
// of every contact's tap target.
//
// Run by scripts/test (and scripts/browser-tests.sh) after a build;
// `node --test tests/browser/`
// runs it on the current public/, and BROWSER_TESTS_PAGES=<regex> limits it
// to the pages whose URL path matches (BROWSER_TESTS_CONCURRENCY sets how
// many pages are checked at once).

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { EXIT_URL, LANGUAGES, PUBLIC, REPO, SAMPLE_SHEET_REGIONS, isSampleSheet, pages, representatives, strings } from "./site.js";
import {
  DESKTOP,
  NARROW,
  PHONE,
  START_URL,
  axeViolations,
  clickShownExitLink,
  exitLinks,
  formatViolations,
  openSite,
  shownExitLink,
} from "./browser.js";

// Flyers and card sheets of a few regions stand for all of them here (there
// are four per region); print.test.js checks every one in print.
// The budget, a cheap check of the files, covers every page.
const ALL_PAGES = pages();
const PAGES = ALL_PAGES.filter((p) => !p.sheet || isSampleSheet(p));
const CONTENT_PAGES = PAGES.filter((p) => !p.redirect);
const REDIRECTS = PAGES.filter((p) => p.redirect);
// The largest page of each kind, for checks that walk a page key by key.
const KINDS = representatives(CONTENT_PAGES);
const BUDGET = 14 * 1024;
const CONCURRENCY = Number(process.env.BROWSER_TESTS_CONCURRENCY ?? 4);
const T = Object.fromEntries(LANGUAGES.map((l) => [l, strings(l)]));

// One page per language (its home) and the bilingual landing page, for the
// checks of the shortcut's finer behaviour.
const SAMPLES = ["/", ...LANGUAGES.map((l) => `/${l}/`)]
  .map((p) => CONTENT_PAGES.find((c) => c.path === p))
  .filter(Boolean);

let site;
let server;
let visitors;

before(async () => {
  assert.ok(CONTENT_PAGES.length > 0, `no HTML pages in ${PUBLIC}: build the site first`);
  site = await openSite(PUBLIC, EXIT_URL);
  ({ server, visitors } = site);
});

after(() => site?.close());

// Runs `fn(visit)` for a visitor with these browser options (see Visitors).
const visit = (options, fn, how) => visitors.with(options, fn, how);

const urlOf = (p) => server.origin + p.path;
const size = (v) => `${v.width}×${v.height}`;

// What the visitor hears from the status region, all whitespace collapsed.
async function statusText(page) {
  const texts = await page.getByRole("status").allTextContents();
  return texts.join(" ").replace(/\s+/g, " ").trim();
}

function assertSaysInEachLanguage(text, p, key, what) {
  for (const lang of p.languages) {
    assert.ok(text.includes(T[lang][key]), `${p.path}: ${what} should say "${T[lang][key]}", it says "${text}"`);
  }
}

// Opens `p` after a page of another site, so that Back has somewhere to go.
async function openFromElsewhere(page, p) {
  await page.goto(START_URL);
  await page.goto(urlOf(p));
}

async function assertLeftForGood(v, p) {
  await v.page.waitForURL(EXIT_URL, { timeout: 15000 });
  assert.equal(v.page.url(), EXIT_URL, `${p.path}: the exit should lead to ${EXIT_URL}`);
  assert.ok(v.exits.length > 0, `${p.path}: the exit site was not requested`);
  await v.page.goBack();
  assert.equal(v.page.url(), START_URL, `${p.path}: Back should skip the exited page, but went to ${v.page.url()}`);
}

// The page fits its viewport's width: nothing makes it scroll sideways.
async function assertNoSidewaysScroll(page, what) {
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
      .slice(0, 5)
      .map((el) => el.outerHTML.slice(0, 120));
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  assert.ok(
    result.scrollWidth <= result.clientWidth,
    `${what} scrolls sideways (${result.scrollWidth} > ${result.clientWidth}); too wide:\n  ${result.wide.join("\n  ")}`,
  );
}

// Polls `fn` in the page from Node, which works with JavaScript off too
// (page.waitForFunction needs the page's own scripts to run).
async function until(page, fn, arg, what) {
  for (let i = 0; i < 150; i++) {
    if (await page.evaluate(fn, arg)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(what);
}

describe("page budget: HTML + CSS + JS at most 14 KB gzip", () => {
  function linkedFiles(html, p) {
    const refs = [];
    for (const tag of html.match(/<(link|script)\b[^>]*>/gi) ?? []) {
      const attr = (name) =>
        new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag)?.slice(1).find((v) => v !== undefined);
      const isScript = /^<script/i.test(tag);
      const href = isScript ? attr("src") : /stylesheet/i.test(attr("rel") ?? "") ? attr("href") : null;
      if (href) refs.push(href);
    }
    const base = new URL(p.path, "http://site.invalid");
    return refs
      .map((ref) => new URL(ref, base))
      .filter((u) => u.origin === base.origin)
      .map((u) => {
        const file = path.join(PUBLIC, decodeURIComponent(u.pathname));
        return existsSync(file) && statSync(file).isDirectory() ? path.join(file, "index.html") : file;
      });
  }

  for (const p of ALL_PAGES) {
    it(p.path, () => {
      const html = readFileSync(p.file);
      let total = gzipSync(html).length;
      const parts = [`HTML ${total} B`];
      for (const file of linkedFiles(html.toString("utf8"), p)) {
        assert.ok(existsSync(file), `${p.path} links ${path.relative(PUBLIC, file)}, which is not in the output`);
        const n = gzipSync(readFileSync(file)).length;
        total += n;
        parts.push(`${path.relative(PUBLIC, file)} ${n} B`);
      }
      assert.ok(total <= BUDGET, `${p.path} is ${total} B gzip, over the ${BUDGET} B budget (${parts.join(", ")})`);
    });
  }
});

// Every page, as a visitor with JavaScript on: one load, then each check on
// the page as it is (the viewport is resized between them, which re-lays the
// page out as a fresh load at that size would).
describe("every page, JavaScript on: WCAG 2.2 AA, reflow, print, privacy, Shift three times", { concurrency: CONCURRENCY }, () => {
  for (const p of CONTENT_PAGES) {
    it(p.path, (t) =>
      visit({ viewport: PHONE, axe: true }, async (v) => {
        const { page, context } = v;
        const errors = [];
        const onConsole = (m) => m.type() === "error" && errors.push(m.text());
        const onError = (e) => errors.push(String(e));
        const requested = [];
        const onRequest = (r) => requested.push(r.url());
        page.on("console", onConsole);
        page.on("pageerror", onError);
        page.on("request", onRequest);
        try {
          const response = await page.goto(urlOf(p));
          assert.equal(response.status(), 200, `${p.path}: status`);
          await t.test("one request: the page itself, with its style and script inside", () => {
            assert.deepEqual(requested, [urlOf(p)], `${p.path} made other requests`);
          });

          for (const viewport of [PHONE, DESKTOP]) {
            await t.test(`axe-core finds no WCAG 2.2 AA violation at ${size(viewport)}`, async () => {
              await page.setViewportSize(viewport);
              const violations = await axeViolations(page);
              if (violations.length) assert.fail(formatViolations(`${urlOf(p)} at ${size(viewport)}`, violations));
            });
          }

          await t.test("no horizontal scrolling at 320 px", async () => {
            await page.setViewportSize(NARROW);
            await assertNoSidewaysScroll(page, `${p.path} at 320 px`);
          });

          await t.test("print shows the content without the quick exit, skip links or navigation", async () => {
            await page.setViewportSize(DESKTOP);
            await page.emulateMedia({ media: "print" });
            const printed = await page.evaluate((exitUrl) => {
              const shown = (el) => el.checkVisibility();
              return {
                exit: [...document.querySelectorAll(`a[href="${exitUrl}"]`)].filter(shown).length,
                skip: [...document.querySelectorAll('a[href^="#"]')].filter((a) => shown(a) && !a.closest("main")).length,
                nav: [...document.querySelectorAll("nav")].filter(shown).length,
                main: shown(document.querySelector("main")),
              };
            }, EXIT_URL);
            await page.emulateMedia({ media: null });
            assert.deepEqual(printed, { exit: 0, skip: 0, nav: 0, main: true }, `${p.path} in print`);
          });

          await t.test("no other host, no cookie, nothing stored, no blocked style or script", async () => {
            try {
              await page.setViewportSize(PHONE);
              // What a visitor does: move through the links, start the shortcut, scroll.
              for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
              await page.keyboard.press("Shift");
              await scrollToEnd(page);
              const state = await page.evaluate(async () => ({
                cookie: document.cookie,
                localStorage: localStorage.length,
                sessionStorage: sessionStorage.length,
                caches: "caches" in window ? (await caches.keys()).length : 0,
                serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
                indexedDB: indexedDB.databases ? (await indexedDB.databases()).length : 0,
                referrerPolicy: document.querySelector('meta[name="referrer"]')?.content ?? null,
              }));
              assert.deepEqual(v.outside, [], `${p.path} asked another host`);
              assert.deepEqual(v.exits, [], `${p.path} asked the exit site without being told to`);
              assert.deepEqual(await context.cookies(), [], `${p.path} set a cookie`);
              assert.deepEqual(
                state,
                { cookie: "", localStorage: 0, sessionStorage: 0, caches: 0, serviceWorkers: 0, indexedDB: 0, referrerPolicy: "no-referrer" },
                `${p.path} left something on the device, or has no referrer policy`,
              );
              assert.deepEqual((await context.storageState()).origins, [], `${p.path} stored data`);
              if (errors.length) {
                assert.fail(`${p.path}: errors in the console (a blocked style or script breaks the page):\n  ${errors.join("\n  ")}`);
              }
            } catch (error) {
              // Whatever this page left behind must not be blamed on the next.
              v.discard = true;
              throw error;
            }
          });
          await t.test("Shift pressed three times asks for the neutral site, as the whole tab", async () => {
            v.stayOnExit = true;
            await page.keyboard.press("a"); // any other key starts the count again
            for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
            for (let i = 0; i < 300 && !v.exits.length; i++) await new Promise((r) => setTimeout(r, 10));
            assert.equal(v.exits.length, 1, `${p.path}: Shift three times did not lead to ${EXIT_URL}`);
            assert.ok(v.exits[0].navigation, `${p.path}: the exit did not navigate the tab`);
            assert.equal(v.exits[0].url, EXIT_URL);
          });
        } finally {
          page.off("console", onConsole);
          page.off("pageerror", onError);
          page.off("request", onRequest);
        }
      }));
  }
});

describe("every page, JavaScript off: the quick exit is there and works", { concurrency: CONCURRENCY }, () => {
  for (const p of CONTENT_PAGES) {
    it(p.path, () =>
      visit({ viewport: PHONE, javaScriptEnabled: false }, async (v) => {
        const { page } = v;
        await page.goto(urlOf(p));
        const links = await exitLinks(page, EXIT_URL);
        const shown = links.filter((l) => l.shown);
        assert.equal(shown.length, 1, `${p.path}: expected one exit link in view, found ${JSON.stringify(links)}`);
        for (const l of links) {
          assert.deepEqual(l.rel.split(/\s+/).sort(), ["nofollow", "noreferrer"], `${p.path}: exit link rel="${l.rel}"`);
        }
        assertSaysInEachLanguage(shown[0].text, p, "exit_this_page", "the exit link");

        // Following it navigates the tab to the neutral site, with no Referer.
        v.stayOnExit = true;
        await clickShownExitLink(page, EXIT_URL);
        for (let i = 0; i < 300 && !v.exits.length; i++) await new Promise((r) => setTimeout(r, 20));
        assert.equal(v.exits.length, 1, `${p.path}: the exit link did not lead to ${EXIT_URL}`);
        assert.equal(v.exits[0].url, EXIT_URL);
        assert.ok(v.exits[0].navigation, `${p.path}: the exit did not navigate the tab`);
        assert.equal(v.exits[0].headers.referer, undefined, `${p.path}: the exit request carried a Referer`);
      }));
  }
});

// Scrolls to the end of the page at once (the End key scrolls smoothly, which
// only makes the test wait).
function scrollToEnd(page) {
  return page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" }));
}

// Scrolls to the end of page `p` and waits until the view is there.
async function scrollToEndAndWait(page, p) {
  await scrollToEnd(page);
  await until(
    page,
    () => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1,
    null,
    `${p.path}: the page did not scroll to its end`,
  );
}

describe("JavaScript off: the exit comes first in tab order and stays in view (a page of each kind)", { concurrency: CONCURRENCY }, () => {
  for (const p of KINDS) {
    it(p.path, (t) =>
      visit({ viewport: PHONE, javaScriptEnabled: false }, async ({ page }) => {
        await page.goto(urlOf(p));

        await t.test("the first tab stop is the skip link, the second an exit link, both visible", async () => {
          const focused = () =>
            page.evaluate(() => {
              const a = document.activeElement;
              const r = a.getBoundingClientRect();
              const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
              return {
                href: a.getAttribute("href"),
                rel: a.getAttribute("rel"),
                text: a.textContent.replace(/\s+/g, " ").trim(),
                inView: r.top >= 0 && r.bottom <= innerHeight && r.width > 0 && (hit === a || a.contains(hit)),
              };
            });
          await page.keyboard.press("Tab");
          const first = await focused();
          assert.ok(first.href?.startsWith("#"), `${p.path}: the first tab stop should be the skip link, is ${JSON.stringify(first)}`);
          assert.ok(first.inView, `${p.path}: the focused skip link is not visible`);
          await page.keyboard.press("Tab");
          const second = await focused();
          assert.equal(second.href, EXIT_URL, `${p.path}: the second tab stop should leave the site, is ${JSON.stringify(second)}`);
          assert.ok(second.inView, `${p.path}: the focused exit skip link is not visible`);
          assertSaysInEachLanguage(second.text, p, "exit_skip", "the exit skip link");
          await page.keyboard.press("Shift+Tab");
          await page.keyboard.press("Shift+Tab");
        });

        await t.test("the exit link stays in view, uncovered, at the end of the page", async () => {
          await scrollToEndAndWait(page, p);
          const atEnd = (await exitLinks(page, EXIT_URL)).filter((l) => l.shown);
          assert.equal(atEnd.length, 1, `${p.path}: the exit link is not in view at the end of the page`);
        });
      }));
  }
});

describe("JavaScript off: the exit skip link leaves with the keyboard (a page of each kind)", { concurrency: CONCURRENCY }, () => {
  for (const p of KINDS) {
    it(p.path, () =>
      visit({ viewport: PHONE, javaScriptEnabled: false }, async ({ page }) => {
        await page.goto(urlOf(p));
        await page.keyboard.press("Tab");
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
        await page.waitForURL(EXIT_URL, { timeout: 15000 });
      }));
  }
});

describe("JavaScript on: clicking the exit leaves, and Back does not return (a page of each kind)", { concurrency: CONCURRENCY }, () => {
  for (const p of KINDS) {
    it(p.path, () =>
      visit({ viewport: PHONE }, async (v) => {
        await openFromElsewhere(v.page, p);
        await clickShownExitLink(v.page, EXIT_URL);
        await assertLeftForGood(v, p);
      }));
  }
});

// `history: single` in content/site.yaml: links between the site's pages
// replace the current history entry, so that once the exit replaces the last
// one the tab's Back list holds no page of the visit.
const SINGLE_HISTORY = /^history:\s*single\s*$/m.test(readFileSync(path.join(REPO, "content/site.yaml"), "utf8"));
const TRAIL = ["/en/help/", "/en/help/us-tx/", "/en/learn/"];

async function followTrail(page) {
  for (const href of TRAIL) {
    await page.locator(`a[href="${href}"] >> visible=true`).first().click();
    await page.waitForURL(server.origin + href);
  }
}

describe("history: single: after the quick exit, Back leads out of the visit", { concurrency: CONCURRENCY }, () => {
  it("content/site.yaml turns it on for the shipped site", () => assert.ok(SINGLE_HISTORY));

  for (const how of ["the exit button", "Shift three times"]) {
    it(`home page, three links, then ${how}`, () =>
      visit({ viewport: DESKTOP }, async (v) => {
        const { page } = v;
        await page.goto(START_URL);
        await page.goto(`${server.origin}/en/`);
        const before = await page.evaluate(() => history.length);
        await followTrail(page);
        assert.equal(await page.evaluate(() => history.length), before, "following links added history entries");
        if (how === "the exit button") await clickShownExitLink(page, EXIT_URL);
        else for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
        await page.waitForURL(EXIT_URL, { timeout: 15000 });
        await page.goBack();
        assert.equal(page.url(), START_URL, `Back from the exit should lead to the page before the visit, went to ${page.url()}`);
      }));
  }

  it("JavaScript off: links still work as plain links", () =>
    visit({ viewport: DESKTOP, javaScriptEnabled: false }, async ({ page }) => {
      await page.goto(`${server.origin}/en/`);
      await followTrail(page);
      assert.equal(page.url(), server.origin + TRAIL.at(-1));
    }));
});

describe("JavaScript on: Shift three times leaves, counting down aloud (a page of each kind)", { concurrency: CONCURRENCY }, () => {
  for (const p of KINDS) {
    it(p.path, () =>
      visit({ viewport: DESKTOP }, async (v) => {
        const { page } = v;
        await openFromElsewhere(page, p);
        await page.keyboard.press("Shift");
        assertSaysInEachLanguage(await statusText(page), p, "exit_status_2", "after one Shift, the status");
        await page.keyboard.press("Shift");
        assertSaysInEachLanguage(await statusText(page), p, "exit_status_1", "after two Shifts, the status");
        assert.equal(v.exits.length, 0, `${p.path}: left after two presses of Shift`);
        await page.keyboard.press("Shift");
        await assertLeftForGood(v, p);
      }));
  }
});

describe("JavaScript on: the shortcut's details", { concurrency: CONCURRENCY }, () => {
  for (const p of SAMPLES) {
    it(`${p.path}: Shift used with another key does not count`, () =>
      visit({ viewport: DESKTOP }, async (v) => {
        const { page } = v;
        await page.goto(urlOf(p));
        for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+A");
        await page.keyboard.press("Shift");
        await page.keyboard.press("Shift");
        await page.keyboard.press("Shift+A");
        await page.keyboard.press("Shift");
        for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+Tab");
        await page.waitForTimeout(300);
        assert.equal(v.exits.length, 0, `${p.path}: Shift as a modifier counted towards the exit`);
        assert.equal(page.url(), urlOf(p));
      }));

    it(`${p.path}: the count expires after 5 seconds without a press`, () =>
      visit(
        { viewport: DESKTOP },
        async (v) => {
          const { page } = v;
          await page.clock.install();
          await page.goto(urlOf(p));
          await page.keyboard.press("Shift");
          await page.keyboard.press("Shift");
          await page.clock.runFor(5100);
          assertSaysInEachLanguage(await statusText(page), p, "exit_expired", "after the count expired, the status");
          await page.keyboard.press("Shift");
          await page.keyboard.press("Shift");
          await page.waitForTimeout(300);
          assert.equal(v.exits.length, 0, `${p.path}: presses before the expiry still counted`);
          await page.keyboard.press("Shift");
          await page.waitForURL(EXIT_URL, { timeout: 15000 });
        },
        { fresh: true },
      ));

    it(`${p.path}: shown again from the page cache, the page is no longer blank`, () =>
      visit({ viewport: PHONE }, async (v) => {
        const { page } = v;
        // The exit site answers 204, so the tab stays on the blanked page;
        // the browser then shows it again as it would from its page cache.
        v.stayOnExit = true;
        await page.goto(urlOf(p));
        const title = await page.title();
        await clickShownExitLink(page, EXIT_URL);
        await until(page, () => !!document.querySelector("[role=alert]"), null, `${p.path}: not blanked by the exit`);
        const after = await page.evaluate(() => {
          window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
          return {
            alert: !!document.querySelector("[role=alert]"),
            title: document.title,
            main: document.querySelector("main").checkVisibility(),
          };
        });
        assert.deepEqual(after, { alert: false, title, main: true }, `${p.path}: still blank when shown again`);
      }));

    it(`${p.path}: the page is blank, saying only that it is loading, while leaving`, () =>
      visit({ viewport: PHONE }, async (v) => {
        const { page } = v;
        await page.goto(urlOf(p));
        // Looked at in the same task as the click: this is what stays on the
        // screen while the exit site loads (once the navigation is under way
        // the page can no longer be inspected).
        const seen = await page.evaluate((exitUrl) => {
          const link = [...document.querySelectorAll(`a[href="${exitUrl}"]`)].find((a) => {
            const r = a.getBoundingClientRect();
            return a.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
          });
          link.click();
          const alert = document.querySelector("[role=alert]");
          const shown = [...document.body.querySelectorAll("*")].filter(
            (el) => el.checkVisibility() && el.textContent.trim() && !alert?.contains(el),
          );
          const r = alert?.getBoundingClientRect();
          return {
            texts: shown.map((el) => el.textContent.replace(/\s+/g, " ").trim()),
            alert: alert?.textContent.replace(/\s+/g, " ").trim() ?? null,
            covers: !!r && r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight,
            title: document.title,
          };
        }, EXIT_URL);
        assert.ok(seen.alert !== null, `${p.path}: no alert while leaving`);
        assertSaysInEachLanguage(seen.alert, p, "exit_loading", "the blank page");
        assertSaysInEachLanguage(seen.title, p, "exit_loading", "the tab's title");
        assert.ok(seen.covers, `${p.path}: the blank overlay does not cover the viewport`);
        assert.deepEqual(seen.texts, [], `${p.path}: still visible while leaving`);
        await page.waitForURL(EXIT_URL, { timeout: 15000 });
        assert.equal(v.exits.length, 1);
      }));
  }
});

// Walks the focus with `key` until it leaves the page or comes round again,
// and lists every focused element that is out of view, or partly hidden
// behind content that stays put while the page scrolls (the sticky exit bar,
// or anything else sticky or fixed).
async function walkFocus(page, key, max) {
  const problems = [];
  const seen = new Set();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const s = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return { done: true };
      const id = [...document.querySelectorAll("*")].indexOf(el);
      const text = (el.getAttribute("aria-label") || el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 50);
      const desc = `<${el.tagName.toLowerCase()}${el.hasAttribute("href") ? ` href="${el.getAttribute("href")}"` : ""}> "${text}"`;
      const box = [...el.getClientRects()].find((r) => r.width > 0 && r.height > 0);
      if (!box) return { id, desc, problem: "has no box" };
      const top = Math.max(box.top, 0);
      const bottom = Math.min(box.bottom, innerHeight);
      if (bottom - top < 1) return { id, desc, problem: `is outside the viewport (top ${Math.round(box.top)})` };
      const left = Math.max(box.left, 0);
      const right = Math.min(box.right, document.documentElement.clientWidth);
      const stuck = (node) => {
        for (let n = node; n && n !== document.body; n = n.parentElement) {
          const position = getComputedStyle(n).position;
          if (position === "sticky" || position === "fixed") return n;
        }
        return null;
      };
      // Tall boxes cannot be seen whole; their top must be.
      const lowest = box.height > innerHeight / 2 ? top + 8 : bottom - 1;
      const covers = [];
      for (const x of [left + 1, (left + right) / 2, right - 1]) {
        for (const y of [top + 1, (top + lowest) / 2, lowest]) {
          const hit = document.elementFromPoint(x, y);
          const cover = hit && !el.contains(hit) && stuck(hit);
          if (cover && !cover.contains(el)) covers.push(`<${cover.tagName.toLowerCase()}${cover.id ? ` id="${cover.id}"` : ""}>`);
        }
      }
      const problem = covers.length ? `is partly hidden behind ${[...new Set(covers)].join(", ")}` : null;
      return { id, desc, problem };
    });
    if (s.done || seen.has(s.id)) break;
    seen.add(s.id);
    if (s.problem) problems.push(`${key}: ${s.desc} ${s.problem}`);
  }
  return { problems, count: seen.size };
}

describe("focus is never hidden behind the sticky exit bar (a page of each kind)", { concurrency: CONCURRENCY }, () => {
  for (const p of KINDS) {
    for (const viewport of [PHONE, DESKTOP]) {
      it(`${p.path} at ${size(viewport)}`, () =>
        visit({ viewport }, async ({ page }) => {
          await page.goto(urlOf(p));
          const max =
            (await page.locator("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])").count()) + 3;
          // Backwards is where a sticky bar hides focus (the page scrolls
          // the focused element up to its top edge); forwards is walked too
          // on a phone, where the bar is tallest.
          const forward = viewport === PHONE ? await walkFocus(page, "Tab", max) : { problems: [], count: 0 };
          const backward = await walkFocus(page, "Shift+Tab", max);
          assert.ok(backward.count > 2, `${p.path}: only ${backward.count} tab stops`);
          assert.equal(page.url(), urlOf(p), `${p.path}: tabbing left the page`);
          const problems = [...forward.problems, ...backward.problems];
          if (problems.length) assert.fail(`${p.path} at ${size(viewport)}:\n  ${problems.join("\n  ")}`);
        }));
    }
  }
});

// The region pages of the sample regions (one template and one style sheet
// serve them all): every number and web address is a button-sized tap target
// (44 × 44 px, above WCAG 2.5.8's 24) on a phone.
const REGION_PAGES = CONTENT_PAGES.filter((p) => {
  const parts = p.path.split("/").filter(Boolean);
  return parts.length === 3 && SAMPLE_SHEET_REGIONS.includes(parts[2]);
});

describe("who to call: every contact is a tap target of at least 44 × 44 px on a phone", { concurrency: CONCURRENCY }, () => {
  for (const p of REGION_PAGES) {
    it(p.path, () =>
      visit({ viewport: PHONE, javaScriptEnabled: false }, async ({ page }) => {
        await page.goto(urlOf(p));
        const small = await page.evaluate(() =>
          [...document.querySelectorAll("a.contact")]
            .map((a) => ({ text: a.textContent.trim(), box: a.getBoundingClientRect() }))
            .filter(({ box }) => box.width < 44 || box.height < 44)
            .map(({ text, box }) => `${text} (${Math.round(box.width)} × ${Math.round(box.height)} px)`),
        );
        assert.deepEqual(small, [], `${p.path}: contacts smaller than 44 × 44 px`);
      }));
  }
});

describe("reduced motion: nothing moves when the visitor asks for less motion", { concurrency: CONCURRENCY }, () => {
  for (const p of SAMPLES) {
    it(p.path, () =>
      visit({ viewport: PHONE, reducedMotion: "reduce" }, async ({ page }) => {
        await page.goto(urlOf(p));
        const link = await shownExitLink(page, EXIT_URL);
        await link.hover();
        await link.focus();
        const moving = await page.evaluate(() => {
          const out = [];
          for (const el of [document.documentElement, ...document.querySelectorAll("*")]) {
            const s = getComputedStyle(el);
            const timed = (v) => v.split(",").some((t) => parseFloat(t) > 0);
            if (timed(s.transitionDuration) || (s.animationName !== "none" && timed(s.animationDuration))) {
              out.push(el.tagName.toLowerCase());
            }
            if (el === document.documentElement && s.scrollBehavior === "smooth") out.push("html: smooth scrolling");
          }
          return out;
        });
        assert.deepEqual(moving, [], `${p.path}: animated under prefers-reduced-motion`);
      }));
  }
});

describe("hosting", () => {
  it("an unknown address shows the bilingual 404 page with the exit", () =>
    visit({ viewport: PHONE, javaScriptEnabled: false }, async ({ page }) => {
      const response = await page.goto(`${server.origin}/no/such/page/`);
      assert.equal(response.status(), 404);
      const links = (await exitLinks(page, EXIT_URL)).filter((l) => l.shown);
      assert.equal(links.length, 1, "no exit link in view on the 404 page");
      const text = await page.locator("main").innerText();
      for (const lang of LANGUAGES) assert.ok(text.includes(T[lang].not_found_title), `404 page lacks "${T[lang].not_found_title}"`);
    }));

  it("_headers gives every page the same policies as headers", { skip: !existsSync(path.join(PUBLIC, "_headers")) }, async () => {
    const home = CONTENT_PAGES[0];
    const response = await fetch(urlOf(home));
    const csp = response.headers.get("content-security-policy") ?? "";
    const metaTag = readFileSync(home.file, "utf8").match(/<meta\b[^>]*http-equiv="?Content-Security-Policy[^>]*>/i)?.[0] ?? "";
    const meta = /\scontent="([^"]+)"/i.exec(metaTag)?.[1];
    assert.ok(meta, "no CSP meta tag");
    for (const directive of meta.split(";").map((d) => d.trim())) {
      assert.ok(csp.includes(directive), `the CSP header lacks "${directive}"`);
    }
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers.get("referrer-policy"), "no-referrer");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.match(response.headers.get("permissions-policy") ?? "", /geolocation=\(\)/);
  });
});

describe("alias pages send the visitor on to a page of the site", { concurrency: CONCURRENCY }, () => {
  for (const p of REDIRECTS) {
    it(p.path, () =>
      visit({ viewport: PHONE }, async ({ page }) => {
        await page.goto(urlOf(p));
        await page.waitForURL((u) => u.pathname !== p.path, { timeout: 15000 });
        const landed = new URL(page.url());
        assert.equal(landed.origin, server.origin);
        assert.ok(
          CONTENT_PAGES.some((c) => c.path === landed.pathname),
          `${p.path} sends the visitor to ${landed.pathname}, which is not a page of the site`,
        );
      }));
  }
});

// What is wrong with the border of each element, seen against the colour
// behind it (the nearest background that is not transparent): a side with
// no width, no style or an invisible colour. Runs in the page.
function borderProblems(elements) {
  const clear = (c) => c === "transparent" || /^rgba\(.*,\s*0\)$/.test(c);
  const behind = (el) => {
    for (let n = el; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (!clear(c)) return c;
    }
    return "rgb(255, 255, 255)";
  };
  const problems = [];
  for (const el of elements) {
    const s = getComputedStyle(el);
    const bg = behind(el);
    const desc = `<${el.tagName.toLowerCase()} class="${el.className}"> "${el.textContent.replace(/\s+/g, " ").trim().slice(0, 40)}"`;
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      const width = parseFloat(s[`border${side}Width`]);
      const style = s[`border${side}Style`];
      const color = s[`border${side}Color`];
      if (!(width > 0) || style === "none" || style === "hidden" || clear(color) || color === bg) {
        problems.push(`${desc}: ${side.toLowerCase()} border ${width}px ${style} ${color} on ${bg}`);
      }
    }
  }
  return problems;
}

// Forced colours (Windows high contrast; emulated by the browser context):
// the system replaces backgrounds and drops shadows, so what is drawn as a
// button keeps its shape only through a border, which the system colours.
describe("forced colours: the quick exit and the contact buttons keep a visible border and focus (a page of each kind)", { concurrency: CONCURRENCY }, () => {
  for (const p of KINDS) {
    it(p.path, () =>
      visit({ viewport: PHONE, forcedColors: "active" }, async ({ page }) => {
        await page.goto(urlOf(p));
        assert.ok(await page.evaluate(() => matchMedia("(forced-colors: active)").matches), "forced colours are not emulated");

        const exit = await shownExitLink(page, EXIT_URL);
        assert.ok(exit, `${p.path}: no exit link in view with forced colours`);
        assert.deepEqual(await exit.evaluate((a, fn) => new Function(`return ${fn}`)()([a]), borderProblems.toString()), [], `${p.path}: the exit button has no visible border with forced colours`);

        const buttons = await page.evaluate(
          (fn) => new Function(`return ${fn}`)()(document.querySelectorAll("a.contact, .site-menu > summary")),
          borderProblems.toString(),
        );
        assert.deepEqual(buttons, [], `${p.path}: buttons with no visible border with forced colours`);

        // The skip link first, then a way out, each with a focus indicator.
        const focused = () =>
          page.evaluate((fn) => {
            const a = document.activeElement;
            const r = a.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            const s = getComputedStyle(a);
            return {
              href: a.getAttribute("href"),
              inView: r.top >= 0 && r.bottom <= innerHeight && r.width > 0 && (hit === a || a.contains(hit)),
              outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !/^rgba\(.*,\s*0\)$/.test(s.outlineColor),
              border: new Function(`return ${fn}`)()([a]),
            };
          }, borderProblems.toString());
        await page.keyboard.press("Tab");
        const first = await focused();
        assert.ok(first.href?.startsWith("#") && first.inView && first.outline, `${p.path}: the first tab stop should be the skip link, shown with an outline, is ${JSON.stringify(first)}`);
        await page.keyboard.press("Tab");
        const second = await focused();
        assert.equal(second.href, EXIT_URL, `${p.path}: the tab stop after the skip link should leave the site, is ${JSON.stringify(second)}`);
        assert.ok(second.inView && second.outline, `${p.path}: the focused exit link is not shown with an outline: ${JSON.stringify(second)}`);
        assert.deepEqual(second.border, [], `${p.path}: the focused exit link has no visible border`);
      }));
  }
});

// Text at 200%: the root font size doubled, as a visitor who enlarges the
// text gets it (the theme sizes everything in rem and em). Set through the
// CSS object model, which the page's style policy allows.
async function enlargeText(page) {
  const size = await page.evaluate(() => {
    document.documentElement.style.setProperty("font-size", "200%");
    return getComputedStyle(document.documentElement).fontSize;
  });
  assert.equal(size, "32px", "the root font size did not double");
}

describe("text at 200% on a phone: the heading on the first screen and a half, the exit on top, no sideways scrolling (a page of each kind)", { concurrency: CONCURRENCY }, () => {
  for (const p of KINDS) {
    for (const javaScriptEnabled of [true, false]) {
      it(`${p.path}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, (t) =>
        visit({ viewport: PHONE, javaScriptEnabled }, async ({ page }) => {
          await page.goto(urlOf(p));
          await enlargeText(page);

          await t.test("the page's own heading starts within 1.5 screens", async () => {
            const at = await page.evaluate(() => ({
              top: document.querySelector("main h1")?.getBoundingClientRect().top + scrollY,
              screen: innerHeight,
            }));
            assert.ok(at.top < 1.5 * at.screen, `${p.path}: main h1 starts at ${Math.round(at.top)} px, below ${1.5 * at.screen} px`);
          });

          await t.test("no horizontal scrolling", async () => {
            await assertNoSidewaysScroll(page, p.path);
          });

          await t.test("the main navigation is a folded menu that opens and shows every link", async () => {
            const menu = page.locator(".site-menu > summary");
            if (!(await page.locator("#site-nav").count())) return; // pages with no navigation
            const links = page.locator("#site-nav a");
            assert.ok(await menu.isVisible(), `${p.path}: no menu button at 200% text`);
            assert.equal(await links.first().isVisible(), false, `${p.path}: the navigation is not folded at 200% text`);
            await menu.click();
            const shown = await links.evaluateAll((as) => as.map((a) => a.checkVisibility()));
            assert.ok(shown.length > 0 && shown.every(Boolean), `${p.path}: the opened menu hides links: ${JSON.stringify(shown)}`);
            await menu.click();
          });

          await t.test("the exit stays on top, sticky and uncovered, at the end of the page", async () => {
            await scrollToEndAndWait(page, p);
            const bar = await page.evaluate(() => {
              const el = document.getElementById("exit");
              return { position: getComputedStyle(el).position, top: el.getBoundingClientRect().top };
            });
            assert.deepEqual(bar, { position: "sticky", top: 0 }, `${p.path}: the exit bar is not stuck to the top`);
            const shown = (await exitLinks(page, EXIT_URL)).filter((l) => l.shown);
            assert.equal(shown.length, 1, `${p.path}: the exit link is not in view at the end of the page`);
          });
        }));
    }
  }
});

// At the usual text size the navigation is open wherever its line holds it
// (the other tests follow its links on phones and computers), and folded on
// the narrowest phones.
describe("the main navigation: shown at the usual text size, a menu at 320 px", { concurrency: CONCURRENCY }, () => {
  for (const p of SAMPLES.filter((s) => s.languages.length === 1)) {
    for (const viewport of [PHONE, DESKTOP, NARROW]) {
      it(`${p.path} at ${size(viewport)}`, () =>
        visit({ viewport, javaScriptEnabled: false }, async ({ page }) => {
          await page.goto(urlOf(p));
          const menu = page.locator(".site-menu > summary");
          const first = page.locator("#site-nav a").first();
          if (viewport === NARROW) {
            assert.ok(await menu.isVisible(), `${p.path}: no menu button at ${size(viewport)}`);
            assert.equal(await first.isVisible(), false, `${p.path}: the navigation is not folded at ${size(viewport)}`);
            await menu.click();
          } else {
            assert.equal(await menu.isVisible(), false, `${p.path}: a menu button at ${size(viewport)}`);
          }
          assert.ok(await first.isVisible(), `${p.path}: the navigation is hidden at ${size(viewport)}`);
          await first.focus();
          assert.equal(await first.evaluate((a) => a === document.activeElement), true, `${p.path}: a navigation link takes no focus`);
        }));
    }
  }
});
