"""Answering the self-check in a browser page as a reader would (Playwright),
shared by the test modules that drive the check page."""
from helpers import ROOT
from selfcheck.page import load_all

RULES, _ = load_all(str(ROOT / "docs"), ["en", "zh"], str(ROOT))


# Whether a question is shown (an earlier answer may have hidden it).
QUESTION_SHOWN = """(node) => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden'"""
# Where to tap an element, as Playwright's click finds it: scrolled into view
# if it is not, its centre, and whether a tap there hits it (or what is inside it).
PLACE = """(node) => {
  let box = node.getBoundingClientRect();
  if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) {
    node.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
    box = node.getBoundingClientRect();
  }
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return { x, y, clear: Boolean(hit && node.contains(hit)) };
}"""
# Where to tap an answer's label, in one round trip; null when the question
# is hidden.
TAP_POINT = f"""([question, value]) => {{
  const group = document.getElementById("q-" + question);
  if (!group || !({QUESTION_SHOWN})(group)) return null;
  const label = group.querySelector(`label:has(input[value="${{value}}"])`);
  if (!label) return {{ found: false }};
  return {{ found: true, ...({PLACE})(label) }};
}}"""
CHECKED = """(answers) => answers.filter(([q, v]) => {
  const input = document.querySelector(`#q-${q} input[value="${v}"]`);
  return !(input && input.checked);
}).map(([q, v]) => q + "=" + v)"""


def answer(page, answers):
    """Tap each answer's label, as a reader would, in question order; questions
    an earlier answer has hidden are left alone (their answers would count for
    nothing). A tap is a real one (page.mouse) at the label's centre, once it
    is in view and nothing covers it; where something does, Playwright's
    click, which waits until nothing does. Then every tapped answer must be
    the one checked."""
    order = [q.id for q in RULES.questions]
    tapped = []
    for question in sorted(answers, key=order.index):
        point = page.evaluate(TAP_POINT, [question, answers[question]])
        if point is None:
            continue
        assert point["found"], f"no answer {answers[question]!r} to question {question!r}"
        tap_at(page, point, page.locator(f'#q-{question} label:has(input[value="{answers[question]}"])'))
        tapped.append([question, answers[question]])
    missed = page.evaluate(CHECKED, tapped)
    assert not missed, f"tapped but not checked: {missed}"


# Whether an element is shown, as Playwright's is_visible sees it (not in a
# closed <details>, not display:none or visibility:hidden, not of zero size).
SHOWN = """(node) => {
  const box = node.getBoundingClientRect();
  return node.checkVisibility() && getComputedStyle(node).visibility === "visible" && box.width > 0 && box.height > 0;
}"""
# Where to tap an element (PLACE); null when it is not shown.
POINT_OF = f"""(node) => ({SHOWN})(node) ? ({PLACE})(node) : null"""
# ... of the first element matching a selector; false when there is none.
FIRST_TAP_POINT = f"""(selector) => {{
  const node = document.querySelector(selector);
  return node ? ({POINT_OF})(node) : false;
}}"""


def tap_at(page, point, locator):
    """A real tap (page.mouse) at `point` when nothing covers it there;
    otherwise Playwright's click on `locator`, which waits until nothing does."""
    if point["clear"]:
        page.mouse.click(point["x"], point["y"])
    else:
        locator.click()


def tap(page, locator):
    """Tap the element if it is shown, as answer() taps a label. Whether it
    was shown."""
    point = locator.evaluate(POINT_OF)
    if point is None:
        return False
    tap_at(page, point, locator)
    return True


def tap_first(page, selector):
    """Tap the first element matching `selector` (Playwright's click, which
    waits until it is shown, if it is not); False if there is none."""
    point = page.evaluate(FIRST_TAP_POINT, selector)
    if point is False:
        return False
    if point is None:
        page.locator(selector).first.click()
    else:
        tap_at(page, point, page.locator(selector).first)
    return True


def every_step_open(page):
    """Unfold "later" and "to understand", then tap each step's title, as a
    reader would, until every step is open."""
    for _ in range(4):
        if not tap_first(page, "#self-check-result details.sc-fold:not([open]) > summary"):
            break
    for _ in range(len(RULES.steps)):
        if not tap_first(page, "#self-check-result details.sc-step:not([open]) > summary"):
            break


# The same answers in one evaluation, in question order: each answer of a
# question shown at that moment is checked and its change event sent (the
# script answers each at once, hiding and showing questions as it goes), as
# answer() leaves a hidden question alone; the answers not found are returned.
SET_ONE_BY_ONE = f"""(answers) => {{
  const missing = [];
  for (const [question, value] of answers) {{
    const group = document.getElementById("q-" + question);
    if (!group || !({QUESTION_SHOWN})(group)) continue;
    const input = group.querySelector(`input[value="${{value}}"]`);
    if (!input) {{ missing.push(question + "=" + value); continue; }}
    input.checked = true;
    input.dispatchEvent(new Event("change", {{ bubbles: true }}));
  }}
  return missing;
}}"""


def answer_at_once(page, answers):
    """What answer() does, without the taps: for the tests of what the script
    makes of answers (the taps themselves are tested with answer()). One round
    trip, however many answers."""
    order = [q.id for q in RULES.questions]
    pairs = [[q, answers[q]] for q in sorted(answers, key=order.index)]
    missing = page.evaluate(SET_ONE_BY_ONE, pairs)
    assert not missing, f"no such answers: {missing}"
