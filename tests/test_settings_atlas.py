"""The settings atlas: every phone system has every task in both languages,
each entry has a menu path with its source and where it was seen, or an honest
"not found" with the words to search for, plus the version and the day the
source was read; the English and Chinese entries of a (system, task) agree; no
source is on a deny-listed content farm; a mistake fails the build naming the
file(s) and the id. The entries show as tabs on the protections page and
system by system on the phone-settings page, with lines that read as
sentences in each language, data shown as text, and the words to quote to
report a wrong path.

The checks are called directly on small atlases written here (one end-to-end
build checks that a failure stops `mkdocs build`)."""
import datetime
import html as html_lib
import re

import markdown
import pytest
import yaml

from atlas import data, render, status
from helpers import ROOT, build_site
from translation_project import copy_project, output

DOCS = ROOT / "docs"
LANGS = ["en", "zh"]
SYSTEMS, TASKS = data.index(str(DOCS))
NEW_TASKS = ["app-install-scan", "antifraud-app", "clipboard-alerts", "always-on-vpn", "find-device",
             "personalised-ads"]
REAL = {lang: yaml.safe_load((DOCS / "atlas" / lang / "tasks.yml").read_text(encoding="utf-8"))
        for lang in LANGS}


# --- the project's own atlas -------------------------------------------------------

def test_the_atlas_lists_the_systems_and_tasks_readers_need():
    assert {"harmonyos-4", "harmonyos-next", "magicos", "hyperos-cn", "hyperos-global", "coloros",
            "originos", "oneui-cn", "ios"} <= set(SYSTEMS)
    assert TASKS[:7] == ["keyboard-cloud", "cloud-sync", "ux-programme", "app-network", "app-permissions",
                         "lockdown", "account-devices"]
    assert TASKS[7:] == NEW_TASKS


def test_the_project_atlas_passes_every_check():
    atlases = data.check_all(str(DOCS), LANGS, str(ROOT))
    assert list(atlases) == LANGS


def test_a_build_reads_each_language_once_and_hands_the_atlas_to_the_self_check(monkeypatch):
    """check_all reads each language once (the Traditional atlas is converted from
    the Simplified one already read), and the self-check checks and renders from
    the atlases it is given: it never reads the atlas itself."""
    from selfcheck import page as selfcheck_page

    read, load = [], data.load

    def counted(docs_dir, lang, *args, **kwargs):
        read.append(lang)
        return load(docs_dir, lang, *args, **kwargs)

    monkeypatch.setattr(data, "load", counted)
    atlases = data.check_all(str(DOCS), ["en", "zh", "zh-Hant"], str(ROOT))
    assert read == ["en", "zh", "zh-Hant"]
    assert "設定" in str(atlases["zh-Hant"]["systems"]["ios"]["entries"])

    def refuse(*args, **kwargs):
        raise AssertionError("the self-check read the atlas itself")

    monkeypatch.setattr(data, "load", refuse)
    monkeypatch.setattr(data, "check_all", refuse)
    rules, _ = selfcheck_page.load_all(str(DOCS), ["en", "zh", "zh-Hant"], str(ROOT), "en", atlases)
    assert rules.systems


def test_a_rules_id_missing_from_the_atlas_is_named():
    from mkdocs.exceptions import PluginError
    from selfcheck import page as selfcheck_page

    atlases = data.check_all(str(DOCS), LANGS, str(ROOT))
    zh = dict(atlases["zh"], tasks={k: v for k, v in atlases["zh"]["tasks"].items() if k != "lockdown"})
    with pytest.raises(PluginError) as error:
        selfcheck_page.load_all(str(DOCS), LANGS, str(ROOT), "en", dict(atlases, zh=zh))
    message = str(error.value)
    assert message.startswith("docs/selfcheck/rules.yml:") and "'lockdown'" in message and "(zh)" in message


@pytest.mark.parametrize("lang", LANGS)
def test_every_task_exists_for_every_system_as_a_path_or_an_honest_not_found(lang):
    atlas = data.load(str(DOCS), lang, str(ROOT))
    assert list(atlas["systems"]) == SYSTEMS
    for system_id, system in atlas["systems"].items():
        assert list(system["entries"]) == TASKS
        for task, entry in system["entries"].items():
            where = f"{lang}/{system_id}/{task}"
            assert bool(entry.get("path")) != bool(entry.get("not_found")), where
            assert str(entry["search"]).strip() and entry["version"] and entry["checked"], where
            if entry.get("path"):
                assert entry["seen_in"] in data.SEEN_IN, where
                assert {"title", "publisher", "date", "url"} <= set(entry["source"]), where
            else:
                assert len(str(entry["not_found"]).strip()) > 10, where


def test_chinese_entries_use_chinese_menu_words_where_a_path_is_known():
    atlas = data.load(str(DOCS), "zh", str(ROOT))
    han = re.compile(r"[\u4e00-\u9fff]")
    for system_id, system in atlas["systems"].items():
        for task, entry in system["entries"].items():
            if entry.get("path"):
                assert han.search(entry["path"]), f"zh/{system_id}/{task}: path has no Chinese words"


def test_the_deny_list_holds_the_content_farms_named_in_the_issue():
    deny = data.deny_domains(str(DOCS))
    for url in ("https://aliyunyh.com/690614.html", "https://www.2wbiao.com/p/1.html", "https://php.bkmy88.com/x",
                "https://www.ncagp.com/y", "https://help-w.com/z"):
        assert data.denied(url, deny), url
    assert not data.denied("https://consumer.huawei.com/cn/support/", deny)
    assert "To add one" in (DOCS / "atlas" / "deny-domains.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_the_settings_page_shows_every_system_and_task(site, prefix):
    html = (site / prefix / "settings.html").read_text(encoding="utf-8")
    for system in SYSTEMS:
        assert f'id="{system}"' in html, system
        for task in TASKS:
            assert f'id="{system}-{task}"' in html, (system, task)
    assert "atlas-meta" in html and "atlas-report" in html and "<!-- atlas:" not in html


ATLAS_LINES = re.compile(r'<p class="(atlas-meta|atlas-report|sc-atlas-task|sc-atlas-meta)">(.*?)</p>', re.S)


def nested_brackets(line):
    """The bracketed parts of `line` that hold another bracket, as in
    "Checked (Current iOS (Apple guide))". Text in quotation marks (a source's
    own title, quoted as it is) is not looked into."""
    found, depth, quoted, start = [], 0, 0, 0
    for at, char in enumerate(line):
        if char == "“":
            quoted += 1
        elif char == "”":
            quoted = max(0, quoted - 1)
        elif quoted:
            continue
        elif char in "(（":
            start = at if depth == 0 else start
            depth += 1
            if depth == 2:
                found.append(line[start:start + 80])
        elif char in ")）":
            depth = max(0, depth - 1)
    return found


def test_nested_brackets_are_found():
    assert nested_brackets("Checked on 2026-12-07 (Current iOS (Apple guide, undated)); source: x")
    assert nested_brackets("你的手机（小米（国行））：检查应用权限")
    assert not nested_brackets("Version: iOS 15.2 (Apple's guide); later iOS not confirmed (2022).")
    assert not nested_brackets("来源：“开放权限（用户授权） (Open permissions (granted))”，华为（开发者文档）。")


@pytest.mark.parametrize("lang", ["", "zh/", "zh-Hant/"])
def test_atlas_lines_hold_no_brackets_within_brackets(site, lang):
    """A template that puts data in brackets ("Checked on {date} ({version})")
    nests them when the data has its own ("iOS 15.2 (Apple's guide)"): every
    line the atlas writes on the protections, settings and self-check pages
    reads without brackets inside brackets."""
    lines = 0
    nested = []
    for page in ("protect.html", "settings.html", "check.html"):
        for _, body in ATLAS_LINES.findall((site / lang / page).read_text(encoding="utf-8")):
            line = html_lib.unescape(re.sub(r"<[^>]+>", "", body))
            lines += 1
            nested += [f"{lang}{page}: {part}" for part in nested_brackets(line)]
    assert lines > 300, f"only {lines} atlas lines found: has their markup changed?"
    assert not nested, "brackets within brackets:\n" + "\n".join(sorted(set(nested)))


@pytest.mark.parametrize("prefix,label", [("", "Where:"), ("zh/", "位置：")])
def test_the_protections_page_shows_one_tab_per_system_for_each_task(site, prefix, label):
    html = (site / prefix / "protect.html").read_text(encoding="utf-8")
    assert "<!-- atlas:" not in html
    sets = re.findall(r'<div class="tabbed-set tabbed-alternate"[^>]*data-tabs="\d+:(\d+)"', html)
    assert len(sets) >= len(TASKS), "one set of tabs per task"
    assert all(int(count) == len(SYSTEMS) for count in sets[:len(TASKS)]), sets
    assert label in html


@pytest.mark.parametrize("lang", LANGS)
def test_every_task_has_its_marker_on_the_protections_page(lang):
    text = (DOCS / lang / "protect.md").read_text(encoding="utf-8")
    assert sorted(re.findall(r"^<!-- atlas: ([a-z0-9-]+) -->$", text, re.M)) == sorted(TASKS)


# --- small atlases written by the tests ----------------------------------------------

def entry(lang, **change):
    base = {
        "en": {"path": "Settings > Privacy > Permission manager", "search": "Permission", "version": "Alpha OS 4.2",
               "checked": datetime.date(2026, 12, 7), "seen_in": "maker",
               "source": {"title": "Manage app permissions", "publisher": "Alpha Support",
                          "date": datetime.date(2025, 3, 1), "url": "https://support.alpha.example/perm"}},
        "zh": {"path": "设置 > 隐私 > 权限管理", "search": "权限管理", "version": "Alpha OS 4.2",
               "checked": datetime.date(2026, 12, 7), "seen_in": "maker",
               "source": {"title": "管理应用权限", "publisher": "Alpha 支持",
                          "date": datetime.date(2025, 3, 1), "url": "https://support.alpha.example/perm"}},
    }[lang]
    out = dict(base, **change)
    return {key: value for key, value in out.items() if value is not None}


def not_found(lang, **change):
    text = {"en": "No page of the maker shows this switch.", "zh": "厂商的页面里没有这个开关。"}[lang]
    return entry(lang, **dict({"path": None, "seen_in": None, "source": None, "not_found": text}, **change))


TINY_TASKS = ["app-permissions", "find-device"]


def write_atlas(root, systems=None, deny=("farm.example",)):
    """A docs/atlas/ with two systems and two tasks, correct unless `systems` says otherwise:
    {lang: {system: {"entries": {...}, other system fields}}}."""
    folder = root / "docs" / "atlas"
    for lang in LANGS:
        (folder / lang).mkdir(parents=True, exist_ok=True)
    names = ["alpha", "beta"]
    (folder / "atlas.yml").write_text(yaml.safe_dump({"systems": names, "tasks": TINY_TASKS}), encoding="utf-8")
    (folder / "deny-domains.yml").write_text(yaml.safe_dump({"domains": list(deny)}), encoding="utf-8")
    for lang in LANGS:
        tasks = {"tasks": {task: REAL[lang]["tasks"][task] for task in TINY_TASKS}, "labels": REAL[lang]["labels"]}
        (folder / lang / "tasks.yml").write_text(yaml.safe_dump(tasks, allow_unicode=True), encoding="utf-8")
        for name in names:
            body = {"name": f"{name.title()} OS", "short": name.title(),
                    "entries": {"app-permissions": entry(lang), "find-device": not_found(lang)}}
            body.update(((systems or {}).get(lang) or {}).get(name) or {})
            (folder / lang / f"{name}.yml").write_text(yaml.safe_dump({name: body}, allow_unicode=True),
                                                       encoding="utf-8")
    return root / "docs"


def check(tmp_path, systems=None, **kwargs):
    docs = write_atlas(tmp_path, systems, **kwargs)
    return data.check_all(str(docs), LANGS, str(tmp_path))


def fails(tmp_path, systems, *expected):
    with pytest.raises(data.AtlasError) as error:
        check(tmp_path, systems)
    message = str(error.value)
    for part in expected:
        assert part in message, message
    return message


def one_entry(lang, system, task, value):
    """`systems` that replace one entry."""
    entries = {"app-permissions": entry(lang), "find-device": not_found(lang), task: value}
    return {lang: {system: {"entries": entries}}}


def test_the_small_atlas_is_correct(tmp_path):
    atlases = check(tmp_path)
    assert atlases["zh"]["systems"]["beta"]["entries"]["app-permissions"]["path"] == "设置 > 隐私 > 权限管理"


@pytest.mark.parametrize("field,expected", [
    ("seen_in", "a path needs `seen_in`"),
    ("source", "a path needs a `source`"),
    ("search", "`search` is missing"),
    ("version", "`version` is missing"),
    ("checked", "`checked` must be the day"),
])
def test_a_missing_field_is_named_with_its_file_and_id(tmp_path, field, expected):
    systems = one_entry("zh", "beta", "app-permissions", entry("zh", **{field: None}))
    fails(tmp_path, systems, "docs/atlas/zh/beta.yml: beta > app-permissions", expected)


def test_a_path_without_a_source_fails(tmp_path):
    broken = entry("en", source=None)
    with pytest.raises(data.AtlasError, match="a path needs a `source`"):
        data.check_entry(broken, "docs/atlas/en/alpha.yml: alpha > app-permissions")


@pytest.mark.parametrize("change,expected", [
    ({"checked": "2026-13-01"}, "`checked` must be the day"),
    ({"checked": "recently"}, "`checked` must be the day"),
    ({"seen_in": "forum"}, "`seen_in` must be one of maker, third-party, phone"),
    ({"source": {"title": "T", "publisher": "P", "date": "last year", "url": "https://a.example/"}},
     "source `date` must be"),
    ({"source": {"title": "T", "publisher": "P", "date": "2025-02-30", "url": "https://a.example/"}},
     "source `date` must be"),
    ({"source": {"title": "T", "publisher": "P", "url": "https://a.example/"}}, "source `date` is missing"),
    ({"source": {"title": "T", "publisher": "P", "date": "undated", "url": "ftp://a.example/"}},
     "source `url` must be a web address"),
])
def test_a_malformed_field_is_named(change, expected):
    with pytest.raises(data.AtlasError) as error:
        data.check_entry(entry("en", **change), "docs/atlas/en/alpha.yml: alpha > app-permissions")
    assert str(error.value).startswith("docs/atlas/en/alpha.yml: alpha > app-permissions: ")
    assert expected in str(error.value)


def test_iso_and_undated_source_dates_pass():
    for date in ("undated", "2025", "2025-03", "2025-03-01", datetime.date(2025, 3, 1)):
        data.check_entry(entry("en", source=dict(entry("en")["source"], date=date)), "x")


def test_seen_in_on_a_not_found_entry_fails():
    with pytest.raises(data.AtlasError, match="a `not_found` entry has none"):
        data.check_entry(not_found("en", seen_in="maker"), "x")


@pytest.mark.parametrize("url", ["https://farm.example/a.html", "http://www.farm.example/b",
                                 "https://m.news.FARM.example./c"])
def test_a_deny_listed_domain_fails_the_check_subdomains_included(tmp_path, url):
    source = dict(entry("en")["source"], url=url)
    systems = {lang: {"alpha": {"entries": {
        "app-permissions": entry(lang, source=dict(entry(lang)["source"], url=url)),
        "find-device": not_found(lang)}}} for lang in LANGS}
    fails(tmp_path, systems, "docs/atlas/en/alpha.yml: alpha > app-permissions", "farm.example",
          "deny-domains.yml")
    assert data.denied(source["url"], ("farm.example",)) == "farm.example"
    assert data.denied("https://notfarm.example/", ("farm.example",)) is None


def test_a_deny_listed_domain_fails_in_a_not_found_source_too(tmp_path):
    source = {"title": "T", "publisher": "P", "date": "undated", "url": "https://farm.example/x"}
    systems = {lang: {"beta": {"entries": {"app-permissions": entry(lang),
                                           "find-device": not_found(lang, source=source)}}} for lang in LANGS}
    fails(tmp_path, systems, "beta > find-device", "farm.example")


def test_a_malformed_deny_list_is_named(tmp_path):
    with pytest.raises(data.AtlasError, match="deny-domains.yml: 'https://x.example/' is not a domain"):
        check(tmp_path, deny=("https://x.example/",))


@pytest.mark.parametrize("zh_entry,expected", [
    (not_found("zh"), "one gives a path and the other `not_found`"),
    (entry("zh", path="设置 > 权限管理"), "different number of ' > ' steps"),
    (entry("zh", source=dict(entry("zh")["source"], url="https://other.example/")), "different sources"),
    (entry("zh", checked=datetime.date(2026, 12, 8)), "`checked` dates differ"),
    (entry("zh", seen_in="third-party"), "`seen_in` differ"),
])
def test_an_english_chinese_mismatch_names_both_files_and_the_system_and_task(tmp_path, zh_entry, expected):
    message = fails(tmp_path, one_entry("zh", "beta", "app-permissions", zh_entry), expected)
    assert message.startswith("docs/atlas/en/beta.yml and docs/atlas/zh/beta.yml: beta > app-permissions: "), message


def test_not_found_in_both_languages_with_different_sources_is_a_mismatch(tmp_path):
    source = {"title": "T", "publisher": "P", "date": "undated", "url": "https://one.example/"}
    message = fails(tmp_path, one_entry("en", "alpha", "find-device", not_found("en", source=source)),
                    "different sources")
    assert "docs/atlas/en/alpha.yml and docs/atlas/zh/alpha.yml: alpha > find-device" in message


def test_a_new_task_missing_for_a_system_is_named(tmp_path):
    systems = {"en": {"alpha": {"entries": {"app-permissions": entry("en")}}}}
    fails(tmp_path, systems, "docs/atlas/en/alpha.yml: alpha: task 'find-device' is missing")


def test_a_system_missing_in_one_language_is_named(tmp_path):
    docs = write_atlas(tmp_path)
    (docs / "atlas" / "zh" / "beta.yml").unlink()
    with pytest.raises(data.AtlasError, match=r"docs/atlas/zh/beta\.yml is missing.*'beta'"):
        data.check_all(str(docs), LANGS, str(tmp_path))


def test_no_english_ui_belongs_to_english_files_and_needs_chinese_labels(tmp_path):
    glossed = entry("en", path="设置 (Settings) > 隐私 (Privacy) > 权限管理 (Permission manager)")
    ok = {"en": {"alpha": {"no_english_ui": True, "entries": {"app-permissions": glossed,
                                                             "find-device": not_found("en")}}}}
    atlases = check(tmp_path, ok)
    assert atlases["en"]["systems"]["alpha"]["no_english_ui"] is True
    fails(tmp_path / "a", {"en": {"alpha": {"no_english_ui": True}}},
          "docs/atlas/en/alpha.yml: alpha > app-permissions", "no_english_ui: true")
    fails(tmp_path / "b", {"zh": {"alpha": {"no_english_ui": True}}},
          "docs/atlas/zh/alpha.yml: alpha: `no_english_ui` belongs in the English file only")
    fails(tmp_path / "c", {"en": {"alpha": {"no_english_ui": "yes"}}}, "must be true or false")


def test_a_label_that_loses_its_mark_is_named(tmp_path):
    docs = write_atlas(tmp_path)
    path = docs / "atlas" / "zh" / "tasks.yml"
    tasks = yaml.safe_load(path.read_text(encoding="utf-8"))
    tasks["labels"]["checked_maker"] = "按厂商说明核实。"
    path.write_text(yaml.safe_dump(tasks, allow_unicode=True), encoding="utf-8")
    with pytest.raises(data.AtlasError, match=r"docs/atlas/zh/tasks.yml: label 'checked_maker' must keep the mark \{date\}"):
        data.check_all(str(docs), LANGS, str(tmp_path))


# Every label the line "Checked on … Version: … Source: …" reads, on the atlas
# pages and in the self-check's result alike.
VERIFICATION_LABELS = ("checked_maker", "checked_third_party", "checked_phone", "checked_not_found", "version",
                       "source", "undated")


@pytest.mark.parametrize("label", VERIFICATION_LABELS)
def test_a_missing_label_is_named_with_its_file(tmp_path, label):
    docs = write_atlas(tmp_path)
    path = docs / "atlas" / "zh" / "tasks.yml"
    tasks = yaml.safe_load(path.read_text(encoding="utf-8"))
    del tasks["labels"][label]
    path.write_text(yaml.safe_dump(tasks, allow_unicode=True), encoding="utf-8")
    with pytest.raises(data.AtlasError, match=rf"^docs/atlas/zh/tasks\.yml: label '{label}' is missing$"):
        data.check_all(str(docs), LANGS, str(tmp_path))


@pytest.mark.slow
def test_a_build_with_a_label_missing_fails_naming_the_file(tmp_path):
    """The self-check words its line with the atlas's labels: a translation
    without one stops the build, naming the file and the label."""
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "atlas" / "zh" / "tasks.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n  source: ") == 1
    path.write_text(re.sub(r"\n  source: [^\n]*", "", text), encoding="utf-8")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    log = output(result)
    assert "docs/atlas/zh/tasks.yml: label 'source' is missing" in log, log


@pytest.mark.slow
def test_a_build_with_an_english_chinese_mismatch_fails_naming_both_files(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "atlas" / "zh" / "ios.yml"
    text = yaml.safe_load(path.read_text(encoding="utf-8"))
    text["ios"]["entries"]["find-device"]["checked"] = datetime.date(2020, 1, 1)
    path.write_text(yaml.safe_dump(text, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    log = output(result)
    assert "docs/atlas/en/ios.yml and docs/atlas/zh/ios.yml: ios > find-device" in log, log


# --- how an entry reads -----------------------------------------------------------------

def labels(lang):
    return REAL[lang]["labels"]


def meta(lang, item):
    html = render.entry_html(item, labels(lang))
    match = re.search(r'<p class="atlas-meta">(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1))


UNDATED = {"title": "Manage app permissions", "publisher": "Alpha Support", "date": "undated",
           "url": "https://support.alpha.example/perm"}
VERIFICATION = {
    # (kind / seen_in, source): (English, Chinese)
    ("maker", "dated"): (
        "Checked on 2026-12-07 in the maker's own text. Version: Alpha OS 4.2. "
        "Source: “Manage app permissions”, Alpha Support, 2025-03-01.",
        "2026-12-07 按厂商自己的说明核实。适用版本：Alpha OS 4.2。来源：“管理应用权限”，Alpha 支持，2025-03-01。"),
    ("third-party", "dated"): (
        "Checked on 2026-12-07 from a third-party page, not the maker. Version: Alpha OS 4.2. "
        "Source: “Manage app permissions”, Alpha Support, 2025-03-01.",
        "2026-12-07 按第三方网页核实，不是厂商自己的说明。适用版本：Alpha OS 4.2。来源：“管理应用权限”，Alpha 支持，2025-03-01。"),
    ("phone", "undated"): (
        "Checked on 2026-12-07 on a phone. Version: Alpha OS 4.2. "
        "Source: “Manage app permissions”, Alpha Support, undated.",
        "2026-12-07 在手机上核实。适用版本：Alpha OS 4.2。来源：“Manage app permissions”，Alpha Support，未注明日期。"),
    ("not_found", "none"): (
        "Checked on 2026-12-07. Version: Alpha OS 4.2.",
        "2026-12-07 核实。适用版本：Alpha OS 4.2。"),
    ("not_found", "undated"): (
        "Checked on 2026-12-07. Version: Alpha OS 4.2. Source: “Manage app permissions”, Alpha Support, undated.",
        "2026-12-07 核实。适用版本：Alpha OS 4.2。来源：“Manage app permissions”，Alpha Support，未注明日期。"),
}


def item_for(lang, kind, source):
    if kind == "not_found":
        return not_found(lang, source=UNDATED if source == "undated" else None)
    if source == "undated":
        return entry(lang, seen_in=kind, source=UNDATED)
    return entry(lang, seen_in=kind)


@pytest.mark.parametrize("case", sorted(VERIFICATION))
@pytest.mark.parametrize("lang", LANGS)
def test_the_verification_line_reads_as_sentences(lang, case):
    expected = VERIFICATION[case][LANGS.index(lang)]
    assert meta(lang, item_for(lang, *case)) == expected


class Recording(dict):
    """Labels that note which of them are read."""
    def __init__(self, labels, read):
        super().__init__(labels)
        self.read = read

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)


def test_the_build_requires_every_label_the_atlas_lines_read():
    """The atlas pages and the self-check read only labels that data.LABELS
    lists, which the build requires in every language (a missing one is named
    with its file, above)."""
    from selfcheck import render as selfcheck_render

    read = set()
    for lang in LANGS:
        for case in VERIFICATION:
            item = dict(item_for(lang, *case), keyboard="Alpha Keyboard", note="A note.")
            render.checked_line(item, Recording(labels(lang), read))
            if item.get("path"):  # with no path, the box is one line of the check page's own
                selfcheck_render.box_html(item, Recording(labels(lang), read), {})
    assert set(VERIFICATION_LABELS) <= read, sorted(read)
    assert read <= set(data.LABELS), sorted(read - set(data.LABELS))


def self_check_meta(item, lang_labels):
    from selfcheck import render as selfcheck_render

    match = re.search(r'<p class="sc-atlas-meta">(.*?)</p>', selfcheck_render.box_html(item, lang_labels, {}), re.S)
    return match.group(1)


@pytest.mark.parametrize("case", sorted(case for case in VERIFICATION if case[0] != "not_found"))
@pytest.mark.parametrize("lang", LANGS)
def test_the_self_check_shows_the_atlas_pages_verification_line(lang, case):
    item = item_for(lang, *case)
    page = re.search(r'<p class="atlas-meta">(.*?)</p>', render.entry_html(item, labels(lang)), re.S).group(1)
    assert self_check_meta(item, labels(lang)) == page
    assert re.sub(r"<[^>]+>", "", page) == VERIFICATION[case][LANGS.index(lang)]


def test_every_path_in_the_self_check_reads_as_on_the_atlas_pages():
    """The project's own entries, in all three languages (Traditional Chinese converted)."""
    atlases = data.check_all(str(DOCS), ["en", "zh", "zh-Hant"], str(ROOT))
    seen = 0
    for atlas in atlases.values():
        for system in atlas["systems"].values():
            for item in system["entries"].values():
                if item.get("path"):
                    page = re.search(r'<p class="atlas-meta">(.*?)</p>',
                                     render.entry_html(item, atlas["labels"]), re.S).group(1)
                    assert self_check_meta(item, atlas["labels"]) == page
                    seen += 1
    assert seen >= 30, seen


PUNCTUATION = {"en": re.compile(r"\.\.|\s[.,]|\.\S|^\s|\s$|\{|\}"), "zh": re.compile(r"。。|。 |\s[。，]|：\s|\{|\}")}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["maker", "third-party", "phone", "not_found"])
@pytest.mark.parametrize("source", ["dated", "undated", "none"])
@pytest.mark.parametrize("version", ["HarmonyOS 4.2", "苹果文章未注明版本；iOS 26 未核实。", "iOS 18 and later."])
def test_every_combination_reads_without_doubled_or_missing_punctuation(lang, kind, source, version):
    if kind != "not_found" and source == "none":
        return  # a path always has a source
    item = item_for(lang, kind, "dated" if source == "none" else source)
    if source == "none":
        item.pop("source", None)
    item["version"] = version
    line = meta(lang, item).replace("2026-12-07", "D").replace("2025-03-01", "D")
    # the dates and "4.2" / "18." are not sentence ends; take them out before looking
    checked = line.replace("4.2", "4").replace("iOS 18 and later.", "iOS 18 and later")
    assert not PUNCTUATION[lang].search(checked.replace("iOS 18 and later", "X")), line
    assert line.endswith("." if lang == "en" else "。"), line
    assert line.count(version.rstrip("。.")) == 1, line
    if lang == "zh":
        assert "对照" not in line and "核实 核实" not in line, line


def test_an_english_box_of_a_phone_without_english_menus_says_so():
    context = {"system": "Alpha OS", "task": "Review app permissions", "no_english_ui": True}
    html = render.entry_html(entry("en", path="设置 (Settings) > 隐私 (Privacy)"), labels("en"), context)
    assert 'class="atlas-no-english"' in html and "has no English menus" in html
    plain = render.entry_html(entry("en"), labels("en"), dict(context, no_english_ui=False))
    assert "atlas-no-english" not in plain


def test_the_report_line_gives_system_task_and_version_and_contacts_no_one():
    context = {"system": "Alpha OS", "task": "Review app permissions", "no_english_ui": False, "report_url": ""}
    html = render.entry_html(entry("en"), labels("en"), context)
    assert re.search(r'<p class="atlas-report">Wrong or outdated path\? When you report it, quote: '
                     r'<code>Alpha OS · Review app permissions · Alpha OS 4.2</code></p>', html), html
    assert "<a " not in html.split('class="atlas-report"')[1]
    zh = render.entry_html(entry("zh"), labels("zh"), dict(context, system="Alpha 系统", task="检查应用权限"))
    assert "报告时请附上这段文字：<code>Alpha 系统 · 检查应用权限 · Alpha OS 4.2</code>" in zh


def test_with_a_public_issue_form_the_report_link_opens_in_a_new_tab_without_referrer():
    context = {"system": "Alpha OS", "task": "Review <b>app</b>", "no_english_ui": False,
               "report_url": "https://forge.example/p/issues/new?title={text}"}
    html = render.entry_html(entry("en"), labels("en"), context)
    link = re.search(r'<a [^>]*>', html.split('class="atlas-report"')[1]).group(0)
    assert 'target="_blank"' in link and 'rel="noopener noreferrer"' in link
    assert "https://forge.example/p/issues/new?title=Alpha%20OS%20%C2%B7%20Review%20%3Cb%3Eapp%3C%2Fb%3E" in link
    assert "<b>" not in html


def test_a_report_url_must_be_https(tmp_path):
    docs = write_atlas(tmp_path)
    index = docs / "atlas" / "atlas.yml"
    index.write_text(index.read_text(encoding="utf-8") + "report_url: javascript:alert(1)\n", encoding="utf-8")
    with pytest.raises(data.AtlasError, match="report_url"):
        data.check_all(str(docs), LANGS, str(tmp_path))


MARKUP = '<b>bold</b> <script>alert(1)</script> **star** [link](https://evil.example) "q" & {: .x }'


def test_data_strings_reach_the_page_as_text(tmp_path):
    """Every data string, labels included, goes into the page escaped: markup in
    a name, a tab title, a path, a note, a source or a label shows as text."""
    marked = dict(entry("en", path=f"Settings > {MARKUP}", note=MARKUP, keyboard=MARKUP),
                  source={"title": MARKUP, "publisher": MARKUP, "date": "undated", "url": "https://support.alpha.example/perm"})
    systems = {lang: {"alpha": {"name": MARKUP, "short": MARKUP,
                                "entries": {"app-permissions": marked if lang == "en" else entry(lang),
                                            "find-device": not_found(lang)}}} for lang in LANGS}
    systems["zh"]["alpha"]["entries"]["app-permissions"] = entry("zh", path="设置 > 标记")
    docs = write_atlas(tmp_path, systems)
    tasks = docs / "atlas" / "en" / "tasks.yml"
    text = yaml.safe_load(tasks.read_text(encoding="utf-8"))
    text["tasks"]["app-permissions"] = MARKUP
    text["labels"]["on_your_phone"] = MARKUP + " {task}"
    text["labels"]["all_systems_link"] = MARKUP
    tasks.write_text(yaml.safe_dump(text, allow_unicode=True), encoding="utf-8")
    atlas = data.check_all(str(docs), LANGS, str(tmp_path))["en"]
    page = render.task_tabs(atlas, "app-permissions") + "\n\n" + render.all_systems(atlas)
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "pymdownx.tabbed"],
                             extension_configs={"pymdownx.tabbed": {"alternate_style": True}})
    assert "<b>" not in html and "<script" not in html and "<strong>star</strong>" not in html
    assert "evil.example" not in re.findall(r'href="([^"]*)"', html).__str__()
    assert 'class="x"' not in html
    assert html.count("&lt;b&gt;bold&lt;/b&gt;") >= 8, html  # name, short, path, note, keyboard, title, ...
    tab = re.search(r"<label[^>]*>(.*?)</label>", html).group(1)
    assert "&lt;b&gt;bold&lt;/b&gt;" in tab and "**star**" in tab


# --- make atlas-status ------------------------------------------------------------------

def test_atlas_status_counts_maker_third_party_and_not_found_per_system(tmp_path):
    systems = {lang: {"beta": {"entries": {"app-permissions": entry(lang, seen_in="third-party"),
                                           "find-device": not_found(lang)}}} for lang in LANGS}
    docs = write_atlas(tmp_path, systems)
    atlas = data.load(str(docs), "zh", str(tmp_path))
    assert status.counts(atlas) == {
        "alpha": {"maker": 1, "third-party": 0, "phone": 0, "not found": 1},
        "beta": {"maker": 0, "third-party": 1, "phone": 0, "not found": 1},
    }
    text = status.report(str(docs), LANGS, str(tmp_path))
    assert re.search(r"^total\s+1\s+1\s+0\s+2\s+4$", text, re.M), text
    assert "Paths citing the maker's own text: 1 of 2 (50%)." in text
