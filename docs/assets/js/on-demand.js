/*
 * The theme's script and search on demand: the page reads and navigates
 * without them, so they wait until the reader first touches the page, or
 * (over HTTP, without Save-Data) until it has loaded and the browser is idle.
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
 * 2. Search, ready before it is opened: once the page has loaded and the
 *    browser is idle (never before the text is drawn), the page language's
 *    index (zh/, zh-Hant/: scripts/postbuild/search_by_language.py), the search worker
 *    (which builds its index while the reader reads), then the bundle and
 *    the stylesheet are requested. The bundle's own index request is
 *    not sent and its setup message is dropped; its worker is this warm one
 *    (README, Speed). Save-Data: all this when search is opened or touched.
 *    From file:// nothing is early: the theme loads the index as a script
 *    when search is opened, and the worker (the iframe-worker shim's
 *    stand-in, on the page's own thread) starts at its first message.
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

  // ---- 2. search, ready before it is opened
  let open, warmUp;
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
    const settingsNode = document.getElementById("__config");
    const settings = settingsNode ? JSON.parse(settingsNode.textContent) : {};
    const base = new URL(settings.base || ".", location.href);
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
    // Over HTTP the index is fetched here (warmUp), not by the bundle.
    const early = location.protocol !== "file:" && typeof settings.search === "string";

    // From file:// the theme loads the index as a script (search_index.js).
    const setAttribute = Element.prototype.setAttribute;
    HTMLScriptElement.prototype.setAttribute = function (name, value) {
      return setAttribute.call(this, name, name === "src" ? ownIndex(value) : value);
    };

    // ---- 4. Chinese characters and Latin letters or digits, split where they meet
    const [SETUP, READY, QUERY] = [0, 1, 2];  // the theme's message types
    const HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
    const MEETS = new RegExp(`([${HAN}])(?=[A-Za-z0-9])|([A-Za-z0-9])(?=[${HAN}])`, "g");
    const splitScripts = (query) => query.replace(MEETS, "$1$2 ");

    // The search worker, one per page, and the theme's stand-in for it.
    const RealWorker = window.Worker;
    let worker = null;
    let client = null;
    let ready = false;
    const pass = (type, event) => {
      if (type === "message" && event.data && event.data.type === READY) ready = true;
      if (client) client.receive(type, event);
    };
    const startWorker = (url, options) => {
      if (!worker) {
        worker = new RealWorker(url, options);
        for (const type of ["message", "messageerror", "error"]) {
          worker.addEventListener(type, (event) => pass(type, event));
        }
      }
      return worker;
    };

    // Over HTTP: the index fetched here for the worker; false if that failed
    // (then the theme's own request goes).
    let warm = null;
    const warmUpIndex = () => {
      if (warm) return warm;
      startWorker(new URL(settings.search, location.href).href);
      warm = fetch(ownIndex(new URL("search/search_index.json", base)), { priority: "low" })
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.status))))
        .then(({ config, docs }) => {
          const suggest = (settings.features || []).includes("search.suggest");
          worker.postMessage({ type: SETUP, data: { config, docs, options: { suggest } } });
          return true;
        }, () => false);
      return warm;
    };
    if (early) {
      warmUp = warmUpIndex;
      opened.then(warmUp);
    }

    // The index request: opened when the bundle asks, sent once search is
    // opened, and over HTTP only if the early fetch failed.
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
      opened.then(() => (warmUp ? warmUp() : false)).then((handled) => {
        if (!handled) xhrSend.apply(this, args);
      });
    };

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

    class SearchWorker extends EventTarget {
      constructor(url, options) {
        if (!WORKER.test(String(url))) return new RealWorker(url, options);
        super();
        this.url = url;
        this.options = options;
        client = this;
        // the worker may have been ready before the bundle ran
        if (ready) setTimeout(() => this.receive("message", new MessageEvent("message", { data: { type: READY } })));
      }

      receive(type, event) {
        const copy = type === "error"
          ? new ErrorEvent("error", { message: event.message, error: event.error })
          : new MessageEvent(type, { data: event.data });
        this.dispatchEvent(copy);
        const handler = this["on" + type];
        if (typeof handler === "function") handler.call(this, copy);
      }

      postMessage(...args) {
        const message = args[0];
        if (message && message.type === QUERY && typeof message.data === "string") {
          args[0] = Object.assign({}, message, { data: splitScripts(toEdition(message.data)) });
        }
        if (warmUp && message && message.type === SETUP) {
          // the warm worker has the index already, unless the early fetch failed
          warmUp().then((handled) => { if (!handled) worker.postMessage(...args); });
          return;
        }
        startWorker(this.url, this.options).postMessage(...args);
      }

      terminate() {
        if (worker) worker.terminate();
      }
    }
    window.Worker = SearchWorker;
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

  // ---- 2. search gets ready once the page has loaded and the browser is
  // idle (over HTTP, without Save-Data): the index and worker, the bundle
  // and the full stylesheet, all requested at once
  const saveData = navigator.connection && navigator.connection.saveData;
  if (!toggle || saveData || location.protocol === "file:") return;
  // The index first: the worker builds while the bundle and stylesheet come.
  const prepare = () => { open(); Promise.resolve(warmUp && warmUp()).then(start); };
  const whenIdle = () => (window.requestIdleCallback
    ? window.requestIdleCallback(prepare, { timeout: 2000 })
    : setTimeout(prepare, 300));
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
})();
