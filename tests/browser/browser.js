// Shared browser helpers for the tests: one headless Debian Chromium, neutral
// stand-in pages for the outside sites (the network is closed, and the tests
// must not reach it anyway), axe-core, and what a visitor sees of the exit.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

import { serve } from "./server.js";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
export const NARROW = { width: 320, height: 640 };

// A page on another site that the visitor came from before reaching ours.
export const START_URL = "https://start.example/";

export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-site-isolation-trials",
      "--disable-features=IsolateOrigins,site-per-process",
    ],
  });
}

// Browser contexts kept open and reused, one set per kind of visitor
// (viewport, JavaScript on or off): opening a page costs far more than
// loading one, and every test starts with a fresh navigation anyway.
//
// Every context answers the exit site and the start page with small
// stand-ins, and refuses and records requests to any other host. A test gets
// a `visit` with `page`, `context`, `exits` (requests to the exit site: URL,
// whether the whole tab navigates, headers) and `outside` (refused requests).
// With `visit.stayOnExit` set, the exit site answers 204 No Content, so the
// browser asks for it as a navigation but stays on our page: much cheaper
// than loading another site in another process, when only the request matters.
export class Visitors {
  constructor(browser, siteOrigin, exitUrl) {
    this.browser = browser;
    this.siteOrigin = siteOrigin;
    this.exitOrigin = new URL(exitUrl).origin;
    this.startOrigin = new URL(START_URL).origin;
    this.idle = new Map();
    this.all = new Set();
  }

  // `axe: true` in the options preloads axe-core into every document of the
  // context, which is much cheaper than sending it for each page.
  async open({ axe = false, ...options }) {
    const context = await this.browser.newContext(options);
    if (axe) await context.addInitScript({ content: AXE_SOURCE });
    const visit = { context, page: await context.newPage(), exits: [], outside: [] };
    await context.route(
      (url) => url.origin !== this.siteOrigin,
      async (route) => {
        const request = route.request();
        const origin = new URL(request.url()).origin;
        if (origin === this.exitOrigin) {
          visit.exits.push({
            url: request.url(),
            navigation: request.isNavigationRequest() && request.frame() === visit.page.mainFrame(),
            headers: await request.allHeaders(),
          });
          if (visit.stayOnExit) return route.fulfill({ status: 204 });
          return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Weather</title><p>Sunny." });
        }
        if (origin === this.startOrigin) {
          return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Start</title><p>Start" });
        }
        visit.outside.push(request.url());
        return route.abort();
      },
    );
    this.all.add(context);
    return visit;
  }

  // Runs `fn(visit)` in a reused context with `options`; `fresh` gives a new
  // context, closed afterwards (for tests that change the page's clock). A
  // context whose test failed, or that set `visit.discard`, is closed too, so
  // no failure leaks into the next test.
  async with(options, fn, { fresh = false } = {}) {
    const key = JSON.stringify(options);
    const idle = this.idle.get(key) ?? [];
    this.idle.set(key, idle);
    const visit = (!fresh && idle.pop()) || (await this.open(options));
    visit.exits = [];
    visit.outside = [];
    visit.discard = false;
    visit.stayOnExit = false;
    let ok = false;
    try {
      const result = await fn(visit);
      ok = true;
      return result;
    } finally {
      if (ok && !fresh && !visit.discard) {
        await visit.page.emulateMedia({ media: null });
        if (options.viewport) await visit.page.setViewportSize(options.viewport);
        idle.push(visit);
      } else {
        this.all.delete(visit.context);
        await visit.context.close();
      }
    }
  }

  async close() {
    await Promise.all([...this.all].map((c) => c.close()));
  }
}

// axe-core with the WCAG 2.2 AA rule set (which turns on target-size), run on
// the page as it is now. axe is loaded once per document (see Visitors), so a
// test can run it again after resizing the viewport. CSS selectors for the
// report are built only when there is something to report: they cost much.
export async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const run = (selectors) =>
    page.evaluate(
      (selectors) =>
        window.axe
          .run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] },
            resultTypes: ["violations"],
            selectors,
          })
          .then((r) => r.violations.map((v) => ({
            rule: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: selectors ? n.target.join(" ") : "", summary: n.failureSummary })),
          }))),
      selectors,
    );
  const quick = await run(false);
  return quick.length ? run(true) : quick;
}

export function formatViolations(url, violations) {
  return violations
    .map(
      (v) =>
        `${url}: ${v.rule} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    at ${n.target}\n      ${String(n.summary).replace(/\n/g, "\n      ")}`).join("\n"),
    )
    .join("\n");
}

// The links to the exit URL as a visitor sees them: for each, whether it is
// shown inside the viewport and is the topmost thing at its centre (so not
// covered), its accessible text and `rel`.
export function exitLinks(page, exitUrl) {
  return page.locator(`a[href="${exitUrl}"]`).evaluateAll((links) =>
    links.map((a) => {
      const r = a.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const inView = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&
        r.bottom <= window.innerHeight && r.right <= document.documentElement.clientWidth;
      const hit = inView ? document.elementFromPoint(x, y) : null;
      const style = getComputedStyle(a);
      return {
        shown: inView && style.visibility !== "hidden" && (hit === a || a.contains(hit)),
        text: a.textContent.replace(/\s+/g, " ").trim(),
        rel: a.getAttribute("rel") || "",
        x,
        y,
      };
    }),
  );
}

// The exit link a visitor sees without doing anything, as a locator.
export async function shownExitLink(page, exitUrl) {
  const links = await exitLinks(page, exitUrl);
  const i = links.findIndex((l) => l.shown);
  return i < 0 ? null : page.locator(`a[href="${exitUrl}"]`).nth(i);
}

// Clicks the exit link a visitor sees, with the mouse at its centre, as a
// visitor would (quicker than a locator's click, which waits for stability).
export async function clickShownExitLink(page, exitUrl) {
  const link = (await exitLinks(page, exitUrl)).find((l) => l.shown);
  if (!link) throw new Error(`no exit link in view at ${page.url()}`);
  await page.mouse.click(link.x, link.y);
}

// What a test file of the built site needs: `root` served on loopback, one
// headless Chromium and its Visitors. `close()` ends all three.
export async function openSite(root, exitUrl) {
  const server = await serve(root);
  let browser;
  try {
    browser = await launch();
  } catch (error) {
    await server.close();
    throw error;
  }
  const visitors = new Visitors(browser, server.origin, exitUrl);
  return {
    server,
    visitors,
    async close() {
      await visitors.close();
      await browser.close();
      await server.close();
    },
  };
}
