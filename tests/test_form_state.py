"""Smaller leaks of issue 23 (item 8): nothing a reader chose in a form
control comes back after Back or a reload (every control of every page says
autocomplete="off", scripts/pages/form_state.py: the colour scheme, the atlas
tabs); a click on a tab does not write `#__tabbed_...` (which names the
reader's phone on the protections page) into the address
(docs/assets/js/on-demand.js); the translators' status page has the site's
DNS-prefetch policy and an icon of its own, so no /favicon.ico is asked for."""
import pytest
from bs4 import BeautifulSoup

from helpers import wake_theme
from pages import form_state


def test_every_form_control_of_every_page_says_autocomplete_off(site):
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for control in soup.find_all(["input", "select", "textarea"]):
            assert control.get("autocomplete") == "off", f"{path.relative_to(site)}: {str(control)[:120]}"


def test_autocomplete_off_is_added_where_missing_and_only_there():
    html = '<p>\n<input type="radio" name="__palette">\n<input autocomplete="on"><select></select></p>'
    assert form_state.autocomplete_off(html) == ('<p>\n<input autocomplete="off" type="radio" name="__palette">\n'
                                                 '<input autocomplete="on"><select autocomplete="off"></select></p>')


@pytest.mark.parametrize("rel", ["protect.html", "zh/protect.html"])
def test_a_tab_click_leaves_the_address_alone(make_context, server, rel):
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + rel)
    wake_theme(page)
    page.wait_for_selector(".tabbed-labels--linked a[href^='#__tabbed_']", state="attached")
    link = page.locator(".tabbed-labels a[href^='#__tabbed_']").nth(1)
    target = link.get_attribute("href")[1:]
    link.evaluate("a => a.scrollIntoView({block: 'center'})")
    link.click()
    assert page.evaluate("location.hash") == ""
    assert page.evaluate(f"document.getElementById('{target}').checked"), "the tab did not switch"
    assert audit.console_errors == []


def test_the_colour_scheme_is_not_restored_after_back(make_context, server):
    context, _ = make_context()
    page = context.new_page()
    page.goto(server + "index.html")
    wake_theme(page)
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    toggle = page.locator("label[for='__palette_1']")
    toggle.evaluate("l => l.scrollIntoView({block: 'center'})")
    toggle.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
    page.goto(server + "about.html")
    page.go_back()
    page.wait_for_load_state("load")
    persisted = page.evaluate("performance.getEntriesByType('navigation')[0].type")
    assert persisted == "back_forward"
    assert page.evaluate("document.querySelector('#__palette_1').checked") is False
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == before


def test_the_status_page_has_the_dns_prefetch_policy_and_an_icon(site, make_context, server):
    html = (site / "translate" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("meta", attrs={"http-equiv": "x-dns-prefetch-control"})["content"] == "off"
    icon = soup.find("link", rel="icon")
    assert icon and (site / "translate" / icon["href"]).resolve().is_file()
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + "translate/index.html")
    page.wait_for_load_state("load")
    assert not [url for url in audit.requests if url.endswith("/favicon.ico")]
    assert audit.outside == []
