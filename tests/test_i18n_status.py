"""Translators can tell which pages need work and what changed: `make
i18n-status` reports each page as translated, outdated or missing (without
needing git), `make i18n-diff` shows exactly the English change since the
translation, following renames and saying plainly when the history is not
there, and `make i18n-done` marks a page up to date by changing one line.

Each test works on a small git repository of its own, holding the project's
configuration and scripts and a few pages written here."""
import os
import re
import shutil
import subprocess
import sys

import pytest

from translation_project import ROOT

PAGE_EN = """\
---
title: {title}
reviewed: 2026-11-24
---

# {title}

Intro paragraph.

## First section {{#first}}

The first section says one thing.

## Second section {{#second}}

The second section says another.
"""

PAGE_ZH = """\
---
title: {title}（中文）
reviewed: 2026-11-24
---

# {title}（中文）

引言。

## 第一节 {{#first}}

第一节说的是一件事。

## 第二节 {{#second}}

第二节说的是另一件事。
"""

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Volunteer", "GIT_AUTHOR_EMAIL": "volunteer@example.org",
    "GIT_COMMITTER_NAME": "Volunteer", "GIT_COMMITTER_EMAIL": "volunteer@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "HOME": os.devnull,
}


def git(root, *args):
    env = dict(os.environ, **GIT_ENV)
    env["HOME"] = str(root.parent)
    result = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(root, message):
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def run(root, script, *args):
    """Run one of the translator commands as `make` does; return (exit code, output)."""
    result = subprocess.run(
        [sys.executable, "-m", f"i18n.{script}", *args], cwd=root, capture_output=True, text=True,
        env=dict(os.environ, NO_COLOR="1"),
    )
    return result.returncode, result.stdout + result.stderr


def status(root):
    """{page: state} from the status table."""
    code, out = run(root, "status")
    assert code == 0, out
    rows = {}
    for line in out.splitlines():
        match = re.match(r"^(\S+\.md)\s+(.+?)\s*$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows, out


def write(root, lang, name, text, newline="\n"):
    path = root / "docs" / lang / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


@pytest.fixture
def repo(tmp_path):
    """A git repository with three pages, all translated and marked up to date."""
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("mkdocs.yml", "Makefile", *(p.name for p in ROOT.glob("requirements*.txt"))):
        shutil.copy(ROOT / name, root / name)
    for folder in ("scripts", "overrides"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("alpha.md", "beta.md", "gamma.md"):
        title = name[:-3].capitalize()
        write(root, "en", name, PAGE_EN.format(title=title))
        write(root, "zh", name, PAGE_ZH.format(title=title))
    git(root, "init", "-q", "-b", "main")
    commit(root, "Pages in English and Chinese")
    for name in ("alpha.md", "beta.md", "gamma.md"):
        code, out = run(root, "done", name)
        assert code == 0, out
    commit(root, "Mark the translations")
    return root


def change_alpha(root):
    path = root / "docs" / "en" / "alpha.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "The second section says another.", "The second section now says something new."),
        encoding="utf-8")
    commit(root, "Alpha: new wording")


def test_status_reports_translated_outdated_and_missing(repo):
    rows, _ = status(repo)
    assert rows == {"alpha.md": "translated", "beta.md": "translated", "gamma.md": "translated"}
    change_alpha(repo)
    (repo / "docs" / "zh" / "gamma.md").unlink()
    rows, out = status(repo)
    assert rows == {"alpha.md": "OUTDATED", "beta.md": "translated", "gamma.md": "MISSING"}
    assert "make i18n-diff PAGE=" in out and "make i18n-done PAGE=" in out
    assert "zh: 1 missing, 1 outdated, 1 translated (3 pages)" in out


def test_a_translation_without_source_hash_counts_as_outdated(repo):
    write(repo, "en", "delta.md", PAGE_EN.format(title="Delta"))
    write(repo, "zh", "delta.md", PAGE_ZH.format(title="Delta"))
    rows, out = status(repo)
    assert rows["delta.md"] == "OUTDATED (no source_hash)"
    assert "does not record which English version" in out


def test_status_needs_no_git(repo):
    change_alpha(repo)
    shutil.rmtree(repo / ".git")
    rows, _ = status(repo)
    assert rows == {"alpha.md": "OUTDATED", "beta.md": "translated", "gamma.md": "translated"}


def changed_lines(out):
    return [line for line in out.splitlines()
            if line[:1] in ("+", "-") and not line.startswith(("+++", "---"))]


def test_diff_shows_exactly_the_english_change(repo):
    change_alpha(repo)
    code, out = run(repo, "diff", "alpha.md")
    assert code == 0, out
    assert changed_lines(out) == [
        "-The second section says another.",
        "+The second section now says something new.",
    ], out
    assert re.search(r"^@@ .* @@ ## Second section \{#second\}$", out, re.M), out
    assert "make i18n-done PAGE=alpha.md" in out


def test_done_marks_the_page_translated_changing_one_line_only(repo):
    change_alpha(repo)
    path = repo / "docs" / "zh" / "alpha.md"
    before = path.read_bytes()
    code, out = run(repo, "done", "alpha.md")
    assert code == 0, out
    after = path.read_bytes()
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old_lines) == len(new_lines)
    differing = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert len(differing) == 1 and differing[0][1].startswith(b"source_hash: "), differing
    rows, _ = status(repo)
    assert rows["alpha.md"] == "translated"
    code, out = run(repo, "diff", "alpha.md")
    assert "is up to date" in out


def test_done_adds_the_line_and_keeps_windows_line_endings(repo):
    path = write(repo, "zh", "beta.md", PAGE_ZH.format(title="Beta"), newline="\r\n")
    before = path.read_bytes()
    code, out = run(repo, "done", "docs/zh/beta.md")
    assert code == 0, out
    after = path.read_bytes()
    added = after.replace(before[:before.index(b"---", 3)], b"", 1)
    assert after.startswith(before[:before.index(b"---", 3)])
    assert re.match(rb"^source_hash: [0-9a-f]{12}\r\n---\r\n", added), added[:60]
    assert after.endswith(before[before.index(b"---", 3):])
    assert status(repo)[0]["beta.md"] == "translated"


def test_done_refuses_a_page_that_is_not_translated_yet(repo):
    (repo / "docs" / "zh" / "gamma.md").unlink()
    code, out = run(repo, "done", "gamma.md")
    assert code != 0 and "does not exist" in out and "docs/en/gamma.md" in out
    assert not (repo / "docs" / "zh" / "gamma.md").exists()


def test_done_warns_about_heading_ids_that_differ(repo):
    path = repo / "docs" / "zh" / "beta.md"
    path.write_text(path.read_text(encoding="utf-8").replace("{#second}", "{#di-er-jie}"), encoding="utf-8")
    code, out = run(repo, "done", "beta.md")
    assert code != 0
    assert "docs/zh/beta.md:15:" in out and "{#second}" in out


def test_diff_follows_a_renamed_english_page(repo):
    git(repo, "mv", "docs/en/alpha.md", "docs/en/first.md")
    git(repo, "mv", "docs/zh/alpha.md", "docs/zh/first.md")
    commit(repo, "Rename alpha")
    path = repo / "docs" / "en" / "first.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Intro paragraph.", "A new intro."),
                    encoding="utf-8")
    commit(repo, "New intro")
    code, out = run(repo, "diff", "first")
    assert changed_lines(out) == ["-Intro paragraph.", "+A new intro."], out


def test_diff_without_the_old_version_says_so_and_lists_the_sections(repo, tmp_path):
    change_alpha(repo)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True,
                   capture_output=True)
    code, out = run(clone, "diff", "alpha.md")
    assert code == 0, out
    assert "Could not find the English version" in out and "shallow clone" in out
    assert "## First section {#first}" in out and "## Second section {#second}" in out
    assert "make i18n-done PAGE=alpha.md" in out
    assert changed_lines(out) == []


def test_diff_with_a_hash_typed_by_hand_says_so(repo):
    change_alpha(repo)
    path = repo / "docs" / "zh" / "alpha.md"
    path.write_text(re.sub(r"source_hash: \w+", "source_hash: 0123456789ab",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    code, out = run(repo, "diff", "alpha.md")
    assert "Could not find the English version" in out and "No committed version" in out
    assert "## Second section {#second}" in out


def test_make_targets_run_the_commands(repo):
    (repo / ".venv").mkdir()
    (repo / ".venv" / ".installed").touch()  # as if `make` had set up the environment
    change_alpha(repo)

    def make(*args):
        result = subprocess.run(["make", "-s", *args, f"PY={sys.executable}"], cwd=repo,
                                capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
        return result.returncode, result.stdout + result.stderr

    code, out = make("i18n-status")
    assert code == 0 and re.search(r"^alpha\.md\s+OUTDATED$", out, re.M), out
    code, out = make("i18n-diff")
    assert code != 0 and "make i18n-diff PAGE=about.md" in out
    code, out = make("i18n-diff", "PAGE=alpha.md")
    assert code == 0 and "+The second section now says something new." in out, out
    code, out = make("i18n-done", "PAGE=alpha.md")
    assert code == 0, out
    code, out = make("i18n-status")
    assert re.search(r"^alpha\.md\s+translated$", out, re.M), out


# The settings atlas's files (docs/atlas/<language>/<file>.yml) are reported like pages.
def atlas_status(out):
    return dict(re.findall(r"^(atlas/\S+\.yml)\s+(.+?)\s*$", out, re.M))


def test_an_atlas_file_whose_english_counterpart_changed_later_is_reported_outdated(repo):
    shutil.copytree(ROOT / "docs" / "atlas", repo / "docs" / "atlas")
    # the generated Traditional edition's atlas is checked too: it needs its phrase table
    shutil.copytree(ROOT / "docs" / "i18n", repo / "docs" / "i18n", dirs_exist_ok=True)
    zh = repo / "docs" / "atlas" / "zh" / "ios.yml"
    en = repo / "docs" / "atlas" / "en" / "ios.yml"
    unmarked = [line for line in zh.read_text(encoding="utf-8").splitlines(keepends=True)
                if not line.startswith("# source_hash:")]
    zh.write_text("".join(unmarked), encoding="utf-8")
    commit(repo, "Atlas")
    rows, out = status(repo)
    assert atlas_status(out)["atlas/ios.yml"] == "OUTDATED (no source_hash)", out
    assert rows == {"alpha.md": "translated", "beta.md": "translated", "gamma.md": "translated"}

    code, out = run(repo, "done", "atlas/ios.yml")
    assert code == 0, out
    lines = zh.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in unmarked if line.startswith("#")]
    assert lines[:len(comments)] == comments and lines[len(comments) + 1:] == unmarked[len(comments):]
    assert re.fullmatch(r"# source_hash: [0-9a-f]{12}\n", lines[len(comments)]), lines[len(comments)]
    assert atlas_status(status(repo)[1])["atlas/ios.yml"] == "translated"
    commit(repo, "Mark the atlas file")

    text = en.read_text(encoding="utf-8")
    name = re.search(r"^  name: .*$", text, re.M).group(0)
    en.write_text(text.replace(name, "  name: Apple iPhone (iOS)"), encoding="utf-8")
    commit(repo, "Atlas: new name")
    _, out = status(repo)
    assert atlas_status(out)["atlas/ios.yml"] == "OUTDATED", out
    assert re.search(r"^zh: 1 outdated, \d+ translated \(\d+ atlas files\)$", out, re.M), out
    code, out = run(repo, "diff", "docs/atlas/zh/ios.yml")
    assert code == 0, out
    assert changed_lines(out) == ["-" + name, "+  name: Apple iPhone (iOS)"], out
    code, out = run(repo, "done", "atlas/ios.yml")
    assert code == 0 and zh.read_text(encoding="utf-8").count("source_hash") == 1, out
    assert atlas_status(status(repo)[1])["atlas/ios.yml"] == "translated"
