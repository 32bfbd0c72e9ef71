"""What a first visit costs a reader on a slow link, in bytes (deterministic,
so asserted here; timings are only printed, by scripts/dev/bench.py).

A page's first visit is its HTML plus every stylesheet, script and image the
HTML names (outside <noscript>), each compressed with gzip -9. The page's CSS
is inline in its HTML, and the theme's bundle and full stylesheet load only at
the reader's first touch (scripts/postbuild/inline_css.py). Measured on
2026-12-02: the files every page shares came to 7.0 kB, the heaviest page
(zh/protect.html, with the settings atlas's tabs) to 65.5 kB, the heaviest
HTML alone (with its inline CSS) to 58.5 kB, the heaviest inline CSS to
9.5 kB (protect.html, both parts), the heaviest head part to 7.1 kB, and
at most 13.1 kB arrive before a page's first paragraph
(zh/settings.html); stock Material
for MkDocs needs at least 134 kB for the same pages (PERFORMANCE.md, "Speed on slow
links"). The budgets (scripts/dev/budgets.py) leave room for the site to grow, not for another
script or stylesheet that every page must wait for.

Also: search (search-lite.js and the files of words it needs) and the theme
bundle load only when the reader reaches for search (the bundle also at any
first touch), the theme's whole index and worker never; the
build ships no source maps, no lunr languages the search does not use, no
screenshots; and the theme's stylesheet is trimmed of rules nothing uses.
"""
import gzip
import re

import pytest

from dev import budgets
from helpers import search, settle
from postbuild import prune_output
from postbuild import trim_theme_css

# The budgets (bytes, gzip -9) are in scripts/dev/budgets.py, with the others.

_TAG = re.compile(r"<(?:link|script|img)\b[^>]*>")
_NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.S)
_URL = re.compile(r'\b(?:href|src)="([^"#?]+)')


def gz(data):
    return len(gzip.compress(data, 9, mtime=0))


def named_files(site, rel, html):
    """The files a page's HTML makes the browser fetch: stylesheets, icon, scripts, images."""
    found = set()
    for tag in _TAG.findall(_NOSCRIPT.sub("", html)):  # <noscript> loads only without JavaScript
        if tag.startswith("<link") and not re.search(r'rel="(?:stylesheet|icon)"', tag):
            continue
        url = _URL.search(tag)
        if not url:
            continue
        url = url.group(1)
        path = site / url.lstrip("/") if url.startswith("/") else (site / rel).parent / url
        found.add(path.resolve())
    return found


def first_visits(site, pages):
    """{page: (html bytes, {file: bytes})}, gzip sizes."""
    visits = {}
    for rel in pages:
        html = (site / rel).read_bytes()
        files = named_files(site, rel, html.decode("utf-8"))
        missing = [str(f) for f in files if not f.is_file()]
        assert not missing, f"{rel} names files that are not in the build: {missing}"
        visits[rel] = (gz(html), {f: gz(f.read_bytes()) for f in files})
    return visits


def test_every_page_first_visit_fits_the_budget(site, pages):
    visits = first_visits(site, pages)
    report = {rel: html + sum(files.values()) for rel, (html, files) in visits.items()}
    over = {rel: size for rel, size in report.items() if size > budgets.MAX_PAGE_GZIP_BYTES}
    assert not over, f"over {budgets.MAX_PAGE_GZIP_BYTES} bytes gzip: {over}"
    heavy = {rel: html for rel, (html, _) in visits.items() if html > budgets.MAX_HTML_GZIP_BYTES}
    assert not heavy, f"HTML over {budgets.MAX_HTML_GZIP_BYTES} bytes gzip: {heavy}"
    styles = {rel: gz("".join(re.findall(r"<style>(.*?)</style>", (site / rel).read_text(encoding="utf-8"),
                                          re.S)).encode("utf-8")) for rel in pages}
    over_css = {rel: size for rel, size in styles.items() if size > budgets.MAX_INLINE_CSS_GZIP_BYTES}
    assert not over_css, f"inline CSS over {budgets.MAX_INLINE_CSS_GZIP_BYTES} bytes gzip: {over_css}"


def test_first_paragraph_comes_early(site, pages):
    """The bytes before a page's first paragraph can be drawn (inline_css.py,
    split_inline_css.py): the head's CSS part and everything up to the end of that
    paragraph. The rest of the page's CSS comes right after it."""
    heavy_css, heavy_start = {}, {}
    for rel in pages:
        text = (site / rel).read_text(encoding="utf-8")
        article = text.find("<article")
        paragraph = text.find("<p>", article)
        assert article > 0 and paragraph > 0, f"{rel}: no paragraph in the article"
        end = text.find("</p>", paragraph) + len("</p>")
        styles = [(m.start(), m.group(1)) for m in re.finditer(r"<style>(.*?)</style>", text, re.S)]
        head = text.find("</head>")
        assert [start < head for start, _ in styles][:1] == [True], f"{rel}: no inline CSS in the head"
        if gz(styles[0][1].encode("utf-8")) > budgets.MAX_HEAD_CSS_GZIP_BYTES:
            heavy_css[rel] = gz(styles[0][1].encode("utf-8"))
        if gz(text[:end].encode("utf-8")) > budgets.MAX_BEFORE_FIRST_PARAGRAPH_GZIP_BYTES:
            heavy_start[rel] = gz(text[:end].encode("utf-8"))
        later = [start for start, _ in styles[1:]]
        assert all(start >= end for start in later), f"{rel}: CSS in the body before the first paragraph"
    assert not heavy_css, f"the head's CSS over {budgets.MAX_HEAD_CSS_GZIP_BYTES} bytes gzip: {heavy_css}"
    assert not heavy_start, f"over {budgets.MAX_BEFORE_FIRST_PARAGRAPH_GZIP_BYTES} bytes gzip before the first paragraph: {heavy_start}"


def test_files_every_page_loads_stay_small(site, pages):
    visits = first_visits(site, pages)
    shared = set.intersection(*(set(files) for _, files in visits.values()))
    sizes = {f.relative_to(site).as_posix(): size
             for f, size in next(iter(visits.values()))[1].items() if f in shared}
    assert sum(sizes.values()) <= budgets.MAX_SHARED_GZIP_BYTES, f"shared files, gzip bytes: {sizes}"


def test_no_page_names_the_search_index(site, pages):
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        assert "search_index" not in html, f"{rel} loads the search index with the page"


def _searchy(url):
    return ("search_index" in url or "/workers/search" in url or "/lunr/" in url
            or "/search/lite/" in url or "/search-lite." in url)


@pytest.mark.parametrize("start,words,folder,shards", [
    ("index.html", "keyboard", "/search/lite/", {"k"}),
    ("zh/index.html", "实名", "/zh/search/lite/", {f"h{ord('实') % 32}"}),
    ("zh-Hant/index.html", "實名", "/zh-Hant/search/lite/", {f"h{ord('實') % 32}"}),
])
def test_search_loads_only_when_the_reader_reaches_for_it(make_context, server, start, words, folder, shards):
    """A first visit downloads nothing of search, nor the theme's bundle, however
    long the reader reads; a touch on the search button requests the search
    script and the page language's titles, the words typed the files of
    words they start with (search_shards.py), then the teasers, each once; never the
    theme's whole index, its worker or lunr (on-demand.js, search-lite.js)."""
    context, audit = make_context()
    page = context.new_page()
    page.clock.install()  # the page's timers: moved on below, not waited for
    page.goto(server + start)
    page.wait_for_load_state("load")
    settle(page, audit, clock="30:00")  # half an hour of reading: every timer due by then has fired
    early = [u for u in audit.requests if _searchy(u) or "/bundle." in u]
    assert early == [], f"loaded before any touch: {early}"
    page.mouse.wheel(0, 300)  # a first touch elsewhere brings the bundle, not search
    page.wait_for_function("() => document.documentElement.classList.contains('js')")  # the bundle ran
    settle(page, audit, clock="30:00")
    assert any("/bundle." in u for u in audit.requests)
    early = [u for u in audit.requests if _searchy(u)]
    assert early == [], f"loaded before search was touched: {early}"
    search(page, words).first.wait_for()
    settle(page, audit)
    searched = [u for u in audit.requests if _searchy(u)]
    root = server.rstrip("/")
    lite = sorted(u for u in searched if "/search/lite/" in u)
    assert lite == sorted(root + folder + name + ".js" for name in {"docs", "text"} | shards), searched
    assert set(searched) - set(lite) == {root + "/assets/js/search-lite.js"}, searched
    assert len(searched) == len(set(searched)), f"asked twice: {searched}"
    assert audit.outside == [] and audit.console_errors == []


def test_no_source_maps_ship(site):
    maps = [p.relative_to(site).as_posix() for p in site.rglob("*.map")]
    assert maps == []
    pointers = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".js", ".css")
                and b"sourceMappingURL" in p.read_bytes()]
    assert pointers == [], "these still point at source maps"


def test_only_the_lunr_files_search_uses_ship(site):
    """Each language's index names its own lunr languages
    (search_by_language.lunr_languages): English needs no lunr file, Chinese
    two; what ships is what some index needs."""
    import json

    needed = set()
    for index in site.glob("**/search/search_index.json"):
        langs = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
        needed |= prune_output.lunr_files_needed(langs)
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"] == ["en"]
    assert prune_output.lunr_files_needed(["en"]) == set()
    lunr = site / "assets" / "javascripts" / "lunr"
    shipped = {p.relative_to(lunr).as_posix() for p in lunr.rglob("*") if p.is_file()}
    # lunr.multi stays for the search plugin's languages together, which no index now names
    assert needed <= shipped and shipped - needed <= {"min/lunr.multi.min.js"}, (needed, shipped)
    assert prune_output.lunr_files_needed(["en", "zh"]) == {
        "min/lunr.stemmer.support.min.js", "min/lunr.zh.min.js", "min/lunr.multi.min.js"}


def test_screenshots_stay_out_of_the_site(site):
    assert not (site / "assets" / "screenshots").exists()


def test_theme_stylesheet_is_trimmed_but_keeps_what_pages_use(site):
    css = next((site / "assets" / "stylesheets").glob("site.*.css")).read_text(encoding="utf-8")
    assert ".md-header" in css and ".md-search-result" in css and ".md-typeset .admonition" in css
    for unused in (".md-author", ".giscus", ".arithmatex", ".highlighttable"):  # blog, comments, maths
        assert unused not in css, unused


def test_unused_css_keeps_anything_that_might_match():
    used = trim_theme_css.Usage({"used", "md-tag--", "teal"})
    css = ("@charset \"UTF-8\";.used{a:1}.gone{b:2}.used .gone,.used:not(.gone){c:3}"
           "@media screen{.gone{d:4}.used{e:5}}@keyframes spin{0%{f:6}}"
           ".md-tag--news{g:7}[data-md-color-primary=indigo]{h:8}[data-md-color-primary=teal]{i:9}"
           "p:is(.gone,.used){j:10}")
    assert trim_theme_css.drop_unused(css, used) == (
        "@charset \"UTF-8\";.used{a:1}.used:not(.gone){c:3}"
        "@media screen{.used{e:5}}@keyframes spin{0%{f:6}}"
        ".md-tag--news{g:7}[data-md-color-primary=teal]{i:9}"
        "p:is(.gone,.used){j:10}")


def test_self_check_assets_load_only_on_the_check_pages(site, pages):
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        has_check = rel.endswith("check.html")
        for asset in ("assets/js/selfcheck.js", "assets/css/selfcheck.css"):
            assert (asset in html) == has_check, f"{rel}: {asset}"


_HEAD = re.compile(r"<head>.*?</head>", re.S)


def test_nothing_in_the_head_holds_up_the_text(site, pages):
    """The CSS a page needs is inline; no stylesheet link and no script that
    the parser must wait for in the head (scripts/postbuild/inline_css.py)."""
    for rel in pages:
        head = _HEAD.search((site / rel).read_text(encoding="utf-8")).group(0)
        assert "<style>" in head, rel
        assert 'rel="stylesheet"' not in head, f"{rel}: a stylesheet holds up the first paint"
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head):
            assert " defer" in tag or " async" in tag, f"{rel}: {tag} blocks the parser"


def test_every_script_is_named_in_the_head(site, pages):
    """Every script file a page loads is named in its head, deferred: it
    downloads while the HTML does. Named at the end of the body, the
    browser learns of it only once the whole page has arrived, and its
    download costs one more round trip before the load event."""
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        head_end = html.index("</head>")
        assert re.search(r"<script\b[^>]*\bsrc=", html[:head_end]), f"{rel}: no script in the head"
        late = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", _NOSCRIPT.sub("", html[head_end:]))
        assert not late, f"{rel}: named after the head: {late}"


def test_theme_bundle_and_full_stylesheet_wait_for_the_reader(site, pages):
    """The theme's bundle and the full stylesheet are named only to
    on-demand.js (and the stylesheet in <noscript>): a first visit does not
    download them."""
    full = [p.name for p in (site / "assets" / "stylesheets").glob("site.*.css")]
    assert len(full) == 1 and not list((site / "assets" / "stylesheets").glob("main.*.css"))
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        loader = re.search(r'<script src="[^"]*assets/js/on-demand\.js" data-bundle="([^"]+)" '
                           r'data-stylesheets="([^"]+)" defer></script>', html)
        assert loader, f"{rel}: no on-demand loader"
        assert re.search(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", loader.group(1))
        assert loader.group(2).split()[0].endswith(full[0])
        named = _NOSCRIPT.sub("", html).replace(loader.group(0), "")
        assert "bundle." not in named and full[0] not in named, rel


def test_page_css_keeps_what_the_page_can_use():
    from postbuild import inline_css

    names = inline_css.page_names(
        '<html class="no-js"><body><div class="md-typeset" id="x"><p>a</p></div></body></html>')
    css = (".md-typeset p{a:var(--a)}.md-typeset table{b:2}.md-search{c:3}#x{d:4}#y{e:5}"
           ":root{--used:1;--unused:2;--a:var(--b);--b:1}.md-typeset{color:var(--used);--z:var(--unused)}"
           ".md-typeset :is(.gone,p){f:6}.md-typeset :is(.gone,table){g:7}"
           "[dir=rtl] .md-typeset{h:8}.no-js .md-typeset:not(.js){i:9}"
           "@media screen{.md-search{j:10}.md-typeset{k:11}}")
    assert inline_css.page_css(css, names) == (
        ".md-typeset p{a:var(--a)}#x{d:4}:root{--used:1;--a:var(--b);--b:1}"
        ".md-typeset{color:var(--used)}.md-typeset :is(.gone,p){f:6}"
        ".no-js .md-typeset:not(.js){i:9}@media screen{.md-typeset{k:11}}")
