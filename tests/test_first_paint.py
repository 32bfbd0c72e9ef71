"""Text first (scripts/postbuild/inline_css.py): each page carries inline the CSS
it needs, and the theme's bundle and full stylesheet load only at the
reader's first touch. So a page drawn with its inline CSS alone must look
exactly as it does with the full stylesheet alone (as once it has arrived,
docs/assets/js/on-demand.js), at a phone's width and a desktop's, in both
colour schemes; and the bundle must still start when it comes late (long
after DOMContentLoaded).

The inline CSS comes in two parts (scripts/postbuild/split_inline_css.py): the head's,
which draws everything up to the article's first paragraph, and the rest,
right after that paragraph. On every page, every element's computed style
is the same with the two parts as with the full stylesheet alone (the
cascade kept its order), and the second part changes nothing of what comes
before it (what the first paint shows is final)."""
import base64

import pytest

from helpers import settle, wake_theme

PAGES = ["index.html", "check.html", "zh/real-name.html", "zh/vpn.html", "404.html"]
# As on-demand.js does at the first touch: the full stylesheets, and once they
# have loaded, the page's inline parts switched off.
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
  for (const style of document.querySelectorAll("style")) style.disabled = true;
}"""
# The longhand properties the page's stylesheets declare: its inline parts
# and the full stylesheets on-demand.js will add (fetched and parsed here, not
# applied; a shorthand counts as its longhands). Only these can differ between
# the page drawn by its inline CSS and by the full stylesheets: any other
# property takes the browser's default, or inherits it, or derives it from
# another property (1em, currentColor), so it differs only where a declared
# one differs first, on the same element or an ancestor. Comparing these
# alone finds every difference a comparison of all properties would find.
DECLARED = """async () => {
  const names = new Set();
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule.style) for (let i = 0; i < rule.style.length; i++) names.add(rule.style[i]);
      if (rule.styleSheet) walk(rule.styleSheet.cssRules);
      if (rule.cssRules) walk(rule.cssRules);
    }
  };
  for (const sheet of document.styleSheets) walk(sheet.cssRules);
  const loader = document.querySelector("script[data-stylesheets]");
  for (const href of loader.dataset.stylesheets.split(" ")) {
    const response = await fetch(href);
    if (!response.ok) throw new Error(href + ": " + response.status);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await response.text());
    walk(sheet.cssRules);
  }
  return [...names].filter((name) => !name.startsWith("--")).sort();
}"""
# Every element's computed style (and its ::before and ::after) in the
# properties `names`, in document order, up to `stop` (an element) if given.
COMPUTED = """(stop, names) => {
  const out = [];
  const describe = (style) => names.map((name) => name + ":" + style.getPropertyValue(name)).join(";");
  for (const element of document.querySelectorAll("body, body *")) {
    if (element === stop) break;
    const label = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (element.classList.length ? "." + [...element.classList].join(".") : "");
    out.push([label, describe(getComputedStyle(element))]);
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (style.content !== "none" && style.content !== "normal") out.push([label + pseudo, describe(style)]);
    }
  }
  return out;
}"""
LATE_PART = "document.querySelectorAll('style')[1] || null"
# The page as the first paint sees it: what follows the later part is not
# drawn yet (hidden, so that it takes no room; it stays in the document, so
# :last-child and the like still see it).
HIDE_WHAT_FOLLOWS = """(late) => {
  const hidden = window.__hidden = [];
  for (let node = late; node && node !== document.body; node = node.parentElement) {
    for (let next = node.nextElementSibling; next; next = next.nextElementSibling) {
      hidden.push([next, next.getAttribute("style"), next.style.getPropertyValue("display"),
                   next.style.getPropertyPriority("display")]);
      next.style.display = "none";
    }
  }
}"""
# The page as it was before HIDE_WHAT_FOLLOWS (each element's own style attribute back).
SHOW_WHAT_FOLLOWS = """() => {
  for (const [element, attribute, display, priority] of window.__hidden) {
    if (attribute === null) element.removeAttribute("style");
    else if (display) element.style.setProperty("display", display, priority);
    else element.style.removeProperty("display");
  }
}"""


# Compared in the page: KEEP_STYLES keeps the computed styles (COMPUTED) there,
# STYLES_CHANGED computes them again and names the first element whose style
# differs and the first property that does (null: none), so that the styles
# (megabytes per page) never cross to Python.
# The declared names are found once per page load (the second check on the
# same page reuses them).
KEEP_STYLES = f"""async (stop) => {{
  window.__names = window.__names || await ({DECLARED})();
  window.__styles = ({COMPUTED})(stop, window.__names);
  return {{ elements: window.__styles.length, names: window.__names }};
}}"""
# A few properties every stylesheet of the site declares, some only through a
# shorthand (margin, padding): if they are not among the declared ones, the
# list is wrong and the comparison would compare too little.
SURELY_DECLARED = {"color", "display", "font-size", "margin-top", "padding-left", "background-color"}
STYLES_CHANGED = f"""(stop) => {{
  const before = window.__styles, after = ({COMPUTED})(stop, window.__names);
  if (before.length !== after.length) return before.length + " elements, then " + after.length;
  for (let i = 0; i < before.length; i++) {{
    const [label, a] = before[i], b = after[i][1];
    if (a !== b) {{
      const pa = a.split(";"), pb = b.split(";");
      for (let j = 0; j < Math.min(pa.length, pb.length); j++) {{
        if (pa[j] !== pb[j]) return label + ": " + pa[j] + " -> " + pb[j];
      }}
      return label + ": ";
    }}
  }}
  return null;
}}"""


def open_page(page, url):
    """Open `url` and wait for its load event and its fonts. Nothing loads after
    that until the reader's first touch (docs/assets/js/on-demand.js; the pages
    have no lazy images), so waiting for the network to be idle adds only its
    half second per page."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")


# Chromium's raster can differ by a column of pixels at the edge of a button,
# or in the smoothing of a few glyphs, between two screenshots of an
# unchanged page after a change of style; a missing rule moves or recolours
# far more than this.
NOISE_PIXELS = 600
COMPARE = """async ([a, b]) => {
  const load = (data) => new Promise((done) => {
    const img = new Image(); img.onload = () => done(img); img.src = "data:image/png;base64," + data;
  });
  const [ia, ib] = await Promise.all([load(a), load(b)]);
  if (ia.width !== ib.width || ia.height !== ib.height) return { size: [ia.height, ib.height], count: -1 };
  const pixels = (img) => {
    const canvas = document.createElement("canvas");
    canvas.width = img.width; canvas.height = img.height;
    const context = canvas.getContext("2d"); context.drawImage(img, 0, 0);
    return context.getImageData(0, 0, img.width, img.height).data;
  };
  const pa = pixels(ia), pb = pixels(ib);
  let count = 0, box = null;
  for (let i = 0; i < pa.length; i += 4) {
    if (pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2]) {
      count++;
      const x = (i / 4) % ia.width, y = Math.floor(i / 4 / ia.width);
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    }
  }
  return { count, box };
}"""


# Resolves in the frame after the next one: whatever the page last changed
# (a stylesheet switched on or off) has been drawn.
TWO_FRAMES = """() => document.fonts.ready.then(() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(() => done(true)))))"""


def screenshot(page):
    page.evaluate(TWO_FRAMES)
    return base64.b64encode(page.screenshot(full_page=True, animations="disabled", timeout=120_000)).decode()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_inline_css_alone_draws_the_page_as_the_full_stylesheet_does(make_context, server, width, scheme):
    context, audit = make_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                  reduced_motion="reduce", device_scale_factor=1)
    page = context.new_page()
    for rel in PAGES:
        open_page(page, server + rel)
        assert page.evaluate("document.documentElement.classList.contains('no-js')"), "bundle ran early"
        before = screenshot(page)
        page.evaluate(ADD_FULL_STYLESHEETS)
        after = screenshot(page)
        diff = page.evaluate(COMPARE, [before, after])
        assert 0 <= diff["count"] <= NOISE_PIXELS, (
            f"{rel} at {width} px ({scheme}) changes when the full stylesheet arrives: {diff}")
    assert audit.outside == [] and audit.console_errors == []


def test_first_visit_loads_neither_bundle_nor_full_stylesheet(make_context, origin):
    context, audit = make_context()
    page = context.new_page()
    page.clock.install()  # the page's timers: moved on below, not waited for
    page.goto(origin + "index.html")
    page.wait_for_load_state("load")
    settle(page, audit, clock="30:00")  # half an hour of reading
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


@pytest.mark.parametrize("width", [360, 1280])
def test_two_inline_parts_keep_the_cascade_and_the_late_one_changes_nothing_drawn_before_it(
        make_context, server, pages, width):
    """On every page, after the site's own scripts have run (the self-check
    builds its form), each page loaded once for both checks:

    - everything up to the article's first paragraph is drawn by the head's
      part alone: switching the later part off changes none of it;
    - the cascade of the two inline parts is the original one: every element
      is styled as by the full stylesheets alone.

    The first check hides what follows the later part and switches that part
    off; both are undone (SHOW_WHAT_FOLLOWS) before the second."""
    context, audit = make_context(viewport={"width": width, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    split = 0
    for rel in pages:
        open_page(page, server + rel)
        late = page.evaluate_handle(LATE_PART)
        split += page.evaluate("document.querySelectorAll('style').length") == 2
        if not page.evaluate("(late) => late === null", late):
            assert page.evaluate("(late) => late.parentElement.matches('article.md-content__inner')"
                                 " && late.previousElementSibling.matches('p')", late), rel
            page.evaluate(HIDE_WHAT_FOLLOWS, late)
            kept = page.evaluate(KEEP_STYLES, late)  # with the later part
            page.evaluate("(late) => { late.disabled = true; }", late)
            changed = page.evaluate(STYLES_CHANGED, late)  # without it
            assert kept["elements"] > 100, rel  # the header, the navigation and the article's start
            assert SURELY_DECLARED <= set(kept["names"]), (rel, kept["names"])
            assert changed is None, (
                f"{rel} at {width} px: the later inline part restyles what comes before it: {changed}")
            page.evaluate("(late) => { late.disabled = false; }", late)
            page.evaluate(SHOW_WHAT_FOLLOWS)
        kept = page.evaluate(KEEP_STYLES, None)  # with the inline CSS
        assert SURELY_DECLARED <= set(kept["names"]), (rel, kept["names"])
        page.evaluate(ADD_FULL_STYLESHEETS)
        changed = page.evaluate(STYLES_CHANGED, None)  # with the full stylesheet
        assert changed is None, (
            f"{rel} at {width} px: the inline CSS styles an element otherwise than the full stylesheet: "
            f"{changed}")
    assert split >= len(pages) - 2, "most pages should carry their CSS in two parts"
    assert audit.outside == [] and audit.console_errors == []
