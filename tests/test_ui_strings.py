"""The interface strings live in one file per language, docs/i18n/ui.<lang>.yml
(common/ui_strings.py): every file has exactly the English file's keys, and
the build stops naming the file and the key when one does not (or loses a
{mark}, or holds something that is not text); the Traditional edition has no
file of its own (its strings are the Simplified ones, converted, with the few
of its own in mkdocs.yml); a key nobody wrote stops whoever asks for it,
naming the file and the key; every key the templates and the scripts ask for
is in the English file. (That every string is shown as text, never markup:
test_escaping.py.)"""
import re
import shutil

import pytest

from common import project_config, ui_strings
from helpers import ROOT, build_site
from translation_project import copy_project, output

CONFIG = project_config.load(ROOT / "mkdocs.yml")
I18N = ROOT / "docs" / "i18n"


# --- the real files -----------------------------------------------------------

def test_every_language_has_the_english_keys_and_zh_hant_has_no_file():
    ui_strings.check(CONFIG)
    written = sorted(p.name for p in I18N.glob("ui.*.yml"))
    assert written == ["ui.en.yml", "ui.zh.yml"]


def test_the_traditional_strings_are_the_simplified_ones_converted_with_its_own_over_them():
    zh, hant = ui_strings.for_language(CONFIG, "zh"), ui_strings.for_language(CONFIG, "zh-Hant")
    assert zh["quick_exit_title"].startswith("快速离开") and hant["quick_exit_title"].startswith("快速離開")
    assert hant["status_page"]["title"] == "翻譯進度"
    assert (zh["html_lang"], hant["html_lang"]) == ("zh-Hans", "zh-Hant-HK")
    assert (zh["home"], hant["home"]) == ("zh/index.html", "zh-Hant/index.html")
    assert "generated_notice" in hant and "generated_notice" not in zh


def _asked_for():
    """Every key of the interface strings the templates and the scripts ask for by name."""
    keys = set()
    for path in (ROOT / "overrides").rglob("*.html"):
        keys |= set(re.findall(r"config\.extra\.ui\.(\w+)", path.read_text(encoding="utf-8")))
    for folder in ("editions", "hant", "i18n", "mirror", "pages"):  # not selfcheck/: its words are check.md's
        for path in (ROOT / "scripts" / folder).rglob("*.py"):
            keys |= set(re.findall(r"""\b(?:strings|ui)\[["'](\w+)["']\]""", path.read_text(encoding="utf-8")))
    from i18n import notice
    from postbuild import reading_safety_strings

    mirrors = {"mirrors_address", "mirrors_kind", "mirrors_run_by", "mirrors_since", "mirrors_checked",
               "mirrors_web", "mirrors_onion"}  # mirror/listing.py, some by a computed name
    return keys | set(notice.KEYS) | set(reading_safety_strings.KEYS) | mirrors | {"reviewed", "html_lang"}


def test_every_key_the_templates_and_scripts_ask_for_is_in_the_english_file():
    english = ui_strings.read(ROOT / "docs", "en", ROOT)
    own = {"generated_notice", "generated_changed", "generated_source"}  # the generated edition's own
    asked = _asked_for() - own
    assert {"quick_exit", "not_found_title", "bundle_small_note", "downloads_title", "mirrors_none"} <= asked
    assert asked - set(english) == set()
    status = ui_strings.read(ROOT / "docs", "en", ROOT)["status_page"]
    text = (ROOT / "scripts" / "i18n" / "status_page.py").read_text(encoding="utf-8")
    for key in set(re.findall(r"""self\.(?:block|inline|each)\(["'](\w+)["'][,)]""", text)):
        assert key in status, key


def test_the_single_file_edition_has_no_strings_of_its_own():
    from editions import single_file

    assert not hasattr(single_file, "DEFAULT_STRINGS")
    assert single_file.strings_for(CONFIG, "zh")["bundle_small_note"] == ui_strings.read(
        ROOT / "docs", "zh", ROOT)["bundle_small_note"]


# --- mistakes, on a small copy -------------------------------------------------

@pytest.fixture
def copy(tmp_path):
    """mkdocs.yml and docs/i18n/ (the strings and the Traditional phrase table)."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(I18N, tmp_path / "docs" / "i18n")
    return tmp_path


def config_of(copy):
    return project_config.load(copy / "mkdocs.yml")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused(copy):
    with pytest.raises(ui_strings.UiStringsError) as error:
        ui_strings.check(config_of(copy))
    return str(error.value)


def test_the_copy_passes_before_it_is_broken(copy):
    ui_strings.check(config_of(copy))


def test_a_missing_key_is_named_with_its_file(copy):
    edit(copy / "docs/i18n/ui.zh.yml", "bundle_small_note:", "# bundle_small_note:")
    message = refused(copy)
    assert message.startswith("docs/i18n/ui.zh.yml:") and "'bundle_small_note' is missing" in message
    assert "docs/i18n/ui.en.yml has it" in message


def test_a_misspelt_key_is_named_with_a_suggestion(copy):
    edit(copy / "docs/i18n/ui.zh.yml", "quick_exit_title:", "quick_exit_titel:")
    message = refused(copy)
    assert message.startswith("docs/i18n/ui.zh.yml: 'quick_exit_titel' is not a key of docs/i18n/ui.en.yml")
    assert "did you mean 'quick_exit_title'" in message


def test_an_extra_key_in_a_section_is_named_with_its_path(copy):
    edit(copy / "docs/i18n/ui.zh.yml", "  all_done:", "  all_dome: 完成\n  all_done:")
    message = refused(copy)
    assert message.startswith("docs/i18n/ui.zh.yml:") and "'status_page.all_dome'" in message
    assert "did you mean 'status_page.all_done'" in message


def test_a_lost_mark_is_named(copy):
    edit(copy / "docs/i18n/ui.zh.yml", '"{language}：需要处理的页面"', '"语言：需要处理的页面"')
    message = refused(copy)
    assert message.startswith("docs/i18n/ui.zh.yml:") and "'status_page.work_title'" in message
    assert "{language}" in message


def test_a_list_written_as_one_text_is_named(copy):
    path = copy / "docs/i18n/ui.zh.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  how_steps:\n")
    end = text.index("  legend:")
    path.write_text(text[:start] + "  how_steps: 一步一步来\n" + text[end:], encoding="utf-8")
    message = refused(copy)
    assert message.startswith("docs/i18n/ui.zh.yml:") and "'status_page.how_steps' must be a list" in message


def test_a_value_that_is_not_text_is_named(copy):
    edit(copy / "docs/i18n/ui.zh.yml", "mirrors_web: 网页", "mirrors_web: yes")
    message = refused(copy)
    assert message.startswith("docs/i18n/ui.zh.yml:") and "'mirrors_web' must be text" in message


def test_a_missing_file_is_named(copy):
    (copy / "docs/i18n/ui.zh.yml").unlink()
    message = refused(copy)
    assert message.startswith("docs/i18n/ui.zh.yml is missing") and "docs/i18n/ui.en.yml" in message


def test_a_hand_written_traditional_file_is_refused(copy):
    shutil.copy(copy / "docs/i18n/ui.zh.yml", copy / "docs/i18n/ui.zh-Hant.yml")
    message = refused(copy)
    assert message.startswith("docs/i18n/ui.zh-Hant.yml:") and "generated from 'zh'" in message


def test_a_key_nobody_wrote_stops_whoever_asks_naming_the_file(copy):
    strings = ui_strings.for_language(config_of(copy), "zh")
    with pytest.raises(ui_strings.UiStringsError) as error:
        strings["bundle_smal_note"]
    assert "docs/i18n/ui.zh.yml has no string 'bundle_smal_note'" in str(error.value)
    assert "did you mean 'bundle_small_note'" in str(error.value)
    # not a LookupError: a template must not turn it into an empty string
    assert not isinstance(error.value, LookupError)
    hant = ui_strings.for_language(config_of(copy), "zh-Hant")
    with pytest.raises(ui_strings.UiStringsError) as error:
        hant["nothing"]
    assert "docs/i18n/ui.zh.yml (converted for zh-Hant)" in str(error.value)
    assert "plugins > i18n > languages > zh-Hant > extra > ui" in str(error.value)


@pytest.mark.slow
def test_the_build_stops_naming_the_file_and_the_key(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("ui-strings") / "project")
    edit(project / "docs/i18n/ui.zh.yml", "not_found_text:", "not_found_txt:")
    result = build_site(tmp_path_factory.mktemp("ui-strings-site") / "site", project)
    assert result.returncode != 0
    assert ("docs/i18n/ui.zh.yml: 'not_found_txt' is not a key of docs/i18n/ui.en.yml "
            "(did you mean 'not_found_text'?)") in output(result)
