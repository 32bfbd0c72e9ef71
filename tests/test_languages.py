"""Every language: the right <html lang> on every page (404 pages included),
and a language switcher that leads to the same page in each other language."""
import re

from helpers import PHONE

# language folder -> <html lang>; "" is the default language (English)
FOLDERS = {"": "en", "zh/": "zh-Hans", "zh-Hant/": "zh-Hant-HK"}
CODES = {"": "en", "zh/": "zh", "zh-Hant/": "zh-Hant"}


def folder_of(rel):
    return next((f for f in FOLDERS if f and rel.startswith(f)), "")


def page_lang(rel):
    """Chinese says which script (zh-Hans, zh-Hant-HK), so that browsers pick its glyphs."""
    return FOLDERS[folder_of(rel)]


def test_html_lang_is_right_on_every_page(site, pages):
    assert all(f"{folder}404.html" in pages for folder in FOLDERS)
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        match = re.search(r"<html lang=\"([^\"]+)\"", html)
        assert match, f"{rel} has no <html lang>"
        assert match.group(1) == page_lang(rel), f"{rel}: lang={match.group(1)}"


def test_every_page_has_a_twin_in_every_other_language(site, pages):
    for rel in pages:
        name = rel[len(folder_of(rel)):]
        for folder in FOLDERS:
            assert (site / (folder + name)).is_file(), f"{rel} has no twin {folder + name}"


def test_language_switcher_links_each_page_to_its_twin(site, pages):
    for rel in pages:
        if rel.endswith("404.html"):
            continue
        html = (site / rel).read_text(encoding="utf-8")
        links = dict(
            (lang, href) for href, lang in
            re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link"', html)
        )
        assert set(links) == set(CODES.values()), f"{rel}: switcher links {links}"
        name = rel.split("/")[-1]
        expected = {code: folder + name for folder, code in CODES.items()}
        base = (site / rel).parent
        for lang, href in links.items():
            target = (base / href).resolve()
            assert target == (site / expected[lang]).resolve(), f"{rel}: {lang} -> {href}"


def test_switcher_names_each_language_in_the_lang_of_its_pages(site, pages):
    """简体中文 is marked lang="zh-Hans" and 繁體中文 lang="zh-Hant-HK", the <html lang>
    of the pages they lead to, in the bar and in the theme's selector (hreflang keeps
    the language's code)."""
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        labels = re.findall(r'<a class="rs-lang" href="[^"]*" hreflang="([^"]+)" lang="([^"]+)">', html)
        assert labels, f"{rel}: no language link"
        if not rel.endswith("404.html"):
            selector = re.findall(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link" lang="([^"]+)">', html)
            assert len(selector) == len(CODES), f"{rel}: selector {selector}"
            labels += selector
        for code, lang in labels:
            folder = next(f for f, c in CODES.items() if c == code)
            assert lang == FOLDERS[folder], f"{rel}: the {code} link says lang={lang}"


def test_switching_language_in_the_browser_keeps_the_page(browser, origin):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(origin + "about.html")
        page.locator(".md-header__option .md-select").first.hover()
        page.locator("a.md-select__link[hreflang=zh]").first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("zh/about.html")
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        page.locator(".md-header__option .md-select").first.hover()
        page.locator("a.md-select__link[hreflang=en]").first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/about.html") and "/zh/" not in page.url
    finally:
        context.close()


def test_home_pages_are_titled_with_the_site_name_once(site):
    for rel, name in (("index.html", "Phone Risk Self-Check"), ("zh/index.html", "手机风险自查"),
                      ("zh-Hant/index.html", "手機風險自查")):
        html = (site / rel).read_text(encoding="utf-8")
        assert f"<title>{name}</title>" in html, rel
