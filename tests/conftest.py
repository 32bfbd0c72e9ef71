"""Shared fixtures: one strict build of the site per test session, a local
HTTP server for it, and a real Chromium driven by Playwright at a phone
viewport, with an audit of every request, console error and storage write.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

from dev import local_site
from dev.local_site import CHROMIUM_ARGS, PHONE
from postbuild import site as site_model

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
    """Run a strict MkDocs build of `project` into `dest`; return the result."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=project, env=env, capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site as `make build` makes it, built once per test session."""
    dest = tmp_path_factory.mktemp("build") / "site"
    result = build_site(dest)
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + result.stdout + result.stderr, pytrace=False)
    return dest


def content_pages(site_dir):
    """Every reader's HTML page of the built site (both languages, 404 included), as paths
    relative to it: the post-build pipeline's own list (scripts/postbuild/site.py). The
    translators' status page, translate/, is not one: it has tests of its own
    (test_translation_status_page.py)."""
    return site_model.reader_pages(site_dir)


@pytest.fixture(scope="session")
def pages(site):
    return content_pages(site)


@pytest.fixture(scope="session")
def server(site):
    """The built site over HTTP on a free loopback port; yields its base URL."""
    with local_site.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


def launch_chromium(playwright, **kwargs):
    return playwright.chromium.launch(
        executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS, **kwargs
    )


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = launch_chromium(playwright_instance)
    yield browser
    browser.close()


class Audit:
    """What a browser context did: requests outside the site, console errors."""

    def __init__(self, context, allowed_prefixes):
        self.allowed = tuple(allowed_prefixes)
        self.outside = []
        self.console_errors = []
        self.requests = []
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

    @staticmethod
    def storage(page):
        return page.evaluate(STORAGE_STATE)


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


@pytest.fixture(params=["http", "file"])
def origin(request, server, site):
    """The site's base URL, once over HTTP and once from file://."""
    if request.param == "http":
        return server
    return site.as_uri() + "/"


@pytest.fixture
def make_context(browser, server, site):
    """Factory for an audited phone-sized browser context."""
    contexts = []

    def make(**kwargs):
        options = dict(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        options.update(kwargs)
        context = browser.new_context(**options)
        audit = Audit(context, [server, site.as_uri() + "/"])
        contexts.append(context)
        return context, audit

    yield make
    for context in contexts:
        context.close()
