"""The benchmark (scripts/dev/bench.py, `make bench`).

Its tables are checked exactly here from small recorded figures (every
table: bytes and first paint, the slow link, search taps in each of the
site's languages, self-check taps, the byte budgets). Then one thin run of
the whole benchmark shows it still runs and measures: one page, one load,
a short wait with outside hosts hanging, one load of each site on the
emulated slow link, one search tap on this site and on stock and three
taps on the self-check, with the CPU slowed down; the taps in one language
(--languages en) and without the reader's pause before them (--tap-read 0),
the other languages' taps are the same code with another address and word
(checked below). Its timings are not checked; only that it builds the stock
site, measures both, and prints the tables. This site is the session's
strict build (--site-dir), the build `make bench` makes itself."""
import contextlib
import io
import re
import subprocess
import sys

import pytest

from dev import bench, budgets, slow_link, tap_bench
from helpers import ROOT


def printed(function, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        function(*args)
    return out.getvalue().splitlines()


def kinds(*figures):
    return dict(zip(bench.KINDS, figures, strict=True))


OURS = {"raw": kinds(60_000, 0, 15_000, 0, 5_700, 0, 0), "gz": kinds(14_800, 0, 5_400, 0, 500, 0, 0),
        "requests": 6, "outside": [], "fcp": 320.4, "fcp_hang": 564.0}
STOCK = {"raw": kinds(20_000, 150_000, 100_000, 430_000, 9_100, 0, 0),
         "gz": kinds(4_500, 22_700, 34_900, 138_400, 1_900, 0, 0), "requests": 7,
         "outside": ["https://fonts.googleapis.com/css?family=Roboto"], "fcp": 496.0, "fcp_hang": None}
OURS_CHECK = {"raw": kinds(90_000, 0, 30_000, 0, 0, 0, 0), "gz": kinds(25_000, 0, 9_000, 0, 0, 0, 0),
              "requests": 4, "outside": [], "fcp": 410.0, "fcp_hang": 430.0}
ROWS = [("index.html", OURS, STOCK), ("zh/check.html", OURS_CHECK, dict(STOCK, fcp=520.0))]


def test_the_loopback_table_and_the_budgets_from_recorded_figures():
    lines = printed(bench.report, ROWS, 2)
    assert lines[:9] == [
        "Bytes are kB (1000 bytes); gz = each response body gzip -9.",
        "| page | site | requests | html gz | css gz | js gz | search gz | img gz | font gz | other gz "
        "| total raw | total gz | FCP ms | FCP ms, outside hanging |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        "| index.html | ours | 6 | 14.8 | 0.0 | 5.4 | 0.0 | 0.5 | 0.0 | 0.0 | 80.7 | 20.7 | 320 | 564 |",
        "|  | stock | 7 | 4.5 | 22.7 | 34.9 | 138.4 | 1.9 | 0.0 | 0.0 | 709.1 | 202.4 | 496 | > 2000 |",
        "|  | ours / stock | 0.86 | 3.29 | 0.00 | 0.15 | 0.00 | 0.26 | n/a | n/a | 0.11 | 0.10 | 0.65 |  |",
        "| zh/check.html | ours | 4 | 25.0 | 0.0 | 9.0 | 0.0 | 0.0 | 0.0 | 0.0 | 120.0 | 34.0 | 410 | 430 |",
        "|  | stock | 7 | 4.5 | 22.7 | 34.9 | 138.4 | 1.9 | 0.0 | 0.0 | 709.1 | 202.4 | 520 | > 2000 |",
        "|  | ours / stock | 0.57 | 5.56 | 0.00 | 0.26 | 0.00 | 0.00 | n/a | n/a | 0.17 | 0.17 | 0.79 |  |",
    ]
    # stock Material asks Google Fonts for its font; this site asks no one
    assert lines[9:] == [
        "",
        "index.html (stock) asked outside hosts (refused, 0 bytes counted): fonts.googleapis.com",
        "zh/check.html (stock) asked outside hosts (refused, 0 bytes counted): fonts.googleapis.com",
    ]
    lines = printed(bench.report_budgets, ROWS)
    assert lines[:4] == ["", "Byte budgets (scripts/dev/budgets.py; the tests assert them):",
                         "| budget | bytes | what |", "|---|---|---|"]
    assert "| MAX_PAGE_GZIP_BYTES | 75,000 | " in "\n".join(lines)
    # every budget of the module, whatever way its figure is written (3 * 625_000)
    every = [name for name in vars(budgets) if name.startswith("MAX_") and name.endswith("_BYTES")]
    assert [name for name, _, _ in budgets.every_budget()] == every
    assert f"| MAX_BUNDLE_ZIP_BYTES | {budgets.MAX_BUNDLE_ZIP_BYTES:,} | " in "\n".join(lines)
    assert lines[-1] == "Heaviest page loaded here: zh/check.html, 34.0 kB gz of 75.0 (MAX_PAGE_GZIP_BYTES)."


def test_the_slow_link_table_from_recorded_figures():
    lines = printed(slow_link.report, {"index.html": (
        {"text": 880.0, "fcp": 880.0, "load": 1331.2, "bytes": 21_900},
        {"text": 2104.0, "fcp": None, "load": 2168.0, "bytes": 191_700})}, 1)
    assert lines[0].startswith("Slow link: Chromium network emulation, 400 kbit/s, 400 ms per request, ")
    assert "median of 1 interleaved load(s)" in lines[0]
    assert lines[1:] == [
        "| page | text ms, ours / stock | ratio | FCP ms, ours / stock | ratio | load ms, ours / stock | ratio "
        "| kB, ours / stock | ratio |",
        "|---|---|---|---|---|---|---|---|---|",
        "| index.html | 880 / 2104 | 0.42 | 880 / none | n/a | 1331 / 2168 | 0.61 | 21.9 / 191.7 | 0.11 |",
        "",
    ]


def search(ms, ready=None):
    return {"ms": ms, "ready": ready}


TAPS = {
    "search": {0: {
        'index.html, "phone"': {"ours": [search(1073), search(1201)],
                                "stock": [search(864, 4200), search(1000, 4600)]},
        'zh/index.html, "手机"': {"ours": [search(1272), search(1100)],
                                 "stock": [search(1057, 4600), search(1100, 4400)]},
        'zh-Hant/index.html, "手機"': {"ours": [search(1580), search(1500)],
                                      "stock": [search(1409, 4400), search(1500, 4000)]},
    }},
    "check": {0: {
        "check.html": [
            {"taps": [182, 462, 150], "longest_task": 408, "longest_task_after": 300,
             "longest_what": "selfcheck.js (FORM#self-check.onchange) 122 ms"},
            {"taps": [170, 200, 160], "longest_task": 250, "longest_task_after": 250, "longest_what": "x"}],
        "zh/check.html": [
            {"taps": [111, 130, 90], "longest_task": 81, "longest_task_after": 81, "longest_what": ""},
            {"taps": [100, 120, 95], "longest_task": 0, "longest_task_after": 0, "longest_what": ""}],
        "zh-Hant/check.html": [
            {"taps": [154, 266, 100], "longest_task": 213, "longest_task_after": 0,
             "longest_what": "no script for most of it (style, layout, paint)"},
            {"taps": [140, 150, 130], "longest_task": 60, "longest_task_after": 60, "longest_what": ""}],
    }},
    "load": ((1.5, 2.25, 3.0), (1.75, 2.5, 3.0)),
    "check_answered": False,
}


def test_the_tap_tables_from_recorded_figures_in_every_language():
    lines = printed(tap_bench.report, TAPS, 2, 3, 6)
    assert lines[0].startswith("Search, tap to first result: 400 kbit/s, 400 ms per request, CPU slowed 6x ")
    assert "tap 0 s after the load event" in lines[0]
    assert lines[1:7] == [
        "| page, query | ours ms | stock ms | ratio ours / stock | index ready s, ours / stock |",
        "|---|---|---|---|---|",
        '| index.html, "phone" | 1137 (1073–1201) | 932 (864–1000) | 1.22 (1.20–1.24) | none / 4.4 |',
        '| zh/index.html, "手机" | 1186 (1100–1272) | 1078 (1057–1100) | 1.10 (1.00–1.20) | none / 4.5 |',
        '| zh-Hant/index.html, "手機" | 1540 (1500–1580) | 1454 (1409–1500) | 1.06 (1.00–1.12) | none / 4.2 |',
        "",
    ]
    checks = [line for line in lines if line.startswith(("| check.html |", "| zh/check.html |",
                                                          "| zh-Hant/check.html |"))]
    assert checks == [
        "| check.html | 176 | 462 | 408 (408, 250) | 300 (300, 250) | selfcheck.js (FORM#self-check.onchange) 122 ms |",
        "| zh/check.html | 106 | 130 | 81 (81, 0) | 81 (81, 0) | – |",
        "| zh-Hant/check.html | 145 | 266 | 213 (213, 60) | 60 (0, 60) | no script for most of it (style, layout, paint) |",
    ]
    heads = [line for line in lines if line.startswith("Self-check (")]
    assert len(heads) == 3 and all("CPU slowed 6x" in line and "3 taps per load" in line and "2 load(s)" in line
                                   for line in heads), heads
    assert lines[-2:] == ["Machine load (1, 5, 15 min averages) before the tap measurements: 1.50 2.25 3.00; "
                          "after: 1.75 2.50 3.00.", ""]


def test_the_tap_tables_search_each_language_of_the_site_on_its_home_page():
    codes, default = tap_bench.languages(ROOT)
    assert (codes, default) == (["en", "zh", "zh-Hant"], "en")
    assert tap_bench.search_cases("http://ours/", "http://stock/", codes, default) == [
        ('index.html, "phone"', "http://ours/index.html", "phone", "http://stock/", "phone"),
        ('zh/index.html, "手机"', "http://ours/zh/index.html", "手机", "http://stock/", "phone"),
        ('zh-Hant/index.html, "手機"', "http://ours/zh-Hant/index.html", "手機", "http://stock/", "phone"),
    ]
    assert bench.parse_args(["--quick"]).languages is None  # make bench: every language
    assert bench.parse_args(["--languages", "zh-Hant", "en"]).languages == ["zh-Hant", "en"]
    with pytest.raises(SystemExit):
        bench.parse_args(["--languages", "fr"])


@pytest.mark.slow  # the stock build, and Chromium
@pytest.mark.browser
def test_bench_runs_on_one_page_and_prints_the_table(site):
    result = subprocess.run(
        [sys.executable, "-m", "dev.bench", "--pages", "index.html", "--quick",
         "--hang-timeout", "1", "--tap-read", "0", "--languages", "en", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("| page | site | requests |") for line in lines), result.stdout
    assert any(line.startswith("| index.html | ours |") for line in lines), result.stdout
    assert any(line.startswith("|  | stock |") for line in lines), result.stdout
    assert any(line.startswith("|  | ours / stock |") for line in lines), result.stdout
    # stock Material asks Google Fonts for its font; this site asks no one
    assert "index.html (stock) asked outside hosts" in result.stdout
    assert "index.html (ours) asked outside hosts" not in result.stdout
    # the slow-link table: every figure measured for both sites
    slow = [line for line in lines if line.startswith("| index.html | ") and " / " in line]
    assert any(line.startswith("| page | text ms, ours / stock |") for line in lines), result.stdout
    assert slow and "none" not in slow[0] and "n/a" not in slow[0], result.stdout
    # the tap tables: search against stock, in the one language asked for
    assert any(line.startswith("| page, query | ours ms | stock ms |") for line in lines), result.stdout
    taps = [line for line in lines if re.match(r"\| (\S+/)?index\.html, ", line)]
    assert len(taps) == 1 and taps[0].startswith('| index.html, "phone" |'), result.stdout
    # ours, stock and the ratio measured; index ready: stock's measured, ours
    # "none" (this site's search has no worker: search-lite.js reads word files)
    cells = [cell.strip() for cell in taps[0].strip("|").split("|")]
    assert all(re.match(r"\d", cell) for cell in cells[1:4]), taps[0]
    ours_ready, stock_ready = [part.strip() for part in cells[4].split("/")]
    assert ours_ready in ("none",) or re.match(r"\d", ours_ready), taps[0]
    assert re.match(r"\d", stock_ready), taps[0]
    assert "CPU slowed 6x" in result.stdout
    # the self-check: three taps timed, the longest task measured
    checks = [line for line in lines if re.match(r"\| (\S+/)?check\.html \| ", line)]
    assert len(checks) == 1 and checks[0].startswith("| check.html | "), result.stdout
    cells = [cell.strip() for cell in checks[0].strip("|").split("|")]
    assert all(re.match(r"\d", cell) for cell in cells[1:5]), checks[0]
    assert "3 taps per load" in result.stdout
    assert "Machine load" in result.stdout
    assert "Byte budgets" in result.stdout
