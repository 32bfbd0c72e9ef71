"""One page's inline CSS in two parts: what the page needs up to the end of
its article's first paragraph, in the head, and the rest, in a second
<style> right after that paragraph (inline_css.py writes both).

On a slow link the first paragraph can be drawn only once every byte before
it has arrived, and the head's stylesheet is the largest part of those
bytes. Rules for tables, admonitions, footnotes, the footer and the like
are not needed to draw the header, the navigation and the first paragraph,
so they can come after it. Everything the browser parses after the second
<style> is styled by both parts before it is drawn; the elements before it
are drawn by the first part alone, which holds every rule that can apply to
them (judged by inline_css.can_apply on the names found before the split).

The cascade stays the original one. Moving a rule later could make it win
where an earlier-placed rule used to: only if the two rules set the same
property, with selectors of equal specificity, on one element. So the late
part is, in the original order:

- every rule with a selector the first part leaves out, and
- every rule of the first part that could tie with a rule already in the
  late part: a property in common (shorthands and their longhands count as
  one, logical and physical sides too), a selector of the same specificity,
  and an element of the page that both selectors' last compounds could name
  (its type, id and classes; pseudo-classes and attributes are not judged,
  so element states and attributes set at run time are covered).

Classes and elements that scripts add at run time are not known here. The
theme's bundle only runs after the reader's first touch, and then
docs/assets/js/on-demand.js turns both parts off once the full stylesheet
has loaded, so the cascade is the original one again whatever the bundle
adds; the site's own scripts (the self-check's form) run before that, and
the browser test below judges the page after they have run.

A rule repeated in the late part keeps its place in the first part for the
elements before the split; the late copy comes after every rule it could
tie with, as in the original. tests/test_first_paint.py checks the result in
the browser on every page: each element's computed style is the same as
with the full stylesheet alone, and the late part changes nothing of what
comes before it.
"""
import re

from postbuild import trim_theme_css

_NESTED = ("@media", "@supports", "@container")
_VENDOR = re.compile(r"^-(?:webkit|moz|ms|o)-")
# Shorthands and what else sets the same longhands: a property belongs to the
# longest of these names it is or starts with (margin-top: margin), and the
# names on the right are one family (logical and physical sides, aliases).
_SHORTHANDS = (
    "animation", "background", "border", "column", "columns", "contain-intrinsic", "container",
    "flex", "font", "gap", "grid", "inset", "list-style", "margin", "mask", "offset", "outline",
    "overflow", "overflow-wrap", "overscroll-behavior", "padding", "place", "align", "justify",
    "scroll-margin", "scroll-padding", "text-decoration", "text-emphasis", "text-wrap",
    "transition", "white-space", "break", "page-break", "min", "max", "inline-size",
    "block-size", "line-height", "row-gap", "column-gap", "word-wrap", "top", "right", "bottom",
    "left", "width", "height", "text-stroke", "marker")
_FAMILY = {
    "top": "inset", "right": "inset", "bottom": "inset", "left": "inset",
    "width": "size", "height": "size", "min": "size", "max": "size", "inline-size": "size",
    "block-size": "size",
    "gap": "grid", "row-gap": "grid", "column-gap": "grid", "columns": "column",
    "place": "align", "justify": "align",
    "line-height": "font",  # the font shorthand sets it
    "white-space": "text-wrap",  # white-space sets text-wrap-mode
    "word-wrap": "overflow-wrap", "page-break": "break",  # legacy names
}
_BY_LENGTH = sorted(_SHORTHANDS, key=len, reverse=True)
_LEGACY_PSEUDO_ELEMENTS = {"before", "after", "first-line", "first-letter"}
_PSEUDO = re.compile(r"::?(-?[\w-]+)")


def families(body):
    """The properties a rule's body sets, by family; None if it sets `all`."""
    out = set()
    for decl in trim_theme_css.declarations(body):
        name = decl.split(":", 1)[0].strip().lower()
        if name.startswith("--"):
            out.add(name)
            continue
        name = _VENDOR.sub("", name)
        if name == "all":
            return None
        root = next((r for r in _BY_LENGTH if name == r or name.startswith(r + "-")), name)
        out.add(_FAMILY.get(root, root))
    return out


def _argument(selector, start):
    """The text inside the parentheses opening at selector[start], and the index after them."""
    depth, j = 1, start + 1
    while depth:
        depth += {"(": 1, ")": -1}.get(selector[j], 0)
        j += 1
    return selector[start + 1:j - 1], j


def specificity(selector):
    """(ids, classes, types) of one complex selector, as CSS Selectors 4 counts them."""
    a = b = c = 0
    s, i = selector.strip(), 0
    while i < len(s):
        ch = s[i]
        if ch in "#.":
            m = re.match(r"[#.]-?(?:[\w-]|\\.)+", s[i:])
            a, b = (a + 1, b) if ch == "#" else (a, b + 1)
            i += len(m.group(0)) if m else 1
        elif ch == "[":
            b += 1
            i = s.index("]", i) + 1
        elif ch == ":":
            m = _PSEUDO.match(s, i)
            name, i = m.group(1).lower(), m.end()
            element = m.group(0).startswith("::") or name in _LEGACY_PSEUDO_ELEMENTS
            if i < len(s) and s[i] == "(":
                arg, i = _argument(s, i)
                if name in ("is", "not", "has", "matches", "-webkit-any", "-moz-any"):
                    inner = max((specificity(x) for x in trim_theme_css._split_selectors(arg)), default=(0, 0, 0))
                    a, b, c = a + inner[0], b + inner[1], c + inner[2]
                    continue
                if name == "where":
                    continue
                if name in ("nth-child", "nth-last-child") and " of " in arg:
                    inner = max(specificity(x) for x in trim_theme_css._split_selectors(arg.split(" of ", 1)[1]))
                    a, b, c = a + inner[0], b + inner[1], c + inner[2]
            if element:
                c += 1
            else:
                b += 1
        elif ch.isalpha():
            m = re.match(r"[A-Za-z][\w-]*", s[i:])
            c += 1
            i += len(m.group(0))
        elif ch in "\"'":
            i = s.index(ch, i + 1) + 1
        else:
            i += 1
    return (a, b, c)


def subject(selector):
    """What the last compound of `selector` requires of an element:
    (type or None, id or None, classes, pseudo-element or None)."""
    top = trim_theme_css._top_level(selector).strip()
    compound = re.split(r"\s*[>+~]\s*|\s+", top)[-1]
    kind = re.match(r"[A-Za-z][\w-]*", compound)
    ident = re.search(r"#(-?[\w-]+)", compound)
    classes = frozenset(re.findall(r"\.(-?[\w-]+)", compound))
    element = None
    for m in _PSEUDO.finditer(compound):
        if m.group(0).startswith("::") or m.group(1).lower() in _LEGACY_PSEUDO_ELEMENTS:
            element = m.group(1).lower()
    return (kind.group(0).lower() if kind else None, ident.group(1) if ident else None, classes, element)


class _Ties:
    """Answers whether two subjects could be the same element of the page."""

    def __init__(self, elements):
        self.elements = elements
        self.cache = {}

    def __call__(self, one, other):
        if one[3] != other[3]:
            return False  # a pseudo-element and its element, or two pseudo-elements
        kind = {one[0], other[0]} - {None}
        ident = {one[1], other[1]} - {None}
        if len(kind) > 1 or len(ident) > 1:
            return False
        key = (frozenset(kind), frozenset(ident), one[2] | other[2])
        if key not in self.cache:
            self.cache[key] = any(
                (not kind or tag in kind) and (not ident or eid in ident) and key[2] <= classes
                for tag, eid, classes in self.elements)
        return self.cache[key]


def _items(css, context=()):
    """The stylesheet as a flat list: ("rule", context, selectors, body) for
    each style rule, ("other", context, text, None) for anything else."""
    i = 0
    while i < len(css):
        brace, semi = css.find("{", i), css.find(";", i)
        if brace < 0:
            if css[i:].strip():
                yield "other", context, css[i:], None
            return
        if css[i] == "@" and 0 <= semi < brace:
            yield "other", context, css[i:semi + 1], None
            i = semi + 1
            continue
        end = trim_theme_css._block_end(css, brace)
        prelude, body = css[i:brace], css[brace + 1:end]
        head = prelude.strip()
        if head.startswith(_NESTED):
            yield from _items(body, context + (head,))
        elif head.startswith("@") or not head:
            yield "other", context, css[i:end + 1], None
        else:
            yield "rule", context, trim_theme_css._split_selectors(prelude), body
        i = end + 1


def _medium(context):
    """"print" or "screen" if the rule's @media blocks hold it to one, else None."""
    for head in context:
        m = re.match(r"@media\s+(?:only\s+)?(print|screen)\b", head)
        if m and "," not in head:
            return m.group(1)
    return None


def _write(items):
    """[(context, text)] as CSS, consecutive items of one context in one block."""
    out, run, current = [], [], None

    def flush():
        if run:
            text = "".join(run)
            for head in reversed(current):
                text = head + "{" + text + "}"
            out.append(text)

    for context, text in items:
        if context != current:
            flush()
            run, current = [], context
        run.append(text)
    flush()
    return "".join(out)


def split(css, can_apply, elements):
    """(first, late): `css` cut in two as the module's docstring says.
    `can_apply(selector)` says whether a selector can apply before the split;
    `elements` are the page's (type, id, classes): inline_css.PageNames.elements."""
    ties = _Ties(elements)
    first, late, placed = [], [], []  # placed: (families, medium, [(specificity, subject)]) of late rules
    for kind, context, what, body in _items(css):
        if kind != "rule":
            first.append((context, what))
            continue
        early = [s for s in what if can_apply(s)]
        if early:
            first.append((context, ",".join(early) + "{" + body + "}"))
        own, media = families(body), _medium(context)
        keys = [(specificity(s), subject(s)) for s in what]

        def could_tie(theirs, their_media, their_keys):
            if own is not None and theirs is not None and not own & theirs:
                return False
            if None not in (media, their_media) and media != their_media:
                return False
            return any(mine == other and ties(k1, k2) for mine, k1 in keys for other, k2 in their_keys)

        if len(early) < len(what) or any(could_tie(*other) for other in placed):
            late.append((context, ",".join(what) + "{" + body + "}"))
            placed.append((own, media, keys))
    return _write(first), _write(late)
