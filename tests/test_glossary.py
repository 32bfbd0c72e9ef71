"""The two languages use the same words for the same things: where an English
page uses one of the key terms of the translators' glossary
(docs/en/glossary.md), its Chinese translation uses the glossary's Chinese
term for it.

Only key terms are checked, those whose Chinese form a faithful translation
cannot do without: the rows listed in KEY_TERMS below, and any row whose
Note says "(key term)". Only translations that are not known to be out of
date are checked (an outdated one may lack a term English added since).
Every inconsistency is reported at once, with the file and the term."""
import re

import pytest

from common import md_source
from i18n import translations
from translation_project import ROOT

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
