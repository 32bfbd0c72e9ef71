"""A translator's mistake fails `make build` with a message that names the
file, the line and what to type instead, instead of quietly publishing a
broken page. Each case writes a probe page with one mistake into a copy of
the project and asks the checker the build runs (scripts/i18n/lint.py,
check_page) for its message; two cases build a copy end to end (marked
slow): the probe as written builds, and the build stops on the checker's
problems, reporting them all at once. MkDocs' own strict checks of a broken
link or anchor on a Chinese page: test_build_errors.py."""
import pytest

from helpers import build_site
from i18n import lint
from i18n import translations
from translation_project import CURRENT, PROBE_EN, RESTRUCTURED, copy_project, output, probe_zh, write

PROBE = "i18n-probe.md"
ZH = f"docs/zh/{PROBE}"

# The translation checker's (i18n/lint.py), asked directly.
CASES = [
    ("front matter: unclosed quote", "zh", "title: 翻译测试页", 'title: "翻译测试页',
     f"{ZH}:2:", "not valid YAML"),
    ("front matter: full-width colon", "zh", "title: 翻译测试页", "title：翻译测试页",
     f"{ZH}:2:", "type 'title: '"),
    ("front matter: no space after colon", "zh", "description: 翻译", "description:翻译",
     f"{ZH}:3:", "space after 'description:'"),
    ("front matter: never closed", "zh", "---\n\n# 翻译测试页", "\n# 翻译测试页",
     f"{ZH}:1:", "never closed"),
    ("front matter of an English page", "en", "title: Translation probe", 'title: "Translation probe',
     f"docs/en/{PROBE}:2:", "not valid YAML"),
    ("heading id changed", "zh", "## 第一节 {#first}", "## 第一节 {#di-yi-jie}",
     f"{ZH}:12:", "{#first}"),
    ("heading id dropped", "zh", "### 小节 {#subsection}", "### 小节",
     f"{ZH}:17:", "{#subsection} is missing"),
    ("heading id added", "zh", "更多文字。", "更多文字。\n\n## 多出来的一节 {#extra}",
     f"{ZH}:21:", "{#extra} is not in the English page"),
    ("no space before the id", "zh", "## 第一节 {#first}", "## 第一节{#first}",
     f"{ZH}:12:", "space before '{#first}'"),
    ("link with full-width brackets", "zh", "[首页](index.md)", "【首页】（index.md）",
     f"{ZH}:10:", "[首页](index.md)"),
    ("link with full-width parentheses", "zh", "[首页](index.md)", "[首页]（index.md）",
     f"{ZH}:10:", "[首页](index.md)"),
    ("note box with full-width !!!", "zh", '!!! note "提示"', '！！！ note "提示"',
     f"{ZH}:14:", "'!!!'"),
    ("note box title in curly quotes", "zh", '!!! note "提示"', "!!! note “提示”",
     f"{ZH}:14:", '!!! note "标题"'),
    ("attribute list in full-width braces", "zh", "{#first}", "｛#first｝",
     f"{ZH}:12:", "'{#first}'"),
    ("attribute list with full-width #", "zh", "{#first}", "{＃first}",
     f"{ZH}:12:", "'{#first}'"),
    ("footnote reference in full-width brackets", "zh", "[^probe-source]参见", "［^probe-source］参见",
     f"{ZH}:10:", "'[^probe-source]'"),
    ("footnote definition with full-width colon", "zh", "[^probe-source]: ", "[^probe-source]：",
     f"{ZH}:29:", "'[^probe-source]: '"),
    ("heading with full-width #", "zh", "## 资料来源", "＃＃ 资料来源",
     f"{ZH}:25:", "'## '"),
    ("indent with full-width spaces", "zh", "    提示框里的文字。", "　　提示框里的文字。",
     f"{ZH}:15:", "full-width space"),
    ("footnote marker missing", "zh", "///Footnotes Go Here///\n", "\n",
     f"{ZH}:25:", "///Footnotes Go Here/// is missing"),
]


def texts_with(lang, old, new):
    """The English and Chinese probe with `old` replaced by `new` in `lang`."""
    en_text, zh_text = PROBE_EN, probe_zh()
    if lang == "en":
        assert old in en_text
        en_text = en_text.replace(old, new, 1)
        zh_text = probe_zh(en_text)  # the translation follows the English page
    else:
        assert old in zh_text
        zh_text = zh_text.replace(old, new, 1)
    return en_text, zh_text


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("translation-errors") / "project")


def problems(project, en_text=PROBE_EN, zh_text=None):
    """What the build's checker says of the probe, as the build prints it."""
    write(project, "en", PROBE, en_text)
    write(project, "zh", PROBE, probe_zh(en_text) if zh_text is None else zh_text)
    loaded = translations.load_project(project)
    found = lint.check_page(loaded, "en", PROBE) + lint.check_page(loaded, "zh", PROBE)
    return "\n".join(str(problem) for problem in found)


def build_probe(tmp_path, en_text=PROBE_EN, zh_text=None):
    project = copy_project(tmp_path / "project")
    write(project, "en", PROBE, en_text)
    write(project, "zh", PROBE, probe_zh(en_text) if zh_text is None else zh_text)
    return build_site(tmp_path / "site", project)


def test_the_probe_page_has_no_problem(project):
    """Without this, any failure below could come from the probe itself."""
    assert problems(project) == ""


@pytest.mark.parametrize("lang,old,new,where,words", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_a_mistake_is_named_with_file_and_line(project, lang, old, new, where, words):
    text = problems(project, *texts_with(lang, old, new))
    assert where in text, f"the message does not point at {where}:\n{text}"
    assert words in text, f"the message does not say {words!r}:\n{text}"


def test_markdown_inside_code_is_not_checked(project):
    assert problems(project, zh_text=probe_zh().replace("代码不检查", "代码不检查：`［^2］` 和 `！！！`")) == ""


@pytest.mark.slow
def test_the_probe_page_builds_as_written(probe_site):
    """The session's copy holds the probe as written (CURRENT); the build passed (conftest.py)."""
    project, site = probe_site
    assert (project / "docs" / "en" / CURRENT).read_text(encoding="utf-8") == PROBE_EN
    assert (project / "docs" / "zh" / CURRENT).read_text(encoding="utf-8") == probe_zh(PROBE_EN)
    assert (site / "zh" / CURRENT.replace(".md", ".html")).is_file()


@pytest.mark.slow
def test_the_build_stops_reporting_every_problem_at_once(tmp_path):
    """The checker's one end-to-end failing build."""
    zh_text = (probe_zh().replace("{#first}", "｛#first｝")
               .replace('!!! note "提示"', '！！！ note "提示"')
               .replace("[^probe-source]参见", "［^probe-source］参见"))
    result = build_probe(tmp_path, zh_text=zh_text)
    text = output(result)
    assert result.returncode != 0
    for line in (10, 12, 14):
        assert f"{ZH}:{line}:" in text, text[-3000:]


def test_an_outdated_translation_is_no_problem(project):
    """When English gains a section, the translation is outdated, not broken."""
    en_text = PROBE_EN.replace("More text", "## A new section {#new-section}\n\nMore text")
    assert problems(project, en_text, probe_zh(PROBE_EN)) == ""


@pytest.mark.slow
def test_an_outdated_translation_may_differ_in_structure(probe_site):
    """When English gains a section, the translation is outdated, not broken:
    the site keeps building (with a notice on the page) until a translator
    catches up. The session's copy holds such a page (RESTRUCTURED); it built."""
    project, site = probe_site
    en_text = (project / "docs" / "en" / RESTRUCTURED).read_text(encoding="utf-8")
    zh_text = (project / "docs" / "zh" / RESTRUCTURED).read_text(encoding="utf-8")
    assert "{#new-section}" in en_text and "{#new-section}" not in zh_text
    assert zh_text == probe_zh(PROBE_EN)  # translated from the English page before the change
    html = (site / "zh" / RESTRUCTURED.replace(".md", ".html")).read_text(encoding="utf-8")
    assert "translation-outdated" in html
