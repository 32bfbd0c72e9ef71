"""Accessibility: on every page, in both languages and in the light and the
dark colour scheme, axe-core finds no serious or critical WCAG 2.1 A/AA
problem; controls are big enough to tap (WCAG 2.2 target size); and every
control of the self-check has a label.

axe-core is installed from npm into tests/node_modules (`npm ci --prefix
tests`, which `make test` runs). The pages allow only their own scripts
(Content-Security-Policy 'self'), so the contexts that inject axe bypass the
page's CSP; only these contexts, and only to run the checker.
"""
import pytest

from helpers import WCAG21_AA, axe_problems

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_wcag_aa_problem_on_any_page(axe_page, axe_script, server, pages, scheme):
    page = axe_page(scheme)
    problems = []
    for rel in pages:
        page.goto(server + rel)
        page.wait_for_load_state("load")
        shown = page.locator("body").get_attribute("data-md-color-scheme")
        assert shown == ("slate" if scheme == "dark" else "default"), f"{rel}: scheme {shown}"
        problems += axe_problems(page, axe_script, {"runOnly": {"type": "tag", "values": WCAG21_AA}}, rel)
    assert not problems, "\n".join(problems)


def _open_drawer(page):
    page.locator("label.md-header__button[for=__drawer]").first.click()


def _open_languages(page):
    page.locator(".md-header__option .md-select > button").first.click()


@pytest.mark.parametrize("start", ["index.html", "zh/index.html", "check.html", "zh/check.html"])
def test_tap_targets_meet_the_wcag_22_minimum(axe_page, axe_script, server, pages, start):
    """axe's target-size rule (24 by 24 CSS px, or enough space around), on the
    page as it opens and with the navigation drawer and the language menu open."""
    page = axe_page()
    problems = []
    for label, action in (("page", None), ("navigation drawer", _open_drawer), ("language menu", _open_languages)):
        page.goto(server + start)
        page.wait_for_load_state("load")
        if action:
            action(page)
            page.wait_for_timeout(100)
        found = axe_problems(page, axe_script, {"runOnly": {"type": "rule", "values": ["target-size"]}},
                             f"{start} ({label})")
        problems += found
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang_prefix", ["", "zh/"])
def test_every_selfcheck_control_has_a_label(make_context, server, lang_prefix):
    context, audit = make_context()
    page = context.new_page()
    page.goto(server + lang_prefix + "check.html")
    controls = page.evaluate("""() => [...document.querySelectorAll(
        '#self-check input, #self-check select, #self-check textarea, #self-check button')]
      .filter(el => el.type !== 'hidden')
      .map(el => ({
        what: el.outerHTML.slice(0, 80),
        label: [...(el.labels || [])].map(l => l.textContent).join(' ').trim()
          || el.getAttribute('aria-label')
          || (el.getAttribute('aria-labelledby') || '').split(' ')
               .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim()
          || (el.tagName === 'BUTTON' ? el.textContent.trim() : ''),
      }))""")
    assert controls, "the self-check has no controls"
    unlabelled = [c["what"] for c in controls if not c["label"]]
    assert not unlabelled, f"controls without a label: {unlabelled}"
