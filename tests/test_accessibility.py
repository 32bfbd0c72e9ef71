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

from helpers import axe_in_both_schemes, axe_problems, still

# The theme's own inline script that gives <body> the colour scheme the
# reader's system asks for, at load (Material's partials/javascripts/palette.html).
PALETTE = """() => ([...document.scripts].find(s => !s.src && s.textContent.includes('__md_get("__palette")'))
  || {}).textContent || ''"""


def _scheme(page):
    return page.locator("body").get_attribute("data-md-color-scheme")


def _repaint_in_dark(page):
    script = page.evaluate(PALETTE)
    assert script, "the theme's palette script is gone: is this test still right?"
    page.add_script_tag(content=script)
    assert _scheme(page) == "slate"


def test_no_serious_or_critical_wcag_aa_problem_on_any_page_in_either_scheme(axe_page, axe_script, server, pages):
    """Each page is loaded once, in the light scheme: all the rules there,
    then in the dark one those that depend on it (helpers.axe_in_both_schemes)."""
    page = axe_page("light")
    problems = []
    for rel in pages:
        page.emulate_media(color_scheme="light")
        page.goto(server + rel)
        page.wait_for_load_state("load")
        assert _scheme(page) == "default", f"{rel}: scheme {_scheme(page)}"
        problems += axe_in_both_schemes(page, axe_script, rel, repaint=_repaint_in_dark)
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
            # the drawer slides in, the menu fades in: measured once they stand still
            still(page)
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
