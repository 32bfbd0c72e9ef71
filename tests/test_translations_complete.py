"""Every English page has a Chinese twin, and the twin is written in Chinese:
most of what a reader reads on it is Chinese characters, and no paragraph
was left in English. (Source titles in footnotes, code, links and ids stay
as they are and are not counted.)

This fails until the translators have finished; the failures are the to-do
list, one per page, each saying what to do."""
import re

import pytest

from common import md_source
from i18n import translations
from translation_project import ROOT

PROJECT = translations.load_project(ROOT)
ENGLISH_PAGES = sorted(
    p.relative_to(PROJECT.docs_dir / PROJECT.default).as_posix()
    for p in (PROJECT.docs_dir / PROJECT.default).rglob("*.md")
)
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
MIN_SHARE = 0.5  # CJK characters among all letters; English pages score about 0, translations 0.65+
MAX_ENGLISH_WORDS = 8  # a paragraph with more English words than this and no Chinese is untranslated


def paragraphs(lines):
    """(first line number, text) of each block of non-blank lines."""
    block, start = [], 0
    for number, line in enumerate(lines + [""], start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, " ".join(block)
            block = []


def share_of_chinese(text):
    cjk, latin = len(CJK.findall(text)), len(LATIN.findall(text))
    return cjk / (cjk + latin) if cjk + latin else 1.0


def english_paragraphs(lines):
    return [(number, text) for number, text in paragraphs(lines)
            if not CJK.search(text) and len(ENGLISH_WORD.findall(text)) > MAX_ENGLISH_WORDS]


@pytest.mark.parametrize("page", ENGLISH_PAGES)
def test_page_is_translated_into_chinese(page):
    en = PROJECT.label(PROJECT.default, page)
    zh_path = PROJECT.path("zh", page)
    zh = PROJECT.label("zh", page)
    assert zh_path.is_file(), (
        f"{zh} is missing: copy {en} to {zh}, translate it (see CONTRIBUTING.zh.md), "
        f"then run 'make i18n-done PAGE={page}'")
    lines = md_source.reading_text(zh_path.read_text(encoding="utf-8-sig"))
    share = share_of_chinese("\n".join(lines))
    left_in_english = english_paragraphs(lines)
    where = "; ".join(f"line {n}: {text[:60]}..." for n, text in left_in_english[:5])
    assert share >= MIN_SHARE, (
        f"{zh} is mostly not Chinese ({share:.0%} Chinese characters): is it still the English "
        f"text? {where}")
    assert not left_in_english, f"{zh} has paragraphs left in English: {where}"


def test_the_check_tells_english_from_chinese():
    """The measure itself: an English page fails it, a Chinese page passes."""
    english = md_source.reading_text((ROOT / "docs" / "en" / "about.md").read_text(encoding="utf-8"))
    assert share_of_chinese("\n".join(english)) < 0.05
    assert english_paragraphs(english)
    chinese = md_source.reading_text(
        "# 标题\n\n这是一段中文，提到 VPN 和 Apple 账户也没关系。[^src]\n\n"
        "[^src]: \"An English source title that stays in English\". Publisher, 2026. <https://example.org>\n")
    assert share_of_chinese("\n".join(chinese)) >= MIN_SHARE
    assert english_paragraphs(chinese) == []
