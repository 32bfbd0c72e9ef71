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
import functools
import re

from postbuild import css

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


def families(rule):
    """The properties a rule (css.Rule) sets, by family; None if it sets `all`."""
    out = set()
    for decl in rule.decls:
        family = _family(decl.name)
        if family is None:
            return None
        out.add(family)
    return out


@functools.lru_cache(maxsize=None)
def _family(name):
    """The family of one property name (None for `all`)."""
    if name.startswith("--"):
        return name
    name = _VENDOR.sub("", name)
    if name == "all":
        return None
    root = next((r for r in _BY_LENGTH if name == r or name.startswith(r + "-")), name)
    return _FAMILY.get(root, root)


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


def _flat(items, context=()):
    """The items as a flat list: ("rule", context, rule) for each style rule,
    ("other", context, text) for anything else; context: the groups around it."""
    for item in items:
        if isinstance(item, css.Rule):
            yield "rule", context, item
        elif isinstance(item, css.Group):
            yield from _flat(item.items, context + (item,))
        elif not isinstance(item, css.Trailing) or item.text.strip():
            yield "other", context, item.text


def _medium(context):
    """"print" or "screen" if the rule's @media blocks hold it to one, else None."""
    return next((group.medium for group in context if group.medium), None)


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
        heads = tuple(group.head for group in context)
        if heads != current:
            flush()
            run, current = [], heads
        run.append(text)
    flush()
    return "".join(out)


def split(items, can_apply, elements):
    """(first, late): the stylesheet's items (css.py) cut in two as the module's
    docstring says, as text. `can_apply(selector)` says whether a css.Selector
    can apply before the split; `elements` are the page's (type, id, classes):
    inline_css.PageNames.elements."""
    ties = _Ties(elements)
    first, late, placed = [], [], []  # placed: (families, medium, [(specificity, subject)]) of late rules
    for kind, context, what in _flat(items):
        if kind != "rule":
            first.append((context, what))
            continue
        rule = what
        early = [s for s in rule.selectors if can_apply(s)]
        if early:
            first.append((context, rule.text(early)))
        own, media = families(rule), _medium(context)
        keys = [(s.specificity, s.subject) for s in rule.selectors]

        def could_tie(theirs, their_media, their_keys):
            if own is not None and theirs is not None and not own & theirs:
                return False
            if None not in (media, their_media) and media != their_media:
                return False
            return any(mine == other and ties(k1, k2) for mine, k1 in keys for other, k2 in their_keys)

        if len(early) < len(rule.selectors) or any(could_tie(*other) for other in placed):
            late.append((context, rule.text()))
            placed.append((own, media, keys))
    return _write(first), _write(late)
