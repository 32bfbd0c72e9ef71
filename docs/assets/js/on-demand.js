/*
 * The theme's script and search on demand: the page reads and navigates
 * without them, so they wait until the reader first touches the page.
 *
 * scripts/postbuild/inline_css.py gives every page the CSS it needs inline and
 * takes the theme's bundle (35 kB gzip) out of it; overrides/main.html loads
 * this file with `defer`, so nothing here holds up the text. Its tag says
 * what to fetch: data-bundle (the theme's bundle) and data-stylesheets (the
 * full stylesheet, for what the bundle draws: search results and so on).
 *
 * 1. At the first touch, click, key, focus, wheel or scroll, the full
 *    stylesheet and the bundle load (when the stylesheets have arrived, the
 *    page's inline <style> parts are switched off: they repeat part of it,
 *    scripts/postbuild/split_inline_css.py). The bundle starts at DOMContentLoaded,
 *    long past by then, so while it runs, a listener it adds for that event
 *    is called at once (only for the bundle, then addEventListener is the
 *    browser's again).
 * 2. Search on demand: Material fetches the search index and starts its
 *    worker as soon as the bundle runs (over HTTP); this holds back both
 *    until search is opened or touched:
 *      - the XMLHttpRequest for search_index.json is sent then;
 *      - the search worker is created then (from file:// the iframe-worker
 *        shim's stand-in, which window.Worker is by the time this runs).
 *    A page in a language folder (zh/..., zh-Hant/...) gets that language's own index
 *    (scripts/postbuild/search_by_language.py), so its results are in its language.
 *    If a future theme fetches the index another way, search still works,
 *    it just loads early again (tests/test_page_weight.py notices).
 * 3. Search reacts to every change of its input, not only to key presses
 *    (the theme listens for keyup): pasted text, voice and handwriting
 *    input fire `input` events only.
 * 4. A query that runs Chinese characters into Latin letters or digits
 *    ("澎湃OS") is split where they meet ("澎湃 OS") on its way to the search
 *    worker, as the build splits the index (the theme's search plugin puts
 *    a separator around every run of Chinese characters). Unsplit, it was
 *    one word that is in no page, and found nothing. The search box keeps
 *    what the reader typed.
 */
(() => {
  "use strict";
  const me = document.currentScript;
  const bundle = me && me.dataset.bundle;
  const sheets = me && me.dataset.stylesheets ? me.dataset.stylesheets.split(" ") : [];
  const toggle = document.getElementById("__search");

  // ---- 3. search reacts to any change of its input
  const query = document.querySelector("input[data-md-component=search-query]");
  if (query) {
    query.addEventListener("input", (event) => {
      if (!event.isComposing) query.dispatchEvent(new KeyboardEvent("keyup"));
    });
    query.addEventListener("compositionend", () => query.dispatchEvent(new KeyboardEvent("keyup")));
  }

  // ---- 2. search on demand
  let open;
  const opened = new Promise((resolve) => { open = resolve; });
  if (toggle) {
    if (toggle.checked) open();
    toggle.addEventListener("change", () => toggle.checked && open());
    // Start a little earlier, on the touch or click that opens search.
    for (const label of document.querySelectorAll("label[for=__search]")) {
      label.addEventListener("pointerdown", open, { once: true });
      // as the theme does, so that a phone brings up its keyboard
      if (query) label.addEventListener("click", () => query.focus());
    }
    document.addEventListener("focusin", (event) => {
      if (event.target instanceof HTMLInputElement && event.target.form
          && event.target.form.name === "search") open();
    });

    const INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
    const WORKER = /(?:^|\/)workers\/search\.[\w.]*js(?:[?#]|$)/;
    const settings = document.getElementById("__config");
    const base = new URL(settings ? JSON.parse(settings.textContent).base : ".", location.href);
    if (!base.pathname.endsWith("/")) base.pathname += "/";
    // The language folder: the first folder of the page's address under the
    // site, when it names the page's language (<html lang="zh-Hans"> lives
    // in zh/, <html lang="zh-Hant-HK"> in zh-Hant/); none for English.
    const htmlLang = document.documentElement.lang;
    const lang = htmlLang.split("-")[0];
    const inSite = location.href.startsWith(base.href) ? location.href.slice(base.href.length).split(/[?#]/)[0] : "";
    const first = inSite.includes("/") ? inSite.split("/")[0] : "";
    const folder = lang && /^[a-z]{2}(-[A-Za-z]{4})?$/.test(first) && first.split("-")[0] === lang ? first + "/" : "";
    const ownIndex = (url) => String(url).replace(base.href + "search/search_index.", base.href + folder + "search/search_index.");

    // From file:// the theme loads the index as a script (search_index.js).
    const setAttribute = Element.prototype.setAttribute;
    HTMLScriptElement.prototype.setAttribute = function (name, value) {
      return setAttribute.call(this, name, name === "src" ? ownIndex(value) : value);
    };

    // The index request: opened when the bundle asks, sent once search is opened.
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

    // ---- 4. Chinese characters and Latin letters or digits, split where they meet
    const QUERY = 2;  // the theme's message type for a search query
    const HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
    const MEETS = new RegExp(`([${HAN}])(?=[A-Za-z0-9])|([A-Za-z0-9])(?=[${HAN}])`, "g");
    const splitScripts = (query) => query.replace(MEETS, "$1$2 ");

    // ---- 5. a Simplified query on a Traditional page (zh-Hant): the edition's
    // query map (scripts/hant/search.py), loaded with the index, turns the
    // phrase table's words (设置 → 設定) and then each character (实 → 實)
    // into the edition's before the query reaches the search worker.
    const traditional = /-Hant(?:-|$)/.test(htmlLang) && folder;
    if (traditional) {
      opened.then(() => {
        const script = document.createElement("script");
        script.src = base.href + folder + "search/query_map.js";
        document.head.appendChild(script);
      });
    }
    const toEdition = (query) => {
      const map = window.__queryMap;
      if (!traditional || !map) return query;
      let out = "";
      for (let i = 0; i < query.length;) {
        const found = map.phrases.find(([from]) => query.startsWith(from, i));
        if (found) { out += found[1]; i += found[0].length; continue; }
        out += map.chars[query[i]] || query[i];
        i += 1;
      }
      return out;
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
        const message = args[0];
        if (message && message.type === QUERY && typeof message.data === "string") {
          args[0] = Object.assign({}, message, { data: splitScripts(toEdition(message.data)) });
        }
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
  }

  // ---- 1. the theme's bundle and full stylesheet at the first touch
  if (!bundle) return;
  const FIRST = ["pointerdown", "touchstart", "mousemove", "keydown", "focusin", "wheel", "scroll"];
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const type of FIRST) window.removeEventListener(type, start, true);
    // Once every sheet has loaded, the page's inline parts step aside: the
    // full sheets repeat their rules in the original order, and the part
    // after the first paragraph would otherwise come after them.
    const inline = [...document.querySelectorAll("style")];
    let waiting = sheets.length;
    for (const href of sheets) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.onload = () => { if (--waiting === 0) for (const style of inline) style.disabled = true; };
      document.head.appendChild(link);
    }
    const add = document.addEventListener;
    document.addEventListener = function (type, listener, options) {
      if (type !== "DOMContentLoaded" || document.readyState === "loading") {
        return add.call(this, type, listener, options);
      }
      const event = new Event("DOMContentLoaded");
      queueMicrotask(() => (typeof listener === "function" ? listener.call(document, event) : listener.handleEvent(event)));
    };
    const script = document.createElement("script");
    script.src = bundle;
    script.onload = script.onerror = () => { delete document.addEventListener; };
    document.body.appendChild(script);
  };
  if (toggle && toggle.checked) start();
  else for (const type of FIRST) window.addEventListener(type, start, { capture: true, passive: true });

  // ---- 5. a tab click switches the tab through its label, leaving the address
  // without the theme's #__tabbed_... (which names the reader's phone on protect.html)
  document.addEventListener("click", (e) => {
    const a = e.target instanceof Element && e.target.closest('.tabbed-labels a[href^="#__tabbed_"]');
    if (a) { e.preventDefault(); e.stopPropagation(); a.closest("label").click(); }
  }, true);
})();
