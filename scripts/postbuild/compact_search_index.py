"""A smaller search index that finds the same pages (issue 28).

The theme's index holds every section's whole text, and the search worker
builds its lunr index from it in the reader's browser: the English index
was 136 kB gzip, the Chinese one 166 kB, and every word of it is read,
positioned and highlighted on a slow phone. Each result showed its whole
section too. After search_by_language.py has split the index, every entry
(page or section) keeps:

- `title`, unchanged;
- `text`: a teaser, the start of the section as plain text, cut at a word
  boundary after about TEASER_WIDTH columns (a Chinese character counts two)
  with an ellipsis; this is what a result shows;
- `words`: every other word of the section once (the theme's own separator
  from the index's config splits them, so Chinese stays segmented as jieba
  cut it at build time), as the page spells it, in sorted order, joined by
  spaces. It is a field of the index (config.fields, boost 1, like `text`),
  so the worker indexes it; results do not show it.

A word is in the index of a section exactly when it was before, so a query
finds the same sections (tests/test_search.py) and Chinese queries are
segmented against the same vocabulary (the theme cuts a Chinese query into
the longest words its index knows). What changes: a word that occurs several
times in a section counts once towards its score, and a result shows the
section's first lines instead of all of it (words found further down are not
marked in it).

No theme file is replaced: the worker reads this index as it read the old
one (its fields come from the index's config).
"""
import re
import unicodedata

TEASER_WIDTH = 180
FIELD = "words"
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_INVISIBLE = "\u200b"


def plain(html):
    """The text of an entry without its tags, as the worker reads it."""
    return _SPACE.sub(" ", _TAG.sub(" ", html)).strip()


def _width(char):
    if char == _INVISIBLE:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def teaser(text, separator, width=None):
    """The start of `text` (plain) up to `width` columns, cut where the
    separator splits words, with an ellipsis when something was cut."""
    width = TEASER_WIDTH if width is None else width
    used = 0
    for end, char in enumerate(text):
        used += _width(char)
        if used > width:
            break
    else:
        return text
    cuts = [m.start() for m in separator.finditer(text, 0, end + 1) if 0 < m.start() < m.end()]
    cut = cuts[-1] if cuts else end
    return text[:cut].rstrip(" " + _INVISIBLE) + "…"


def compact_entry(entry, separator):
    text = plain(entry.get("text", ""))
    short = teaser(text, separator)
    shown = {word.lower() for word in separator.split(short.removesuffix("…")) if word}
    shown.update(word.lower() for word in separator.split(entry.get("title", "")) if word)
    rest = {}
    for word in separator.split(text):
        key = word.lower()
        if word and key not in shown and key not in rest:
            rest[key] = word
    out = dict(entry, text=short)
    if rest:
        out[FIELD] = " ".join(rest[key] for key in sorted(rest))
    return out


def compact(index):
    """The index (as search_by_language.py holds it) with teasers and word lists."""
    config = dict(index["config"])
    separator = re.compile(config["separator"])
    fields = dict(config.get("fields") or {"title": {"boost": 1000.0}, "text": {"boost": 1.0}})
    fields[FIELD] = dict(fields.get("text", {"boost": 1.0}))
    config["fields"] = fields
    return dict(index, config=config, docs=[compact_entry(doc, separator) for doc in index["docs"]])
