"""Search in a generated edition.

- teach_segmenter() (on_pre_build of the generated language's pass): the
  search plugin cuts Chinese into words with jieba, whose dictionary is
  Simplified; on converted text it cuts 輸入法 into 輸 + 入法 and a query
  for 輸入法 then finds nothing. So every word jieba finds in the source
  pages is taught to it in its converted forms (vocabulary and plain
  characters), with the source word's frequency, and so is every value of
  the phrase table. The Simplified pages are cut as before: these words are
  Traditional.
- write_query_map() (post-build): <code>/search/query_map.js, which
  docs/assets/js/on-demand.js loads when search is opened on a page of a
  Traditional edition, to turn a Simplified (or mainland) query into the
  edition's words before it reaches the search worker: the phrase table's
  words first (设置 and 設置 → 設定), then character by character (实 → 實).
"""
import json
import os
import re

from hant import convert, edition

_HAN = re.compile(r"[\u3400-\u9fff]")
_taught = set()


def _source_texts(docs_dir, source):
    folder = os.path.join(docs_dir, source)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".md"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                yield f.read()


def teach_segmenter(config):
    from common import languages

    code = languages.current(config)
    source = edition.generated(config).get(code)
    if not source or code in _taught:
        return
    try:
        import jieba
    except ImportError:
        return
    conv = edition.converter(config.docs_dir, code)
    jieba.dt.check_initialized()
    freq = jieba.dt.FREQ
    words = {}
    for text in _source_texts(config.docs_dir, source):
        for word in jieba.lcut(text):
            if len(word) > 1 and _HAN.search(word):
                words[word] = freq.get(word) or 3
    # In a fixed order, and a word counts as known only with a frequency of
    # its own: jieba also records every prefix of an added word (with 0), and
    # skipping those would make the result depend on the order (two builds of
    # one commit must give the same index).
    taught = {}
    for word, count in words.items():
        for form in sorted({convert.plain(word), conv.text(word)}):
            if form != word and " " not in form and not freq.get(form):
                taught[form] = max(taught.get(form, 0), count)
    for value in sorted(set(conv.full.values()) | {label.hant for label in conv.table.menu_labels}):
        if len(value) > 1 and _HAN.search(value) and " " not in value and not freq.get(value):
            taught[value] = max(taught.get(value, 0), 50)
    for form in sorted(taught):
        jieba.add_word(form, taught[form])
    _taught.add(code)


def query_map(docs_dir, code, source):
    """{"phrases": [[from, to], ...] longest first, "chars": {from: to}}."""
    conv = edition.converter(docs_dir, code)
    phrases = {}
    for key, value in conv.full.items():
        if key in conv.table.guards or key in conv.table.protected:
            continue
        for form in (key, convert.plain(key)):
            if form != value:
                phrases[form] = value
    chars = {}
    for text in _source_texts(docs_dir, source):
        for char in set(_HAN.findall(text)):
            if char not in chars:
                converted = convert.plain(char)
                if converted != char:
                    chars[char] = converted
    ordered = sorted(phrases.items(), key=lambda item: (-len(item[0]), item[0]))
    return {"phrases": ordered, "chars": dict(sorted(chars.items()))}


def write_query_map(config):
    """After the build: the query map of each generated language, beside its index."""
    for code, source in edition.generated(config).items():
        folder = os.path.join(config.site_dir, code, "search")
        if not os.path.isdir(folder):
            continue
        data = json.dumps(query_map(config.docs_dir, code, source), ensure_ascii=False, separators=(",", ":"))
        with open(os.path.join(folder, "query_map.js"), "w", encoding="utf-8") as f:
            f.write(f"var __queryMap = {data};\n")
