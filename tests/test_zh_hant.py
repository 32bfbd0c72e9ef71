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
    # found reading the built zh-Hant pages (check, vpn, protect, phone-makers, about, trainers)
    ("你的云端备份是端到端加密的吗？也就是只有你自己能打开。", "也就是只有", "隻有"),
    ("VPN 拦不住数据收集，最多只是改变数据送到哪里", "最多只是", "隻是"),
    ("指南里有更多内容", "指南裏", "指南里"),
    ("手机上的副本里没有指向", "副本裏", "副本里"),
    ("所有受检的版本里，都用", "版本裏", "版本里"),
    ("有些厂商会在版本号里加上市场代码", "版本號裏加上", "號里"),
    ("滑块一出现就松手", "一出現", "齣"),
    ("在检查中都可能被复制走", "被複製走", "複制"),
    ("开着无痕模式也照样记录，并发往远程服务器", "並發往", "併發"),
    ("因中国不允许而没有采用", "沒有採用", "有采用"),
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


# Mainland words found reading the built pages, with the Hong Kong word.
HONG_KONG_WORDS = [
    ("谁运营服务器，谁就能看到你的连接", "誰營運伺服器", "運營"),
    ("网络运营者不得为其提供服务", "網絡運營者", "營運者"),  # the Cybersecurity Law's term
    ("通常是网络：移动运营商、Wi-Fi", "流動電訊商", "移動"),
    ("带面容 ID 的 iPhone：面容 ID/触控 ID 暂时停用", "帶 Face ID 的 iPhone：Face ID/Touch ID", "面容 ID"),
    ("应用都来自华为应用市场", "華為應用市場", "應用程式市場"),
    ("叫法不一，比如“应用市场”“软件商店”", "“應用市場”", "應用程式市場"),
    ("先掂量这个风险", "先衡量這個風險", "掂量"),
    ("这周要做", "本週要做", "這週"),
    ("翻一翻以前的帖子", "帖文", "帖子"),
    ("在 Signal 里创建用户名", "建立", "創建"),
    ("始终开启的 VPN，以及屏蔽不经 VPN 的连接", "封鎖不經", "屏蔽"),
    ("其他 App：隐私与安全性 > 跟踪", "追蹤", "跟蹤"),
    ("来源是苹果英文（英国）支持文章", "支援文章", "支持"),
    ("查了华为服务支持页面", "服務支援頁面", "支持"),
    ("来源是英文的独立教程网站", "教學網站", "教程"),
    ("如果有一方不得不停用某个应用，还能怎么联系。", "怎麼聯絡", "聯繫"),
    ("真名或人脸会把公开账号和你本人联系起来。", "聯繫起來", "聯絡起來"),
    ("适合电脑、U 盘，以及会解压文件的人", "USB 手指", "U 盤"),
    ("从电脑硬盘上打开压缩包里的", "壓縮檔", "壓縮包"),
    ("打开后显示的是一堆代码", "程式碼", "代碼"),
    ("开源代码可以让别人检查", "開源程式碼", "開原始碼"),
    ("有些厂商会在版本号里加上市场代码", "市場代碼", "程式碼"),
    ("文件里哪怕只改动一个字符", "字元", "字符"),
    ("图片会按“指纹”（哈希值）实时比对", "（雜湊值）即時比對", "實時"),
    ("要通过实时视频等方式核验", "即時視像", "視頻"),
    ("手机上显示的菜单路径、核实时依据的系统版本", "核實時依據", "即時"),
    ("收集的手机号和电子邮箱地址", "電郵地址", "郵箱"),
    ("不要用聊天群或网盘里转来的安装包", "雲端硬碟", "網盤"),
    ("这项权限不会弹窗", "彈出視窗", "彈窗"),
    ("Signal 官方博客", "網誌", "博客"),
    ("用手机读取身份证芯片", "晶片", "芯片"),
    ("能读取图片和音频文件", "音訊", "音頻"),
    ("不用浏览器数据库、离线缓存", "資料庫", "數據庫"),
    ("全文见国家法律法规数据库", "國家法律法規數據庫", "資料庫"),  # the database's own name
]


@pytest.mark.parametrize("simplified,right,wrong", HONG_KONG_WORDS)
def test_hong_kong_words_found_in_review(simplified, right, wrong):
    out = CONV.text(simplified)
    assert right in out and wrong not in out, out


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


def test_a_simplified_query_is_read_once_the_query_map_is_in(make_context, server):
    """On a slow link the query map may come after search-lite.js, the titles
    and the words' files: a Simplified query typed before then is answered
    (once the map is in), never left at "no results"."""
    from helpers import search

    context, audit = make_context()
    page = context.new_page()
    held = []
    page.route("**/zh-Hant/search/query_map.js", lambda route: held.append(route))
    page.goto(server + "zh-Hant/index.html")
    items = search(page, "实名")
    page.wait_for_function("() => window.__search && window.__search.search && window.__search.data.docs")
    assert held, "the query map was never asked for"
    assert items.count() == 0
    held[0].continue_()
    items.first.wait_for()
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
    assert any("zh-Hant/real-name.html" in h for h in hrefs), hrefs
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
