"""Text first (scripts/build/text_first.py): each page carries inline the CSS
it needs, and the theme's bundle and full stylesheet load only at the
reader's first touch. So a page drawn with its inline CSS alone must look
exactly as it does once the full stylesheet has arrived, at a phone's width
and a desktop's, in both colour schemes; and the bundle must still start
when it comes late (long after DOMContentLoaded)."""
import pytest

from conftest import wake_theme

PAGES = ["index.html", "check.html", "phone-makers.html", "zh/protect.html", "zh/real-name.html", "404.html"]
ADD_FULL_STYLESHEETS = """async () => {
  const loader = document.querySelector("script[data-stylesheets]");
  await Promise.all(loader.dataset.stylesheets.split(" ").map((href) => new Promise((done, fail) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = done;
    link.onerror = fail;
    document.head.appendChild(link);
  })));
}"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_inline_css_alone_draws_the_page_as_the_full_stylesheet_does(make_context, server, width, scheme):
    context, audit = make_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                  reduced_motion="reduce")
    page = context.new_page()
    for rel in PAGES:
        page.goto(server + rel)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.classList.contains('no-js')"), "bundle ran early"
        before = page.screenshot(full_page=True, animations="disabled")
        page.evaluate(ADD_FULL_STYLESHEETS)
        page.wait_for_timeout(100)
        after = page.screenshot(full_page=True, animations="disabled")
        assert before == after, f"{rel} at {width} px ({scheme}) changes when the full stylesheet arrives"
    assert audit.outside == [] and audit.console_errors == []


def test_first_visit_loads_neither_bundle_nor_full_stylesheet(make_context, origin):
    context, audit = make_context()
    page = context.new_page()
    page.goto(origin + "index.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    late = [u for u in audit.requests if "/bundle." in u or "/stylesheets/site." in u]
    assert late == [], late
    wake_theme(page)  # the first touch: the bundle starts although DOMContentLoaded is long past
    assert any("/bundle." in u for u in audit.requests)
    assert any("/stylesheets/site." in u for u in audit.requests)
    page.wait_for_function("() => document.querySelector('form[data-md-component=palette] label:not([hidden])')")
    assert audit.outside == [] and audit.console_errors == []


def test_dark_scheme_from_the_first_paint(make_context, server):
    """Before the bundle, a reader whose system asks for dark gets it at once."""
    context, _ = make_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server + "index.html")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("document.documentElement.classList.contains('no-js')")
    assert page.locator("label.md-header__button[for=__search]").first.is_visible()
