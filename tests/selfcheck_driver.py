"""Answering the self-check in a browser page as a reader would (Playwright),
shared by the test modules that drive the check page."""
from helpers import ROOT
from selfcheck.page import load_all

RULES, _ = load_all(str(ROOT / "docs"), ["en", "zh"], str(ROOT))


def answer(page, answers):
    """Tap each answer's label, as a reader would, in question order; questions
    an earlier answer has hidden are left alone (their answers would count for
    nothing)."""
    order = [q.id for q in RULES.questions]
    for question in sorted(answers, key=order.index):
        if page.locator(f"#q-{question}").is_hidden():
            continue
        page.locator(f'#q-{question} label:has(input[value="{answers[question]}"])').click()


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
