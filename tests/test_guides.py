"""The guides are dated and sourced: every page shows when it was last
reviewed, every guide cites public sources (title, publisher, date, link),
the site has enough of them, and the diagrams are light and translatable."""
import re

import pytest
import yaml

from helpers import ROOT
from common.md_source import split_front_matter
from pages.sources import footnotes, nav_files, urls

DOCS = ROOT / "docs"
NAV = nav_files(yaml.safe_load(
    re.search(r"^nav:\n(?:  .*\n?)+", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(0)
)["nav"])
GUIDES = ["phone-makers.md", "real-name.md", "vpn.md", "protect.md", "trainers.md"]
YEAR = re.compile(r"\b(19|20)\d\d\b|undated|无日期")


def english(name):
    return split_front_matter((DOCS / "en" / name).read_text(encoding="utf-8"))[:2]


def test_every_nav_page_has_a_review_date():
    for name in NAV:
        for lang in ("en", "zh"):
            path = DOCS / lang / name
            if not path.exists():
                continue
            meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", str(meta.get("reviewed", ""))), \
                f"{path.relative_to(ROOT)}: front matter needs 'reviewed: YYYY-MM-DD'"


def test_review_date_is_shown_under_the_title(site):
    for name in NAV:
        for prefix in ("", "zh/"):
            html = (site / prefix / name.replace(".md", ".html")).read_text(encoding="utf-8")
            assert re.search(r'</h1><p class="page-reviewed">[^<]+<time datetime="\d{4}-\d\d-\d\d">', html), \
                f"{prefix}{name}: no review date under the title"


@pytest.mark.parametrize("name", GUIDES)
def test_each_guide_cites_dated_public_sources(name):
    meta, body = english(name)
    notes = dict(footnotes(body))
    cited = set(re.findall(r"\[\^([^\]]+)\](?!:)", body))
    assert len(notes) >= 3, f"{name}: only {len(notes)} sources"
    assert cited <= set(notes), f"{name}: cited but not defined: {cited - set(notes)}"
    assert set(notes) <= cited, f"{name}: defined but never cited: {set(notes) - cited}"
    assert "## Sources {#sources}" in body and "///Footnotes Go Here///" in body, name
    for key, text in notes.items():
        assert urls(text), f"{name} [^{key}]: no link"
        assert YEAR.search(text), f"{name} [^{key}]: no date (write 'undated' if the page has none)"
        assert re.search(r"[\"“].+[\"”]|\[untitled .+\]", text), \
            f"{name} [^{key}]: no quoted title (describe an untitled page as [untitled ...])"


def test_site_rests_on_at_least_25_distinct_sources():
    found = set()
    for name in NAV:
        _, body = english(name)
        for _, text in footnotes(body):
            found.update(urls(text))
    assert len(found) >= 25, f"only {len(found)} distinct sources"


def test_guides_are_substantial():
    words = 0
    for name in NAV:
        _, body = english(name)
        prose = "\n".join(l for l in body.splitlines() if not l.startswith("[^"))
        words += len(re.findall(r"[A-Za-z][A-Za-z'’-]*", prose))
    assert words >= 5000, f"only {words} words of English guide text"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_data_flow_diagram_is_light_translatable_and_self_contained(lang):
    svg = (DOCS / "assets" / "img" / f"data-flow-{lang}.svg").read_text(encoding="utf-8")
    assert len(svg.encode()) < 8000
    assert "<title" in svg and "<desc" in svg
    assert svg.count("<text") >= 6, "labels must be real text, so translators can edit them"
    assert not re.search(r"(href|src)=\"(https?:)?//|<script|@import", svg)
    page = (DOCS / lang / "phone-makers.md")
    if page.exists():
        assert f"data-flow-{lang}.svg" in page.read_text(encoding="utf-8")
