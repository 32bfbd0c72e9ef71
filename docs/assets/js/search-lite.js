/*
 * Search without the theme's worker (PERFORMANCE.md, Speed; issue 28).
 * docs/assets/js/on-demand.js loads this when the reader reaches for search,
 * with the page language's search/lite/docs.js (every entry's location,
 * title and teaser), and the shards the typed words need
 * (scripts/postbuild/search_shards.py: every word of the index, cut into
 * files by its first character, with the entries holding it and lunr's
 * weight there). Each file hands its data to window.__search.
 *
 * A query is read as the theme's search worker reads it: Chinese cut into
 * the longest words the index knows, each word a prefix ("pho" finds
 * "phone"), any word enough; entries are scored and grouped by page as the
 * worker does. Until the theme's bundle has arrived, the results are drawn
 * here in the theme's own markup; then the theme draws them, asking this
 * (through the stand-in for its worker in on-demand.js) instead of a lunr
 * index: the theme's index and worker are never downloaded.
 */
(() => {
  "use strict";
  const S = window.__search;
  if (!S) return;
  const HAN_SHARDS = 32;
  const HAN = /\p{sc=Han}+/gu;
  const key = (c) => {
    c = c.toLowerCase();
    if (/[a-z0-9]/.test(c)) return c;
    const code = c.codePointAt(0);
    if ((code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)) return "h" + (code % HAN_SHARDS);
    return "x";
  };

  // The pieces of text between the separator's matches: [start, end] pairs.
  const pieces = (text, separator) => {
    const out = [];
    const re = new RegExp(separator.source, "g");
    let at = 0;
    let m;
    do {
      m = re.exec(text);
      const end = m ? m.index : text.length;
      if (at < end) out.push([at, end]);
      if (m) {
        at = m.index + m[0].length;
        if (m[0].length === 0) re.lastIndex = m.index + 1;
      }
    } while (m);
    return out;
  };

  let separator = null;
  const known = (word) => {
    const shard = S.data[key(word[0])];
    return !!shard && Object.prototype.hasOwnProperty.call(shard, word);
  };

  // The worker's cut of a run of Chinese characters into known words.
  const segment = (t) => {
    const found = new Set();
    const n = new Uint16Array(t.length);
    for (let s = 0; s < t.length; s++) for (let o = s + 1; o < t.length; o++) if (known(t.slice(s, o))) n[s] = o - s;
    const stack = [0];
    for (let s = stack.length; s > 0;) {
      const o = stack[--s];
      for (let u = 1; u < n[o]; u++) if (n[o + u] > n[o] - u) { found.add(t.slice(o, o + u)); stack[s++] = o + u; }
      const a = o + n[o];
      if (n[a] && a < t.length - 1) stack[s++] = a;
      found.add(t.slice(o, a));
    }
    return found.has("") ? [t] : [...found];
  };

  // The shards a query needs before it can be read: for each run of Chinese
  // characters every character but the last (the cut), and the first
  // character of every word.
  const needs = (query) => {
    const keys = new Set();
    for (const run of query.match(HAN) || []) for (const c of run.length > 1 ? run.slice(0, -1) : run) keys.add(key(c));
    if (separator) {
      const rest = query.replace(HAN, " ");
      for (const [a] of pieces(rest, separator)) keys.add(key(rest[a]));
    }
    return keys;
  };

  // The query as the worker reads it (its query transform, then lunr's
  // parser, whose own word separator is spaces and hyphens): [term, prefix?]
  // per clause, in order, repeats kept (each counts in the score).
  const LEXER = /[\s-]+/;
  const clauses = (query) => {
    query = query.replace(HAN, (run) => segment(run).join("* "));
    const parts = [];
    for (const e of query.trim().replace(/"/g, "").replace(/(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "").split(/\s+/)) {
      let at = 0;
      for (const s of e.split(LEXER)) {
        const o = e.indexOf(s, at);
        at = o + s.length;
        if (!s) continue;
        for (const [u, v] of pieces(s, separator)) parts.push(e.slice(0, o) + s.slice(u, v) + e.slice(at));
      }
    }
    const out = [];
    for (const part of parts) {
      const full = /^[+-]/.test(part) ? part : part + "*";
      for (const t of full.split(LEXER)) {
        const term = t.replace(/^\+/, "").toLowerCase();
        if (term.replace(/\*/g, "")) out.push([term.replace(/\*+$/, ""), /\*$/.test(term), term.replace(/^\*|\*$/g, "")]);
      }
    }
    return out;
  };

  // Every indexed word a clause matches, from its shard: [word, postings],
  // in the order lunr's token set lists them (a word before its longer
  // forms, otherwise from the last letter down).
  const lunrOrder = (a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? 1 : -1;
    return a.length - b.length;
  };
  const expand = ([term, prefix]) => {
    const shard = S.data[key(term[0])] || {};
    return prefix ? Object.keys(shard).filter((w) => w.startsWith(term)).sort(lunrOrder).map((w) => [w, shard[w]])
      : shard[term] ? [[term, shard[term]]] : [];
  };
  // scores summed in another order than lunr's differ in their last bits
  const higher = (a, b) => (Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) ? 0 : b - a);

  const mark = (html, matched, whole) => {
    // the worker marks every indexed word found, in the text outside tags;
    // of the text field it keeps only the words' stretch
    const parts = html.split(/(<[^>]+>)/);
    let first = -1;
    let last = -1;
    let pos = 0;
    const out = parts.map((part, i) => {
      if (i % 2) { pos += part.length; return part; }
      let res = "";
      let at = 0;
      for (const [a, b] of pieces(part, separator)) {
        if (first < 0) first = pos + a;
        last = pos + b;
        const word = part.slice(a, b);
        if (!matched.has(word.toLowerCase())) continue;
        res += part.slice(at, a) + "<mark>" + word + "</mark>";
        at = b;
      }
      pos += part.length;
      return res + part.slice(at);
    }).join("");
    if (whole || out === html || first < 0) return out;
    // text: from its first word to its last, as the worker shows a block
    let start = first;
    let end = out.length - (html.length - last);
    return out.slice(start, end);
  };

  const search = (query) => {
    const all = clauses(query);
    if (!all.length) return { items: [] };
    const docs = S.data.docs.docs;
    const F = S.data.docs.fields;
    const stop = new Set(S.data.docs.stop);
    // what the worker lists as a result's words: each clause's term, a
    // trailing "*" stripped once (a Chinese word cut from a longer run keeps one)
    const words = [...new Set(all.map((clause) => clause[2]))];
    const weight = new Map(); // query weight per indexed word: clauses matching it
    const perClause = all.map((clause) => {
      const found = expand(clause);
      for (const [word] of found) weight.set(word, (weight.get(word) || 0) + 1);
      return found;
    });
    let magnitude = 0;
    for (const w of weight.values()) magnitude += w * w;
    magnitude = Math.sqrt(magnitude);
    const hits = new Map(); // entry -> {score, matched words, title words, order}
    const seen = new Set();
    let order = 0;
    for (const found of perClause) {
      for (const [word, postings] of found) {
        if (seen.has(word)) continue;
        seen.add(word);
        const q = weight.get(word);
        for (let i = 0; i < postings.length; i += 2) {
          const entry = Math.floor(postings[i] / F);
          const field = postings[i] % F;
          let hit = hits.get(entry);
          // lunr lists entries in the order it first meets them: clause,
          // word, field, entry; the sort below keeps that order among equals
          if (!hit) hits.set(entry, hit = { entry, score: 0, matched: new Set(), title: new Set(), order: [] });
          hit.order.push(order * 8 + field);
          hit.score += (q * postings[i + 1]) / magnitude;
          hit.matched.add(word);
          if (field === 0) hit.title.add(word);
        }
        order += 1;
      }
    }
    const byLocation = new Map(docs.map((d, i) => [d[0], i]));
    const pageOf = (location) => location.split("#")[0];
    const teasers = S.data.text || [];
    const item = (entry, score, matched) => {
      const [location, title] = docs[entry];
      const text = teasers[entry] || "";
      const found = {};
      for (const term of words) if ([...matched].some((w) => w.startsWith(term))) found[term] = true;
      for (const term of words) if (!(term in found) && !stop.has(term)) found[term] = false;
      const keys = Object.keys(found);
      const parent = pageOf(location) !== location && byLocation.has(pageOf(location));
      const g = +!parent + (keys.length ? keys.filter((k) => found[k]).length / keys.length : 0);
      return {
        location,
        title: mark(title, matched, true),
        text: mark(text, matched, false),
        score: score * (1 + g * g),
        terms: found,
      };
    };
    const first = (hit) => Math.min(...hit.order);
    const ranked = [...hits.values()].sort((a, b) => higher(a.score, b.score) || first(a) - first(b) || a.entry - b.entry)
      .map((hit) => item(hit.entry, hit.score, hit.matched))
      .sort((a, b) => higher(a.score, b.score));
    const groups = new Map();
    for (const result of ranked) {
      const page = byLocation.has(pageOf(result.location)) ? pageOf(result.location) : result.location;
      if (!groups.has(page)) groups.set(page, []);
      groups.get(page).push(result);
    }
    for (const [page, items] of groups) {
      if (!items.some((r) => r.location === page)) {
        const [location, title] = docs[byLocation.get(page)];
        items.push({ location, title, text: teasers[byLocation.get(page)] || "", score: 0, terms: {} });
      }
    }
    // search.suggest: the words of the best title holding every clause
    let best = null;
    for (const hit of hits.values()) {
      if (!all.every(([t, prefix]) => [...hit.title].some((w) => (prefix ? w.startsWith(t) : w === t)))) continue;
      if (!best || hit.score > best.score) best = hit;
    }
    const suggest = best ? [...new Set(perClause.flat().map(([w]) => w))].filter((w) => best.title.has(w)) : [];
    return { items: [...groups.values()], suggest };
  };

  // ---- drawing, in the theme's markup (its search result renderer)
  const settings = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  const base = new URL(settings.base || ".", location.href);
  const say = (id, n) => String((settings.translations || {})[id] || "").replace("#", n);
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const article = (r, flags) => {
    const missing = Object.keys(r.terms).filter((t) => !r.terms[t]).map((t) => `<del>${esc(t)}</del>`).join(" ");
    return `<a href="${esc(new URL(r.location, base).href)}" class="md-search-result__link" tabindex="-1">`
      + `<article class="md-search-result__article md-typeset" data-md-score="${r.score.toFixed(2)}">`
      + (flags & 2 ? `<div class="md-search-result__icon md-icon"></div><h1>${r.title}</h1>` : `<h2>${r.title}</h2>`)
      + (flags & 1 && r.text.length ? r.text : "")
      + (flags & 1 && missing ? `<p class="md-search-result__terms">${say("search.result.term.missing")}: ${missing}</p>` : "")
      + "</article></a>";
  };
  const group = (items) => {
    const top = items[0].score;
    const rest = [...items];
    const n = rest.findIndex((r) => !new URL(r.location, base).href.includes("#"));
    const [page] = rest.splice(n, 1);
    let s = rest.findIndex((r) => r.score < top);
    if (s === -1) s = rest.length;
    const more = rest.slice(s);
    return `<li class="md-search-result__item">${article(page, 2 | +(!n && s === 0))}`
      + rest.slice(0, s).map((r) => article(r, 1)).join("")
      + (more.length ? `<details class="md-search-result__more"><summary tabindex="-1"><div>${
        more.length === 1 ? say("search.result.more.one") : say("search.result.more.other", more.length)}</div></summary>`
        + more.map((r) => article(r, 1)).join("") + "</details>" : "")
      + "</li>";
  };
  const box = document.querySelector("input[data-md-component=search-query]");
  const result = document.querySelector("[data-md-component=search-result]");
  const meta = result && result.querySelector(".md-search-result__meta");
  const list = result && result.querySelector(".md-search-result__list");
  // On a phone the theme fixes the page behind open search in place (its
  // scroll lock, 400 ms after search opens); until its bundle is in, this
  // does the same, and hands the page back at the place it was when the
  // bundle has run or search closes.
  const toggle = document.getElementById("__search");
  const phone = window.matchMedia("(max-width: 59.984375em)");
  let locked = null;
  const lock = () => {
    if (locked !== null || !toggle || !toggle.checked || !phone.matches
        || document.body.hasAttribute("data-md-scrolllock")) return;
    locked = window.scrollY;
    document.body.setAttribute("data-md-scrolllock", "");
    document.body.style.top = `-${locked}px`;
  };
  S.unlock = () => {
    if (locked === null) return;
    document.body.removeAttribute("data-md-scrolllock");
    document.body.style.top = "";
    window.scrollTo(0, locked);
    locked = null;
  };
  if (toggle) toggle.addEventListener("change", () => { if (!toggle.checked) S.unlock(); });
  const draw = (value, found) => {
    if (!list || S.theme) return;
    lock();
    const count = found.items.length;
    meta.textContent = count === 0 ? say(value ? "search.result.none" : "search.result.placeholder")
      : count === 1 ? say("search.result.one") : say("search.result.other", count > 999 ? `${(count / 1000).toFixed(1)}k` : count);
    list.setAttribute("role", "list");
    // the theme draws ten pages at once and the rest as the reader scrolls;
    // the theme redraws all of them once its bundle is in
    list.innerHTML = found.items.slice(0, 10).map(group).join("");
  };

  // ---- the data, as it comes
  const want = (query) => {
    let missing = !S.data.docs;
    for (const k of needs(query)) {
      if (!(k in S.data)) missing = true;
      S.load(k);
    }
    return !missing;
  };
  const waiting = [];
  const settle = () => {
    if (S.data.docs && !separator) separator = new RegExp(S.data.docs.separator);
    // on a Traditional page a Simplified query is read through its map
    if (!S.mapped) return;
    for (let i = waiting.length - 1; i >= 0; i--) {
      const [value, quick, resolve] = waiting[i];
      const query = S.prepare(value);
      if (!quick) S.load("text");
      if (want(query) && (quick || S.data.text)) { waiting.splice(i, 1); resolve(search(query)); }
    }
  };
  // Answers what the reader typed once the data it needs is in: the query
  // map on a Traditional page, the words' files and the titles, and the
  // teasers unless `quick` (the theme's stand-in worker asks here, not quick).
  S.search = (value, quick) => new Promise((resolve) => { waiting.push([value, quick, resolve]); settle(); });
  // Drawn here until the theme has taken over: first without teasers, again
  // with them once they are in; then the bundle may come.
  let teasers = null;
  const own = () => {
    if (!box || S.theme) return;
    const value = box.value;
    S.search(value, true).then((found) => {
      if (box.value === value) draw(value.trim(), found);
      if (!teasers) {
        teasers = S.search("");
        teasers.then(() => (!S.theme && box.value.trim() ? own() : S.idle()));
      }
      if (S.data.text) S.idle();
    });
  };
  S.ping = () => { settle(); };
  if (box) box.addEventListener("input", own);
  settle();
  own();
})();
