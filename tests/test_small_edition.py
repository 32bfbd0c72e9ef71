"""The small edition (one file per language): the self-check and the steps
it leads to, at most 150 KB for chat apps. Opened from disk it loads nothing
but itself and stores nothing, with JavaScript on (the check works) and off
(the "judge it yourself" lists and their step links are enough to use it).
It is made from whatever the check page's form links to, so it follows the
self-check when its questions change."""
import re

import pytest
from bs4 import BeautifulSoup

from common import project_config, ui_strings
from dev import budgets
from helpers import ROOT, stored_anything
from editions import bundle, single_file, small_edition
from offline_editions import OUTSIDE_LINK, answer_a_question, dangling_in_page_links, open_on_a_phone

CONFIG = project_config.load(ROOT / "mkdocs.yml")
LANGS = [code for code, _ in project_config.languages(CONFIG)]
PREFIX = dict(project_config.languages(CONFIG))
VERSION = project_config.bundle_version(CONFIG)


@pytest.fixture(scope="module")
def dist(editions):
    """The folder of the editions made once from this session's build (conftest.py)."""
    return next(iter(editions.values())).parent


@pytest.fixture(scope="module")
def files(dist):
    names = bundle.names(VERSION, LANGS)["small"]
    return {lang: dist / name for lang, name in names.items()}


@pytest.fixture(scope="module")
def soups(files):
    return {lang: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for lang, path in files.items()}


def check_article(site, lang):
    """The built check page's article, as the site shows it."""
    index = (site / PREFIX[lang] / "index.html").read_text(encoding="utf-8")
    pages = [single_file.read_page(site, PREFIX[lang], name) for name in single_file.nav_pages(index)]
    return single_file.check_page(pages)


@pytest.mark.parametrize("lang", LANGS)
def test_one_small_file_per_language_within_budget(files, lang):
    size = files[lang].stat().st_size
    assert size <= budgets.MAX_SMALL_EDITION_BYTES, f"{files[lang].name}: {size:,} bytes"


@pytest.mark.parametrize("lang", LANGS)
def test_it_holds_the_check_with_each_steps_how_to_and_nothing_else(site, soups, lang):
    soup = soups[lang]
    check = check_article(site, lang)
    form = soup.select_one("form")
    assert form is not None and form.select("a[data-step]"), "the self-check form is missing"
    # every question of the site's check page is there
    questions = {f["id"] for f in check.article.select("fieldset[id]")}
    assert questions and questions <= {f["id"] for f in soup.select("fieldset[id]")}
    # every step link leads to a place in the file, and each step appears once
    ids = {e["id"] for e in soup.find_all(id=True)}
    steps = soup.select("a[data-step]")
    assert steps and all(a["href"].startswith("#") and a["href"][1:] in ids for a in steps)
    # each step link leads to that step's own how-to in the file
    for link in steps:
        target = soup.find(id=link["href"][1:])
        assert target.name == "details" and target.get("data-step") == link["data-step"], link
    assert {a["data-step"] for a in check.article.select("a[data-step]")} <= \
        {d["data-step"] for d in soup.select("details[data-step]")}
    # only the check page (its steps carry their how-to; no per-phone blocks),
    # then the list of mirrors, so a reader holding the file can find a live copy
    sections = [s["id"] for s in soup.select("section.page")]
    assert sections == [check.key, "mirrors"]
    mirrors = soup.select_one("section.page#mirrors")
    assert mirrors.select_one(".mirrors-none, table.mirrors") and not mirrors.select("#host, #check")
    assert not soup.select("[data-system]")
    assert not soup.select("div.footnote, a.footnote-ref")
    assert soup.select_one('a.md-button[href="#%s"]' % check.key), "no link that starts the self-check"


@pytest.mark.parametrize("lang", LANGS)
def test_it_loads_nothing_from_anywhere(soups, lang):
    soup = soups[lang]
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "'unsafe-inline'" not in csp and csp.startswith("default-src 'none'; script-src 'sha256-")
    assert soup.find("meta", attrs={"http-equiv": "x-dns-prefetch-control"})["content"] == "off"
    assert not soup.select("script[src], link[rel=stylesheet], iframe, object, embed, video, audio, source")
    assert all(e["src"].startswith("data:") for e in soup.select("[src]"))
    for style in soup.find_all("style"):
        assert not re.search(r"@import|url\(\s*['\"]?(?!data:|#)", style.get_text())
    for link in soup.select("a[href]"):
        assert link["href"].startswith("#") or link["href"].startswith(OUTSIDE_LINK), link["href"]


@pytest.mark.parametrize("lang", LANGS)
def test_from_disk_with_javascript_the_check_works_and_nothing_is_stored(browser, files, lang):
    uri = files[lang].as_uri()
    context, audit, page = open_on_a_phone(browser, uri)
    try:
        before, after = answer_a_question(page)
        assert before != after
        assert page.url == uri, "answers must not reach the address"
        assert dangling_in_page_links(page) == []
        assert not stored_anything(audit.storage(page))
        page.reload()
        page.wait_for_load_state("load")
        assert page.locator("form input:checked").count() == 0, "answers came back after a reload"
        assert audit.outside == [] and audit.console_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_from_disk_without_javascript_the_judge_it_yourself_lists_are_enough(browser, files, lang):
    from helpers import PHONE, Audit

    uri = files[lang].as_uri()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    audit = Audit(context, [uri])
    try:
        page = context.new_page()
        page.goto(uri)
        page.wait_for_load_state("load")
        judges = page.locator("form details")
        assert judges.count() >= 1
        for i in range(judges.count()):
            judges.nth(i).locator("summary").click()
        steps = page.locator("form details a[data-step]")
        assert steps.count() >= 1 and steps.first.is_visible()
        # follow a step link: it leads to its section in the file
        href = steps.first.get_attribute("href")
        steps.first.click()
        assert page.url.endswith(href)
        target = page.locator(f"[id='{href[1:]}']")
        assert target.is_visible()
        assert page.locator("noscript").count() >= 1
        assert audit.outside == []
        assert audit.console_errors == []
        assert context.cookies() == []
    finally:
        context.close()


@pytest.mark.slow  # a bundle of its own
def test_neutral_names_and_titles(site, tmp_path):
    made = bundle.make_bundle(site, tmp_path, neutral=True)
    names = sorted(path.name for path in made)
    assert all(name in ("SHA256SUMS", "RELEASE") or name.startswith(bundle.NEUTRAL_NAME + "-") for name in names), names
    for path in made:
        if path.suffix != ".html":
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        # <html lang> back to the language it is written in (zh-Hans: zh, zh-Hant-HK: zh-Hant)
        codes = {ui_strings.for_language(CONFIG, code)["html_lang"]: code
                 for code, _ in project_config.languages(CONFIG)}
        lang = codes[soup.html["lang"]]
        title = soup.title.get_text()
        strings = single_file.strings_for(CONFIG, lang)
        assert title.startswith(strings["bundle_neutral_title"]), title
        site_name = soup.select_one(".site-name").get_text()
        assert site_name not in title and not soup.find("meta", attrs={"name": "description"})


def test_a_check_page_with_another_form_still_gives_a_small_file(site, tmp_path):
    """The self-check is rewritten elsewhere: only its form and data-step links count."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    check = copy / "check.html"
    html = check.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    judge = soup.select("form details")
    assert judge, "the check page has no judge-it-yourself lists"
    judge[-1].decompose()  # a part of the check gone: its steps leave the file
    check.write_text(str(soup), encoding="utf-8")
    text = small_edition.render(copy, CONFIG, LANGS[0], "", VERSION)
    assert len(text.encode("utf-8")) <= budgets.MAX_SMALL_EDITION_BYTES
    assert "data-step" in text
