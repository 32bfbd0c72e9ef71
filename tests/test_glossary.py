"""The two languages use the same words for the same things: where an English
page uses one of the key terms of the translators' glossary
(docs/en/glossary.md), its Chinese translation uses the glossary's Chinese
term for it.

Only key terms are checked, those whose Chinese form a faithful translation
cannot do without: the rows listed in KEY_TERMS below, and any row whose
Note says "(key term)". Only translations that are not known to be out of
date are checked (an outdated one may lack a term English added since).
Every inconsistency is reported at once, with the file and the term.

The other direction is a build check (scripts/i18n/glossary_check.py): the
variants the Chinese glossary lists in its 不写 ("do not write") column stop
the build wherever a Chinese page uses them outside quotation marks. Its
tests are at the end of this file: the checker on small fixtures, the real
pages passing it, and one strict build that fails on a probe page."""
import re

import pytest

from common import md_source
from i18n import glossary_check, translations
from translation_project import PROBE_EN, ROOT, copy_project, output, probe_zh, write

PROJECT = translations.load_project(ROOT)
GLOSSARY = PROJECT.path(PROJECT.default, "glossary.md")
HEADER = ["English", "中文", "Note"]
MARKER = "(key term)"

# Rows of the glossary (its English cell, as written there) whose Chinese term
# every translation must use: a reader should meet the same word for the same
# thing on every page. Left out on purpose: words English uses in more than
# one sense, such as "real-name registration" (the system, 实名制, but also
# one act of registering a SIM card, rightly 实名登记).
KEY_TERMS = [
    "self-check",
    "VPN",
    "real-name verification",
    "input method / keyboard",
    "end-to-end encryption",
    "factory reset",
    "cloud backup",
    "cloud sync",
    "two-factor authentication",
    "pre-installed app",
    "Counter-terrorism Law",
    "Cybersecurity Law",
    "Data Security Law",
    "Personal Information Protection Law",
]


def cells(line):
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_glossary(text):
    """[(English cell, 中文 cell, Note cell, line number)] from the glossary's table."""
    rows, in_table = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.lstrip().startswith("|"):
            in_table = False
            continue
        row = cells(line)
        if row[:3] == HEADER:
            in_table = True
        elif in_table and not all(set(cell) <= set("-: ") for cell in row):
            if len(row) < 3:
                raise AssertionError(f"{GLOSSARY.name}:{number}: a row needs three cells: {line}")
            rows.append((row[0], row[1], row[2], number))
    return rows


def alternatives(cell):
    """The forms a cell allows: 'A / B' gives A and B; '(notes)' and quotes are dropped."""
    forms = []
    for form in cell.split(" / "):
        form = re.sub(r"\([^)]*\)", "", form).strip().strip("\"“”'")
        if form:
            forms.append(form)
    return forms


def english_pattern(term):
    """Whole words, any case, an optional plural ending, any space or hyphen between words."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", term)]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?:s|es)?(?![\w-])", re.I)


def squeeze(text):
    return re.sub(r"\s+", "", text).lower()


def key_rows(rows):
    return [row for row in rows if row[0] in KEY_TERMS or MARKER in row[2]]


def inconsistencies(rows, pairs):
    """Every (file, term) where English uses a key term and Chinese lacks its Chinese form.

    `pairs` is a list of (page, English text, Chinese label, Chinese text).
    """
    found = []
    for page, en_text, zh_label, zh_text in pairs:
        en_lines = md_source.reading_text(en_text)
        zh_plain = squeeze(" ".join(md_source.reading_text(zh_text)))
        for english, chinese, _, _ in key_rows(rows):
            used = None
            for number, line in enumerate(en_lines, start=1):
                if any(english_pattern(form).search(line) for form in alternatives(english)):
                    used = number
                    break
            if used is None:
                continue
            forms = alternatives(chinese)
            if not any(squeeze(form) in zh_plain for form in forms):
                found.append(
                    f"{zh_label}: the English page uses '{english}' (line {used}) but this "
                    f"page has none of the glossary's Chinese terms for it: {' / '.join(forms)}")
    return found


def translated_pairs():
    pairs = []
    for page in PROJECT.pages():
        if page == "glossary.md":
            continue
        state = translations.state_of(PROJECT, page, "zh")
        checked = state.state == translations.TRANSLATED or state.reason == translations.UNMARKED
        if not checked:
            continue
        pairs.append((
            page,
            PROJECT.path(PROJECT.default, page).read_text(encoding="utf-8-sig"),
            PROJECT.label("zh", page),
            PROJECT.path("zh", page).read_text(encoding="utf-8-sig"),
        ))
    return pairs


@pytest.fixture(scope="module")
def rows():
    if not GLOSSARY.is_file():
        pytest.skip(f"{PROJECT.label(PROJECT.default, 'glossary.md')} does not exist yet")
    found = parse_glossary(GLOSSARY.read_text(encoding="utf-8"))
    assert found, f"{GLOSSARY.name} has no table with the columns | English | 中文 | Note |"
    return found


def test_every_key_term_is_in_the_glossary(rows):
    listed = {row[0] for row in rows}
    absent = [term for term in KEY_TERMS if term not in listed]
    assert not absent, (
        f"KEY_TERMS in {__name__}.py names rows the glossary does not have (renamed?): {absent}")


def test_chinese_pages_use_the_glossary_terms(rows):
    problems = inconsistencies(rows, translated_pairs())
    assert not problems, "\n" + "\n".join(problems)


def test_the_check_finds_a_term_the_translation_lacks():
    """The check itself: a translation that says 出厂重置 for "factory reset" is caught."""
    rows = parse_glossary(
        "| English | 中文 | Note |\n| --- | --- | --- |\n"
        "| factory reset | 恢复出厂设置 | Erasing a phone. |\n"
        "| cloud backups / cloud copy | 云备份 | Something else. (key term) |\n")
    en = "# Steps\n\nDo a Factory Reset before selling. Keep cloud backups.\n"
    good = "# 步骤\n\n卖掉手机前先恢复出厂设置。保留云备份。\n"
    bad = "# 步骤\n\n卖掉手机前先出厂重置。保留云端副本。\n"
    assert inconsistencies(rows, [("p.md", en, "zh/p.md", good)]) == []
    problems = inconsistencies(rows, [("p.md", en, "zh/p.md", bad)])
    assert len(problems) == 2
    assert "zh/p.md" in problems[0] and "factory reset" in problems[0] and "恢复出厂设置" in problems[0]
    assert "cloud backups / cloud copy" in problems[1]


# --- the 不写 column: variants the Chinese pages do not use ---------------------

FIXTURE_GLOSSARY = (
    "| 英文 | 中文 | 说明 | 不写 |\n| --- | --- | --- | --- |\n"
    "| account | 账号 | 说明。 | 帐号、帐户 |\n"
    "| account region | 中国大陆区 | 说明。 | 中国区、国区 |\n"
    "| phone check | 查手机 | 说明。 | 查验手机 |\n"
    "| Google | Google / 谷歌公司 | 说明。 | 谷歌 |\n"
    "| factory reset | 恢复出厂设置 | 没有不写的词。 |  |\n")


@pytest.fixture(scope="module")
def rules():
    return glossary_check.parse_rules(FIXTURE_GLOSSARY)


def test_the_avoid_column_is_read_row_by_row(rules):
    assert [(r.preferred, r.english, r.avoid, r.line) for r in rules] == [
        ("账号", "account", ["帐号", "帐户"], 3),
        ("中国大陆区", "account region", ["中国区", "国区"], 4),
        ("查手机", "phone check", ["查验手机"], 5),
        ("Google", "Google", ["谷歌"], 6),
    ]


def test_a_variant_inside_its_own_term_is_refused():
    with pytest.raises(ValueError, match=r"g\.md:3: '大陆' .*中国大陆区"):
        glossary_check.parse_rules(
            "| 英文 | 中文 | 说明 | 不写 |\n| --- | --- | --- | --- |\n"
            "| region | 中国大陆区 | 说明。 | 大陆 |\n", "g.md")


def test_a_variant_in_prose_is_named_with_file_line_and_term(rules):
    page = ("---\ntitle: 登录帐号\n---\n\n# 标题\n\n"
            "先退出帐号，再看中国区 App Store。\n\n"
            "```\n帐号 in a code block\n```\n\n`帐号` in inline code.\n")
    problems = glossary_check.check_markdown("docs/zh/p.md", page, rules)
    assert [str(p).split(" (")[0] for p in problems] == [
        "docs/zh/p.md:2: '帐号': write '账号' instead",
        "docs/zh/p.md:7: '帐号': write '账号' instead",
        "docs/zh/p.md:7: '中国区': write '中国大陆区' instead",  # not also as 国区
    ]
    assert "account region" in str(problems[2]) and "不写" in str(problems[2])


def test_quotes_titles_footnote_sources_and_allow_markers_are_not_checked(rules):
    page = (
        "# 标题\n\n"
        "在“帐号”里点“谷歌”。《查验手机规定》第一条。「国区」是俗称。\n"
        "依法查验手机的条文。<!-- glossary-allow: 查验手机 -->\n"
        '[^a]: "谷歌帐号帮助"（Google 的帮助页面）。Example，无日期。<https://example.org/谷歌>\n'
        "[^b]: “中国区 App Store 新闻”（关于帐号的报道）。Example，2020。\n"
        "正文里又写了谷歌。\n")
    problems = glossary_check.check_markdown("docs/zh/p.md", page, rules)
    assert [(p.line, p.message.split("'")[1]) for p in problems] == [(6, "帐号"), (7, "谷歌")]


def test_atlas_values_copied_from_the_phone_are_not_checked(rules):
    atlas = (
        "# A comment with 帐号 is not text the reader sees.\n"
        "magicos:\n"
        "  name: \"荣耀\"\n"
        "  entries:\n"
        "    account-devices:\n"
        "      path: \"设置 > 荣耀帐号 > 设备\"\n"
        "      search: \"荣耀帐号\"\n"
        "      keyboard: \"Gboard（谷歌键盘）\"\n"
        "      note: \"英文页面显示帐号安全位于这里\"\n"
        "      not_found: >-\n"
        "        未找到中国区\n"
        "        的来源。\n"
        "      source:\n"
        "        title: \"荣耀帐号帮助\"\n"
        "        publisher: \"谷歌\"\n"
        "      version: \"MagicOS\" # glossary-allow: 帐号\n")
    problems = glossary_check.check_yaml("docs/atlas/zh/magicos.yml", atlas, rules)
    assert [(p.line, p.message.split("'")[1]) for p in problems] == [(9, "帐号"), (11, "中国区")]


def test_pages_the_check_page_and_the_atlas_are_all_checked(tmp_path):
    docs = tmp_path / "docs"
    (docs / "zh").mkdir(parents=True)
    (docs / "atlas" / "zh").mkdir(parents=True)
    (docs / "zh" / "glossary.md").write_text("# 术语表\n\n" + FIXTURE_GLOSSARY + "\n用帐号举例。\n", encoding="utf-8")
    (docs / "zh" / "vpn.md").write_text("# 页\n\n登录谷歌。\n", encoding="utf-8")
    (docs / "zh" / "check.md").write_text("# 自查\n\n登录谷歌。\n", encoding="utf-8")
    (docs / "atlas" / "zh" / "ios.yml").write_text("ios:\n  note: \"谷歌\"\n", encoding="utf-8")
    failing = glossary_check.check_language(docs, "zh")
    assert [f"{p.file}:{p.line}" for p in failing] == ["docs/zh/check.md:3", "docs/zh/vpn.md:3",
                                                        "docs/atlas/zh/ios.yml:2"]
    assert glossary_check.check_language(docs, "fr") == []  # no glossary: nothing to check


def test_the_chinese_glossary_lists_variants_and_the_pages_avoid_them():
    docs = ROOT / "docs"
    listed = glossary_check.parse_rules(
        (docs / "zh" / "glossary.md").read_text(encoding="utf-8"), "docs/zh/glossary.md")
    avoided = {word for rule in listed for word in rule.avoid}
    assert {"帐号", "谷歌", "聊天软件", "翻墙软件", "中国区", "国区", "一键锁定"} <= avoided, avoided
    failing = glossary_check.check_language(docs, "zh")
    assert not failing, "\n" + "\n".join(map(str, failing))


@pytest.mark.slow
def test_a_listed_variant_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    write(project, "en", "i18n-probe.md", PROBE_EN)
    zh = probe_zh().replace("更多文字。", "更多文字。先退出帐号。")
    assert zh != probe_zh()
    write(project, "zh", "i18n-probe.md", zh)
    line = zh.splitlines().index(next(l for l in zh.splitlines() if "帐号" in l)) + 1
    from helpers import build_site
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert f"docs/zh/i18n-probe.md:{line}: '帐号': write '账号' instead" in output(result)
