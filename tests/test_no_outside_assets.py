"""Static guards on the built files: every page carries the CSP and referrer
rules, no page or stylesheet loads anything from outside, and the site's own
scripts never touch browser storage."""
import re

from helpers import LOADS, ROOT

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
STORAGE = re.compile(r"localStorage|sessionStorage|document\.cookie|indexedDB|caches\.open|serviceWorker")


def test_every_page_forbids_outside_resources(site, pages):
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        csp = CSP.search(html)
        assert csp, f"{rel} has no Content-Security-Policy"
        assert "default-src 'self'" in csp.group(1)
        assert "http" not in csp.group(1), f"{rel}: CSP allows an outside host"
        assert '<meta name="referrer" content="no-referrer">' in html, rel


def test_no_page_loads_anything_from_outside(site, pages):
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        found = LOADS.search(html)
        assert not found, f"{rel} loads from outside: {found.group(0)}"


def test_no_stylesheet_imports_from_outside(site):
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"(@import|url\()\s*[\"']?(https?:)?//", text), css


def test_the_sites_own_code_never_touches_storage():
    own = [p for p in (ROOT / "docs" / "assets").rglob("*.js") if "vendor" not in p.parts]
    own += list((ROOT / "overrides").rglob("*.html"))
    for path in own:
        text = path.read_text(encoding="utf-8")
        assert not STORAGE.search(text), f"{path.relative_to(ROOT)} mentions browser storage"


def test_search_highlighting_is_off():
    # search.highlight puts the search words into the URL, and so into history
    assert "search.highlight" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_site_around_the_article_links_to_no_outside_address(site, pages):
    """The header, the navigation and the footer (what the theme and the
    overrides draw on every page) lead only within the site: a source is
    cited in the article, where the reader sees what it is, never in the
    site's chrome (the theme's credit is text, overrides/partials/copyright.html)."""
    from bs4 import BeautifulSoup

    for rel in pages:
        soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
        chrome = soup.select("header, nav, footer")
        assert chrome, rel
        outside = [a["href"] for part in chrome for a in part.select("a[href]")
                   if re.match(r"(https?:)?//", a["href"])]
        assert outside == [], f"{rel}: {outside}"
