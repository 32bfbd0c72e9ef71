/*
 * The theme's script and search on demand (PERFORMANCE.md, Speed): the page
 * reads without them. overrides/main.html loads this with `defer`; its tag
 * names the theme's bundle (data-bundle) and full stylesheet (data-stylesheets).
 * 1. At the first touch, key, focus, wheel or scroll: the stylesheet (then
 *    the inline <style> parts step aside) and the bundle, whose
 *    DOMContentLoaded listeners are called at once.
 * 2. Search, never before the reader reaches for it (the search button
 *    touched, its box focused): search-lite.js, the page language's list
 *    of entries and, as words are typed, the files of words they start
 *    with (scripts/postbuild/search_shards.py), all as plain scripts (over
 *    HTTP and from file:// alike), and the rules for results; the bundle
 *    once the first results are drawn. The theme's worker is answered here
 *    from search-lite.js: the theme's index, worker and lunr never load.
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
  let open, searchFirst;
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

    const INDEX = /\/search\/search_index\.(?:json|js)(?:[?#]|$)/;
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

    // ---- 4. Chinese characters and Latin letters or digits, split where they meet
    const [READY, QUERY, RESULT] = [1, 2, 3];  // the theme's message types
    const HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
    const MEETS = new RegExp(`([${HAN}])(?=[A-Za-z0-9])|([A-Za-z0-9])(?=[${HAN}])`, "g");
    const splitScripts = (query) => query.replace(MEETS, "$1$2 ");

    // search-lite.js and its files (search/lite/, each calls __search.got);
    // never the theme's index (its request, or its script from file://).
    const addScript = (src) => {
      const script = document.createElement("script");
      script.src = src;
      document.head.appendChild(script);
      return script;
    };
    const lite = base.href + folder + "search/lite/";
    // A Traditional page reads a query only once its query map is in (5.).
    const traditional = /-Hant(?:-|$)/.test(htmlLang) && folder;
    const S = window.__search = {
      data: {},
      got: (key, data) => { S.data[key] = data; S.ping(); },
      asked: new Set(),
      // each file once, whoever asks (the prefetch below, search-lite.js)
      load: (key) => { if (!S.asked.has(key)) { S.asked.add(key); addScript(`${lite}${key}.js`); } },
      ping: () => {},
      idle: () => {},
      prepare: (query) => splitScripts(toEdition(query)),
      mapped: !traditional,
      theme: false,
    };
    const engine = new Promise((resolve) => {
      opened.then(() => {
        addScript(base.href + "assets/js/search-lite.js").onload = resolve;
        S.load("docs");
      });
    });
    // A first touch on search: the rules for results now, the bundle once results are drawn.
    searchFirst = (later) => {
      open();
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = base.href + "assets/stylesheets/search-results.css";
      document.head.appendChild(link);
      S.idle = later;
      setTimeout(later, 6000);
    };
    // the shards a query starts with, asked for before the search script is in
    const prefetch = () => {
      for (const word of S.prepare(query.value).toLowerCase().match(new RegExp(`[a-z0-9]+|[${HAN}]+`, "g")) || []) {
        const han = /[a-z0-9]/.test(word[0]) ? "" : word.length > 1 ? word.slice(0, -1) : word;
        for (const c of han || word[0]) {
          const code = c.charCodeAt(0);
          const k = han ? "h" + (code % 32) : c;
          S.load(k);
        }
      }
    };
    if (query) query.addEventListener("input", () => { open(); if (!S.search) prefetch(); });

    const setAttribute = Element.prototype.setAttribute;
    HTMLScriptElement.prototype.setAttribute = function (name, value) {
      if (name === "src" && INDEX.test(String(value))) return undefined;
      return setAttribute.call(this, name, value);
    };
    const held = new WeakSet();
    const xhrOpen = XMLHttpRequest.prototype.open;
    const xhrSend = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function (method, url, ...rest) {
      if (INDEX.test(String(url))) held.add(this);
      return xhrOpen.call(this, method, url, ...rest);
    };
    XMLHttpRequest.prototype.send = function (...args) {
      if (!held.has(this)) return xhrSend.apply(this, args);
      return undefined;
    };

    // ---- 5. a Simplified query on a Traditional page: the edition's query map
    // (scripts/hant/search.py) turns its words (设置 → 設定), then characters.
    // search-lite.js answers nothing until the map is in (or failed to come).
    if (traditional) {
      opened.then(() => {
        const script = addScript(base.href + folder + "search/query_map.js");
        script.onload = script.onerror = () => { S.mapped = true; S.ping(); };
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

    // The theme's search worker, answered here: ready at once, each query
    // answered by search-lite.js; from then on the theme draws the results.
    const RealWorker = window.Worker;
    class SearchWorker extends EventTarget {
      constructor(url, options) {
        if (!WORKER.test(String(url))) return new RealWorker(url, options);
        super();
        S.theme = true;
        setTimeout(() => this.receive({ type: READY }));
      }

      receive(data) {
        const event = new MessageEvent("message", { data });
        this.dispatchEvent(event);
        if (typeof this.onmessage === "function") this.onmessage.call(this, event);
      }

      postMessage(message) {
        if (!message || message.type !== QUERY || typeof message.data !== "string") return;
        // its empty box, asked as soon as it runs
        if (!message.data.trim()) {
          setTimeout(() => this.receive({ type: RESULT, data: { items: [] } }));
          return;
        }
        open();
        engine.then(() => S.search(message.data))
          .then((data) => this.receive({ type: RESULT, data }));
      }

      terminate() {}
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
    script.onload = script.onerror = () => {
      delete document.addEventListener;
      if (window.__search && window.__search.unlock) window.__search.unlock();
    };
    document.body.appendChild(script);
  };
  const SEARCH = "label[for=__search], form[name=search]";
  // Not for the self-check's article (PERFORMANCE.md: Speed).
  const calm = document.getElementById("self-check");
  const article = calm && calm.parentNode;
  const first = (event) => {
    if (article && (event.target === document || article.contains(event.target))) return;
    const onSearch = searchFirst && event.type !== "mousemove" && event.target instanceof Element
      && event.target.closest(SEARCH);
    if (!onSearch) return start();
    for (const type of FIRST) window.removeEventListener(type, first, true);
    searchFirst(start);
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
