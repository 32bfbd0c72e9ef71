"""Answering the self-check in a browser page as a reader would (Playwright),
shared by the test modules that drive the check page."""
from helpers import ROOT
from selfcheck.page import load_all

RULES, _ = load_all(str(ROOT / "docs"), ["en", "zh"], str(ROOT))


# Where to tap an answer's label, as Playwright's click finds it (scrolled
# into view if it is not, its centre, and the label is what a tap there
# hits), in one round trip; null when the question is hidden.
TAP_POINT = """([question, value]) => {
  const group = document.getElementById("q-" + question);
  const shown = (node) => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== "hidden";
  if (!group || !shown(group)) return null;
  const label = group.querySelector(`label:has(input[value="${value}"])`);
  if (!label) return { found: false };
  let box = label.getBoundingClientRect();
  if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) {
    label.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
    box = label.getBoundingClientRect();
  }
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return { found: true, x, y, clear: Boolean(hit && hit.closest("label") === label) };
}"""
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
        if point["clear"]:
            page.mouse.click(point["x"], point["y"])
        else:
            page.locator(f'#q-{question} label:has(input[value="{answers[question]}"])').click()
        tapped.append([question, answers[question]])
    missed = page.evaluate(CHECKED, tapped)
    assert not missed, f"tapped but not checked: {missed}"


def every_step_open(page):
    """Unfold "later" and "to understand", then tap each step's title, as a
    reader would, until every step is open."""
    folds = page.locator("#self-check-result details.sc-fold:not([open]) > summary")
    for _ in range(4):
        if not folds.count():
            break
        folds.first.click()
    closed = page.locator("#self-check-result details.sc-step:not([open]) > summary")
    for _ in range(len(RULES.steps)):
        if not closed.count():
            break
        closed.first.click()
