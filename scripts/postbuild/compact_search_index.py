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

In an English index whose pipeline has lunr's stopWordFilter, the word list
leaves out lunr's English stop words ("the", "and", ...): the worker's
pipeline drops them from the index and from every query anyway (about 7% of
the English index, gzip).

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

# lunr 2.3.9's stopWordFilter (the theme's worker bundles that lunr)
LUNR_STOP_WORDS = frozenset("""
a able about across after all almost also am among an and any are as at be because been but by can
cannot could dear did do does either else ever every for from get got had has have he her hers him
his how however i if in into is it its just least let like likely may me might most must my neither
no nor not of off often on only or other our own rather said say says she should since so some than
that the their them then there these they this tis to too twas us wants was we were what when where
which while who whom why will with would yet you your
""".split())


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


def compact_entry(entry, separator, dropped=frozenset()):
    text = plain(entry.get("text", ""))
    short = teaser(text, separator)
    shown = {word.lower() for word in separator.split(short.removesuffix("…")) if word}
    shown.update(word.lower() for word in separator.split(entry.get("title", "")) if word)
    rest = {}
    for word in separator.split(text):
        key = word.lower()
        if word and key not in shown and key not in rest and key not in dropped:
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
    english = list(config.get("lang") or ["en"]) == ["en"] and "stopWordFilter" in (config.get("pipeline") or [])
    dropped = LUNR_STOP_WORDS if english else frozenset()
    return dict(index, config=config, docs=[compact_entry(doc, separator, dropped) for doc in index["docs"]])
