"""`make build` is strict: a broken link or anchor, a page left out of the
navigation or a navigation entry without a page fails the build, and the
message names the file. (Broken front matter: the translation checker's
tests, test_translation_errors.py, which call it directly and keep one
failing build.)"""
import pytest

from helpers import build_site
from translation_project import copy_project, output, write

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


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("build-errors") / "project")


def build(project, tmp_path):
    result = build_site(tmp_path / "site", project)
    return result.returncode, output(result)


def test_the_copy_builds_as_it_is(project, tmp_path):
    code, text = build(project, tmp_path)
    assert code == 0, text


@pytest.mark.parametrize("name,extra,expected", [
    ("extra-page.md", "", "extra-page.md"),  # not in nav, not a probe: must be listed
    ("i18n-probe-link.md", "[Broken](no-such-page.md)", "en/i18n-probe-link.md"),
    ("i18n-probe-anchor.md", "[Broken](about.md#no-such-section)", "en/i18n-probe-anchor.md"),
])
def test_an_english_mistake_fails_naming_the_file(project, tmp_path, name, extra, expected):
    path = write(project, "en", name, PAGE.format(extra=extra))
    try:
        code, text = build(project, tmp_path)
    finally:
        path.unlink()
    assert code != 0, text
    assert expected in text, text


def test_a_nav_entry_without_a_page_fails_naming_it(project, tmp_path):
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("  - about.md\n", "  - about.md\n  - gone.md\n", 1), encoding="utf-8")
    try:
        code, text = build(project, tmp_path)
    finally:
        config.write_text(original, encoding="utf-8")
    assert code != 0, text
    assert "gone.md" in text, text
