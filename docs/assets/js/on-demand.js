/*
 * Search on demand: download the search index and the search worker only
 * when the reader opens search, not with every page.
 *
 * Material for MkDocs fetches search/search_index.json (the index of both
 * languages) and starts its search worker as soon as a page is served over
 * HTTP; only from file:// does it wait until search is opened. On a slow
 * link that is most of a first visit. This script holds back both until the
 * search box is opened or touched:
 *   - the XMLHttpRequest for search_index.json is sent then;
 *   - the search worker is created then (on file:// the iframe-worker shim's
 *     stand-in, which `window.Worker` is by the time this runs).
 * It also points a page in a language folder (zh/...) at that language's own
 * index, so that results are in the reader's language.
 * Nothing else changes: if a future theme fetches the index another way,
 * search still works, it just loads early again (tests/test_page_weight.py
 * notices). It must run before the theme's bundle, which creates both as it
 * loads: overrides/main.html puts it just before the bundle, at the end of
 * the page, where it does not hold up the first paint.
 */
(() => {
  "use strict";
  const INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  const WORKER = /(?:^|\/)workers\/search\.[\w.]*js(?:[?#]|$)/;

  let open;
  const opened = new Promise((resolve) => { open = resolve; });
  const toggle = document.getElementById("__search");
  if (!toggle) return; // no search on this page: leave everything as it is
  if (toggle.checked) open();
  toggle.addEventListener("change", () => toggle.checked && open());
  // Start a little earlier, on the touch or click that opens search.
  for (const label of document.querySelectorAll("label[for=__search]")) {
    label.addEventListener("pointerdown", open, { once: true });
  }
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.form
        && event.target.form.name === "search") open();
  });

  // This page's own language: a page in a folder named after its language
  // (zh/...) searches the index written there (scripts/search_split.py), so
  // its results are in its language and only its language is downloaded.
  const settings = document.getElementById("__config");
  const base = new URL(settings ? JSON.parse(settings.textContent).base : ".", location.href);
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  const lang = document.documentElement.lang;
  const folder = lang && location.href.startsWith(base.href + lang + "/") ? lang + "/" : "";
  const ownIndex = (url) => String(url).replace(base.href + "search/search_index.", base.href + folder + "search/search_index.");

  // From file:// the theme loads the index as a script (search_index.js).
  const setAttribute = Element.prototype.setAttribute;
  HTMLScriptElement.prototype.setAttribute = function (name, value) {
    return setAttribute.call(this, name, name === "src" ? ownIndex(value) : value);
  };

  // The index request: opened now, sent once search is opened.
  const held = new WeakSet();
  const xhrOpen = XMLHttpRequest.prototype.open;
  const xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (INDEX.test(String(url))) {
      held.add(this);
      url = ownIndex(url);
    }
    return xhrOpen.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!held.has(this)) return xhrSend.apply(this, args);
    held.delete(this);
    opened.then(() => xhrSend.apply(this, args));
  };

  // The search worker: created at its first message (the index, sent once
  // it has arrived), with whatever Worker this page has.
  const RealWorker = window.Worker;
  class WorkerOnDemand extends EventTarget {
    constructor(url, options) {
      if (!WORKER.test(String(url))) return new RealWorker(url, options);
      super();
      this.url = url;
      this.options = options;
      this.worker = null;
    }

    postMessage(...args) {
      if (!this.worker) {
        this.worker = new RealWorker(this.url, this.options);
        for (const type of ["message", "messageerror", "error"]) {
          this.worker.addEventListener(type, (event) => {
            const copy = type === "error"
              ? new ErrorEvent("error", { message: event.message, error: event.error })
              : new MessageEvent(type, { data: event.data });
            this.dispatchEvent(copy);
            const handler = this["on" + type];
            if (typeof handler === "function") handler.call(this, copy);
          });
        }
      }
      this.worker.postMessage(...args);
    }

    terminate() {
      if (this.worker) this.worker.terminate();
    }
  }
  window.Worker = WorkerOnDemand;
})();
