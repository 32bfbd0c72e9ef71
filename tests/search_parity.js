// Both searches on one built language, for tests/test_search.py:
//   node search_parity.js SITE_DIR LANG_FOLDER QUERY...   (LANG_FOLDER "." for the default language)
// prints JSON: [{query, theme: {items, suggest}, lite: {items, suggest}}], each
// result as the theme's search worker answers its QUERY message. "theme" is
// the theme's own worker (lunr) on the language's search_index.json, run here
// in a plain JavaScript context; "lite" is docs/assets/js/search-lite.js (as
// built) on the files of search/lite/ (scripts/postbuild/search_shards.py).
// A query is first split where Chinese meets Latin letters, as on-demand.js does.
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, folder, ...queries] = process.argv.slice(2);
const searchDir = path.join(site, folder, "search");
const index = JSON.parse(fs.readFileSync(path.join(searchDir, "search_index.json"), "utf8"));
const workers = path.join(site, "assets", "javascripts", "workers");
const workerFile = fs.readdirSync(workers).find((f) => /^search\..*\.js$/.test(f));

const worker = { console, setTimeout };
let onMessage = null;
let answers = [];
worker.self = worker;
worker.addEventListener = (type, handler) => { onMessage = handler; };
worker.postMessage = (message) => answers.push(message);
worker.importScripts = (...urls) => {
  for (const url of urls) {
    const file = path.join(site, "assets", "javascripts", "lunr", url.replace(/^\.\.\/lunr\//, ""));
    vm.runInContext(fs.readFileSync(file, "utf8"), worker);
  }
};
vm.createContext(worker);
vm.runInContext(fs.readFileSync(path.join(workers, workerFile), "utf8"), worker);

const S = { data: {}, got(key, data) { S.data[key] = data; }, load() {}, idle() {}, prepare: (q) => q, mapped: true, theme: true };
const page = {
  console, URL, __search: S, location: { href: `http://site/${folder}/index.html` },
  window: { __search: S, matchMedia: () => ({ matches: false }), scrollY: 0 },
  document: { getElementById: () => null, querySelector: () => null },
};
vm.createContext(page);
const lite = path.join(searchDir, "lite");
for (const file of fs.readdirSync(lite)) vm.runInContext(fs.readFileSync(path.join(lite, file), "utf8"), page);
vm.runInContext(fs.readFileSync(path.join(site, "assets", "js", "search-lite.js"), "utf8"), page);

const HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const MEETS = new RegExp(`([${HAN}])(?=[A-Za-z0-9])|([A-Za-z0-9])(?=[${HAN}])`, "g");
const plain = (result) => ({
  suggest: result.suggest,
  items: result.items.map((group) => group.map(({ location, title, text, score, terms }) => ({ location, title, text, score, terms }))),
});

(async () => {
  await onMessage({ data: { type: 0, data: { config: index.config, docs: index.docs, options: { suggest: true } } } });
  const out = [];
  for (const query of queries) {
    const split = query.replace(MEETS, "$1$2 ");
    answers = [];
    await onMessage({ data: { type: 2, data: split } });
    out.push({ query, theme: plain(answers[0].data), lite: plain(await S.search(split)) });
  }
  process.stdout.write(JSON.stringify(out));
})();
