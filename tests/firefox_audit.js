// The privacy audit in Firefox ESR (Tor Browser's base), driven through
// WebDriver BiDi by puppeteer-core (pinned in tests/package.json). Run by
// tests/test_firefox.py, never on its own:
//
//   node firefox_audit.js '{"runs": [{"base": "...", "allowed": ["..."], "pages": [...]}, ...], ...}'
//
// It launches Firefox once and goes through each run (a base address: the
// site over HTTP, or from file://) in it. It prints a list of JSON objects,
// one per run: what each check saw (requests outside the site, storage,
// console errors, search results, the self-check, the quick exit). The
// Python test decides what passes. With "javascript": false it starts
// Firefox with JavaScript switched off (Tor Browser's "Safest") and only
// reads what the pages show.
"use strict";
const puppeteer = require("puppeteer-core");

const job = JSON.parse(process.argv[2]);
const FIREFOX = job.firefox || "/usr/bin/firefox-esr";

// Same idea as STORAGE_SPY in tests/conftest.py: record any attempt to write
// browser storage, even one that is later undone.
const STORAGE_SPY = `(() => {
  const writes = [];
  Object.defineProperty(window, "__storageWrites", { value: writes });
  const note = (what) => { try { writes.push(what + " @ " + location.pathname); } catch (e) {} };
  for (const name of ["setItem", "removeItem", "clear"]) {
    const orig = Storage.prototype[name];
    Storage.prototype[name] = function (...args) { note("Storage." + name + "(" + String(args[0]) + ")"); return orig.apply(this, args); };
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(Document.prototype, "cookie", {
    get() { return cookie.get.call(this); },
    set(v) { note("document.cookie=" + v); return cookie.set.call(this, v); },
  });
  if (window.indexedDB) {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...a) { note("indexedDB.open(" + a[0] + ")"); return open.apply(this, a); };
  }
  if (navigator.serviceWorker) {
    const reg = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...a) { note("serviceWorker.register(" + a[0] + ")"); return reg.apply(this, a); };
  }
})();`;

async function storage(page) {
  return page.evaluate(async () => {
    const state = {};
    try { state.localStorage = Object.keys(localStorage); } catch (e) { state.localStorage = []; }
    try { state.sessionStorage = Object.keys(sessionStorage); } catch (e) { state.sessionStorage = []; }
    state.cookie = document.cookie;
    try { state.indexedDB = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : []; } catch (e) { state.indexedDB = []; }
    try { state.caches = window.caches ? await caches.keys() : []; } catch (e) { state.caches = []; }
    try {
      state.serviceWorkers = navigator.serviceWorker
        ? (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope) : [];
    } catch (e) { state.serviceWorkers = []; }
    state.writes = window.__storageWrites ? [...window.__storageWrites] : [];
    return state;
  });
}

function storedAnything(state) {
  return ["localStorage", "sessionStorage", "indexedDB", "caches", "serviceWorkers", "writes"]
    .some((key) => state[key] && state[key].length) || Boolean(state.cookie);
}

async function newPage(browser, report, run) {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 780 });
  if (job.javascript !== false) await page.evaluateOnNewDocument(STORAGE_SPY);
  page.on("request", (request) => {
    const url = request.url();
    if (!run.allowed.some((prefix) => url.startsWith(prefix)) && !/^(data|blob|about):/.test(url)) {
      report.outside.push(url);
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error") report.consoleErrors.push(page.url() + ": " + message.text());
  });
  page.on("pageerror", (error) => report.consoleErrors.push(page.url() + ": " + error.message));
  return page;
}

async function load(page, url) {
  await page.goto(url, { waitUntil: "load" });
}

// The page's address once it has left `from` (or `from` after 10 s).
async function settledUrl(page, from) {
  for (let i = 0; i < 50 && page.url() === from; i++) await new Promise((r) => setTimeout(r, 200));
  return page.url();
}

async function search(page, words) {
  await page.click("label.md-header__button[for=__search]");
  await page.type("input.md-search__input", words);
  await page.waitForSelector(".md-search-result__item", { timeout: 15000 });
  return page.$$eval(".md-search-result__item", (items) => items.length);
}

async function everyPage(browser, report, run) {
  const page = await newPage(browser, report, run);
  for (const rel of run.pages) {
    await load(page, run.base + rel);
    const state = await storage(page);
    if (storedAnything(state)) report.stored.push({ page: rel, state });
  }
  await page.close();
}

async function searches(browser, report, run) {
  const page = await newPage(browser, report, run);
  for (const [rel, words] of [["index.html", "phone"], ["zh/index.html", "手机"]]) {
    await load(page, run.base + rel);
    report.search[rel] = await search(page, words);
    const state = await storage(page);
    if (storedAnything(state)) report.stored.push({ page: rel + " (search)", state });
  }
  await page.close();
}

async function selfCheck(browser, report, run) {
  const page = await newPage(browser, report, run);
  await load(page, run.base + "check.html");
  const before = await page.$eval("#self-check-result", (r) => r.innerText);
  await page.click("form#self-check input[type=radio]");
  await page.waitForFunction((b) => document.getElementById("self-check-result").innerText !== b, {}, before);
  report.selfCheck.answered = await page.$$eval("form#self-check input:checked", (x) => x.length);
  report.selfCheck.url = page.url();
  const state = await storage(page);
  if (storedAnything(state)) report.stored.push({ page: "check.html (answered)", state });
  await page.reload({ waitUntil: "load" });
  report.selfCheck.afterReload = await page.$$eval("form#self-check input:checked", (x) => x.length);
  await page.close();
}

async function quickExit(browser, report, run) {
  let page = await newPage(browser, report, run);
  await load(page, run.base + "index.html");
  await load(page, run.base + "check.html");
  await page.click("form#self-check input[type=radio]");
  const out = report.quickExit;
  out.lengthBefore = await page.evaluate(() => history.length);
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.click("[data-quick-exit]"),
  ]);
  out.url = page.url();
  out.lengthAfter = await page.evaluate(() => history.length);
  out.text = await page.evaluate(() => document.body.innerText);
  out.title = await page.title();
  const state = await storage(page);
  if (storedAnything(state)) report.stored.push({ page: "after the quick exit", state });
  // Back: the page shown may come from the back/forward cache, without a
  // load event, so wait for the address to change instead.
  await page.evaluate(() => history.back());
  await page.waitForFunction((u) => location.href !== u, { timeout: 10000 }, out.url).catch(() => {});
  out.back = await page.evaluate(() => location.href);
  await page.close();
  // Esc twice, from a guide page (a new tab: after Back, a page restored from
  // the back/forward cache confuses the driver's next navigation)
  page = await newPage(browser, report, run);
  await load(page, run.base + "vpn.html");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  out.escape = await settledUrl(page, run.base + "vpn.html");
  await page.close();
}

async function withoutJavaScript(browser, report, run) {
  // JavaScript is off in this Firefox for the page; BiDi still reads it with
  // page.evaluate (not with $$eval, which hangs then) and clicks with the
  // mouse, as a person does.
  const page = await newPage(browser, report, run);
  await load(page, run.base + "check.html");
  const noJs = report.noJs;
  const read = () => page.evaluate(() => ({
    noscript: (document.querySelector(".sc-noscript") || {}).innerText || null,
    questions: document.querySelectorAll("form#self-check fieldset").length,
    checked: document.querySelectorAll("form#self-check input:checked").length,
    noJsClass: document.documentElement.classList.contains("no-js"),
    url: location.href,
  }));
  const centre = (selector) => page.evaluate((s) => {
    const element = document.querySelector(s);
    element.scrollIntoView({ block: "center" });
    const box = element.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, selector);
  Object.assign(noJs, await read());
  const label = await centre("form#self-check fieldset label");
  await page.mouse.click(label.x, label.y);
  const after = await read();
  noJs.checkedAfterClick = after.checked;
  noJs.urlAfterClick = after.url;
  // the quick exit is a plain link: it still leaves for the neutral page
  const exit = await centre("[data-quick-exit]");
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.mouse.click(exit.x, exit.y)]);
  noJs.exitUrl = page.url();
  await page.close();
}

(async () => {
  const options = { browser: "firefox", executablePath: FIREFOX, headless: true, protocolTimeout: 60000 };
  if (job.javascript === false) options.extraPrefsFirefox = { "javascript.enabled": false };
  const browser = await puppeteer.launch(options);
  const version = await browser.version();
  const steps = job.javascript === false
    ? [withoutJavaScript]
    : [everyPage, searches, selfCheck, quickExit];
  const reports = [];
  try {
    // one Firefox for every run (each a base address: over HTTP, from file://)
    for (const run of job.runs) {
      const report = {
        version, outside: [], consoleErrors: [], stored: [], search: {}, selfCheck: {}, quickExit: {}, noJs: {},
        errors: [],
      };
      reports.push(report);
      for (const step of steps) {
        try {
          await step(browser, report, run);
        } catch (error) {
          report.errors.push(step.name + ": " + (error && error.stack || error));
        }
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(reports));
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
