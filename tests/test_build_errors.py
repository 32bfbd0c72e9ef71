"""`make build` is strict: a broken link or anchor (on an English or a
Chinese page), a page left out of the navigation or a navigation entry
without a page fails the build, and the message names the file. (Broken
front matter: the translation checker's tests, test_translation_errors.py,
which call it directly and keep one failing build.)

One copy of the project holds every mistake at once and is built once: in
strict mode each warning alone stops the build, so each mistake must show
as a warning of its own that names its file. That the copy builds without
them: the session's build of the copy with the probe pages (conftest.py)."""
import re

import pytest

from helpers import build_site
from translation_project import PROBE_EN, copy_project, output, probe_zh, write

pytestmark = pytest.mark.slow  # builds or editions of its own (conftest.py)

PAGE = """\
---
title: A new page
description: Written by the test.
reviewed: 2026-11-24
---

# A new page

Some text. {extra}
"""

# English pages with one mistake each: (file, what the page adds, what the warning names)
ENGLISH = [
    ("extra-page.md", "", "extra-page.md"),  # not in nav, not a probe: must be listed
    ("i18n-probe-link.md", "[Broken](no-such-page.md)", "en/i18n-probe-link.md"),
    ("i18n-probe-anchor.md", "[Broken](about.md#no-such-section)", "en/i18n-probe-anchor.md"),
]

# Chinese probes (translated, with their English page as written) with one
# mistake each: (file, text to replace, replacement, where the warning points, words it says)
CHINESE = [
    ("i18n-probe-zh-link.md", "[首页](index.md)", "[首页](no-such-page.md)",
     "zh/i18n-probe-zh-link.md", "no-such-page.md"),
    ("i18n-probe-zh-anchor.md", "[首页](index.md)", "[首页](index.md#no-such-section)",
     "zh/i18n-probe-zh-anchor.md", "no-such-section"),
]

LEVEL = re.compile(r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-", re.M)


def records(text):
    """The build's log split into its messages (one may span several lines)."""
    starts = [m.start() for m in LEVEL.finditer(text)] + [len(text)]
    return [text[a:b] for a, b in zip(starts, starts[1:])]


def warnings_naming(text, *words):
    """The warnings and errors of the log that contain every one of `words`."""
    return [r for r in records(text) if r.startswith(("WARNING", "ERROR")) and all(w in r for w in words)]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """(exit code, log) of one strict build of a copy holding every mistake."""
    base = tmp_path_factory.mktemp("build-errors")
    project = copy_project(base / "project")
    for name, extra, _ in ENGLISH:
        write(project, "en", name, PAGE.format(extra=extra))
    for name, old, new, _, _ in CHINESE:
        zh = probe_zh(PROBE_EN)
        assert old in zh
        write(project, "en", name, PROBE_EN)
        write(project, "zh", name, zh.replace(old, new, 1))
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    changed = original.replace("  - about.md\n", "  - about.md\n  - gone.md\n", 1)
    assert changed != original
    config.write_text(changed, encoding="utf-8")
    result = build_site(base / "site", project)
    return result.returncode, output(result)


def test_the_build_fails_in_strict_mode(broken):
    code, text = broken
    assert code != 0, text[-3000:]
    assert "in strict mode" in text, text[-3000:]


def test_the_copy_builds_without_the_mistakes(probe_site):
    """The same copy without them builds (conftest.py: probe_site fails otherwise)."""
    _, site = probe_site
    assert (site / "index.html").is_file() and (site / "zh" / "index.html").is_file()


@pytest.mark.parametrize("name,extra,expected", ENGLISH)
def test_an_english_mistake_fails_naming_the_file(broken, name, extra, expected):
    _, text = broken
    assert warnings_naming(text, expected), f"no warning names {expected}:\n{text[-3000:]}"


@pytest.mark.parametrize("name,old,new,where,words", CHINESE, ids=["broken link", "broken anchor"])
def test_a_broken_link_on_a_chinese_page_fails_naming_the_file(broken, name, old, new, where, words):
    _, text = broken
    assert warnings_naming(text, where, words), f"no warning names {where} and {words}:\n{text[-3000:]}"


def test_a_nav_entry_without_a_page_fails_naming_it(broken):
    _, text = broken
    assert warnings_naming(text, "gone.md"), text[-3000:]
