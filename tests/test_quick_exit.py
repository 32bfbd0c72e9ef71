"""The quick exit (docs/assets/js/reading-safety.js): on every page a control
marked `data-quick-exit`, and Esc pressed twice, replace the page at once
with a neutral page of the site (assets/blank.html) by location.replace:
the address is the neutral page, history did not grow, Back does not show
the page that was left, nothing was stored, no request left the site, and
the self-check's answers were cleared first. On a 360 px phone the control
is one tap away wherever the reader is on the page, and at least 44×44 px.
The one-file editions get it too, leaving for the browser's about:blank."""
import re

import pytest

from helpers import still, stored_anything
from offline_editions import answer_a_question, audited_context

NEUTRAL = "assets/blank.html"


def open_pages(make_context, origin, rels, **kwargs):
    context, audit = make_context(**kwargs)
    page = context.new_page()
    for rel in rels:
        page.goto(origin + rel)
        page.wait_for_load_state("load")
    return page, audit


def leave_by_tapping(page):
    page.locator("[data-quick-exit]").tap()
    page.wait_for_url(re.compile(re.escape(NEUTRAL) + "$"))
    page.wait_for_load_state("load")


def assert_clean_exit(page, audit, origin, came_from, length_before):
    assert page.url == origin + NEUTRAL
    assert page.evaluate("history.length") == length_before, "the quick exit added to history"
    assert page.evaluate("document.body.innerText").strip() == "" and page.title() == ""
    assert not stored_anything(audit.storage(page))
    page.go_back()
    page.wait_for_load_state("load")
    assert page.url == origin + came_from, "Back must skip the page that was left"
    assert audit.outside == [], f"requests outside the site: {audit.outside}"
    assert audit.console_errors == []


@pytest.mark.parametrize("lang_prefix", ["", "zh/"])
def test_tapping_quick_exit_on_the_self_check_leaves_without_a_way_back(make_context, origin, lang_prefix):
    page, audit = open_pages(make_context, origin, [lang_prefix + "index.html", lang_prefix + "check.html"])
    answer_a_question(page)
    before = page.evaluate("history.length")
    leave_by_tapping(page)
    assert_clean_exit(page, audit, origin, lang_prefix + "index.html", before)


def test_esc_twice_leaves_too(make_context, origin):
    page, audit = open_pages(make_context, origin, ["index.html", "vpn.html"])
    before = page.evaluate("history.length")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(re.escape(NEUTRAL) + "$"))
    assert_clean_exit(page, audit, origin, "index.html", before)


def test_one_esc_does_not_leave(make_context, server):
    context, audit = make_context()
    page = context.new_page()
    page.clock.install()  # the page's time: moved on below, not waited for
    page.goto(server + "vpn.html")
    page.wait_for_load_state("load")
    page.keyboard.press("Escape")
    page.clock.run_for(1200)
    page.keyboard.press("Escape")  # a second Esc much later: still no exit
    page.clock.run_for(700)  # past the exit's wait for the key's release
    # the quick exit clears the page at the second Esc, before it leaves
    assert page.evaluate("[document.title !== '', document.documentElement.style.display]") == [True, ""]
    assert page.url == server + "vpn.html"


def test_the_answers_are_cleared_before_the_page_is_left(make_context, server):
    """The page is read in the same task as the click, just after the quick
    exit has asked to leave: it must already be blank, the answers gone."""
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + "check.html")
    answer_a_question(page)
    state = page.evaluate("""() => {
        document.querySelector('[data-quick-exit]').click();
        return {
            checked: document.querySelectorAll("form input:checked").length,
            emptyResult: document.querySelector("#self-check-result .sc-empty") !== null,
            title: document.title,
            display: document.documentElement.style.display,
        };
    }""")
    assert state == {"checked": 0, "emptyResult": True, "title": "", "display": "none"}, state
    page.wait_for_url(re.compile(re.escape(NEUTRAL) + "$"))


def test_every_page_has_the_control_and_the_neutral_page_shows_nothing(site, pages):
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        assert html.count("data-quick-exit") == 1, rel
        href = re.search(r'<a class="rs-exit" data-quick-exit href="([^"]+)"', html)
        assert href and href.group(1).endswith(NEUTRAL), rel
    blank = (site / NEUTRAL).read_text(encoding="utf-8")
    assert re.search(r"<body>\s*</body>", blank) and "<title></title>" in blank
    assert "<script" not in blank and "src=" not in blank and '<link rel="icon" href="data:,">' in blank
    assert "default-src 'none'" in blank


@pytest.mark.parametrize("rel", ["index.html", "zh/check.html", "zh/protect.html"])
def test_on_a_phone_one_tap_reaches_it_wherever_the_reader_is(make_context, server, rel):
    page, audit = open_pages(make_context, server, [rel])
    control = page.locator("[data-quick-exit]")
    for where in ("top", "middle", "bottom", "drawer open"):
        if where == "middle":
            page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
        elif where == "bottom":
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        elif where == "drawer open":
            page.evaluate("window.scrollTo(0, 0)")
            page.locator("label.md-header__button[for=__drawer]").first.tap()
            # measured once the drawer has slid in
            still(page)
        box = control.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (where, box)
        assert 0 <= box["x"] and box["x"] + box["width"] <= 360, (where, box)
        assert 0 <= box["y"] and box["y"] + box["height"] <= 780, (where, box)
        on_top = page.evaluate("""([x, y]) => {
            const hit = document.elementFromPoint(x, y);
            return Boolean(hit && hit.closest('[data-quick-exit]'));
        }""", [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert on_top, f"{rel}: something covers the quick exit ({where})"
    leave_by_tapping(page)
    assert page.url == server + NEUTRAL


def test_without_javascript_it_is_a_plain_link_to_the_neutral_page(make_context, origin):
    page, audit = open_pages(make_context, origin, ["check.html"], java_script_enabled=False)
    # By keyboard: without JavaScript the theme's closed language menu sticks
    # out on the right and widens the page (the theme's doing), which puts the
    # corner button partly out of reach of a simulated tap.
    page.locator("[data-quick-exit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(NEUTRAL) + "$"))
    assert audit.outside == []


@pytest.fixture(scope="module")
def one_file(editions):
    return {path.stem.rsplit("-", 1)[1]: path for path in editions.values() if path.suffix == ".html"}


@pytest.mark.parametrize("lang, label", [("en", "Exit"), ("zh", "离开")])
def test_the_one_file_edition_has_it_and_leaves_for_about_blank(browser, site, one_file, lang, label):
    uri = one_file[lang].as_uri()
    context, audit = audited_context(browser, uri)
    try:
        page = context.new_page()
        page.goto(uri)
        page.wait_for_load_state("load")
        control = page.locator("[data-quick-exit]")
        assert control.count() == 1 and control.inner_text() == label
        box = control.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        page.locator('#contents a[href="#check"]').click()
        answer_a_question(page)
        before = page.evaluate("history.length")
        control.tap()
        page.wait_for_url("about:blank")
        assert page.evaluate("history.length") == before
        assert audit.outside == [] and audit.console_errors == []
    finally:
        context.close()


def test_on_the_self_check_it_stays_clear_of_the_results_bar(make_context, server):
    """Once the reader has answered, the self-check's bar sits at the bottom of
    the screen: the quick exit moves above it instead of covering its button."""
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + "zh/check.html")
    answer_a_question(page)
    bar = page.locator(".sc-bar").bounding_box()
    exit_box = page.locator("[data-quick-exit]").bounding_box()
    assert bar and exit_box and exit_box["y"] + exit_box["height"] <= bar["y"], (bar, exit_box)


# --- every tab of the site, and a button that never covers a control -------

def test_quick_exit_in_a_second_tab_empties_and_leaves_the_first(make_context, server):
    """The self-check in one tab, a guide opened from it in another: the quick
    exit pressed in the guide clears the answers in the first tab and leaves
    it too (BroadcastChannel: one message between tabs, nothing stored)."""
    context, audit = make_context()
    first = context.new_page()
    first.goto(server + "check.html")
    first.wait_for_load_state("load")
    answer_a_question(first)
    with context.expect_page() as opened:
        first.locator('#self-check a[href^="protect.html"]').first.click()
    second = opened.value
    second.wait_for_load_state("load")
    assert first.evaluate("document.querySelectorAll('#self-check input:checked').length") == 1
    second.locator("[data-quick-exit]").tap()
    second.wait_for_url(re.compile(re.escape(NEUTRAL) + "$"))
    first.wait_for_url(re.compile(re.escape(NEUTRAL) + "$"))
    first.wait_for_load_state("load")
    assert first.evaluate("document.body.innerText").strip() == "" and first.title() == ""
    for page in (first, second):
        assert not stored_anything(audit.storage(page))
    # (the audit's storage spy, injected twice into a noopener tab, complains there)
    assert audit.outside == [] and [e for e in audit.console_errors if "__storageWrites" not in e] == []


CONTROLS = "a[href], button, input, select, textarea, label, summary, [role=button], [tabindex]"


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_at_every_scroll_position_of_the_result_the_exit_button_covers_no_control(make_context, server, prefix):
    """At 360 px, with a long result open, scroll through the whole result:
    under every point of the Exit button's box (the button itself made
    transparent to the probe) there is no other control."""
    from selfcheck_driver import answer, every_step_open
    from selfcheck_personas import PERSONAS
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + prefix + "check.html")
    page.wait_for_load_state("load")
    answer(page, PERSONAS["A"])
    every_step_open(page)
    top = page.evaluate("document.getElementById('self-check-result').getBoundingClientRect().top + scrollY")
    end = page.evaluate("document.documentElement.scrollHeight")
    positions = 0
    for y in range(int(top) - 780, int(end), 40):
        page.evaluate("y => window.scrollTo(0, y)", y)
        covered = page.evaluate("""controls => {
            const exit = document.querySelector('[data-quick-exit]');
            const box = exit.getBoundingClientRect();
            exit.style.visibility = 'hidden';
            const found = [];
            for (let x = box.left + 1; x < box.right; x += 6) {
                for (let y = box.top + 1; y < box.bottom; y += 6) {
                    const hit = document.elementFromPoint(x, y);
                    const control = hit && hit.closest(controls);
                    if (control) found.push(control.outerHTML.slice(0, 80));
                }
            }
            exit.style.visibility = '';
            return found;
        }""", CONTROLS)
        assert covered == [], f"at scroll {y}: the Exit button covers {covered[:3]}"
        positions += 1
    assert positions > 50
