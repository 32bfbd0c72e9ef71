"""Reading a Markdown page the way a volunteer wrote it, line by line.

The translation checks need the page's own lines with their line numbers, not
MkDocs' rendering: which lines are prose (outside the front matter, fenced
code blocks, inline code and HTML comments), which headings carry which
`{#id}`, and whether the footnote marker line is there. This module owns
that reading; it knows nothing about languages.
"""
import re
from dataclasses import dataclass

FOOTNOTE_MARKER = "///Footnotes Go Here///"

_FENCE_OPEN = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)")
_HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?![#])(?P<rest>.*)$")
# The same rule as Python-Markdown's attr_list for headings: at least one
# ordinary space, then {...} at the very end of the line.
_HEADING_ATTRS = re.compile(r"[ ]+\{:?[ ]*(?P<attrs>[^}\n ][^\n]*)\}[ ]*$")
_ID = re.compile(r"(?:^|\s)#(?P<id>[^\s}]+)")


@dataclass
class Heading:
    line: int  # 1-based
    level: int
    title: str
    id: str  # "" when the heading has no {#id}


def front_matter_end(lines):
    """Index of the closing fence of the front matter, or None if there is none."""
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index
    return None


def split_front_matter(text, path="page"):
    """(front matter as a dict, body text, number of lines before the body).

    A page without front matter gives ({}, text, 0). Invalid YAML raises
    ValueError naming `path`.
    """
    import yaml

    lines = text.splitlines(keepends=True)
    end = front_matter_end([line.rstrip("\r\n") for line in lines])
    if end is None:
        return {}, text, 0
    try:
        meta = yaml.safe_load("".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: the front matter is not valid YAML: {error}")
    return meta, "".join(lines[end + 1:]), end + 1


def prose_lines(text, keep_front_matter=False):
    """The page's lines with everything that is not prose blanked out.

    Returns a list as long as the page's lines (index 0 is line 1). Lines of
    the front matter, fenced code blocks and HTML comments become "", inline
    code spans become spaces, so that columns and line numbers still match.
    """
    lines = text.splitlines()
    out = []
    end = None if keep_front_matter else front_matter_end(lines)
    fence = None
    in_comment = False
    for index, line in enumerate(lines):
        if end is not None and index <= end:
            out.append("")
            continue
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            out.append("")
            continue
        if not in_comment:
            match = _FENCE_OPEN.match(line)
            if match:
                fence = match.group("fence")
                out.append("")
                continue
        kept, rest = [], line
        while rest:
            if in_comment:
                close = rest.find("-->")
                if close < 0:
                    kept.append(" " * len(rest))
                    rest = ""
                else:
                    kept.append(" " * (close + 3))
                    rest = rest[close + 3:]
                    in_comment = False
            else:
                start = rest.find("<!--")
                if start < 0:
                    kept.append(rest)
                    rest = ""
                else:
                    kept.append(rest[:start])
                    rest = rest[start:]
                    in_comment = True
        line = "".join(kept)
        line = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
        out.append(line if line.strip() else "")
    return out


def headings(text):
    """The page's ATX headings (`## Title {#id}`), outside code and comments."""
    found = []
    for index, line in enumerate(prose_lines(text)):
        match = _HEADING.match(line)
        if not match:
            continue
        rest = match.group("rest")  # Python-Markdown needs no space after the #s
        attrs = _HEADING_ATTRS.search(rest)
        ident = ""
        title = rest
        if attrs:
            id_match = _ID.search(attrs.group("attrs"))
            ident = id_match.group("id") if id_match else ""
            title = rest[: attrs.start()]
        found.append(Heading(index + 1, len(match.group("hashes")), title.strip().rstrip("#").strip(), ident))
    return found


def marker_line(text):
    """Line number of the footnote marker line, or None."""
    for index, line in enumerate(prose_lines(text)):
        if line.strip() == FOOTNOTE_MARKER:
            return index + 1
    return None


_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:")
_LINK_TARGET = re.compile(r"(\]|\)\])\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]*>")
_ATTR_LIST = re.compile(r"\{:?[ ]*[#.][^}\n]*\}")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_BARE_URL = re.compile(r"https?://\S+")


def reading_text(text):
    """What a reader reads of the page, line by line (same numbering as the file).

    On top of prose_lines(): footnote definitions (source citations, whose
    titles stay in their original language), footnote references, link
    targets, bare URLs, `{#id}` attribute lists and HTML tags are left out.
    """
    out = []
    in_footnote = False
    for line in prose_lines(text):
        if _FOOTNOTE_DEF.match(line):
            in_footnote = True
            out.append("")
            continue
        if in_footnote and (line.startswith("    ") or not line.strip()):
            out.append("")
            if not line.strip():
                in_footnote = False
            continue
        in_footnote = False
        line = _LINK_TARGET.sub(r"\1", line)
        for pattern in (_AUTOLINK, _BARE_URL, _ATTR_LIST, _TAG, _FOOTNOTE_REF):
            line = pattern.sub(" ", line)
        out.append(line)
    return out
