"""What the tests share (fixtures are in conftest.py): the project's root,
one strict MkDocs build (counted: the session's summary says how many the
run made), the list of the site's pages, a phone-sized Chromium with an
audit of every request, console error and storage write, and small helpers
of the browser tests (search, axe-core, the theme's first touch).

No test module imports another; what two of them need is here.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dev import local_site
from dev.local_site import CHROMIUM_ARGS, PHONE  # noqa: F401 (shared)
from postbuild import site as site_model

ROOT = Path(__file__).resolve().parent.parent
BUILD_LOG = "PHONE_CHECK_BUILD_LOG"  # conftest.py sets it: one line per MkDocs build

# Injected into every page under test (never shipped): records any attempt to
# write browser storage, so a write that is later undone still counts.
STORAGE_SPY = r"""
(() => {
  const writes = [];
  Object.defineProperty(window, "__storageWrites", { value: writes });
  const note = (what) => { try { writes.push(what + " @ " + location.pathname); } catch (e) {} };
  for (const name of ["setItem", "removeItem", "clear"]) {
    const orig = Storage.prototype[name];
    Storage.prototype[name] = function (...args) {
      note((this === window.sessionStorage ? "sessionStorage." : "localStorage.") + name + "(" + String(args[0]) + ")");
      return orig.apply(this, args);
    };
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(Document.prototype, "cookie", {
    get() { return cookie.get.call(this); },
    set(v) { note("document.cookie=" + v); return cookie.set.call(this, v); },
  });
  if (window.indexedDB) {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...a) { note("indexedDB.open(" + a[0] + ")"); return open.apply(this, a); };
  }
  if (window.caches) {
    const open = CacheStorage.prototype.open;
    CacheStorage.prototype.open = function (...a) { note("caches.open(" + a[0] + ")"); return open.apply(this, a); };
  }
  if (navigator.serviceWorker) {
    const reg = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...a) { note("serviceWorker.register(" + a[0] + ")"); return reg.apply(this, a); };
  }
})();
"""

# Reads what is actually stored for the page's origin, after the fact.
STORAGE_STATE = r"""
async () => {
  const state = {};
  try { state.localStorage = Object.keys(localStorage); } catch (e) { state.localStorage = []; }
  try { state.sessionStorage = Object.keys(sessionStorage); } catch (e) { state.sessionStorage = []; }
  state.cookie = document.cookie;
  try { state.indexedDB = (await indexedDB.databases()).map(d => d.name); } catch (e) { state.indexedDB = []; }
  try { state.caches = window.caches ? await caches.keys() : []; } catch (e) { state.caches = []; }
  try {
    state.serviceWorkers = navigator.serviceWorker
      ? (await navigator.serviceWorker.getRegistrations()).map(r => r.scope) : [];
  } catch (e) { state.serviceWorkers = []; }
  state.writes = window.__storageWrites ? [...window.__storageWrites] : [];
  return state;
}
"""


def find_chromium():
    """Path of a Chromium to drive, or a clear failure saying how to get one."""
    return local_site.find_chromium() or pytest.fail(local_site.NO_CHROMIUM, pytrace=False)


def build_site(dest, project=ROOT):
    """Run a strict build of `project` into `dest` (ProperDocs, as make build); return the result.
    Each build is logged (BUILD_LOG) so that the run can say how many it made."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=project, env=env, capture_output=True, text=True,
    )
    log = os.environ.get(BUILD_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{'ok' if result.returncode == 0 else 'failed'} {os.environ.get('PYTEST_CURRENT_TEST', '')}\n")
    return result


def once_per_run(tmp_path_factory, name, make, load=lambda made: made):
    """What `make(folder)` makes (a build, the editions), made once for the whole run:
    under pytest-xdist the first process to ask makes it, holding a lock, in a folder
    all the run's processes share, and records what it returned (JSON: paths as
    strings); the others wait for it and read the record. `load` turns the record
    into what the fixture returns. An exception in `make` fails every test that
    needs it, in every process, with its message."""
    import json
    import traceback

    def attempt(folder):
        try:
            return {"made": make(folder)}
        except Exception as error:  # noqa: BLE001 (recorded, then failed on in every process)
            text = str(error) if isinstance(error, RuntimeError) else traceback.format_exc()
            return {"failed": f"{name}: {text}"}

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        record = attempt(tmp_path_factory.mktemp(name))
    else:
        from filelock import FileLock

        root = tmp_path_factory.getbasetemp().parent  # this run's folder, shared by its workers
        path = root / f"{name}.json"
        with FileLock(str(root / f"{name}.lock")):
            if not path.is_file():
                folder = root / name
                folder.mkdir()
                path.write_text(json.dumps(attempt(folder)), encoding="utf-8")
            record = json.loads(path.read_text(encoding="utf-8"))
    if "failed" in record:
        pytest.fail(record["failed"], pytrace=False)
    return load(record["made"])


def content_pages(site_dir):
    """Every reader's HTML page of the built site (both languages, 404 included), as paths
    relative to it: the post-build pipeline's own list (scripts/postbuild/site.py). The
    translators' status page, translate/, is not one: it has tests of its own
    (test_translation_status_page.py)."""
    return site_model.reader_pages(site_dir)


def launch_chromium(playwright, **kwargs):
    return playwright.chromium.launch(
        executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS, **kwargs
    )


class Audit:
    """What a browser context did: requests outside the site, console errors."""

    def __init__(self, context, allowed_prefixes):
        self.allowed = tuple(allowed_prefixes)
        self.outside = []
        self.console_errors = []
        self.requests = []
        self.under_way = {}  # page: its requests not yet answered nor failed
        context.route("**/*", self._route)
        context.add_init_script(STORAGE_SPY)
        context.on("page", self._watch)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.allowed) or url.startswith(("data:", "blob:", "about:")):
            self.requests.append(url)
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _watch(self, page):
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(
            f"{page.url}: {msg.text}"))
        page.on("pageerror", lambda err: self.console_errors.append(f"{page.url}: {err}"))
        under_way = self.under_way[page] = set()
        page.on("request", lambda request: under_way.add(request))
        page.on("requestfinished", lambda request: under_way.discard(request))
        page.on("requestfailed", lambda request: under_way.discard(request))

    @staticmethod
    def storage(page):
        return page.evaluate(STORAGE_STATE)


# A request of the test's own, after all the page has made: an image (the
# page itself, which fails to decode) from the page's own address, over HTTP
# and from file:// alike; returns its address once it has come back.
SETTLED = "?settled="
_LAST_REQUEST = """(n) => new Promise((done) => {
  const img = new Image();
  img.onload = img.onerror = () => done(img.src);
  img.src = location.href.split("#")[0].split("?")[0] + "?settled=" + n;
})"""


# Resolves once the page has drawn two more frames and no transition or
# animation is running (the drawer sliding in, a menu or button fading in).
STILL = """() => new Promise((done) => {
  const check = () => requestAnimationFrame(() => requestAnimationFrame(() => {
    if (document.getAnimations().some((a) => a.playState === "running")) check();
    else done(true);
  }));
  check();
})"""


def still(page):
    """Wait, without a fixed pause, until nothing on the page is moving."""
    page.evaluate(STILL)


def settle(page, audit, clock=None):
    """Wait, without a fixed pause, until the page asks for nothing more.
    With `clock` (e.g. "10:00"; page.clock.install() before the page opened),
    its clock first moves on that far, firing every timer and idle callback
    due by then. Then a request of the test's own, made after every request
    the page has made so far, comes back (the audit sees requests in the order
    they are made), and none of the page's is under way. Again while that
    brought other requests (one may lead to another). The test's own requests
    are in audit.requests, their addresses with SETTLED in them."""
    for round_ in range(10):
        seen = len(audit.requests) + len(audit.outside)
        if clock:
            page.clock.run_for(clock)
        mine = page.evaluate(_LAST_REQUEST, round_)
        assert mine in audit.requests, f"the audit did not see {mine}"
        for _ in range(600):  # a poll: the condition is the line below
            if not audit.under_way.get(page):
                break
            page.wait_for_timeout(25)
        else:
            pytest.fail(f"still under way after 15 s: {[r.url for r in audit.under_way[page]]}")
        if len(audit.requests) + len(audit.outside) == seen + 1:
            return
    pytest.fail("the page keeps asking for more: " + ", ".join(audit.requests[-10:]))


def visit_and_audit(page, audit, base, rels):
    """Open each page under `base`; fail on any storage, outside request or console error."""
    for rel in rels:
        page.goto(base + rel)
        page.wait_for_load_state("load")
        state = audit.storage(page)
        assert not stored_anything(state), f"{rel} stored something: {state}"
    assert audit.outside == [], f"requests outside the site: {audit.outside}"
    assert audit.console_errors == []


def wake_theme(page):
    """The theme's script loads at the reader's first touch, scroll or key
    (docs/assets/js/on-demand.js): move the mouse, wait until it runs."""
    page.mouse.move(5, 400)
    page.wait_for_function("() => document.documentElement.classList.contains('js')")


def stored_anything(state):
    return any(state[key] for key in
               ("localStorage", "sessionStorage", "cookie", "indexedDB", "caches", "serviceWorkers", "writes"))


def search(page, words):
    """Type into the site search the way a reader does; return the result items."""
    page.locator("label.md-header__button[for=__search]").first.click()
    box = page.locator("input.md-search__input")
    box.fill(words)
    box.press("End")  # the theme searches on key events, as when a person types
    return page.locator(".md-search-result__item")


# A page or stylesheet naming something outside the site.
LOADS = re.compile(
    r'<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc="(https?:)?//'
    r'|<link\b(?![^>]*rel="(?:canonical|alternate)")[^>]*\bhref="(https?:)?//'
)

# axe-core (installed by `npm ci --prefix tests`, which make test runs)
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """(options) => axe.run(document, options).then(result => result.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1).join(' ').trim()),
})))"""


def axe_problems(page, axe_script, options, where):
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per page load
        page.add_script_tag(path=axe_script)
    return _serious(page.evaluate(RUN_AXE, options), where)


def _serious(found, where):
    return [f"{where}: {v['id']} ({v['impact']}) {v['help']}\n    " + "\n    ".join(v["nodes"][:6])
            for v in found if v["impact"] in ("serious", "critical")]


# The WCAG 2.1 A/AA rules of axe whose outcome depends on the colours shown,
# which are all a colour scheme changes on these pages: text contrast
# (color-contrast, 1.4.3) and links told from the text around them by colour
# (link-in-text-block, 1.4.1). The other rules read the document's structure,
# names, roles and languages, the same in both schemes, except on elements
# that one scheme shows and the other hides (the theme's colour toggle shows
# the button for the other scheme): axe_in_both_schemes runs the whole set on those.
SCHEME_RULES = ["color-contrast", "link-in-text-block"]
_SHOWN = "e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'"
_NOTE_SHOWN = "() => { const shown = " + _SHOWN + """;
  window.__axeShown = new Map([...document.querySelectorAll('body *')].map(e => [e, shown(e)])); }"""
_RUN_AXE_ON_CHANGED = """async ([all, scheme]) => {
  const shown = """ + _SHOWN + """;
  const changed = [...document.querySelectorAll('body *')].filter(e => window.__axeShown.get(e) !== shown(e));
  const report = (result) => result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1).join(' ').trim()),
  }));
  const found = report(await axe.run(document, { runOnly: { type: 'rule', values: scheme } }));
  const outer = changed.filter(e => !changed.some(o => o !== e && o.contains(e)));
  if (outer.length) found.push(...report(await axe.run({ include: outer }, { runOnly: { type: 'tag', values: all } })));
  return found;
}"""


def axe_in_both_schemes(page, axe_script, where, repaint=None):
    """axe's WCAG 2.1 A/AA rules on a page loaded in the light colour scheme,
    then, in the same load, in the dark one (page.emulate_media): there only
    the rules that depend on the scheme (SCHEME_RULES) on the whole page, and
    the whole set on the elements the dark scheme shows or hides that the
    light one did not. `repaint(page)`, if given, does what the page's own
    scripts do at load for the scheme it finds (and may check it took).
    Returns the serious and critical problems of both."""
    assert page.evaluate("matchMedia('(prefers-color-scheme: light)').matches"), "load the page in light first"
    problems = axe_problems(page, axe_script, {"runOnly": {"type": "tag", "values": WCAG21_AA}}, f"{where} (light)")
    page.evaluate(_NOTE_SHOWN)
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    if repaint:
        repaint(page)
    dark = page.evaluate(_RUN_AXE_ON_CHANGED, [WCAG21_AA, SCHEME_RULES])
    return problems + _serious(dark, f"{where} (dark)")
