"""Anchors in the theme's markup, found loudly.

Several build steps edit what Material for MkDocs writes (a <link>, a
<script>, <html lang>, footnote markers). After a theme update such a tag may
look different; a step that then finds nothing must not go on silently. So:

- tags(html, name): every start tag `<name ...>` with its attributes parsed
  (any order, any quoting), as Tag(start, end, attrs, text);
- set_attribute(tag_text, name, value): that tag with one attribute set;
- expect(found, page, what): stops the build (AnchorMissing, an MkDocs
  PluginError) naming the page and what was looked for when `found` is
  empty (or shorter than `at_least`).
"""
import html.parser
import re
from dataclasses import dataclass

from mkdocs.exceptions import PluginError

_START = {}  # name -> the pattern of its start tag (quoted values may hold ">")


class AnchorMissing(PluginError):
    """A step found none of the theme's markup it edits."""


@dataclass
class Tag:
    start: int  # offset of "<"
    end: int  # offset after ">"
    attrs: dict  # name -> value ("" for a bare attribute such as defer)
    text: str


class _Attributes(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs = None

    def handle_starttag(self, tag, attrs):
        if self.attrs is None:
            self.attrs = {name: "" if value is None else value for name, value in attrs}

    handle_startendtag = handle_starttag


def attributes(tag_text):
    """The attributes of one start tag's text, as a dict."""
    parser = _Attributes()
    parser.feed(tag_text)
    parser.close()
    return parser.attrs or {}


def tags(text, name):
    """Every <name ...> start tag of `text` (see the module's docstring)."""
    pattern = _START.get(name)
    if pattern is None:
        pattern = _START[name] = re.compile(
            r"<" + re.escape(name) + r"""(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
    return [Tag(m.start(), m.end(), attributes(m.group(0)), m.group(0)) for m in pattern.finditer(text)]


def set_attribute(tag_text, name, value):
    """The start tag `tag_text` with attribute `name` set to `value` (added at its end if absent)."""
    quoted = '"' + html.escape(value) + '"'
    pattern = re.compile(r"""(\s""" + re.escape(name) + r"""\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
    if pattern.search(tag_text):
        return pattern.sub(lambda m: m.group(1) + quoted, tag_text, count=1)
    close = 2 if tag_text.endswith("/>") else 1
    return tag_text[:-close] + f" {name}={quoted}" + tag_text[-close:]


def expect(found, page, what, at_least=1):
    """`found`, unless it has fewer than `at_least` items: then stop the build."""
    if len(found) < at_least:
        raise AnchorMissing(
            f"{page}: found {len(found)} of {what} (expected at least {at_least}). The theme's markup "
            "may have changed (a Material for MkDocs update?): adapt the step that looks for it.")
    return found


def remove(text, found):
    """`text` without the tags `found` in it (in order), each with the white
    space before it."""
    out, last = [], 0
    for tag in found:
        start = tag.start
        while start > last and text[start - 1].isspace():
            start -= 1
        out.append(text[last:start])
        last = tag.end
    return "".join(out) + text[last:]
