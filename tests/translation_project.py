"""Throwaway copies of the project for the translation tests.

A copy holds the configuration, the build scripts, the theme overrides, the
assets and the pages listed in nav, as they are in the working tree (pages
not in nav yet are left out, as unfinished work). The tests then add "probe"
pages they write themselves, in English and Chinese, so that each test
controls exactly what a translator typed; MkDocs' `not_in_nav` keeps the
probes out of the navigation.
"""
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from common import project_config
from i18n import translations
from pages.sources import nav_files

PROBE_PREFIX = "i18n-probe"
SKIP = {".git", "site", ".venv", ".pytest_cache", "tests", "__pycache__", "dist", ".cache",
        "node_modules", "test-results"}

PROBE_EN = """\
---
title: Translation probe
description: A page the translation tests write and build.
reviewed: 2026-11-24
---

# Translation probe

A paragraph with a source.[^probe-source] See [the home page](index.md).

## First section {#first}

!!! note "A note"
    Text inside the note.

### A subsection {#subsection}

More text about the self-check and real-name registration.

```text
Code is left alone: 【x】（index.md） ！！！ ［^1］
```

## Sources {#sources}

///Footnotes Go Here///

[^probe-source]: "A probe source". Example Publisher, 2026-01-01. <https://example.org/probe>
"""

# Line numbers matter: the tests name them. source_hash is on line 5.
PROBE_ZH = """\
---
title: 翻译测试页
description: 翻译测试会写入并构建的页面。
reviewed: 2026-11-24
source_hash: {source_hash}
---

# 翻译测试页

一段带有来源的文字。[^probe-source]参见[首页](index.md)。

## 第一节 {{#first}}

!!! note "提示"
    提示框里的文字。

### 小节 {{#subsection}}

关于自查和实名制的更多文字。

```text
代码不检查：【x】（index.md） ！！！ ［^1］
```

## 资料来源 {{#sources}}

///Footnotes Go Here///

[^probe-source]: "A probe source". Example Publisher, 2026-01-01. <https://example.org/probe>
"""


def probe_zh(en_text=PROBE_EN, source_hash=None):
    """The Chinese probe, marked as translated from `en_text` unless told otherwise."""
    return PROBE_ZH.format(source_hash=source_hash or translations.source_hash(en_text))


def copy_project(dest):
    """Copy the project (nav pages only) into `dest`; return dest as a Path."""
    dest = Path(dest)
    shutil.copytree(ROOT, dest, ignore=lambda folder, names: [n for n in names if n in SKIP])
    project = translations.load_project(dest)
    config = project_config.parse((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    keep = set(nav_files(config.get("nav")))
    for lang in project.languages:
        folder = project.docs_dir / lang
        for page in folder.rglob("*.md") if folder.is_dir() else []:
            if page.relative_to(folder).as_posix() not in keep:
                page.unlink()
    with open(dest / "mkdocs.yml", "a", encoding="utf-8") as f:
        f.write(f"\n# Added by the translation tests\nnot_in_nav: |\n  {PROBE_PREFIX}*.md\n")
    return dest


def write(dest, lang, name, text):
    path = Path(dest) / "docs" / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def output(result):
    return result.stdout + result.stderr


# The probe pages of the one shared build of a copy (conftest.py: probe_site),
# which test_translation_fallback.py, test_translation_errors.py and
# test_build_errors.py read: English everywhere, and in Chinese
MISSING = "i18n-probe-missing.md"  # no translation
OUTDATED = "i18n-probe-outdated.md"  # translated from another English text
CURRENT = "i18n-probe-current.md"  # translated from this English text, as written
RESTRUCTURED = "i18n-probe-restructured.md"  # English gained a section since


def write_probes(project):
    """Write the shared build's probe pages into a copy of the project."""
    restructured = PROBE_EN.replace("More text", "## A new section {#new-section}\n\nMore text")
    assert restructured != PROBE_EN
    for page in (MISSING, OUTDATED, CURRENT):
        write(project, "en", page, PROBE_EN)
    write(project, "zh", CURRENT, probe_zh(PROBE_EN))
    write(project, "zh", OUTDATED, probe_zh(PROBE_EN, source_hash="0123456789ab"))
    write(project, "en", RESTRUCTURED, restructured)
    write(project, "zh", RESTRUCTURED, probe_zh(PROBE_EN))  # translated before the change
    return project
