"""The one-file editions (one per language) keep the promise on a phone: opened
from disk they load nothing but themselves, store nothing, and the self-check
works in them; every page is there, every in-page link leads somewhere, the
text fits a phone's width, a link at the top starts the self-check, and a way
back to the contents stays on screen all down the long page."""
import re

import pytest
from bs4 import BeautifulSoup

from editions import bundle
from common import project_config, ui_strings
from dev import budgets
from editions import single_file
from helpers import ROOT, stored_anything
from offline_editions import OUTSIDE_LINK, answer_a_question, audited_context, dangling_in_page_links, open_on_a_phone

LANGS = [code for code, _ in project_config.languages(project_config.load(ROOT / "mkdocs.yml"))]


@pytest.fixture(scope="module")
def files(editions):
    """{language: path} of the single files made from this session's build."""
    made = editions
    version = project_config.bundle_version(project_config.load(ROOT / "mkdocs.yml"))
    return {lang: made[name] for lang, name in bundle.names(version, LANGS)["single"].items()}


@pytest.fixture(scope="module")
def soups(files):
    return {lang: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for lang, path in files.items()}


def test_there_is_one_file_per_language_within_budget(files):
    assert sorted(files) == sorted(LANGS)
    for lang, path in files.items():
        assert path.stat().st_size <= budgets.MAX_SINGLE_FILE_BYTES, f"{path.name}: {path.stat().st_size:,} bytes"


@pytest.mark.parametrize("lang", LANGS)
def test_file_loads_nothing_from_anywhere(soups, lang):
    soup = soups[lang]
    config = project_config.load(ROOT / "mkdocs.yml")
    assert soup.html["lang"] == ui_strings.for_language(config, lang)["html_lang"]
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp and "http" not in csp and "'self'" not in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-hashes'" not in csp
    assert soup.find("meta", attrs={"http-equiv": "x-dns-prefetch-control"})["content"] == "off"
    assert soup.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"
    assert not soup.select("script[src], link[rel=stylesheet], iframe, object, embed, video, audio, source")
    for element in soup.select("[src]"):
        assert element["src"].startswith("data:"), element["src"][:80]
    for link in soup.select("link[href]"):
        assert link["href"].startswith("data:"), link["href"][:80]
    for style in soup.find_all("style"):
        assert not re.search(r"@import|url\(\s*['\"]?(?!data:|#)", style.get_text())


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_the_site_is_in_the_file(site, soups, lang):
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    names = single_file.nav_pages((site / prefix / "index.html").read_text(encoding="utf-8"))
    sections = [section["id"] for section in soups[lang].select("section.page")]
    assert sections == [single_file.page_key(name) for name in names]
    toc = [a["href"] for a in soups[lang].select("#contents a")]
    assert toc == ["#" + key for key in sections]
    assert soups[lang].select_one("form#self-check"), "the self-check is missing"


@pytest.mark.parametrize("lang", LANGS)
def test_links_are_in_page_or_to_other_sites(soups, lang):
    soup = soups[lang]
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "an id is used twice"
    for link in soup.select("a[href]"):
        href = link["href"]
        if href.startswith("#"):
            assert href[1:] in ids, f"{href} leads nowhere"
        else:
            assert href.startswith(OUTSIDE_LINK), f"{href} is neither in the file nor another site"
    # sections keep the page's key as prefix, as in #protect--keyboard
    assert soup.select_one('[id^="protect--"]') is not None


@pytest.mark.parametrize("lang", LANGS)
def test_opened_from_disk_it_contacts_no_one_stores_nothing_and_the_self_check_works(browser, files, lang):
    uri = files[lang].as_uri()
    context, audit, page = open_on_a_phone(browser, uri)
    try:
        page.locator('#contents a[href="#check"]').click()
        before, after = answer_a_question(page)
        assert before != after
        assert page.url == uri + "#check", "answers must not reach the address"
        assert dangling_in_page_links(page) == []
        relative = page.evaluate("""outside => [...document.querySelectorAll('a[href]')]
            .map(a => a.getAttribute('href'))
            .filter(h => !h.startsWith('#') && !outside.some(p => h.startsWith(p)))""", list(OUTSIDE_LINK))
        assert relative == [], f"links that lead nowhere from a single file: {relative[:5]}"
        state = audit.storage(page)
        assert not stored_anything(state), state
        page.reload()
        page.wait_for_load_state("load")
        assert page.locator("form#self-check input:checked").count() == 0, "answers came back after a reload"
        assert audit.outside == [], f"requests outside the file: {audit.outside}"
        assert audit.console_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_at_the_top_starts_the_self_check_and_the_contents_stay_in_reach(browser, files, lang):
    uri = files[lang].as_uri()
    context, audit = audited_context(browser, uri)
    try:
        page = context.new_page()
        page.goto(uri)
        page.wait_for_load_state("load")
        start = page.locator("header .start a")
        assert start.is_visible() and start.bounding_box()["y"] < page.viewport_size["height"]
        start.click()
        assert page.url == uri + "#check"
        assert page.locator("form#self-check").first.bounding_box()["y"] < page.viewport_size["height"]
        back = page.locator(".to-contents a")
        # far down the page (the last section), the link back is still on screen
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight * 0.8)")
        box = back.bounding_box()
        assert back.is_visible() and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]
        assert box["width"] >= 24 and box["height"] >= 24, "too small a target for a finger"
        back.click()
        assert page.url == uri + "#contents"
        assert abs(page.locator("#contents").bounding_box()["y"]) < 5
        assert audit.outside == [] and audit.console_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_policy_lists_exactly_the_inline_code_of_the_file(files, soups, lang):
    """Hashes instead of 'unsafe-inline' (issue 23, item 6): every inline script and the
    stylesheet are listed, and nothing else is."""
    from postbuild import csp as policy_step

    text = files[lang].read_text(encoding="utf-8")
    csp = soups[lang].find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    policy = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    found = policy_step.inline_code(text)
    assert found.scripts and not found.handlers and not found.style_attrs
    assert set(policy["script-src"]) == {policy_step.sha256(s) for s in found.scripts}
    assert set(policy["style-src"]) == {policy_step.sha256(s) for s in found.styles}


def test_inline_code_the_file_did_not_write_stops_it():
    with pytest.raises(single_file.SingleFileError, match="handler"):
        single_file.check_inline_code('<p onclick="go()">x</p><script>a()</script>', ["a()"], [])
    with pytest.raises(single_file.SingleFileError, match="script 'b\\(\\)'"):
        single_file.check_inline_code("<script>b()</script>", ["a()"], [])
    single_file.check_inline_code('<script>a()</script><script type="application/json">{}</script>', ["a()"], [])
