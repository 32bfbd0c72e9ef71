"""Maintainers see which pages are due for a re-check: `make review-due` lists
the pages, in every language, whose front matter `reviewed:` date is older
than six months (or MONTHS=N), oldest first, and the pages with no readable
date; nothing else, and it changes no file."""
import re
import shutil
import subprocess
import sys

import pytest

from translation_project import ROOT

TODAY = "2026-12-02"
PAGES = {  # name: (English reviewed, Chinese reviewed); None: no Chinese page / no date line
    "old.md": ("2026-01-15", "2026-01-15"),
    "middle.md": ("2026-07-01", "2026-05-20"),
    "recent.md": ("2026-11-24", "2026-11-24"),
    "edge.md": ("2026-06-02", None),
}
PAGE = """\
---
title: A page
{reviewed}---

# A page
"""


def page_text(date):
    return PAGE.format(reviewed=f"reviewed: {date}\n" if date else "")


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "Makefile", *(p.name for p in ROOT.glob("requirements*.txt"))):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    for name, (en, zh) in PAGES.items():
        (root / "docs" / "en").mkdir(parents=True, exist_ok=True)
        (root / "docs" / "zh").mkdir(parents=True, exist_ok=True)
        (root / "docs" / "en" / name).write_text(page_text(en), encoding="utf-8")
        if zh:
            (root / "docs" / "zh" / name).write_text(page_text(zh), encoding="utf-8")
    (root / "docs" / "zh" / "undated.md").write_text(page_text(None), encoding="utf-8")
    (root / "docs" / "en" / "undated.md").write_text(page_text("not a date"), encoding="utf-8")
    return root


def run(root, *args):
    result = subprocess.run(
        [sys.executable, "-m", "review.due", *args], cwd=root, capture_output=True, text=True,
    )
    return result.returncode, result.stdout + result.stderr


def listed(out):
    """[(file, date or reason)] in the order printed."""
    return re.findall(r"^  (docs/\S+)\s+(\d{4}-\d\d-\d\d|\S.*?)(?:\s+\d+ months? ago)?$", out, re.M)


def test_lists_pages_older_than_six_months_in_both_languages_oldest_first(project):
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    code, out = run(project, "--today", TODAY)
    assert code == 0, out
    assert "before 2026-06-02" in out
    assert listed(out) == [
        ("docs/en/old.md", "2026-01-15"),
        ("docs/zh/old.md", "2026-01-15"),
        ("docs/zh/middle.md", "2026-05-20"),
        ("docs/en/undated.md", "reviewed: 'not a date' is not a date (write it as YYYY-MM-DD)"),
        ("docs/zh/undated.md", "no reviewed: date"),
    ], out
    assert re.search(r"^  docs/en/old\.md +2026-01-15  10 months ago$", out, re.M), out
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*.md")} == before


def test_the_age_can_be_set(project):
    code, out = run(project, "--today", TODAY, "--months", "3")
    assert code == 0, out
    files = [name for name, _ in listed(out)]
    assert files[:5] == ["docs/en/old.md", "docs/zh/old.md", "docs/zh/middle.md", "docs/en/edge.md",
                         "docs/en/middle.md"], out
    assert "docs/en/recent.md" not in files
    code, out = run(project, "--today", TODAY, "--months", "24")
    assert [name for name, _ in listed(out)] == ["docs/en/undated.md", "docs/zh/undated.md"], out
    code, out = run(project, "--months", "three")
    assert code == 2 and "MONTHS=3" in out


def test_nothing_due_says_so(project):
    for path in (project / "docs").rglob("undated.md"):
        path.unlink()
    code, out = run(project, "--today", "2026-01-20")
    assert code == 0 and "nothing is due" in out and listed(out) == [], out


def test_make_review_due_with_months(project):
    (project / ".venv").mkdir()
    (project / ".venv" / ".installed").touch()  # as if `make` had set up the environment

    def make(*args):
        result = subprocess.run(["make", "-s", "review-due", *args, f"PY={sys.executable}"], cwd=project,
                                capture_output=True, text=True)
        return result.returncode, result.stdout + result.stderr

    code, default = make()
    assert code == 0 and "more than 6 months ago" in default, default
    code, out = make("MONTHS=3")
    assert code == 0 and "more than 3 months ago" in out, out
    assert len(listed(out)) > len(listed(default))


def test_the_projects_own_pages_can_be_listed():
    code, out = run(ROOT, "--months", "0", "--today", "2100-01-01")
    assert code == 0, out
    names = [name for name, _ in listed(out)]
    assert "docs/en/vpn.md" in names and "docs/zh/vpn.md" in names
