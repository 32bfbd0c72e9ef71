"""Shared fixtures: one strict build of the site per test session and one
set of offline editions made from it, a local HTTP server for the site, and
a real Chromium driven by Playwright at a phone viewport, with an audit of
every request, console error and storage write. The helpers they use are in
helpers.py.

`make test` runs the tests in two processes (pytest-xdist, `-n 2 --dist
loadgroup --no-loadscope-reorder`). A file whose tests share a module-scoped
fixture (a browser session, a build of its own) runs whole in one process;
the tests of the other files are shared out one by one, the longest first
(their durations in the last run, kept in pytest's cache; without one, the
browser tests and the slow ones first): see spread_between_processes. The
builds, editions and the release below are made once for the whole run, by
whichever process asks first, and read by the other (helpers.once_per_run);
the server and the browsers are each process's own.

Markers (pytest.ini): `browser` is set here on every test that drives a
browser; `slow` on tests that make builds or editions of their own. `make
test-fast` runs the rest.
"""
import os
from pathlib import Path

import pytest

from dev import local_site
from editions import bundle as editions_bundle
from helpers import AXE, BUILD_LOG, PHONE, Audit, build_site, content_pages, launch_chromium, once_per_run
from offline_editions import make_release
from translation_project import copy_project, output, write_probes

BROWSER_FIXTURES = {"browser", "make_context", "axe_page", "playwright_instance", "origin"}
# a signed release (offline_editions.make_release), a build of a copy of the project
SLOW_FIXTURES = {"released", "probe_site"}


def pytest_configure(config):
    """Every MkDocs build of the run (helpers.build_site) is logged to one file."""
    if not os.environ.get(BUILD_LOG):
        log = config.rootpath / ".pytest_cache" / "mkdocs-builds.log"
        log.parent.mkdir(exist_ok=True)
        log.write_text("", encoding="utf-8")
        os.environ[BUILD_LOG] = str(log)


# Before pytest-xdist's own hook, which reads the xdist_group marks.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if SLOW_FIXTURES & fixtures:
            item.add_marker(pytest.mark.slow)
    # pytest-xdist's workers, which collect, see --dist as "no" and keep
    # "loadgroup" as an option of its own (xdist/remote.py, setup_config)
    if config.getoption("dist", "no") == "loadgroup" or config.getoption("loadgroup", False):
        spread_between_processes(config, items)


DURATIONS = "phone-check/durations"  # pytest's cache: seconds per unit of work, from the last run
SHARED_SCOPES = {"module", "class", "package"}


def shares_a_fixture(item):
    """Whether the test uses a fixture made once for its module (or class)."""
    info = getattr(item, "_fixtureinfo", None)
    return any(defs and defs[-1].scope in SHARED_SCOPES
               for defs in (info.name2fixturedefs.values() if info else ()))


def spread_between_processes(config, items):
    """For `--dist loadgroup`: each file whose tests share a module-scoped
    fixture is one unit of work (xdist_group: its file), so that the fixture
    is made once; every other test is a unit of its own. Units are handed out
    in the order of the items (with --no-loadscope-reorder): here the longest
    first, by their durations in the last run (pytest_sessionfinish), so that
    no long test is left to run alone at the end; a unit never timed counts as
    long if it drives a browser or makes builds of its own."""
    whole = {item.path for item in items if shares_a_fixture(item)}
    units = {}
    for item in items:
        if item.path in whole:
            group = item.path.name
            item.add_marker(pytest.mark.xdist_group(group))
            name_the_group(item, group)
            units[item] = group
        else:
            units[item] = item.nodeid
    cache = getattr(config, "cache", None)
    timed = cache.get(DURATIONS, {}) if cache else {}

    def guess(item):
        return 30.0 if item.get_closest_marker("browser") or item.get_closest_marker("slow") else 0.5

    costs = {}
    for item, unit in units.items():
        costs[unit] = costs.get(unit, 0.0) + guess(item)
    costs.update({unit: timed[unit] for unit in costs if unit in timed})
    items.sort(key=lambda item: -costs[units[item]])  # stable: a file's tests keep their order


def name_the_group(item, group):
    """pytest-xdist's scheduler knows a test's group by its node id, which
    its workers end with "@group" by setting item._nodeid (xdist/remote.py);
    pytest 9 reads the node id from item._id instead, so without this the
    groups are ignored and a file's module-scoped fixture (a build, a
    browser) is made once in each process. Known upstream: pytest-xdist
    issue 1386, with this same change proposed in its pull request 1388;
    drop this once a pytest-xdist release carries it."""
    if "@" in item.nodeid.rpartition("]")[2] or not hasattr(item, "_id"):
        return  # named already (an xdist or pytest that agree)
    from _pytest.nodeid import coerce_node_id

    item._id = coerce_node_id(f"{item.nodeid}@{group}")


def pytest_runtest_logreport(report):
    """Seconds per unit of work (a test, or a whole file run as one group),
    summed in the process that reports the run (pytest-xdist's controller)."""
    if report.when in ("setup", "call", "teardown"):
        unit = report.nodeid.rpartition("@")[2] if "@" in report.nodeid.rpartition("]")[2] else report.nodeid
        _timed[unit] = _timed.get(unit, 0.0) + report.duration


_timed = {}


def pytest_sessionfinish(session):
    cache = getattr(session.config, "cache", None)
    if cache is None or hasattr(session.config, "workerinput") or not _timed:
        return
    durations = cache.get(DURATIONS, {})
    durations.update({unit: round(seconds, 2) for unit, seconds in _timed.items()})
    cache.set(DURATIONS, durations)


def pytest_terminal_summary(terminalreporter):
    log = os.environ.get(BUILD_LOG)
    if log and os.path.isfile(log):
        lines = open(log, encoding="utf-8").read().splitlines()
        failed = sum(line.startswith("failed") for line in lines)
        terminalreporter.write_line(f"MkDocs builds in this run: {len(lines)} ({failed} meant to fail)")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site as `make build` makes it, built once per test session."""
    def make(folder):
        dest = folder / "site"
        result = build_site(dest)
        if result.returncode != 0:
            raise RuntimeError("properdocs build --strict failed:\n" + result.stdout + result.stderr)
        return str(dest)

    return once_per_run(tmp_path_factory, "build", make, Path)


@pytest.fixture(scope="session")
def probe_site(tmp_path_factory):
    """A copy of the project with the translation tests' probe pages
    (translation_project.write_probes), built once per session: (the copy, its site)."""
    def make(base):
        project = write_probes(copy_project(base / "project"))
        result = build_site(base / "site", project)
        if result.returncode != 0:
            raise RuntimeError("the project copy with the probe pages does not build:\n"
                               + output(result)[-3000:])
        return [str(project), str(base / "site")]

    return once_per_run(tmp_path_factory, "probes", make, lambda paths: tuple(map(Path, paths)))


@pytest.fixture(scope="session")
def pages(site):
    return content_pages(site)


@pytest.fixture(scope="session")
def editions(site, tmp_path_factory):
    """The offline editions (make bundle) made once from the session's build:
    {file name: path} in their dist folder."""
    def make(folder):
        made = editions_bundle.make_bundle(site, folder / "dist")
        return {path.name: str(path) for path in made}

    return once_per_run(tmp_path_factory, "editions", make,
                        lambda made: {name: Path(path) for name, path in made.items()})


@pytest.fixture(scope="session")
def released(site, editions, tmp_path_factory):
    """`make release` with a throwaway key on a copy of the session's site, once per
    session (offline_editions.make_release): (the site copy, dist, allowed_signers).
    Its bundle step is the session's editions, copied (the same command on the same
    site: test_bundle.py shows two runs give the same bytes).
    Shared by test_release_signing, test_downloads_page and test_mirrors: a test that
    changes a file changes a copy of it."""
    dist = next(iter(editions.values())).parent
    return once_per_run(tmp_path_factory, "release",
                        lambda folder: [str(p) for p in make_release(site, folder, bundled=dist)],
                        lambda paths: tuple(map(Path, paths)))


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


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = launch_chromium(playwright_instance)
    yield browser
    browser.close()


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


@pytest.fixture(scope="session")
def axe_script():
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: run 'npm ci --prefix tests' (make test does).", pytrace=False)
    return str(AXE)


@pytest.fixture
def axe_page(browser):
    """A phone-sized page, in a context that may inject axe (CSP bypassed)."""
    contexts = []

    def make(scheme="light"):
        context = browser.new_context(
            viewport=PHONE, is_mobile=True, has_touch=True, color_scheme=scheme,
            reduced_motion="reduce",  # no colour transitions half-way when axe looks
            bypass_csp=True,
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


