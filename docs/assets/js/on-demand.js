/*
 * The theme's script and search on demand (PERFORMANCE.md, Speed): the page
 * reads without them. overrides/main.html loads this with `defer`; its tag
 * names the theme's bundle (data-bundle) and full stylesheet (data-stylesheets).
 * 1. At the first touch, key, focus, wheel or scroll: the stylesheet (then
 *    the inline <style> parts step aside) and the bundle, whose
 *    DOMContentLoaded listeners are called at once.
 * 2. Search, never before the reader reaches for it (the search button
 *    touched, its box focused). Over HTTP that touch fetches the page
 *    language's index (search_by_language.py) into a search worker started
 *    here, then the bundle; the bundle's own index request and setup
 *    message are dropped, its worker is this one. From file:// the theme
 *    loads the index as a script when search is opened.
 * 3. Search follows every `input` event (paste, voice, handwriting), not
 *    only keys.
 * 4. A query is split where Chinese meets Latin letters or digits
 *    ("澎湃OS" -> "澎湃 OS"), as the index is.
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

  // ---- 2. search, loaded when the reader reaches for it
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
    // The language folder (zh/, zh-Hant/) when the page's address has one.
    const htmlLang = document.documentElement.lang;
    const lang = htmlLang.split("-")[0];
    const inSite = location.href.startsWith(base.href) ? location.href.slice(base.href.length).split(/[?#]/)[0] : "";
    const first = inSite.includes("/") ? inSite.split("/")[0] : "";
    const folder = lang && /^[a-z]{2}(-[A-Za-z]{4})?$/.test(first) && first.split("-")[0] === lang ? first + "/" : "";
    const ownIndex = (url) => String(url).replace(base.href + "search/search_index.", base.href + folder + "search/search_index.");
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

    // The index fetched here (over HTTP); false if that failed.
    let warm = null;
    const warmUpIndex = () => {
      if (warm) return warm;
      startWorker(new URL(settings.search, location.href).href);
      warm = fetch(ownIndex(new URL("search/search_index.json", base)))
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

    // The bundle's index request: sent once search is opened, if still needed.
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

    // ---- 5. a Simplified query on a Traditional page: the edition's query map
    // (scripts/hant/search.py) turns its words (设置 → 設定), then characters.
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
    for (const type of FIRST) window.removeEventListener(type, first, true);
    // Once every sheet has loaded, the inline parts step aside (split_inline_css.py).
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
  // A first touch on search: the index first, the bundle once it is in
  // (the worker builds while it comes).
  const SEARCH = "label[for=__search], form[name=search]";
  // Not for the self-check's article (PERFORMANCE.md: Speed).
  const calm = document.getElementById("self-check");
  const article = calm && calm.parentNode;
  const first = (event) => {
    if (article && (event.target === document || article.contains(event.target))) return;
    const onSearch = warmUp && event.type !== "mousemove" && event.target instanceof Element
      && event.target.closest(SEARCH);
    if (!onSearch) return start();
    for (const type of FIRST) window.removeEventListener(type, first, true);
    open();
    warmUp().then(start);
  };
  if (toggle && toggle.checked) start();
  else for (const type of FIRST) window.addEventListener(type, first, { capture: true, passive: true });

  // ---- 5. a tab click switches the tab through its label, leaving the address
  // without the theme's #__tabbed_... (which names the reader's phone on protect.html)
  document.addEventListener("click", (e) => {
    const a = e.target instanceof Element && e.target.closest('.tabbed-labels a[href^="#__tabbed_"]');
    if (a) { e.preventDefault(); e.stopPropagation(); a.closest("label").click(); }
  }, true);
})();
