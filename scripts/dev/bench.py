"""Benchmark: what a reader's phone downloads, and how soon it paints, on this
site compared with the same English pages built with stock Material for MkDocs.

One run builds this site (strict; or takes one already built, --site-dir) and
a stock build of the English Markdown (theme material with its default font
and search settings, the same nav and Markdown extensions; no overrides,
hooks, i18n or other plugins; the Sources list, which our build generates,
written into its page), serves both on loopback and loads each page in
Chromium at a phone viewport with a cold cache (a fresh browser context for
every load). Per page it prints:

- bytes transferred by kind (HTML, CSS, JS, search, images, fonts, other),
  raw and gzip; the gzip figure is computed here by compressing each response
  body (level 9), so it does not depend on the test server;
- the number of requests (outside ones included, they are refused);
- first contentful paint (FCP) with outside hosts refused, median of --runs;
- FCP with every outside host hanging: Chromium sends everything that is not
  loopback to a local proxy that accepts connections and never answers, as on
  a network that silently drops them (a wait of at most --hang-timeout s);
- the ratio ours / stock.

Then the slow-link table (scripts/dev/slow_link.py): the same pages on an
emulated link of 400 kbit/s with 400 ms per request, text gzip-encoded by the
server, ours and stock interleaved: when the first paragraph is drawn, first
contentful paint, the load event and bytes on the wire, medians of
--slow-runs loads.

Last the tap tables (scripts/dev/tap_bench.py), on the same slow link with
the CPU slowed down (--cpu-slowdown, 6x): search, from the tap on the search
button to the first result, on each language's home page against stock's
(--tap-read: seconds after the load event; ours and stock interleaved,
--tap-runs runs), and the self-check, from a tap on an answer to the
updated result (--check-taps taps) and the longest main-thread task; in
every language of the site, or those --languages names.

Timings vary with the machine; they are printed, never asserted.
Run it with `make bench`; `--pages index.html --quick` gives a quick smoke run.
"""
import argparse
import asyncio
import contextlib
import gzip
import io
import re
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from pages import sources
from dev import budgets, slow_link, tap_bench
from dev.local_site import CHROMIUM_ARGS, PHONE, ROOT, build, chromium_path, serve

KINDS = ("html", "css", "js", "search", "img", "font", "other")
# Outside hosts fail at once: the name lookup of anything but loopback fails.
REFUSE_OUTSIDE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
# A function, not an expression: the site's Content-Security-Policy forbids eval.
FCP_SCRIPT = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null"


# --------------------------------------------------------------------------
# The two builds
# --------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its !tags (only nav and extensions are used)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def stock_project(workdir):
    """Write a stock Material project for the English pages into `workdir`."""
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    docs = workdir / "docs"
    docs.mkdir(parents=True)
    for md in sorted((ROOT / "docs" / "en").glob("*.md")):
        text = md.read_text(encoding="utf-8")
        if sources.MARKER in text:  # the same list our build writes in (no hooks here)
            text = text.replace(sources.MARKER, sources.render(
                str(ROOT / "docs"), ours.get("nav"), "en", "en", md.name))
        # ours keeps English pages in docs/en/, one level below the assets
        text = text.replace("../assets/", "assets/")
        (docs / md.name).write_text(text, encoding="utf-8")
        for image in re.findall(r"assets/img/[\w.-]+", text):
            target = docs / image
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / "docs" / image, target)
    config = {
        "site_name": ours["site_name"],
        "theme": {"name": "material"},
        "nav": ours.get("nav"),
        "markdown_extensions": ours.get("markdown_extensions", []),
        "plugins": ["search"],
    }
    (workdir / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return workdir


def stock_url(page):
    """The stock build's address for one of our pages (it keeps directory URLs),
    or None for a page built from no Markdown (the translators' status page,
    translate/index.html): stock has no twin to compare it with. A page in a
    language folder (zh/check.html) is compared with its English twin."""
    parts = page.split("/")
    if len(parts) > 2 or not parts[-1].endswith(".html"):
        return None
    name = parts[-1][: -len(".html")]
    folder = parts[0] if len(parts) == 2 else "en"
    if not ((ROOT / "docs" / folder / f"{name}.md").is_file()
            and (ROOT / "docs" / "en" / f"{name}.md").is_file()):
        return None
    return "" if name == "index" else name + "/"


# --------------------------------------------------------------------------
# A proxy that never answers
# --------------------------------------------------------------------------

@contextlib.contextmanager
def hanging_proxy(lifetime):
    """A proxy on loopback that accepts connections and never answers.

    It stops by itself after `lifetime` seconds at the latest, and when the
    `with` block ends, closing every connection it holds."""
    ready = threading.Event()
    state = {}

    async def hold(reader, writer):
        try:
            while await reader.read(4096):
                pass  # read the request, say nothing
        finally:
            writer.close()

    async def run():
        server = await asyncio.start_server(hold, "127.0.0.1", 0)
        state["port"] = server.sockets[0].getsockname()[1]
        state["stop"] = asyncio.Event()
        state["loop"] = asyncio.get_running_loop()
        ready.set()
        try:
            await asyncio.wait_for(state["stop"].wait(), timeout=lifetime)
        except asyncio.TimeoutError:
            pass
        server.close()
        for task in asyncio.all_tasks() - {asyncio.current_task()}:
            task.cancel()

    thread = threading.Thread(target=asyncio.run, args=(run(),), daemon=True)
    thread.start()
    if not ready.wait(10):
        sys.exit("the hanging proxy did not start")
    try:
        yield state["port"]
    finally:
        state["loop"].call_soon_threadsafe(state["stop"].set)
        thread.join(10)


# --------------------------------------------------------------------------
# Measuring one page load
# --------------------------------------------------------------------------

def kind_of(url, content_type=""):
    path = urlsplit(url).path.lower()
    host = urlsplit(url).hostname or ""
    if ("/search/search_index" in path or "/workers/search" in path or "/lunr/" in path
            or "/search/lite/" in path or path.endswith(("/search-lite.js", "/search-results.css"))):
        return "search"
    if path.endswith((".woff2", ".woff", ".ttf", ".otf")) or "fonts.g" in host:
        return "font"
    if path.endswith((".html", "/")) or "text/html" in content_type:
        return "html"
    if path.endswith(".css"):
        return "css"
    if path.endswith((".js", ".mjs")):
        return "js"
    if path.endswith((".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".avif")):
        return "img"
    return "other"


def load(browser, url, hang_timeout=None):
    """Load `url` in a fresh context; return bytes by kind, requests and FCP (ms)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    raw = dict.fromkeys(KINDS, 0)
    gz = dict.fromkeys(KINDS, 0)
    requests = []

    def finished(request):
        response = request.response()
        try:
            body = response.body() if response else b""
        except Exception:  # a body the browser discarded (e.g. a redirect)
            body = b""
        kind = kind_of(request.url, (response.headers.get("content-type", "") if response else ""))
        raw[kind] += len(body)
        gz[kind] += len(gzip.compress(body, 9, mtime=0)) if body else 0

    context.on("request", lambda request: requests.append(request.url))
    context.on("requestfinished", finished)
    page = context.new_page()
    try:
        if hang_timeout is None:
            page.goto(url, wait_until="load", timeout=30_000)
            with contextlib.suppress(Exception):
                page.wait_for_load_state("networkidle", timeout=15_000)
            fcp = page.evaluate(FCP_SCRIPT)
        else:
            page.goto(url, wait_until="commit", timeout=30_000)
            fcp = None
            with contextlib.suppress(Exception):
                page.wait_for_function(FCP_SCRIPT, timeout=hang_timeout * 1000)
                fcp = page.evaluate(FCP_SCRIPT)
    finally:
        context.close()
    outside = [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", "localhost")
               and not u.startswith(("data:", "blob:"))]
    return {"raw": raw, "gz": gz, "requests": len(requests), "outside": outside, "fcp": fcp}


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

def kb(n):
    return f"{n / 1000:.1f}"


def ms(value, timeout=None):
    if value is None:
        return f"> {timeout * 1000:.0f}" if timeout else "none"
    return f"{value:.0f}"


def ratio(a, b):
    return f"{a / b:.2f}" if b else "n/a"


def report(rows, hang_timeout):
    """Print one Markdown table; a row per site and page, then the ratio."""
    head = ["page", "site", "requests", *[f"{k} gz" for k in KINDS], "total raw", "total gz",
            "FCP ms", "FCP ms, outside hanging"]
    print("Bytes are kB (1000 bytes); gz = each response body gzip -9.")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for page, ours, stock in rows:
        for name, m in (("ours", ours), ("stock", stock)):
            total_raw, total_gz = sum(m["raw"].values()), sum(m["gz"].values())
            cells = [page if name == "ours" else "", name, str(m["requests"]),
                     *[kb(m["gz"][k]) for k in KINDS], kb(total_raw), kb(total_gz),
                     ms(m["fcp"]), ms(m["fcp_hang"], hang_timeout)]
            print("| " + " | ".join(cells) + " |")
        cells = ["", "ours / stock", ratio(ours["requests"], stock["requests"]),
                 *[ratio(ours["gz"][k], stock["gz"][k]) for k in KINDS],
                 ratio(sum(ours["raw"].values()), sum(stock["raw"].values())),
                 ratio(sum(ours["gz"].values()), sum(stock["gz"].values())),
                 ratio(ours["fcp"] or 0, stock["fcp"] or 0),
                 "" if stock["fcp_hang"] is None else ratio(ours["fcp_hang"] or 0, stock["fcp_hang"])]
        print("| " + " | ".join(cells) + " |")
    print()
    for page, ours, stock in rows:
        for name, m in (("ours", ours), ("stock", stock)):
            if m["outside"]:
                hosts = sorted({urlsplit(u).hostname for u in m["outside"]})
                print(f"{page} ({name}) asked outside hosts (refused, 0 bytes counted): {', '.join(hosts)}")


# --------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="+", help="pages of our build, e.g. index.html zh/check.html "
                        "(default: every page with an English twin in the stock build)")
    parser.add_argument("--runs", type=int, default=5, help="loads per page for the FCP median (default 5)")
    parser.add_argument("--hang-timeout", type=float, default=15,
                        help="longest wait for a paint with outside hosts hanging, seconds (default 15)")
    parser.add_argument("--slow-runs", type=int, default=5,
                        help="loads per page and site on the emulated slow link (default 5; 0 skips it)")
    parser.add_argument("--tap-runs", type=int, default=3,
                        help="loads per site and case for the tap tables (default 3; 0 skips them)")
    parser.add_argument("--tap-read", type=float, nargs="+", default=[0, 6],
                        help="seconds after the load event when the reader taps (default: 0 6)")
    parser.add_argument("--check-taps", type=int, default=20,
                        help="taps on the self-check's answers per load (default 20; 0 skips them)")
    parser.add_argument("--cpu-slowdown", type=float, default=tap_bench.CPU_SLOWDOWN,
                        help="CPU throttling rate for the tap tables (default 6)")
    parser.add_argument("--languages", nargs="+", metavar="CODE",
                        help="the languages whose home page is searched and whose self-check is tapped "
                        "in the tap tables, e.g. en zh (default: every language of the site, mkdocs.yml)")
    parser.add_argument("--quick", action="store_true",
                        help="one load per page (slow link and taps too), 5 s hang timeout (smoke run)")
    parser.add_argument("--site-dir", type=Path,
                        help="this site as a strict build already made it (the tests pass theirs); "
                        "default: build it here")
    parser.add_argument("--write-performance", action="store_true",
                        help="also write the tables into PERFORMANCE.md (its section 'Latest make bench')")
    args = parser.parse_args(argv)
    if args.languages:
        codes, _ = tap_bench.languages(ROOT)
        unknown = [code for code in args.languages if code not in codes]
        if unknown:
            parser.error(f"--languages: not a language of the site: {', '.join(unknown)} "
                         f"(it has {', '.join(codes)})")
    if args.quick:
        args.runs, args.hang_timeout = 1, min(args.hang_timeout, 5)
        args.slow_runs = min(args.slow_runs, 1)
        args.tap_runs, args.tap_read, args.check_taps = min(args.tap_runs, 1), args.tap_read[-1:], min(args.check_taps, 3)
    return args


@contextlib.contextmanager
def gzip_served(ours_dir, stock_dir):
    """Both sites served gzip-encoded, as a real server would, and a Chromium
    that reaches nothing else: yields (browser, our base URL, stock's)."""
    from playwright.sync_api import sync_playwright

    with serve(ours_dir, compress=True) as ours_url, serve(stock_dir, compress=True) as stock_url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS + [REFUSE_OUTSIDE])
        try:
            yield browser, ours_url, stock_url
        finally:
            browser.close()


def main(argv=None):
    args = parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        ours_dir = args.site_dir or tmp / "ours"
        if args.site_dir is None:
            print("building this site and the stock build ...", file=sys.stderr, flush=True)
            build(ROOT, ours_dir)
        else:
            print(f"this site as built in {ours_dir}; building the stock build ...", file=sys.stderr, flush=True)
        build(stock_project(tmp / "stock-project"), tmp / "stock", strict=False)
        pages = args.pages or sorted(
            p.relative_to(ours_dir).as_posix() for p in ours_dir.rglob("*.html")
            if not p.relative_to(ours_dir).as_posix().startswith(("assets/", "search/"))
            and p.name != "404.html")
        without_twin = [p for p in pages if stock_url(p) is None
                        or not (tmp / "stock" / stock_url(p) / "index.html").is_file()]
        if without_twin:
            print(f"not compared (no stock page from the same Markdown): {', '.join(without_twin)}",
                  file=sys.stderr, flush=True)
        pages = [p for p in pages if p not in without_twin]
        hang_for = args.hang_timeout * (len(pages) * 2 + 2) + 60

        rows = []
        with serve(ours_dir) as ours_url, serve(tmp / "stock") as stock_url_base, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS + [REFUSE_OUTSIDE])
            try:
                for page in pages:
                    print(f"  {page}", file=sys.stderr, flush=True)
                    measured = []
                    for url in (ours_url + page, stock_url_base + stock_url(page)):
                        runs = [load(browser, url) for _ in range(args.runs)]
                        first = runs[0]
                        fcps = [r["fcp"] for r in runs if r["fcp"] is not None]
                        first["fcp"] = statistics.median(fcps) if fcps else None
                        measured.append(first)
                    rows.append((page, *measured))
            finally:
                browser.close()

            with hanging_proxy(hang_for) as port:
                # Everything but loopback (bypassed by Chromium's implicit rules) goes to the proxy.
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(), headless=True,
                    args=CHROMIUM_ARGS + [f"--proxy-server=http://127.0.0.1:{port}"])
                try:
                    for page, ours, stock in rows:
                        print(f"  {page} (outside hosts hanging)", file=sys.stderr, flush=True)
                        ours["fcp_hang"] = load(browser, ours_url + page, args.hang_timeout)["fcp"]
                        stock["fcp_hang"] = load(browser, stock_url_base + stock_url(page),
                                                 args.hang_timeout)["fcp"]
                finally:
                    browser.close()

        # One Chromium for both (every load has a fresh context, its own cold cache)
        slow = taps = None
        if args.slow_runs > 0 or args.tap_runs > 0:
            with gzip_served(ours_dir, tmp / "stock") as (browser, ours_url, stock_url_base):
                if args.slow_runs > 0:
                    cases = [(page, ours_url + page, stock_url_base + stock_url(page)) for page in pages]
                    slow = slow_link.measure(browser, cases, args.slow_runs, PHONE)
                if args.tap_runs > 0:
                    taps = tap_bench.run(browser, ours_url, stock_url_base, ROOT, args.tap_runs, args.tap_read,
                                         args.check_taps, PHONE, args.cpu_slowdown, only=args.languages)

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        print(f"Chromium at {PHONE['width']}x{PHONE['height']}, cold cache, loopback; "
              f"FCP median of {args.runs} load(s).")
        report(rows, args.hang_timeout)
        if slow is not None:
            slow_link.report(slow, args.slow_runs)
        if taps is not None:
            tap_bench.report(taps, args.tap_runs, args.check_taps, args.cpu_slowdown)
        report_budgets(rows)
    sys.stdout.write(printed.getvalue())
    if args.write_performance:
        write_performance(printed.getvalue())


PERFORMANCE = ROOT / "PERFORMANCE.md"
_SECTION = re.compile(r"(<!-- bench:start[^\n]*-->\n).*?(<!-- bench:end -->)", re.S)


def write_performance(tables, path=PERFORMANCE):
    """Put `tables` (what make bench printed) between PERFORMANCE.md's bench markers."""
    text = path.read_text(encoding="utf-8")
    if not _SECTION.search(text):
        sys.exit(f"{path.name}: no '<!-- bench:start -->' ... '<!-- bench:end -->' section to write into")
    path.write_text(_SECTION.sub(lambda m: m.group(1) + tables.rstrip() + "\n" + m.group(2), text, count=1),
                    encoding="utf-8")
    print(f"written into {path.name}", file=sys.stderr)


def report_budgets(rows):
    """The byte budgets (dev/budgets.py, asserted by the tests), and the
    heaviest page measured here against the first-visit one."""
    print()
    print("Byte budgets (scripts/dev/budgets.py; the tests assert them):")
    for line in budgets.table():
        print(line)
    if rows:
        page, ours, _ = max(rows, key=lambda row: sum(row[1]["gz"].values()))
        total = sum(ours["gz"].values())
        print(f"\nHeaviest page loaded here: {page}, {kb(total)} kB gz of "
              f"{kb(budgets.MAX_PAGE_GZIP_BYTES)} (MAX_PAGE_GZIP_BYTES).")


if __name__ == "__main__":
    main()
