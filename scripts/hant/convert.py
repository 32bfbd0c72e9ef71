"""The converter: Simplified Chinese (docs/zh/) into Hong Kong Traditional.

One pass over a text, in this order; each step hands what it decided to the
next as a held span that no later step touches:

1. sentence overrides (`sentences`), keyed to the whole Simplified sentence:
   the reviewed Traditional sentence is used as it is;
2. titles in 《》 (laws, regulations, books, newspapers), and in a footnote
   (a source citation) the quoted titles too: characters only, no
   vocabulary, so that an official title stays the official title;
3. runs of text that are Traditional already (a quoted Hong Kong or Taiwan
   headline): kept byte for byte, since converting Traditional text as if it
   were Simplified corrupts it;
4. the table's phrases, longest first at each place: `protected` names,
   `guards` against known bad conversions, `menu_labels` (those limited to
   some systems only next to a `>` of a menu path), and `vocabulary`;
5. OpenCC's s2hk configuration (character conversion with Hong Kong glyph
   standards) for everything else.

Code (fenced blocks and inline code), link targets and addresses are never
touched. `protected_spans` says which parts of the output came from steps 1
to 3 and from protected names, for the test that no "never" word is left.
"""
import functools
import re

import opencc

from hant import table as table_module

CONFIG = "s2hk"
HELD = 0xF0000  # supplementary private use area: one character per held span
_HELD_RE = re.compile("[\U000F0000-\U000FFFFD]")
_TITLE = re.compile(r"《[^《》\n]*》")
_QUOTE = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|「[^「」\n]*」|『[^『』\n]*』")
_RUN = re.compile(r"[^\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\u2010-\u206f"
                  r"\U000F0000-\U000FFFFD]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Markdown that is not text: inline code, autolinks, link targets, bare addresses, HTML tags.
_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)|<https?://[^>]*>|<[A-Za-z/!][^>\n]*>"
                   r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|https?://[^\s)>\]]+")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:")


@functools.lru_cache(maxsize=None)
def _opencc(config):
    return opencc.OpenCC(config)


def plain(text):
    """OpenCC s2hk alone: the plain character conversion (the official form of a PRC title)."""
    return _opencc(CONFIG).convert(text)


def _spaced(match, value):
    """A Latin word put in for Chinese ones (安卓 → Android) keeps a space from
    the Chinese text on each side, as the pages write "HarmonyOS 4 及以後"."""
    text, start, end = match.string, match.start(), match.end()
    if value[:1].isascii() and value[:1].isalnum() and start > 0 and _HAN.match(text[start - 1]):
        value = " " + value
    if value[-1:].isascii() and value[-1:].isalnum() and end < len(text) and _HAN.match(text[end]):
        value = value + " "
    return value


def _alternation(words):
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in words) if words else "(?!)"


class Converter:
    def __init__(self, table):
        self.table = table
        self.cc = _opencc(CONFIG)
        self.t2s = _opencc("t2s")
        self.s2t = _opencc("s2t")
        # Characters only (titles, source titles): names and guards still apply.
        self.fixed = {}
        for key, value in table.protected.items():
            self.fixed[key] = value if value is not None else self.cc.convert(key)
        self.fixed.update(table.guards)
        self.protected_keys = set(table.protected)
        self.full = dict(self.fixed)
        for label in table.menu_labels:
            if not label.systems:
                self.full[label.zh] = label.hant
        for key, value in table.vocabulary.items():
            self.full[key] = value if value is not None else self.cc.convert(key)
        self.fixed_re = re.compile(_alternation(self.fixed))
        self.full_re = re.compile(_alternation(self.full))
        self.sentences_re = re.compile(_alternation(table.sentences))
        limited = {label.zh: label.hant for label in table.menu_labels if label.systems}
        self.limited = limited
        self.by_system = {}
        for system in {s for label in table.menu_labels for s in label.systems}:
            words = [label.zh for label in table.menu_labels if system in label.systems]
            self.by_system[system] = re.compile(_alternation(words))
        words = _alternation(limited)
        self.limited_re = re.compile(
            rf"(?<=> )(?:{words})(?![\u3400-\u9fff])|(?:{words})(?=\s*>)")

    # -- character tests ------------------------------------------------------

    @functools.lru_cache(maxsize=None)
    def _kind(self, char):
        """'t' for a character only Traditional text uses, 's' for one only
        Simplified text uses, '' for one both share."""
        if self.t2s.convert(char) != char:
            return "t"
        if self.s2t.convert(char) != char:
            return "s"
        return ""

    def is_traditional(self, run):
        kinds = {self._kind(c) for c in run if _HAN.match(c)}
        return "t" in kinds and "s" not in kinds

    # -- one stretch of text ------------------------------------------------

    def _convert(self, text, footnote=False, chars_only=False, system=None, spans=None, held=None):
        held = [] if held is None else held  # shared with the spans this one holds

        def hold(value, protected=False):
            held.append(value)
            if protected and spans is not None:
                spans.append(value)
            return chr(HELD + len(held) - 1)

        if not chars_only:
            text = self.sentences_re.sub(lambda m: hold(self.table.sentences[m.group(0)], True), text)
            text = _TITLE.sub(lambda m: hold(self._convert(m.group(0), chars_only=True, held=held), True), text)
            if footnote:
                text = _QUOTE.sub(lambda m: hold(self._convert(m.group(0), chars_only=True, held=held), True), text)
        text = _RUN.sub(lambda m: hold(m.group(0), True) if self.is_traditional(m.group(0)) else m.group(0), text)
        if not chars_only:
            if system in self.by_system:  # an atlas entry of that system: its labels anywhere
                text = self.by_system[system].sub(lambda m: hold(self._limited(m.group(0), system)), text)
            text = self.limited_re.sub(lambda m: hold(self._limited(m.group(0), system)), text)
        pattern, values = (self.fixed_re, self.fixed) if chars_only else (self.full_re, self.full)
        text = pattern.sub(lambda m: hold(_spaced(m, values[m.group(0)]), m.group(0) in self.protected_keys), text)
        text = self.cc.convert(text)
        # held spans may hold held spans of their own: restore until none is left
        while _HELD_RE.search(text):
            text = _HELD_RE.sub(lambda m: held[ord(m.group(0)) - HELD], text)
        return text

    def _limited(self, word, system):
        for label in self.table.menu_labels:
            if label.zh == word and (system is None or system in label.systems):
                return label.hant
        return self.full.get(word) or self.cc.convert(word)

    def text(self, text, system=None, spans=None):
        """A plain string (a UI string, a question, an atlas field)."""
        return self._convert(text, system=system, spans=spans)

    def chars(self, text, spans=None):
        """Characters only (a source title, a publisher's name)."""
        out = self._convert(text, chars_only=True)
        if spans is not None:
            spans.append(out)
        return out

    def _line(self, line, footnote, spans):
        parts, last = [], 0
        for match in _CODE.finditer(line):
            parts.append(self._convert(line[last:match.start()], footnote, spans=spans))
            parts.append(match.group(0))
            last = match.end()
        parts.append(self._convert(line[last:], footnote, spans=spans))
        return "".join(parts)

    def markdown(self, text, spans=None):
        """A whole page: front matter and prose converted, code left as it is."""
        out, fence, footnote = [], None, False
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            ending = line[len(body):]
            if fence:
                if body.strip().startswith(fence) and set(body.strip()) == {fence[0]}:
                    fence = None
                out.append(line)
                continue
            match = _FENCE.match(body)
            if match:
                fence = match.group(1)
                out.append(line)
                continue
            if _FOOTNOTE_DEF.match(body):
                footnote = True
            elif footnote and not (body.startswith("    ") and body.strip()):
                footnote = False
            out.append(self._line(body, footnote, spans) + ending)
        return "".join(out)


def never_found(table, text, spans=()):
    """The table's "never" words found in `text`, outside the given protected spans.

    Returns a list of (word, a bit of text around it)."""
    for span in sorted(set(spans), key=len, reverse=True):
        if span:
            text = text.replace(span, "\u3000")
    found = []
    for never in table.never:
        for match in re.finditer(re.escape(never.word), text):
            start = match.start()
            allowed = False
            for word in never.except_in:
                offset = word.find(never.word)
                while offset >= 0:
                    if text[start - offset:start - offset + len(word)] == word:
                        allowed = True
                    offset = word.find(never.word, offset + 1)
            if not allowed:
                found.append((never.word, text[max(0, start - 8):match.end() + 8]))
    return found


@functools.lru_cache(maxsize=8)
def _cached(path, mtime):
    return Converter(table_module.load(path))


def for_table(path):
    """The converter for a phrase table file (reloaded when the file changes)."""
    import os

    return _cached(path, os.path.getmtime(path))
