"""The stricter Content-Security-Policy: no page allows 'unsafe-inline'
scripts; the build lists the SHA-256 of every inline script of every page
(scripts/postbuild/csp.py, the last build step), so the page's own
scripts run and any other inline script is blocked. Styles are as strict
('self' and hashes); DNS prefetching is off; the policy comes before the
first script of the page. The audits in test_privacy.py and test_firefox.py
see no console error with it."""
import re

import pytest

from postbuild import csp
from helpers import wake_theme

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directives(policy):
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def test_no_page_allows_unhashed_inline_scripts_or_styles(site, pages):
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        policy = directives(CSP.search(html).group(1))
        assert "'unsafe-inline'" not in policy["script-src"], rel
        assert "'unsafe-inline'" not in policy["style-src"], rel
        assert "'unsafe-eval'" not in policy["script-src"], rel
        found = csp.inline_code(html)
        for script in found.scripts:
            assert csp.sha256(script) in policy["script-src"], f"{rel}: an inline script is not hashed"
        for style in found.styles:
            assert csp.sha256(style) in policy["style-src"], f"{rel}: an inline style is not hashed"
        assert found.scripts, f"{rel}: the theme's inline scripts are gone; is this test still right?"


def test_the_policy_comes_before_any_script_and_dns_prefetch_is_off(site, pages):
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        assert html.index("Content-Security-Policy") < html.index("<script"), rel
        assert '<meta http-equiv="x-dns-prefetch-control" content="off">' in html, rel


def test_hashing_covers_what_a_later_build_step_might_inline():
    page = ('<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
            'script-src \'self\'; style-src \'self\'"><style>p{color:red}</style></head><body>'
            '<script>let a = 1;\r\n</script><script type="application/json">{"x": 1}</script>'
            '<script src="x.js"></script><img src="i.png" onload="go()" style="width:1px"></body></html>')
    policy = directives(CSP.search(csp.hash_page(page)).group(1))
    assert csp.sha256("let a = 1;\n") in policy["script-src"]
    assert csp.sha256('{"x": 1}') not in policy["script-src"]  # data, never run
    assert csp.sha256("p{color:red}") in policy["style-src"]
    assert "'unsafe-hashes'" in policy["script-src"] and csp.sha256("go()") in policy["script-src"]
    assert "'unsafe-hashes'" in policy["style-src"] and csp.sha256("width:1px") in policy["style-src"]
    assert csp.hash_page(page.replace("Content-Security-Policy", "X")) == page.replace(
        "Content-Security-Policy", "X")  # no policy of ours: left alone


VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
});
"""


@pytest.mark.parametrize("rel", ["index.html", "zh/check.html"])
def test_an_injected_inline_script_is_blocked_while_the_pages_own_run(make_context, server, site, rel):
    context, audit = make_context()
    context.add_init_script(VIOLATIONS)
    html = (site / rel).read_text(encoding="utf-8")
    injected = html.replace("</body>", "<script>window.__injected = true;</script></body>")
    page = context.new_page()
    page.route(server + rel, lambda route: route.fulfill(body=injected, content_type="text/html; charset=utf-8"))
    page.goto(server + rel)
    page.wait_for_load_state("load")
    assert page.evaluate("window.__injected") is None, "the unhashed script ran"
    violations = page.evaluate("window.__violations")
    assert [v["directive"] for v in violations] == ["script-src-elem"], violations
    assert violations[0]["blocked"] == "inline"
    # the page's own inline scripts (hashed) and files ran
    assert page.evaluate("typeof __md_get") == "function"
    wake_theme(page)  # the theme's bundle loads at the first touch (on-demand.js)
    assert page.evaluate("document.documentElement.classList.contains('js')"), "the theme's bundle did not run"
    assert page.locator("[data-quick-exit]").count() == 1
    if "check" in rel:
        page.locator("form#self-check input[type=radio]").first.check()
        assert page.locator("#self-check-result .sc-level").count() > 0, "the self-check script did not run"
    assert len(audit.console_errors) == 1 and "Content Security Policy" in audit.console_errors[0]


def test_no_page_of_the_site_violates_its_own_policy(make_context, origin, pages):
    context, audit = make_context()
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    for rel in pages:
        if origin.startswith("file:") and rel.endswith("404.html"):
            continue
        page.goto(origin + rel)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], rel
    assert audit.console_errors == []
