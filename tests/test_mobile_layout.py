"""On a phone 360 CSS px wide: no page scrolls sideways (with JavaScript
or without), search and the language switcher sit in the header (visible,
or one tap away), the controls readers tap are at least 24 by 24 px, and
Chinese text is set in a CJK font with room between the lines."""
import pytest

from helpers import PHONE, still, wake_theme

MIN_TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8 (target size, minimum)

BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .map(el => { const r = el.getBoundingClientRect();
    return { what: el.outerHTML.slice(0, 90), width: r.width, height: r.height,
             left: r.left, right: r.right }; })"""


def boxes(page, selector):
    return page.evaluate(BOXES, selector)


def small(found):
    return [b for b in found if b["width"] < MIN_TARGET or b["height"] < MIN_TARGET]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_no_page_scrolls_sideways_at_360px(make_context, server, pages, javascript):
    # Without JavaScript the language menu's button is the last in the header
    # (no search button after it): its menu once stood past the right edge.
    context, audit = make_context(java_script_enabled=javascript)
    page = context.new_page()
    wide = []
    for rel in pages:
        page.goto(server + rel)
        page.wait_for_load_state("load")
        width = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
        if width[0] > width[1]:
            wide.append(f"{rel}: content {width[0]} px wide in a {width[1]} px window")
    assert page.evaluate("innerWidth") == PHONE["width"]
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("lang_prefix,other", [("", "zh"), ("zh/", "en")])
def test_search_and_language_switcher_are_in_the_header(make_context, server, lang_prefix, other):
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + lang_prefix + "index.html")
    search = page.locator("label.md-header__button[for=__search]")
    language = page.locator(".md-header__option .md-select > button")
    for control in (search, language):
        assert control.is_visible()
        box = control.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], box
    # one tap opens the language list, with a link to the same page in the other language
    language.tap()
    link = page.locator(f"a.md-select__link[hreflang={other}]")
    link.wait_for(state="visible")
    assert link.bounding_box()["height"] >= MIN_TARGET
    # one tap opens search, ready to type
    search.tap()
    page.locator("input.md-search__input").wait_for(state="visible")
    assert audit.outside == []


@pytest.mark.parametrize("lang_prefix", ["", "zh/"])
def test_controls_are_large_enough_to_tap(make_context, server, lang_prefix):
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + lang_prefix + "check.html")
    too_small = []
    too_small += small(boxes(page, ".md-header__button, .md-header__option .md-select > button"))
    too_small += small(boxes(page, ".md-footer__link"))
    # the self-check: every answer (its label) and button
    answers = boxes(page, "#self-check label, #self-check button, #self-check summary")
    assert answers, "no self-check controls found"
    too_small += small(answers)
    # the navigation drawer, opened from the header
    page.locator("label.md-header__button[for=__drawer]").first.tap()
    still(page)
    drawer = boxes(page, ".md-nav--primary .md-nav__link")
    assert drawer, "the navigation drawer shows no links"
    too_small += small(drawer)
    assert not too_small, "\n".join(f"{b['width']:.0f}x{b['height']:.0f}: {b['what']}" for b in too_small)


def test_chinese_text_uses_a_cjk_font_with_room_between_lines(make_context, server):
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + "zh/index.html")
    paragraph = page.locator("article p").first
    size, line = paragraph.evaluate(
        "p => [parseFloat(getComputedStyle(p).fontSize), parseFloat(getComputedStyle(p).lineHeight)]")
    assert line / size >= 1.7, f"line height {line} px for {size} px text"
    # the font the browser actually drew the Chinese with (not only the one asked for)
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article p"})["nodeId"]
    fonts = [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    cjk = ("CJK", "PingFang", "Hiragino", "YaHei", "Han Sans", "WenQuanYi", "Heiti", "Noto Sans SC")
    assert any(name in family for family in fonts for name in cjk), (
        f"Chinese text drawn with {fonts}: install a CJK font (Debian: fonts-noto-cjk)")


@pytest.mark.parametrize("rel", ["vpn.html", "zh/real-name.html"])
def test_footnote_markers_side_by_side_read_as_two(make_context, server, rel):
    """"1" "2" next to each other must not read as "12"."""
    context, _ = make_context()
    page = context.new_page()
    page.goto(server + rel)
    marks = page.evaluate("""() => [...document.querySelectorAll('sup[id^="fnref"]')].map((sup) => {
        const before = sup.previousSibling;
        const follows = before && before.nodeName === "SUP" && before.id.startsWith("fnref");
        return [follows, getComputedStyle(sup, "::before").content];
    })""")
    pairs = [content for follows, content in marks if follows]
    alone = [content for follows, content in marks if not follows]
    assert pairs and all(content == '","' for content in pairs), pairs
    assert alone and all(content in ("none", "normal") for content in alone), "a comma after text"


# Text of the page's content (line boxes of its text nodes) that the shown
# "back to top" button overlaps. What the header already hides is left out:
# no one can read it there anyway.
COVERED_TEXT = """() => {
  const top = document.querySelector('.md-top');
  const b = top.getBoundingClientRect();
  const under = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const hits = [];
  for (let node; (node = walker.nextNode());) {
    if (!node.data.trim()) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      const seen = Math.max(r.top, under);
      if (r.right > b.left && r.left < b.right && seen < b.bottom && r.bottom > b.top && r.bottom > seen) {
        hits.push(`"${node.data.trim().slice(0, 40)}" at ${Math.round(r.left)},${Math.round(r.top)}`);
      }
    }
  }
  return hits;
}"""


def show_back_to_top(page, y):
    """Scroll down past `y`, then up a little, as a reader going back does:
    Material shows its button then."""
    page.evaluate("y => window.scrollTo(0, y)", y + 400)
    still(page)  # the theme has seen that scroll
    page.evaluate("y => window.scrollTo(0, y)", y)
    page.wait_for_function("() => !document.querySelector('.md-top').hidden", timeout=5000)
    still(page)  # its fade-in


@pytest.mark.parametrize("rel,scheme", [("check.html", "light"), ("protect.html", "dark"),
                                        ("zh/check.html", "dark"), ("zh-Hant/real-name.html", "light")])
def test_back_to_top_covers_no_text(make_context, server, rel, scheme):
    """The button Material shows while the reader scrolls up stood just under
    the header, centred, over the lines coming back into view; at 360 px it
    sits in the header (docs/assets/css/site.css), on top of it, where it
    hides no text of the page, and a tap still takes the reader to the top."""
    context, audit = make_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    page.goto(server + rel)
    page.wait_for_load_state("load")
    wake_theme(page)
    height = page.evaluate("document.scrollingElement.scrollHeight - innerHeight")
    assert height > 3000, f"{rel} is too short to test this"
    covered = []
    for share in (0.3, 0.6, 0.9):
        show_back_to_top(page, int(height * share))
        covered += page.evaluate(COVERED_TEXT)
    assert not covered, "the back-to-top button covers text:\n" + "\n".join(covered)
    button = page.locator(".md-top")
    box = button.bounding_box()
    assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"] and box["y"] >= 0, box
    # nothing is drawn over it (the header was, once it moved up)
    centre = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
    assert page.evaluate("([x, y]) => document.querySelector('.md-top').contains(document.elementFromPoint(x, y))",
                         centre)
    assert button.evaluate("el => el.textContent.trim()") != ""  # its name for screen readers
    button.tap()
    page.wait_for_function("() => scrollY === 0", timeout=5000)
    # the navigation drawer, opened over the header, is not under the button
    show_back_to_top(page, int(height * 0.5))
    page.locator("label.md-header__button[for=__drawer]").first.tap()
    still(page)
    assert button.evaluate("el => getComputedStyle(el).visibility") == "hidden"
    assert audit.outside == []
