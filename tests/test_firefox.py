"""The privacy promises hold in Firefox ESR too (Tor Browser is built on it):
on every page, over HTTP and from file://, no request leaves the site,
nothing is stored and no console error is logged; search works in English
and Chinese; the self-check answers and forgets; the quick exit leaves for
the neutral page without adding to history; and with JavaScript off (Tor
Browser's "Safest" level) the self-check can still be read and answered.

Firefox is driven through WebDriver BiDi by puppeteer-core (pinned in
tests/package.json, `npm ci --prefix tests`), from tests/firefox_audit.js;
this file runs it and judges what it saw. Debian's firefox-esr is
/usr/bin/firefox-esr (.ci/run installs it; FIREFOX=/path overrides).

What Firefox does differently, and how the site copes (About page, "Reading
safely"): Firefox stops loading a page when Esc is pressed, so the quick
exit's "Esc twice" leaves when the second Esc is released, not pressed.
No promise is known to fail in Firefox; if one does, the test names it.
"""
import json
import os
import shutil
import subprocess

import pytest

from helpers import ROOT

pytestmark = pytest.mark.browser  # Firefox, launched here

TESTS = ROOT / "tests"
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")


def _need_tools():
    if not (os.path.isfile(FIREFOX) and os.access(FIREFOX, os.X_OK)):
        pytest.fail(f"No Firefox ESR at {FIREFOX}: 'sudo apt-get install firefox-esr' "
                    "(.ci/run does this), or set FIREFOX", pytrace=False)
    if not shutil.which("node") or not (TESTS / "node_modules" / "puppeteer-core").is_dir():
        pytest.fail("puppeteer-core is missing: run 'npm ci --prefix tests' (make test does)", pytrace=False)


SCHEMES = ["http", "file"]


def run_audit(runs, javascript=True, timeout=600):
    """One Firefox for all `runs` ({scheme: (base address, pages to visit)}):
    what it saw, by scheme."""
    _need_tools()
    job = {"firefox": FIREFOX, "javascript": javascript,
           "runs": [{"base": base, "allowed": [base], "pages": rels} for base, rels in runs.values()]}
    result = subprocess.run(["node", "firefox_audit.js", json.dumps(job)], cwd=TESTS,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"the Firefox audit did not run:\n{result.stderr[-3000:]}"
    reports = json.loads(result.stdout)
    assert len(reports) == len(runs)
    return {scheme: dict(report, base=base) for (scheme, (base, _)), report in zip(runs.items(), reports)}


def bases(server, site):
    return {"http": server, "file": site.as_uri() + "/"}


@pytest.fixture(scope="module")
def audits(server, site, pages):
    """What Firefox saw on the whole site, over HTTP and from file://, in one launch."""
    # only a web server shows 404 pages; they use root-relative links
    return run_audit({scheme: (base, [rel for rel in pages if not (scheme == "file" and rel.endswith("404.html"))])
                      for scheme, base in bases(server, site).items()})


@pytest.fixture(params=SCHEMES)
def audit(request, audits):
    return audits[request.param]


def test_firefox_ran_every_check(audit):
    assert audit["version"].startswith("firefox/"), audit["version"]
    assert audit["errors"] == [], "\n".join(audit["errors"])


def test_in_firefox_no_page_contacts_anyone_stores_anything_or_logs_an_error(audit):
    assert audit["outside"] == [], f"requests outside the site: {audit['outside']}"
    assert audit["stored"] == [], f"stored on the device: {audit['stored']}"
    assert audit["consoleErrors"] == [], "\n".join(audit["consoleErrors"])


def test_in_firefox_search_finds_pages_in_english_and_chinese(audit):
    assert audit["search"].get("index.html", 0) > 0, audit["search"]
    assert audit["search"].get("zh/index.html", 0) > 0, audit["search"]


def test_in_firefox_the_self_check_answers_and_forgets(audit):
    check = audit["selfCheck"]
    assert check["answered"] == 1
    assert check["url"] == audit["base"] + "check.html", "answers must not reach the address"
    assert check["afterReload"] == 0, "answers came back after a reload"


def test_in_firefox_the_quick_exit_leaves_no_way_back_to_the_page(audit):
    out = audit["quickExit"]
    assert out["url"] == audit["base"] + "assets/blank.html"
    assert out["lengthAfter"] == out["lengthBefore"], "the quick exit added to history"
    assert out["text"].strip() == "" and out["title"] == ""
    assert out["back"] == audit["base"] + "index.html", "Back must skip the page that was left"
    assert out["escape"] == audit["base"] + "assets/blank.html", "Esc twice did not leave (Firefox)"


@pytest.fixture(scope="module")
def without_javascript(server, site):
    """What Firefox with JavaScript switched off saw, over HTTP and from file://, in one launch."""
    return run_audit({scheme: (base, []) for scheme, base in bases(server, site).items()}, javascript=False)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_in_firefox_without_javascript_the_self_check_can_be_read_and_answered(scheme, without_javascript):
    report = without_javascript[scheme]
    base = report["base"]
    assert report["errors"] == [], "\n".join(report["errors"])
    nojs = report["noJs"]
    assert nojs["noJsClass"], "JavaScript ran although it was switched off"
    assert nojs["noscript"], "the no-JavaScript explanation is missing"
    assert nojs["questions"] > 10
    assert nojs["checked"] == 0 and nojs["checkedAfterClick"] == 1
    assert nojs["urlAfterClick"] == base + "check.html"
    assert nojs["exitUrl"] == base + "assets/blank.html", "the quick exit link does not work without JavaScript"
    assert report["outside"] == [] and report["consoleErrors"] == []
