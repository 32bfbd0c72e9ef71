"""The Sources page: every source cited anywhere on the site, in one list.

Each guide page cites its sources as Markdown footnotes. Rather than keeping a
second, hand-written list in step with them, the Sources page holds the
marker line `<!-- all-sources -->`, and this module replaces it with the
footnote definitions of every page in the navigation, grouped by page, in
nav order. A page missing in a language is read from the default language.
"""
import os
import re

from common.md_source import split_front_matter

MARKER = "<!-- all-sources -->"
_FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
_URL = re.compile(r"<(https?://[^>\s]+)>|\((https?://[^)\s]+)\)")


def nav_files(nav):
    """The Markdown files named in an MkDocs nav config, in order."""
    found = []
    for item in nav or []:
        value = item
        if isinstance(item, dict):
            (value,) = item.values()
        if isinstance(value, str):
            if value.endswith(".md"):
                found.append(value)
        elif isinstance(value, list):
            found.extend(nav_files(value))
    return found


def read_page(docs_dir, lang, default_lang, name):
    """(path, text) of a page in `lang`, falling back to the default language;
    a generated language's page is its source page, converted (hant/)."""
    from hant import edition

    text = edition.read_page(docs_dir, lang, name)
    if text is not None:
        return os.path.join(docs_dir, lang, name), text
    for code in (lang, default_lang):
        path = os.path.join(docs_dir, code, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                return path, f.read()
    return None, None


def footnotes(text):
    """Footnote definitions of a Markdown text, as (key, text) pairs, in order.

    A definition may continue on following lines indented by four spaces.
    """
    notes, current = [], None
    in_code = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        match = _FOOTNOTE.match(line)
        if match:
            current = [match.group(1), match.group(2).strip()]
            notes.append(current)
        elif current is not None and line.startswith("    ") and line.strip():
            current[1] += " " + line.strip()
        else:
            current = None
    return [tuple(n) for n in notes]


def urls(note_text):
    return [a or b for a, b in _URL.findall(note_text)]


def render(docs_dir, nav, lang, default_lang, this_page):
    """The Markdown that replaces the marker on the Sources page."""
    blocks = []
    for name in nav_files(nav):
        if name == this_page:
            continue
        path, text = read_page(docs_dir, lang, default_lang, name)
        if text is None:
            continue
        meta, body, _ = split_front_matter(text, path)
        notes = footnotes(body)
        if not notes:
            continue
        title = meta.get("title") or name
        anchor = os.path.splitext(name)[0]
        lines = [f"## [{title}]({name}) {{#{anchor}}}", ""]
        lines += [f"- {note}" for _, note in notes]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def fill_sources_page(markdown, page, config):
    if MARKER not in markdown:
        return markdown
    from common import languages

    listing = render(
        config.docs_dir, config.nav, languages.current(config),
        languages.default(config), os.path.basename(page.file.src_uri),
    )
    return markdown.replace(MARKER, listing)
