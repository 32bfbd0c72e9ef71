"""The privacy promises hold in WebKit, the engine of every browser on an
iPhone and of WeChat on iOS: Debian's WebKitGTK, driven through its
WebDriver (webkit2gtk-driver) by Selenium on a 360 x 780 X screen of its own
(Xvfb and a window manager; tests/webkit_session.py). One WebKit session runs
everything here, over HTTP and from file:// (the unzipped offline edition):

- every page in English, Simplified and Traditional Chinese: nothing stored
  (cookies, localStorage, sessionStorage, IndexedDB, caches, service worker,
  and any attempt to write them), no request outside the site, no error, no
  policy violation, nothing wider than the phone;
- search finds pages in English and Chinese, in the page's language, and the
  words stay out of the address;
- the self-check answers, and forgets on reload and on Back and Forward
  (WebKit brings the page back from its back/forward cache);
- the quick exit leaves for the neutral page without adding to history, and
  Esc twice leaves too.

Every request goes through a logging proxy (webkit_session.LoggingProxy); a
test proves that the audit sees an outside request and a storage write.

What WebKit does differently: opened from file://, it applies the site's
Content-Security-Policy to http:// addresses but not to https:// ones: an
outside image, stylesheet, script or fetch is requested with no violation
reported (tried by hand with a local TLS server: the script ran and the
stylesheet applied). Over HTTP it blocks all of them, as Chromium and
Firefox do from file:// too. So from file:// the build's own checks (the
content gate, the privacy plugin, the allow-listed inline code) are the only
guard (README.md). test_from_file_webkit_does_not_apply_the_policy_to_https_addresses
shows it; if WebKit changes, it fails and says so.

Run alone, the file takes 3.5 to 6.5 minutes on two shared cores (of which
1.5 to 2 are the session's build and editions); the every-page audit and
search are the longest parts.
"""
import re
import shutil
import time
import zipfile

import pytest

from dev import local_site
from helpers import PHONE, stored_anything
import webkit_session
from webkit_session import AUDIT_FILE, READ_STATE, SCREEN, LoggingProxy

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE_WIDTH = PHONE["width"]
NEUTRAL = "assets/blank.html"
LANGS = {"en": "", "zh": "zh/", "zh-Hant": "zh-Hant/"}


class WebKit:
    """The one WebKit session of this file and its proxy."""

    def __init__(self, driver, proxy):
        self.driver, self.proxy = driver, proxy
        self.base, self.allowed = None, ()

    def use(self, base):
        """Pages under `base` are the site: the proxy passes those on (over HTTP)."""
        self.base = base
        self.allowed = (base,) if base.startswith("http") else ()
        self.proxy.forward = base if base.startswith("http") else None

    def open(self, rel):
        self.driver.get(self.base + rel)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def state(self):
        state = self.driver.execute_async_script(READ_STATE)
        assert "failed" not in state, state
        try:
            state["webdriverCookies"] = [c["name"] for c in self.driver.get_cookies()]
        except Exception as error:  # noqa: BLE001 (a file:// page has no cookie store)
            state["webdriverCookies"] = [] if self.base.startswith("file:") else [repr(error)]
        return state

    def tap(self, selector, index=0):
        element = self.driver.find_elements("css selector", selector)[index]
        # a click just under the sticky header would land on the header
        self.js("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def wait_for(self, condition, timeout=15, what="the page"):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(
            lambda d: d.execute_script("return " + condition), message=f"{what}: {condition}")


def problems(state):
    """What a page's state says was stored or went wrong, as lines."""
    found = []
    if not state["audited"]:
        found.append("the audit script did not run")
    if stored_anything(state) or state["webdriverCookies"]:
        found.append("stored: " + str({k: v for k, v in state.items() if k not in ("errors", "audited") and v}))
    found += state["errors"]
    return found


@pytest.fixture(scope="module")
def webkit():
    need = webkit_session.missing_programs()
    if need:
        pytest.fail("WebKit cannot run: missing Debian packages " + " ".join(need)
                    + " (make test installs them: scripts/dev/system_packages.sh)", pytrace=False)
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.fail("Selenium is missing: install requirements-dev.txt (make test does)", pytrace=False)
    proxy = LoggingProxy()
    try:
        with webkit_session.phone_screen(*SCREEN) as display:
            try:
                driver = webkit_session.start_driver(display, proxy.address)
            except Exception as error:  # noqa: BLE001 (say exactly what failed, then stop)
                pytest.fail(f"WebKitWebDriver did not start a session: {error!r}", pytrace=False)
            try:
                yield WebKit(driver, proxy)
            finally:
                driver.quit()
    finally:
        proxy.close()


@pytest.fixture(scope="module")
def offline(editions, tmp_path_factory):
    """The offline zip, unzipped, with the audit script added to each page."""
    archive = next(path for name, path in editions.items() if name.endswith(".zip"))
    dest = tmp_path_factory.mktemp("webkit-offline")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(dest)
    (folder,) = [path for path in dest.iterdir() if path.is_dir()]
    webkit_session.add_audit_script(folder)
    return folder


@pytest.fixture(scope="module", params=["http", "file"])
def origin(request, webkit, server, offline):
    """The site over HTTP (through the proxy), or the offline copy from file://."""
    webkit.use(server if request.param == "http" else offline.as_uri() + "/")
    return webkit


def test_webkit_runs_at_phone_size_with_the_audit_script(origin):
    wk = origin
    wk.open("index.html")
    assert wk.driver.capabilities["browserName"].lower() in ("minibrowser", "webkitgtk"), wk.driver.capabilities
    assert wk.js("return [innerWidth, innerHeight]") == [PHONE["width"], PHONE["height"]]
    assert wk.state()["audited"], f"the page did not run {AUDIT_FILE}"


def test_every_page_in_three_languages_stores_nothing_contacts_no_one_and_shows_no_error(origin, pages):
    wk = origin
    # only a web server shows 404 pages; they use root-relative links
    rels = [rel for rel in pages if not (wk.base.startswith("file:") and rel.endswith("404.html"))]
    assert {rel.split("/")[0] for rel in rels if "/" in rel} == {"zh", "zh-Hant"}
    mark = wk.proxy.mark()
    found = []
    for rel in rels:
        wk.open(rel)
        found += [f"{rel}: {p}" for p in problems(wk.state())]
        width = wk.js("return document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            found.append(f"{rel}: {width}px wide on a {PHONE_WIDTH}px phone")
    outside = wk.proxy.outside(mark, wk.allowed)
    assert outside == [], f"requests outside the site: {outside}"
    assert found == [], "\n".join(found)


SEARCHES = [("", "keyboard", "phone-makers.html"), ("zh/", "输入法", "zh/"), ("zh-Hant/", "輸入法", "zh-Hant/"),
            ("", "VPN", "vpn.html"), ("zh/", "实名", "zh/real-name.html")]


def test_search_finds_pages_in_english_and_chinese_in_the_page_language(origin):
    wk = origin
    mark = wk.proxy.mark()
    for prefix, words, expected in SEARCHES:
        wk.open(prefix + "index.html")
        url = wk.driver.current_url
        wk.tap("label.md-header__button[for=__search]")
        wk.wait_for("document.querySelector('input.md-search__input') && "
                    "document.querySelector('input.md-search__input').offsetParent !== null", what="search box")
        box = wk.driver.find_element("css selector", "input.md-search__input")
        box.send_keys(words)
        wk.wait_for("document.querySelectorAll('.md-search-result__item').length > 0", what=f"search {words!r}")
        hrefs = wk.js("return [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href)")
        assert any(expected in href for href in hrefs), (words, hrefs)
        rels = [href.replace(wk.base, "") for href in hrefs]
        in_lang = [rel.startswith(prefix) if prefix else not rel.startswith("zh") for rel in rels]
        assert all(in_lang), f"{words!r}: results in another language: {hrefs}"
        assert wk.driver.current_url == url, "search words must not go into the address"
        assert problems(wk.state()) == []
    assert wk.proxy.outside(mark, wk.allowed) == []


def answered():
    return "return document.querySelectorAll('#self-check input:checked').length"


@pytest.mark.parametrize("lang", LANGS)
def test_the_self_check_answers_and_forgets_after_reload_back_and_forward(origin, lang):
    wk = origin
    prefix = LANGS[lang]
    mark = wk.proxy.mark()
    wk.open(prefix + "check.html")
    check_url = wk.driver.current_url
    before = wk.js("return document.getElementById('self-check-result').innerText")
    questions = wk.js("return [...document.querySelectorAll('#self-check fieldset')].map(f => f.id)")
    for question in questions[:3]:
        wk.tap(f"#{question} label")
    assert wk.js(answered()) == 3
    wk.wait_for("document.querySelectorAll('#self-check-result .sc-steps > li').length > 0", what="the result")
    assert wk.js("return document.getElementById('self-check-result').innerText") != before
    assert wk.driver.current_url == check_url, "answers must not reach the address"
    assert problems(wk.state()) == []

    wk.driver.refresh()
    assert wk.js(answered()) == 0, "answers came back after a reload"

    for question in questions[:3]:
        wk.tap(f"#{question} label")
    assert wk.js(answered()) == 3
    wk.js("location.href = 'protect.html'")
    wk.wait_for("location.pathname.endsWith('protect.html') && document.readyState === 'complete'")
    wk.driver.back()
    wk.wait_for("location.pathname.endsWith('check.html') && window.__shows && window.__shows.length > 0")
    assert wk.js("return window.__shows") == [False, True], "Back did not use the back/forward cache"
    assert wk.js(answered()) == 0, "answers came back after Back (from the back/forward cache)"
    assert wk.js("return document.querySelectorAll('#self-check-result .sc-steps > li').length") == 0

    for question in questions[:3]:
        wk.tap(f"#{question} label")
    wk.driver.forward()
    wk.wait_for("location.pathname.endsWith('protect.html')")
    wk.driver.back()
    wk.wait_for("location.pathname.endsWith('check.html') && window.__shows && window.__shows.length > 0")
    assert wk.js(answered()) == 0, "answers came back after Forward and Back"
    assert problems(wk.state()) == []
    assert wk.proxy.outside(mark, wk.allowed) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_quick_exit_leaves_for_the_neutral_page_without_a_way_back(origin, lang):
    wk = origin
    prefix = LANGS[lang]
    mark = wk.proxy.mark()
    wk.open(prefix + "index.html")
    wk.open(prefix + "check.html")
    question = wk.js("return document.querySelector('#self-check fieldset').id")
    wk.tap(f"#{question} label")
    length = wk.js("return history.length")
    wk.tap("[data-quick-exit]")
    wk.wait_for(f"location.href === {wk.base + NEUTRAL!r} && document.readyState === 'complete'",
                what="the quick exit")
    assert wk.js("return history.length") == length, "the quick exit added to history"
    assert wk.js("return [document.body.innerText.trim(), document.title]") == ["", ""]
    assert problems(wk.state()) == []
    wk.driver.back()
    wk.wait_for(f"location.href === {wk.base + prefix + 'index.html'!r}", what="Back after the quick exit")
    assert wk.proxy.outside(mark, wk.allowed) == []


def test_esc_twice_leaves_too(origin):
    """Esc twice within a second. WebKitGTK's driver can take more than a
    second between two keys on a busy machine (measured: 1.1 and 1.6 s
    within one Element Send Keys), which the page rightly ignores; so the
    keys are sent again, up to four times, with the gaps the page saw
    reported if it never leaves."""
    from selenium.webdriver.common.keys import Keys

    wk = origin
    wk.open("vpn.html")
    wk.wait_for("location.pathname.endsWith('/vpn.html') && document.readyState === 'complete'", what="vpn.html")
    wk.js("window.__keys = []; addEventListener('keydown', e => e.key === 'Escape' && __keys.push(Date.now()), true)")
    leave = f"location.href === {wk.base + NEUTRAL!r}"
    gaps = []
    for _ in range(4):
        wk.driver.find_element("css selector", "body").send_keys(Keys.ESCAPE + Keys.ESCAPE)
        times = wk.js("return window.__keys || null")
        if times is None:  # the page is gone
            break
        gaps.append(times[-1] - times[-2] if len(times) > 1 else None)
        if gaps[-1] is not None and gaps[-1] < 900:
            break
    wk.wait_for(leave, what=f"Esc twice (gaps between the two keys, ms: {gaps})")


# --- the audit can fail, and what WebKit does from file:// -----------------

LEAK = """<script>
localStorage.setItem("probe", "1"); localStorage.removeItem("probe");
document.cookie = "probe=1; max-age=3600";
fetch("https://leak.example/answers").catch(() => {});
new Image().src = "http://leak.example/pixel.png";
console.error("probe error");
</script>"""
# What a page might try to load from outside, added after the page's policy:
# one page per kind and scheme, as TLS connections cannot be told apart.
OUTSIDE = {
    "image": '<img src="{scheme}://image.example/i.png" alt="">',
    "stylesheet": '<link rel="stylesheet" href="{scheme}://style.example/s.css">',
    "script": '<script src="{scheme}://script.example/s.js"></script>',
    "fetch": '<script src="probe-fetch-{scheme}.js"></script>',
}
FETCH = "fetch('{scheme}://fetch.example/x').catch(e => console.error('fetch failed: ' + e));"


@pytest.fixture(scope="module")
def probes(site, tmp_path_factory):
    """A scratch copy of the site with pages added: leak.html (index.html
    without its policy, and a script that stores, sends and logs an error),
    and probe-<kind>-<scheme>.html (index.html with its policy, and one
    outside image, stylesheet, script or fetch after it). All carry the
    audit script."""
    copy = tmp_path_factory.mktemp("webkit-probes") / "site"
    shutil.copytree(site, copy)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert webkit_session.POLICY.search(index) and "</body>" in index
    pages = {"leak.html": webkit_session.POLICY.sub("", index).replace("</body>", LEAK + "</body>")}
    for scheme in ("http", "https"):
        (copy / f"probe-fetch-{scheme}.js").write_text(FETCH.format(scheme=scheme), encoding="utf-8")
        for kind, markup in OUTSIDE.items():
            pages[f"probe-{kind}-{scheme}.html"] = index.replace("</body>", markup.format(scheme=scheme) + "</body>")
    (copy / AUDIT_FILE).write_text(webkit_session.AUDIT_JS, encoding="utf-8")
    for name, html in pages.items():
        (copy / name).write_text(webkit_session.with_audit_script(html, AUDIT_FILE), encoding="utf-8")
    with local_site.serve(copy) as url:
        yield {"http": url, "file": copy.as_uri() + "/"}


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_the_audit_sees_a_page_that_stores_sends_and_logs_an_error(webkit, probes, scheme):
    """The checks above, on a page made to break every promise: they must see it."""
    webkit.use(probes[scheme])
    mark = webkit.proxy.mark()
    webkit.open("leak.html")
    webkit.wait_for("window.__pageErrors.length > 0", what="the leaking page")
    found = problems(webkit.state())
    for _ in range(50):  # the fetch and the image leave after the page has loaded
        outside = webkit.proxy.outside(mark, webkit.allowed)
        if len(outside) >= 2:
            break
        time.sleep(0.2)
    assert any(p.startswith("stored: ") and "localStorage.setItem(probe)" in p and "document.cookie=probe=1" in p
               for p in found), found
    assert any("console.error: probe error" in p for p in found), found
    assert "GET http://leak.example/pixel.png" in outside, outside
    assert "TLS " + webkit_session.TLS_HIDDEN in outside, outside


def test_from_file_webkit_does_not_apply_the_policy_to_https_addresses(webkit, probes):
    """Over HTTP the site's policy stops an outside image, stylesheet, script
    and fetch, http:// or https://. Opened from file://, WebKit stops the
    http:// ones but applies no policy to https:// ones: it reports no
    violation and connects (Chromium and Firefox stop all of them). So from
    file:// the build's own checks are the only guard (README.md, Browser
    tests); if this test fails because WebKit changed, change README.md."""
    connected, unchecked = {}, {}
    for where in ("http", "file"):
        webkit.use(probes[where])
        for scheme in ("http", "https"):
            for kind in OUTSIDE:
                mark = webkit.proxy.mark()
                webkit.open(f"probe-{kind}-{scheme}.html")
                webkit.wait_for("window.__pageErrors.some(e => /failed|blocked/.test(e))", what=kind)
                webkit.js("return new Promise(resolve => setTimeout(resolve, 300))")
                errors = webkit.state()["errors"]
                if webkit.proxy.outside(mark, webkit.allowed):
                    connected.setdefault(where, []).append(f"{kind} {scheme}")
                if not any("blocked by the policy" in e for e in errors):
                    unchecked.setdefault(where, []).append(f"{kind} {scheme}")
    assert "http" not in connected and "http" not in unchecked, (connected, unchecked)
    expected = [f"{kind} https" for kind in OUTSIDE]
    assert connected.get("file") == expected and unchecked.get("file") == expected, (
        f"from file:// WebKit now connects for {connected.get('file')} and applies no policy to "
        f"{unchecked.get('file')}: README.md's note on WebKit and file:// needs changing")
