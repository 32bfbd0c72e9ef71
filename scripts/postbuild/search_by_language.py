"""One search index per language.

mkdocs-static-i18n merges the search entries of every language into one
index at search/search_index.json (and the offline plugin copies it into
search/search_index.js for file://). A reader on a Chinese page would then
get English results mixed in, and download both languages when opening
search. After the last build pass (hooks.py calls it then) this writes, for each language, an index
holding only that language's pages:

    search/search_index.json|.js        the default language
    <code>/search/search_index.json|.js every other language

Entry locations stay relative to the site root, as the theme expects, and
Chinese is written as UTF-8 rather than \\u escapes, which halves its size.
Each index names only its own language's lunr languages (lunr_languages),
and is then made smaller (compact_search_index.py: a teaser and a
list of words per entry instead of its whole text).
docs/assets/js/on-demand.js points a page at the index of its
language folder.
"""
import json
import os

from common import languages
from postbuild import compact_search_index


def _write(folder, index):
    os.makedirs(folder, exist_ok=True)
    text = json.dumps(compact_search_index.compact(index), ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(folder, "search_index.json"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(folder, "search_index.js"), "w", encoding="utf-8") as f:
        f.write(f"var __index = {text}")


def split_by_language(config):
    path = os.path.join(config.site_dir, "search", "search_index.json")
    if not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as f:
        merged = json.load(f)
    others = [code for code in languages.all_codes(config) if code != languages.default(config)]
    buckets = {code: [] for code in [None] + others}
    for doc in merged["docs"]:
        folder = doc["location"].split("/", 1)[0]
        buckets[folder if folder in others else None].append(doc)
    for code, docs in buckets.items():
        target = config.site_dir if code is None else os.path.join(config.site_dir, code)
        settings = dict(merged["config"], lang=lunr_languages(merged["config"]["lang"],
                                                              code or languages.default(config)))
        _write(os.path.join(target, "search"), dict(merged, config=settings, docs=docs))


def lunr_languages(configured, code):
    """The lunr languages of one language's index: those of the search
    plugin's `lang` that are this language ("zh" for zh or zh-Hant), or all
    of them if none is. The worker loads a lunr file for every language but
    English and one more to combine several (prune_output.lunr_files_needed),
    each a round trip before it can build its index; the English index needs
    none, the Chinese one two instead of three."""
    own = [lang for lang in configured if lang.lower() in (code.lower(), code.lower().split("-")[0])]
    return own or list(configured)
