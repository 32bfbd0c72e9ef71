"""The review record of a generated edition (docs/i18n/zh-hant-review.yml)
and the notice on its pages.

A generated page is "converted" until a human review is recorded for it; it
is "reviewed" while the Simplified page still has the hash (translations.py's
source_hash) the review was made against, and "changed" once the Simplified
page has changed since. Every page that is not "reviewed" shows the notice
(generated_notice, or generated_changed: the generated language's own
strings in mkdocs.yml, common/ui_strings.py), with a link to the
Simplified page it was converted from.
"""
import datetime
import html as html_lib
import os
from dataclasses import dataclass

import yaml
from mkdocs.exceptions import PluginError

from i18n import translations

CONVERTED = "converted"
REVIEWED = "reviewed"
CHANGED = "changed"
FIELDS = {"reviewer", "date", "source_hash", "note"}


def path(docs_dir, code):
    return os.path.join(docs_dir, "i18n", f"{code.lower()}-review.yml")


def load(docs_dir, code):
    """{page: {reviewer, date, source_hash, note}}; a mistake raises ValueError naming the entry."""
    file = path(docs_dir, code)
    shown = "docs/i18n/" + os.path.basename(file)
    if not os.path.isfile(file):
        return {}
    with open(file, encoding="utf-8") as f:
        text = f.read()
    data = yaml.safe_load(text) or {}
    pages = data.get("pages") or {}
    for page, entry in pages.items():
        where = f"{shown}: {page}"
        if not isinstance(entry, dict) or set(entry) != FIELDS:
            raise ValueError(f"{where}: needs exactly {', '.join(sorted(FIELDS))}")
        if not isinstance(entry["date"], datetime.date):
            raise ValueError(f"{where}: date must be YYYY-MM-DD")
        if not str(entry["reviewer"]).strip() or not str(entry["note"]).strip():
            raise ValueError(f"{where}: reviewer and note must say who reviewed and what")
    # The hash is read from the text, as translations.py does: YAML would
    # turn a hash of digits only into a number.
    for page in pages:
        pages[page]["source_hash"] = _hash_in_text(text, page) or str(pages[page]["source_hash"])
    return pages


def _hash_in_text(text, page):
    import re

    block = re.search(rf"^  {re.escape(page)}:\s*\n((?:    .*\n?)+)", text, re.M)
    if not block:
        return None
    match = re.search(r"^    source_hash:\s*[\"']?([0-9A-Fa-f]+)", block.group(1), re.M)
    return match.group(1).lower() if match else None


@dataclass
class State:
    page: str
    state: str  # CONVERTED, REVIEWED or CHANGED
    current: str  # the hash of the Simplified page now
    entry: dict = None


def state_of(docs_dir, code, source, page):
    current = translations.file_hash(os.path.join(docs_dir, source, page))
    entry = load(docs_dir, code).get(page)
    if entry is None:
        return State(page, CONVERTED, current)
    return State(page, REVIEWED if entry["source_hash"] == current else CHANGED, current, entry)


def add_notice(html, page, config):
    """MkDocs on_page_content: the notice on a generated page not (or no longer) reviewed."""
    from common import languages, ui_strings
    from hant import edition
    from mkdocs.utils import get_relative_url

    code = languages.current(config)
    source = edition.generated(config).get(code)
    if not source or getattr(page.file, "generated_by", None) is None or not page.file.src_uri.startswith(code + "/"):
        return html
    name = page.file.src_uri.split("/", 1)[1]
    try:
        state = state_of(config.docs_dir, code, source, name)
    except ValueError as error:
        raise PluginError(str(error)) from None
    if state.state == REVIEWED:
        return html
    ui = config.extra["ui"]  # a missing string stops the build naming where it belongs (common/ui_strings.py)
    key = "generated_changed" if state.state == CHANGED else "generated_notice"
    default = languages.default(config)
    rest = page.url[len(code) + 1:] if page.url.startswith(code + "/") else page.url
    source_url = rest if source == default else f"{source}/{rest}"
    href = html_lib.escape(get_relative_url(source_url, page.url))
    html_lang = html_lib.escape(str(ui_strings.for_language(config, source)["html_lang"]))
    return (
        f'<div class="translation-notice generated-notice admonition note" data-generated="{state.state}" '
        f'data-search-exclude><p>{html_lib.escape(ui[key])} '
        f'<a href="{href}" hreflang="{html_lang}" lang="{html_lang}">{html_lib.escape(ui["generated_source"])}</a>'
        f"</p></div>" + html
    )
