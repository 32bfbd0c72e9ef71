"""A missing translation never breaks the site: the Chinese address shows the
English text under a notice in Chinese, whose links lead to the Chinese
self-check and home page, over HTTP and from file://. A translation that
English has moved on from says so gently, with a link to the English page.
An up-to-date translation, and every English page, show no notice."""
import json
import re

import pytest

from helpers import PHONE, Audit, stored_anything
from translation_project import CURRENT, MISSING, OUTDATED, ROOT

from dev import local_site

pytestmark = pytest.mark.slow  # the session's build of a copy of the project (conftest.py: probe_site)

CJK = re.compile(r"[\u3400-\u9fff]")
NOTICE = re.compile(r'<div class="translation-notice[^"]*"[^>]*>.*?</div>', re.S)


def html_name(page):
    return page.replace(".md", ".html")


@pytest.fixture(scope="module")
def built(probe_site):
    """The session's copy of the project with the probe pages, among them one untranslated,
    one outdated and one current (conftest.py: probe_site)."""
    return probe_site


def notices(html):
    return NOTICE.findall(html)


def read(site, rel):
    return (site / rel).read_text(encoding="utf-8")


def test_missing_translation_is_built_from_english_with_a_chinese_notice(built):
    project, site = built
    assert not (project / "docs" / "zh" / MISSING).exists()
    html = read(site, "zh/" + html_name(MISSING))
    assert "Translation probe" in html, "the English text should stand in for the translation"
    (notice,) = notices(html)
    assert 'lang="zh"' in notice and "data-search-exclude" in notice
    text = re.sub(r"<[^>]+>", "", notice)
    assert CJK.search(text), notice
    assert not re.search(r"[A-Za-z]", text), f"English words in the Chinese notice: {text}"
    assert '<div lang="en"><h1' in html, "the English text should be marked as English"


def test_notice_links_lead_to_the_chinese_self_check_and_home(built):
    project, site = built
    (notice,) = notices(read(site, "zh/" + html_name(MISSING)))
    hrefs = re.findall(r'href="([^"]+)"', notice)
    expected = ["index.html"]
    if (project / "docs" / "en" / "check.md").exists():
        expected.insert(0, "check.html")
    assert hrefs == expected, notice
    for href in hrefs:
        assert (site / "zh" / href).is_file(), f"zh/{href} does not exist"
        assert 'lang="zh-Hans"' in read(site, "zh/" + href)[:300]


def test_outdated_translation_links_to_the_english_page(built):
    _, site = built
    html = read(site, "zh/" + html_name(OUTDATED))
    (notice,) = notices(html)
    assert "translation-notice translation-outdated" in notice and 'lang="zh"' in notice
    assert not re.search(r"[A-Za-z]", re.sub(r"<[^>]+>", "", notice))
    (href,) = re.findall(r'href="([^"]+)"', notice)
    assert (site / "zh" / href).resolve() == (site / html_name(OUTDATED)).resolve()
    assert "翻译测试页" in html, "an outdated translation is still shown"


def test_no_notice_on_current_translations_or_english_pages(built):
    _, site = built
    assert notices(read(site, "zh/" + html_name(CURRENT))) == []
    for page in (MISSING, OUTDATED, CURRENT):
        assert notices(read(site, html_name(page))) == [], page


def test_notice_is_kept_out_of_the_search_index(built):
    _, site = built
    index = json.loads(read(site, "zh/search/search_index.json"))
    texts = [doc["text"] for doc in index["docs"] if html_name(MISSING) in doc["location"]]
    assert texts, "the probe page is not in the search index"
    assert not any("本页还没有翻译" in text for text in texts)


@pytest.fixture(scope="module")
def built_server(built):
    _, site = built
    with local_site.serve(site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_notice_links_work_in_a_browser(browser, built, built_server, scheme):
    project, site = built
    base = site.as_uri() + "/" if scheme == "file" else built_server
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    audit = Audit(context, [base])
    try:
        page = context.new_page()
        start = base + "zh/" + html_name(MISSING)
        page.goto(start)
        notice = page.locator(".translation-notice")
        assert notice.is_visible()
        assert notice.get_attribute("lang") == "zh"
        targets = ["index.html"]
        if (project / "docs" / "en" / "check.md").exists():
            targets.insert(0, "check.html")
        for target in targets:
            page.goto(start)
            page.locator(f'.translation-notice a[href="{target}"]').click()
            page.wait_for_load_state("load")
            assert page.url == base + "zh/" + target
            assert page.locator("html").get_attribute("lang") == "zh-Hans"
            assert page.locator("h1").count() >= 1, f"zh/{target} did not load"
        assert not stored_anything(audit.storage(page))
        assert audit.outside == [], audit.outside
        assert audit.console_errors == [], audit.console_errors
    finally:
        context.close()


def test_the_site_strings_exist_in_every_language():
    """The notice's words come from each language's interface strings
    (docs/i18n/ui.<lang>.yml), so each key must be there in both."""
    from common import ui_strings
    from i18n.notice import KEYS

    english, chinese = (ui_strings.read(ROOT / "docs", code, ROOT) for code in ("en", "zh"))
    for key in KEYS:
        assert english.get(key), f"docs/i18n/ui.en.yml lacks {key}"
        assert chinese.get(key), f"docs/i18n/ui.zh.yml lacks {key}"
        assert not re.search(r"[A-Za-z]", chinese[key]), f"English in the Chinese {key}"
