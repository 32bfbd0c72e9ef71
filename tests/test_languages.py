"""Both languages: the right <html lang> on every page (404 pages included),
and a language switcher that leads to the same page in the other language."""
import re

from helpers import PHONE


def page_lang(rel):
    """Simplified Chinese says so (zh-Hans), so that browsers pick its glyphs."""
    return "zh-Hans" if rel.startswith("zh/") else "en"


def test_html_lang_is_right_on_every_page(site, pages):
    assert "404.html" in pages and "zh/404.html" in pages
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        match = re.search(r"<html lang=\"([^\"]+)\"", html)
        assert match, f"{rel} has no <html lang>"
        assert match.group(1) == page_lang(rel), f"{rel}: lang={match.group(1)}"


def test_every_page_has_a_twin_in_the_other_language(site, pages):
    for rel in pages:
        twin = rel[3:] if rel.startswith("zh/") else "zh/" + rel
        assert (site / twin).is_file(), f"{rel} has no twin {twin}"


def test_language_switcher_links_each_page_to_its_twin(site, pages):
    for rel in pages:
        if rel.endswith("404.html"):
            continue
        html = (site / rel).read_text(encoding="utf-8")
        links = dict(
            (lang, href) for href, lang in
            re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link"', html)
        )
        assert set(links) == {"en", "zh"}, f"{rel}: switcher links {links}"
        name = rel.split("/")[-1]
        expected = {"en": name, "zh": "zh/" + name}
        base = (site / rel).parent
        for lang, href in links.items():
            target = (base / href).resolve()
            assert target == (site / expected[lang]).resolve(), f"{rel}: {lang} -> {href}"


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
    for rel, name in (("index.html", "Phone Risk Self-Check"), ("zh/index.html", "手机风险自查")):
        html = (site / rel).read_text(encoding="utf-8")
        assert f"<title>{name}</title>" in html, rel
