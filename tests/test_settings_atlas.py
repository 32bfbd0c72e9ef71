"""The settings atlas: every phone system has every task in both languages,
each entry has a menu path with its source, or an honest "not found" with the
words to search for, plus the version it was checked against and the date; a
mistake in any language fails the build naming the file and the id; the
entries show as tabs on the protections page and system by system on the
phone-settings page."""
import re
import shutil

import pytest
import yaml

from atlas import data
from helpers import ROOT, build_site
from translation_project import copy_project, output

DOCS = ROOT / "docs"
LANGS = ["en", "zh"]
SYSTEMS, TASKS = data.index(str(DOCS))


def test_the_atlas_lists_the_systems_and_tasks_readers_need():
    assert {"harmonyos-4", "harmonyos-next", "magicos", "hyperos-cn", "hyperos-global", "coloros",
            "originos", "oneui-cn", "ios"} <= set(SYSTEMS)
    assert {"keyboard-cloud", "cloud-sync", "ux-programme", "app-network", "app-permissions",
            "lockdown", "account-devices"} <= set(TASKS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_system_has_every_task_in_each_language(lang):
    atlas = data.load(str(DOCS), lang, str(ROOT))
    assert list(atlas["systems"]) == SYSTEMS
    for system in atlas["systems"].values():
        assert list(system["entries"]) == TASKS


@pytest.mark.parametrize("lang", LANGS)
def test_each_entry_has_a_sourced_path_or_an_honest_not_found(lang):
    atlas = data.load(str(DOCS), lang, str(ROOT))
    for system_id, system in atlas["systems"].items():
        for task, entry in system["entries"].items():
            where = f"{lang}/{system_id}/{task}"
            assert bool(entry.get("path")) != bool(entry.get("not_found")), where
            assert entry["search"] and entry["version"] and entry["checked"], where
            if entry.get("path"):
                assert {"title", "publisher", "date", "url"} <= set(entry["source"]), where


def test_chinese_entries_use_chinese_menu_words_where_a_path_is_known():
    atlas = data.load(str(DOCS), "zh", str(ROOT))
    han = re.compile(r"[\u4e00-\u9fff]")
    for system_id, system in atlas["systems"].items():
        for task, entry in system["entries"].items():
            if entry.get("path"):
                assert han.search(entry["path"]), f"zh/{system_id}/{task}: path has no Chinese words"


# Each rule, broken once in a copy of docs/atlas: the error names the file and the id.
def _break(path, change):
    text = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(text)
    path.write_text(yaml.safe_dump(text, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _entry(system, task):
    return lambda d: d[system]["entries"][task]


BROKEN = {
    "task missing": ("zh/ios.yml", lambda d: d["ios"]["entries"].pop("lockdown"), "lockdown"),
    "task misspelt": ("en/coloros.yml",
                      lambda d: d["coloros"]["entries"].__setitem__("lockdwn", d["coloros"]["entries"].pop("lockdown")),
                      "did you mean 'lockdown'"),
    "path without source": ("zh/ios.yml", lambda d: d["ios"]["entries"]["cloud-sync"].pop("source"), "cloud-sync"),
    "neither path nor not_found": ("en/magicos.yml",
                                   lambda d: d["magicos"]["entries"]["cloud-sync"].pop("not_found"), "cloud-sync"),
    "no version": ("zh/harmonyos-4.yml", lambda d: d["harmonyos-4"]["entries"]["app-network"].pop("version"),
                   "app-network"),
    "no checked date": ("en/ios.yml", lambda d: d["ios"]["entries"]["lockdown"].__setitem__("checked", "recently"),
                        "lockdown"),
    "no search words": ("zh/originos.yml", lambda d: d["originos"]["entries"]["lockdown"].pop("search"), "lockdown"),
    "source without date": ("en/ios.yml", lambda d: d["ios"]["entries"]["lockdown"]["source"].pop("date"),
                            "lockdown"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_entry_is_named_with_its_file_and_id(tmp_path, case):
    name, change, expected = BROKEN[case]
    shutil.copytree(DOCS / "atlas", tmp_path / "docs" / "atlas")
    _break(tmp_path / "docs" / "atlas" / name, change)
    with pytest.raises(data.AtlasError) as error:
        data.check_all(str(tmp_path / "docs"), LANGS, str(tmp_path))
    message = str(error.value)
    assert f"docs/atlas/{name}" in message and expected in message, message


def test_a_system_missing_in_one_language_is_named(tmp_path):
    shutil.copytree(DOCS / "atlas", tmp_path / "docs" / "atlas")
    (tmp_path / "docs" / "atlas" / "zh" / "magicos.yml").unlink()
    with pytest.raises(data.AtlasError, match=r"docs/atlas/zh/magicos\.yml is missing.*'magicos'"):
        data.check_all(str(tmp_path / "docs"), LANGS, str(tmp_path))


@pytest.mark.slow
def test_a_build_with_one_chinese_entry_removed_fails_naming_the_file_and_id(tmp_path):
    project = copy_project(tmp_path / "project")
    _break(project / "docs" / "atlas" / "zh" / "hyperos-cn.yml",
           lambda d: d["hyperos-cn"]["entries"].pop("app-network"))
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "docs/atlas/zh/hyperos-cn.yml" in output(result) and "app-network" in output(result), output(result)


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_the_settings_page_shows_every_system_and_task(site, prefix):
    html = (site / prefix / "settings.html").read_text(encoding="utf-8")
    for system in SYSTEMS:
        assert f'id="{system}"' in html, system
        for task in TASKS:
            assert f'id="{system}-{task}"' in html, (system, task)
    assert "atlas-meta" in html and "<!-- atlas:" not in html


@pytest.mark.parametrize("prefix,label", [("", "Where:"), ("zh/", "位置：")])
def test_the_protections_page_shows_one_tab_per_system_for_each_task(site, prefix, label):
    html = (site / prefix / "protect.html").read_text(encoding="utf-8")
    assert "<!-- atlas:" not in html
    sets = re.findall(r'<div class="tabbed-set tabbed-alternate"[^>]*data-tabs="\d+:(\d+)"', html)
    assert len(sets) >= len(TASKS), "one set of tabs per task"
    assert all(int(count) == len(SYSTEMS) for count in sets[:len(TASKS)]), sets
    assert label in html
