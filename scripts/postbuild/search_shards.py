"""Search without the theme's worker: each language's index cut into small
files by the first character of a word (issue 28).

The theme's search downloads a whole index (80-110 kB gzip) and a worker,
then builds a lunr index on the phone before it can show a result. After
search_by_language.py has written each language's (compact) index, this
writes next to it, in <lang>/search/lite/:

- docs.js: every entry's location and title, the index's word separator,
  its number of fields and lunr's English stop words (which the worker
  leaves out of a result's missing words);
- text.js: every entry's teaser, in the same order (what a result shows
  under its title; search-lite.js asks for it once the first results are
  drawn, so that it does not share the slow link with them);
- <key>.js, one per shard: for every word of the index whose first
  character falls in that shard, the entries that hold it with the weight
  lunr would give it there (BM25 as lunr 2.3.9 computes it with the theme's
  settings: b = 0, k1 = 1.2, each field's boost, summed over the fields),
  with the first of the entry's fields that holds it (the title first).

A shard's key (shard_key) is the character itself for a-z and 0-9, "h" and
the code point modulo HAN_SHARDS for a Chinese character, "x" for any other.
docs/assets/js/search-lite.js computes the same keys.

The words are exactly those lunr indexes from this index: its fields split
by the index's own separator (so Chinese stays cut as jieba cut it at build
time, and the Traditional edition as its taught segmenter did), lowercased,
without the stop words of the index's lunr pipeline, which are read from
the theme's own lunr files (the English list from the search worker, the
Chinese one from lunr.zh). A query finds the same entries as the worker's
lunr index did (every word starting with a typed word, as its trailing
wildcard does), ranked the same way.

Each file is a script that hands its data to window.__search (defined by
docs/assets/js/on-demand.js), so it loads with a plain <script> element
over HTTP and from file:// alike; no eval, no inline code.
"""
import glob
import json
import math
import os
import re
from collections import defaultdict

HAN_SHARDS = 32
FOLDER = "lite"
K1 = 1.2  # lunr's; the theme's worker sets b to 0 (no length normalisation)

_TAG = re.compile(r"<[^>]+>")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ASCII_WORD = "[A-Za-z0-9_]"
# JavaScript's \b (no u flag) knows only ASCII word characters.
_JS_BOUNDARY = (f"(?:(?<={_ASCII_WORD})(?!{_ASCII_WORD})|(?<!{_ASCII_WORD})(?={_ASCII_WORD}))")


def shard_key(char):
    char = char.lower()
    if re.fullmatch(r"[a-z0-9]", char):
        return char
    if _HAN.fullmatch(char):
        return f"h{ord(char) % HAN_SHARDS}"
    return "x"


def js_separator(pattern):
    """The index's separator as Python reads it the way JavaScript does."""
    return re.compile(pattern.replace("\\b", _JS_BOUNDARY))


def split(text, separator):
    """The pieces of `text` between separator matches (the worker's tokenizer)."""
    out, start = [], 0
    for match in separator.finditer(text):
        if start < match.start():
            out.append(text[start:match.start()])
        start = match.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _generated_list(js, name_before):
    """The words of a lunr generateStopWordFilter(...) call after `name_before`."""
    at = js.find(name_before)
    if at < 0:
        return None
    call = re.compile(r"generateStopWordFilter\((\[[^\]]*\]|\"[^\"]*\"\.split\(\" \"\))\)")
    match = call.search(js, at)
    if not match:
        return None
    arg = match.group(1)
    if arg.startswith("["):
        return frozenset(json.loads(arg))
    return frozenset(arg[1:arg.index('"', 1)].split(" "))


def stop_words(site_dir, config):
    """The stop words the worker's lunr pipeline drops for this index's
    config: lunr's English list for ["en"], lunr.<lang>'s for one other
    language, none if the config names no stopWordFilter."""
    if "stopWordFilter" not in (config.get("pipeline") or []):
        return frozenset()
    langs = list(config.get("lang") or ["en"])
    if len(langs) != 1:
        raise ValueError(f"search_shards: an index of several lunr languages ({langs}) is not supported")
    lang = langs[0]
    scripts = os.path.join(site_dir, "assets", "javascripts")
    if lang == "en":
        workers = glob.glob(os.path.join(scripts, "workers", "search.*.min.js"))
        found = _generated_list(open(workers[0], encoding="utf-8").read(), ".stopWordFilter=") if workers else None
    else:
        path = os.path.join(scripts, "lunr", "min", f"lunr.{lang}.min.js")
        found = _generated_list(open(path, encoding="utf-8").read(), f".{lang}.stopWordFilter=") \
            if os.path.isfile(path) else None
    if not found:
        raise ValueError(f"search_shards: no lunr stop word list found for {lang!r} in the theme's files")
    return found


def _field_text(doc, field):
    value = doc.get(field)
    if value is None:
        return None
    if isinstance(value, list):
        value = " ".join(value)
    return _TAG.sub(" ", value)


def weights(index, stop):
    """{word: {entry number: (weight, first field)}} as lunr scores the index:
    the weight summed over the entry's fields, the first field (in the
    index's order of fields) that holds the word."""
    config = index["config"]
    separator = js_separator(config["separator"])
    fields = list((config.get("fields") or {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}).items())
    docs = index["docs"]
    tf = defaultdict(dict)  # (field) -> {doc: {word: count}}
    doc_freq = defaultdict(int)  # word -> entries holding it, summed over fields (lunr.idf)
    for number, doc in enumerate(docs):
        for field, _ in fields:
            text = _field_text(doc, field)
            if text is None:
                continue
            counts = defaultdict(int)
            for piece in split(text, separator):
                word = piece.lower()
                if word and word not in stop:
                    counts[word] += 1
            tf[field][number] = counts
            for word in counts:
                doc_freq[word] += 1
    count = len(docs)
    idf = {word: math.log(1 + abs((count - n + 0.5) / (n + 0.5))) for word, n in doc_freq.items()}
    out = defaultdict(dict)
    for position, (field, boost) in enumerate(fields):
        for number, counts in tf[field].items():
            doc_boost = docs[number].get("boost", 1)
            for word, n in counts.items():
                score = idf[word] * ((K1 + 1) * n) / (K1 + n)  # BM25 with b = 0
                score = round(score * boost["boost"] * doc_boost * 1000) / 1000
                weight, first = out[word].get(number, (0.0, position))
                out[word][number] = (weight + score, min(first, position))
    return out


def _number(value):
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def shards(word_weights, field_count):
    """{key: JavaScript object text {word: [entry * field_count + first field, weight, ...]}}."""
    grouped = defaultdict(dict)
    for word in sorted(word_weights):
        grouped[shard_key(word[0])][word] = word_weights[word]
    out = {}
    for key, words in grouped.items():
        parts = []
        for word, postings in words.items():
            flat = ",".join(f"{number * field_count + first},{_number(weight)}"
                            for number, (weight, first) in sorted(postings.items()))
            parts.append(f"{json.dumps(word, ensure_ascii=False)}:[{flat}]")
        out[key] = "{" + ",".join(parts) + "}"
    return out


def write_language(site_dir, search_dir):
    with open(os.path.join(search_dir, "search_index.json"), encoding="utf-8") as f:
        index = json.load(f)
    stop = stop_words(site_dir, index["config"])
    folder = os.path.join(search_dir, FOLDER)
    os.makedirs(folder, exist_ok=True)
    for old in glob.glob(os.path.join(folder, "*.js")):
        os.remove(old)
    fields = list(index["config"].get("fields") or ["title", "text"])
    if fields[0] != "title":
        raise ValueError(f"search_shards: the index's first field is {fields[0]!r}, not the title")
    docs = {
        "separator": index["config"]["separator"],
        "fields": len(fields),
        # lunr's English stop words: the worker leaves them out of a result's missing words
        "stop": sorted(stop_words(site_dir, {"lang": ["en"], "pipeline": ["stopWordFilter"]})),
        "docs": [[doc["location"], doc["title"]] for doc in index["docs"]],
    }
    teasers = [doc.get("text", "") for doc in index["docs"]]
    for name, data in (("docs", docs), ("text", teasers)):
        with open(os.path.join(folder, f"{name}.js"), "w", encoding="utf-8") as f:
            f.write(f"__search.got(\"{name}\",{json.dumps(data, ensure_ascii=False, separators=(',', ':'))})\n")
    written = {}
    for key, body in shards(weights(index, stop), len(fields)).items():
        with open(os.path.join(folder, f"{key}.js"), "w", encoding="utf-8") as f:
            f.write(f"__search.got(\"{key}\",{body})\n")
        written[key] = len(body)
    return written


def write_all(config):
    """Every language's shards, next to its search_index.json (search_by_language.py)."""
    site_dir = str(config.site_dir)
    write_results_css(site_dir)
    for index in sorted(glob.glob(os.path.join(site_dir, "**", "search", "search_index.json"), recursive=True)):
        write_language(site_dir, os.path.dirname(index))


RESULTS_CSS = "assets/stylesheets/search-results.css"


def results_css(text):
    """From the site's full stylesheet: the rules for search and its results
    (a selector naming a .md-search… class, which nothing outside search can
    match) and every definition of the custom properties they read, in
    their order. The page's inline CSS has no rule for what it does not hold
    (inline_css.py: the results), nor for the search box open on a phone, so
    search drawn before the full stylesheet has arrived needs these; loaded
    after the inline CSS, they change nothing outside search (the same
    definitions, in the same order as the full stylesheet)."""
    from postbuild import css

    def ours(selector):
        return any(name.startswith("md-search") for name in selector.classes)

    items = css.parse(text)
    reads = css.custom_properties_read(items, (), lambda rule: any(ours(s) for s in rule.selectors))

    def keep(items):
        out = []
        for item in items:
            if isinstance(item, css.Rule):
                chosen = [s for s in item.selectors if ours(s)]
                if chosen:
                    decls = [d for d in item.decls if not d.custom or d.custom in reads]
                    out.append(item.text(selectors=chosen, body=";".join(d.text for d in decls)))
                    continue
                decls = [d for d in item.decls if d.custom in reads]
                if decls:
                    out.append(item.text(body=";".join(d.text for d in decls)))
            elif isinstance(item, css.Group):
                inner = keep(item.items)
                if inner:
                    out.append(item.prelude + "{" + "".join(inner) + "}")
        return out

    return "".join(keep(items))


def write_results_css(site_dir):
    sheets = sorted(glob.glob(os.path.join(site_dir, "assets", "stylesheets", "site.*.css")))
    if not sheets:
        return None
    with open(sheets[0], encoding="utf-8") as f:
        text = results_css(f.read())
    with open(os.path.join(site_dir, RESULTS_CSS), "w", encoding="utf-8") as f:
        f.write(text)
    return text
