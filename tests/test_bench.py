"""The benchmark (scripts/dev/bench.py, `make bench`) still runs: one page, one
load, a short wait with outside hosts hanging, one load of each site on the
emulated slow link, one search tap per language and site and three taps
on the self-check with the CPU slowed down. Its timings are not checked
here; only that it builds the stock site, measures both, and prints the
tables. This site is the session's strict build (--site-dir), the build
`make bench` makes itself."""
import re
import subprocess
import sys

import pytest

from helpers import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]  # the stock build, and Chromium


def test_bench_runs_on_one_page_and_prints_the_table(site):
    result = subprocess.run(
        [sys.executable, "-m", "dev.bench", "--pages", "index.html", "--quick",
         "--hang-timeout", "2", "--site-dir", str(site)],
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
    # the tap tables: search in every language against stock, the self-check
    assert any(line.startswith("| page, query | ours ms | stock ms |") for line in lines), result.stdout
    taps = [line for line in lines if line.startswith(("| index.html, ", "| zh/index.html, ", "| zh-Hant/index.html, "))]
    assert len(taps) == 3, result.stdout
    for line in taps:
        # ours, stock and the ratio measured; index ready: stock's measured, ours
        # "none" (this site's search has no worker: search-lite.js reads word files)
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert all(re.match(r"\d", cell) for cell in cells[1:4]), line
        ours_ready, stock_ready = [part.strip() for part in cells[4].split("/")]
        assert ours_ready in ("none",) or re.match(r"\d", ours_ready), line
        assert re.match(r"\d", stock_ready), line
    assert "CPU slowed 6x" in result.stdout
    assert any(line.startswith("| check.html | ") for line in lines), result.stdout
    assert "Machine load" in result.stdout
