"""The promise: every page, in both languages, over HTTP and from file://,
contacts nothing but the site itself, stores nothing, and logs no errors,
also after a reader clicks around (search, language switch, palette)."""
import pytest

from helpers import search, settle, stored_anything, visit_and_audit, wake_theme


def test_every_page_contacts_no_one_and_stores_nothing(make_context, origin, pages):
    context, audit = make_context()
    # only a web server shows 404 pages; they use root-relative links
    rels = [rel for rel in pages if not (origin.startswith("file:") and rel.endswith("404.html"))]
    visit_and_audit(context.new_page(), audit, origin, rels)


@pytest.mark.parametrize("lang_prefix", ["", "zh/"])
def test_clicking_around_stores_nothing(make_context, origin, lang_prefix):
    context, audit = make_context()
    page = context.new_page()
    page.goto(origin + lang_prefix + "index.html")
    wake_theme(page)
    # palette: switch scheme and back
    toggle = page.locator("form[data-md-component=palette] label:visible").first
    toggle.click()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    # search
    search(page, "phone" if not lang_prefix else "手机").first.wait_for()
    page.keyboard.press("Escape")
    # language switch (it sits in the header; on a phone it opens on tap)
    page.locator(".md-header__option .md-select").first.hover()
    other = page.locator("a.md-select__link[hreflang=%s]" % ("zh" if not lang_prefix else "en"))
    other.first.click()
    page.wait_for_load_state("load")
    # follow a link, then go back
    page.go_back()
    page.wait_for_load_state("load")
    state = audit.storage(page)
    assert not stored_anything(state), state
    assert audit.outside == []
    assert audit.console_errors == []


def test_storage_audit_catches_a_write(make_context, server):
    """The audit above is only worth something if it sees writes: prove it does."""
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + "index.html")
    page.evaluate("sessionStorage.setItem('probe', '1'); sessionStorage.removeItem('probe')")
    state = audit.storage(page)
    assert state["sessionStorage"] == []  # undone, so only the spy can tell
    assert stored_anything(state)


def test_outside_request_is_caught(make_context, server):
    # The page's CSP would stop the request before it leaves; switch it off so
    # that the audit itself is what is tested.
    context, audit = make_context(bypass_csp=True)
    page = context.new_page()
    page.goto(server + "index.html")
    page.evaluate("fetch('https://example.com/x').catch(() => {})")
    settle(page, audit)
    assert any("example.com" in url for url in audit.outside)
