"""The Traditional Chinese edition (zh-Hant, Hong Kong usage), generated from
the Simplified pages at build time (scripts/hant/, docs/i18n/zh-hant.yml)."""
import html as html_lib
import re

import pytest

from helpers import ROOT
from hant import convert, edition, review
from i18n import translations

DOCS = ROOT / "docs"
CONV = edition.converter(str(DOCS), "zh-Hant")
TABLE = CONV.table
ZH_PAGES = sorted(p.name for p in (DOCS / "zh").glob("*.md"))

# Known bad conversions (from issue 27 and OpenCC's reported pitfalls):
# Simplified text, what the edition must say, what it must not say.
BAD_CONVERSIONS = [
    ("文件被发到服务器", "被發到", "被髮到"),
    ("这是谁被发明出来的", "被發明", "被髮明"),
    ("这一页展示了如何关闭", "展示了如何", "展示瞭如何"),
    ("帮助页面介绍了如何检查", "介紹了如何", "介紹瞭"),
    ("副本的标题写明了这一点", "寫明了這一點", "寫明瞭"),
    ("下面标明了你这款手机", "標明了", "標明瞭"),
    ("规定里列明了证件", "列明了", "列明瞭"),
    ("电话卡、物联网卡、无线上网卡", "物聯網卡、無線上網卡", "網絡卡"),
    ("通过法律程序被调取", "法律程序", "法律程式"),
    ("少数组织会这样做", "少數組織", "陣列"),
    ("互联网络的发展", "互聯網絡", "網際網路"),
    ("查看应用权限", "權限", "許可權"),
    ("数据类型", "數據類型", "資料型別"),
    ("注销账号", "刪除帳户", "登出"),
]


@pytest.mark.parametrize("simplified,right,wrong", BAD_CONVERSIONS)
def test_known_bad_conversions_are_guarded(simplified, right, wrong):
    out = CONV.markdown(simplified)
    assert right in out and wrong not in out, out


def test_traditional_text_is_kept_as_it_is():
    headline = "[^x]: “閩男「翻牆」4年後被罰 網質疑怕什麼?酸「1億人都違法」”（福建男子四年前“翻墙”如今被罚）。"
    out = CONV.markdown(headline)
    assert "閩男「翻牆」4年後被罰 網質疑怕什麼?酸「1億人都違法」" in out
    assert "福建男子四年前“翻牆”如今被罰" in out


def test_code_and_addresses_are_not_touched():
    text = "打开 `设置` 和 [链接](https://example.org/设置) 以及 <https://example.org/信息>"
    out = CONV.markdown(text)
    assert "`设置`" in out and "(https://example.org/设置)" in out and "<https://example.org/信息>" in out
    assert out.startswith("打開 ")


def test_hong_kong_vocabulary():
    out = CONV.text("在设置里用手机号登录账号，收到短信后打开链接，服务器上的隐私信息")
    for word in ("設定", "手機號碼", "登入", "帳户", "短訊", "連結", "伺服器", "私隱"):
        assert word in out, out
    assert CONV.text("不能装安卓应用") == "不能裝 Android 應用程式"
    assert CONV.text("设置 > 隐私与安全性 > 高级数据保护") == "設定 > 私隱與保安 > 進階數據保護"


def test_sentence_overrides_still_match_a_simplified_page():
    """An override whose Simplified sentence is in no page any more is dead: delete it
    (or the page was reworded and the override must follow)."""
    texts = [p.read_text(encoding="utf-8") for p in (DOCS / "zh").glob("*.md")]
    texts += [p.read_text(encoding="utf-8") for p in (DOCS / "atlas" / "zh").glob("*.yml")]
    dead = [key for key in TABLE.sentences if not any(key in text for text in texts)]
    assert not dead, f"sentence overrides matching no Simplified page: {dead}"


# Simplified words that no conversion makes right for a Hong Kong reader: 国内
# and 回国 ("in/back to the country": which one?), 单位 (a work unit; in Hong
# Kong a flat). The pages say 中国大陆, 去中国大陆, 雇主, 公司, 部门 instead.
# Allowed: longer words that only contain them, and the law's own words.
REWORDED = {
    "国内": ("中国内地",),
    "回国": (),
    "单位": ("菜单位置", "任何单位和个人"),
}


def test_simplified_pages_avoid_words_that_do_not_convert():
    """Quotations and titles keep their own words (the glossary check's rule:
    anything in “…”, 《…》, a footnote's quoted title or a link is skipped)."""
    from common import md_source
    from i18n import glossary_check

    found = []
    files = [(p, True) for p in (DOCS / "zh").glob("*.md")] + [(p, False) for p in (DOCS / "atlas" / "zh").glob("*.yml")]
    for path, markdown in sorted(files):
        text = path.read_text(encoding="utf-8")
        lines = md_source.prose_lines(text, keep_front_matter=True) if markdown else text.splitlines()
        for number, line in enumerate(lines, start=1):
            if not line:
                continue
            line = glossary_check.checked_text(line, footnote=line.startswith("[^"))
            for word, allowed in REWORDED.items():
                for longer in allowed:
                    line = line.replace(longer, " " * len(longer))
                if word in line:
                    found.append(f"{path.name}:{number}: {word}")
    assert not found, found


def law_titles():
    found = set()
    for name in ZH_PAGES:
        found.update(re.findall(r"《[^《》\n]*》", (DOCS / "zh" / name).read_text(encoding="utf-8")))
    return sorted(found)


def test_the_site_cites_law_titles():
    titles = law_titles()
    assert len(titles) >= 20 and "《中华人民共和国网络安全法》" in titles


@pytest.mark.parametrize("title", law_titles())
def test_every_cited_title_is_its_plain_character_conversion(site, title):
    """A PRC law has no Traditional text of its own: its title in Traditional is
    the plain character conversion (as Hong Kong's government and press write
    《中華人民共和國網絡安全法》), with no vocabulary (信息 stays 信息)."""
    official = convert.plain(title)
    assert CONV.text(f"根据{title}第一条") == f"根據{official}第一條"
    pages = [name for name in ZH_PAGES if title in (DOCS / "zh" / name).read_text(encoding="utf-8")]
    built = (site / "zh-Hant" / pages[0].replace(".md", ".html")).read_text(encoding="utf-8")
    assert html_lib.escape(official, quote=False) in built or official in built, (title, official, pages[0])


def test_official_titles_checked_by_hand():
    for simplified, official in [
        ("《中华人民共和国网络安全法》", "《中華人民共和國網絡安全法》"),
        ("《中华人民共和国个人信息保护法》", "《中華人民共和國個人信息保護法》"),
        ("《中华人民共和国数据安全法》", "《中華人民共和國數據安全法》"),
        ("《中华人民共和国反电信网络诈骗法》", "《中華人民共和國反電信網絡詐騙法》"),
        ("《互联网用户账号信息管理规定》", "《互聯網用户賬號信息管理規定》"),
    ]:
        assert CONV.text(simplified) == official


def text_of(path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return html_lib.unescape(text)


def test_no_never_word_in_the_built_pages(site):
    from atlas import data

    spans = []
    for name in ZH_PAGES:
        edition.read_page(str(DOCS), "zh-Hant", name, spans)
    # the settings atlas: its source titles, and labels quoted in Traditional as the phone shows them
    edition.convert_atlas(data.load(str(DOCS), "zh"), CONV, spans)
    found = {}
    for path in sorted((site / "zh-Hant").glob("*.html")):
        hits = convert.never_found(TABLE, text_of(path), spans)
        if hits:
            found[path.name] = hits[:5]
    assert not found, found


def test_pages_are_built_with_lang_zh_hant_hk_and_the_notice(site):
    for name in ZH_PAGES:
        path = site / "zh-Hant" / name.replace(".md", ".html")
        page = path.read_text(encoding="utf-8")
        assert '<html lang="zh-Hant-HK"' in page, path
        state = review.state_of(str(DOCS), "zh-Hant", "zh", name).state
        if state != review.REVIEWED:
            assert "本頁由簡體中文版自動轉換" in page and f'data-generated="{state}"' in page, path
    assert '<html lang="zh-Hant-HK"' in (site / "zh-Hant" / "404.html").read_text(encoding="utf-8")


def test_a_changed_source_brings_the_notice_back(tmp_path):
    docs = tmp_path / "docs"
    (docs / "zh").mkdir(parents=True)
    (docs / "i18n").mkdir()
    page = docs / "zh" / "about.md"
    page.write_text("# 关于\n", encoding="utf-8")
    reviewed = translations.file_hash(page)
    (docs / "i18n" / "zh-hant-review.yml").write_text(
        "pages:\n  about.md:\n    reviewer: A\n    date: 2027-01-01\n"
        f"    source_hash: {reviewed}\n    note: the whole page\n", encoding="utf-8")
    assert review.state_of(str(docs), "zh-Hant", "zh", "about.md").state == review.REVIEWED
    page.write_text("# 关于本站\n", encoding="utf-8")
    assert review.state_of(str(docs), "zh-Hant", "zh", "about.md").state == review.CHANGED


def test_the_review_record_starts_empty():
    assert review.load(str(DOCS), "zh-Hant") == {}


def test_ui_strings_are_converted_from_the_simplified_ones(site):
    home = (site / "zh-Hant" / "index.html").read_text(encoding="utf-8")
    assert "<title>手機風險自查</title>" in home
    assert "快速離開" in home  # quick_exit_title, converted


def test_check_page_renders_in_traditional(site):
    page = (site / "zh-Hant" / "check.html").read_text(encoding="utf-8")
    assert 'id="q-maker"' in page and "哪家廠商的？</legend>" in page
    assert "selfcheck" in page and "sc-q" in page


def test_atlas_uses_hong_kong_labels_and_says_which_are_unconfirmed(site):
    text = text_of(site / "zh-Hant" / "settings.html")
    assert "設定 > 私隱與保安" in text
    assert "未經來源核實" in text
    assert "隐私与安全性" not in text


def test_switcher_has_three_languages(site):
    for rel in ("index.html", "zh/index.html", "zh-Hant/index.html"):
        page = (site / rel).read_text(encoding="utf-8")
        links = re.findall(r'<a class="rs-lang" href="[^"]*" hreflang="([^"]+)"', page)
        assert len(links) == 2 and len(set(links)) == 2, (rel, links)


def test_search_index_and_query_map(site):
    import json

    index = json.loads((site / "zh-Hant" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and all(d["location"].startswith("zh-Hant/") for d in index["docs"])
    text = " ".join(d["text"] for d in index["docs"])
    assert "\u200b輸入法\u200b" in text, "the segmenter cut the converted words apart"
    query_map = (site / "zh-Hant" / "search" / "query_map.js").read_text(encoding="utf-8")
    assert query_map.startswith("var __queryMap = ")
    data = json.loads(query_map[len("var __queryMap = "):].rstrip(";\n"))
    assert ["设置", "設定"] in data["phrases"] and data["chars"]["实"] == "實"


@pytest.mark.parametrize("words,expected", [("實名", "zh-Hant/real-name.html"), ("輸入法", "zh-Hant/"),
                                            ("实名", "zh-Hant/real-name.html"), ("设置", "zh-Hant/")])
def test_search_finds_traditional_and_simplified_queries(make_context, server, words, expected):
    from helpers import search

    context, audit = make_context()
    page = context.new_page()
    page.goto(server + "zh-Hant/index.html")
    items = search(page, words)
    items.first.wait_for()
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
    resolved = [page.evaluate("h => new URL(h, location.href).href", h) for h in hrefs]
    assert resolved and all("/zh-Hant/" in h for h in resolved), resolved
    assert any(expected in h for h in resolved), (words, resolved)
    assert audit.outside == [] and audit.console_errors == []


def test_mainland_models_keep_the_simplified_menu_words_and_say_why():
    from atlas import data

    atlas = edition.convert_atlas(data.load(str(DOCS), "zh"), CONV)
    note = TABLE.mainland_note
    assert note and "hyperos-cn" in TABLE.mainland_systems and "ios" not in TABLE.mainland_systems
    source = data.load(str(DOCS), "zh")
    seen = 0
    for system in TABLE.mainland_systems:
        for task, entry in atlas["systems"][system]["entries"].items():
            before = source["systems"][system]["entries"][task]
            for key in ("path", "search"):
                assert entry.get(key) == before.get(key), (system, task, key)
            if before.get("path") or before.get("search"):
                assert note in entry["note"], (system, task)
                seen += 1
    assert seen
    # a phone sold in Hong Kong still gets the Hong Kong labels, without that note
    ios = atlas["systems"]["ios"]["entries"]
    assert not any(note in str(entry.get("note") or "") for entry in ios.values())
    assert any("設定" in str(entry.get("path") or "") for entry in ios.values())


def test_mainland_menus_must_name_atlas_systems(tmp_path):
    from atlas import data

    text = (DOCS / "i18n" / "zh-hant.yml").read_text(encoding="utf-8").replace(
        "systems: [coloros,", "systems: [no-such-phone, coloros,")
    bad = tmp_path / "zh-hant.yml"
    bad.write_text(text, encoding="utf-8")
    conv = convert.for_table(str(bad))
    with pytest.raises(ValueError, match="mainland_menus names no atlas system no-such-phone"):
        edition.convert_atlas(data.load(str(DOCS), "zh"), conv)
