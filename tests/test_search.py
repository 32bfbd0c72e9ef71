"""Search finds English and Chinese words, over HTTP and from file://, without
putting the words into the URL."""
import pytest

from helpers import search


CASES = [
    ("index.html", "keyboard", "phone-makers.html"),
    ("index.html", "VPN", "vpn.html"),
    ("zh/index.html", "手机", "zh/"),
    ("zh/index.html", "实名", "zh/real-name.html"),
    ("zh/index.html", "输入法", "zh/"),
    # the settings atlas: a maker's keyboard or system finds its entry
    ("zh/index.html", "小艺输入法", "zh/settings.html"),
    ("zh/index.html", "搜狗输入法小米版", "zh/settings.html"),
    ("zh/index.html", "鸿蒙", "zh/settings.html"),
    ("index.html", "Celia Keyboard", "settings.html"),
    # Chinese characters run into Latin letters, as readers type names
    # (docs/assets/js/on-demand.js splits them as the index is split)
    ("zh/index.html", "澎湃OS", "zh/settings.html"),
    ("zh/index.html", "小米澎湃OS", "zh/settings.html"),
]


@pytest.mark.parametrize("start", sorted({start for start, _, _ in CASES}))
def test_search_finds_words_in_both_languages(make_context, origin, start):
    """Every case of CASES that starts on this page, typed one after the other
    into the same page's search box (emptied, and its results gone, between
    two), so that the page and its index load once."""
    context, audit = make_context()
    page = context.new_page()
    page.goto(origin + start)
    url_before = page.url
    box = page.locator("input.md-search__input")
    missed = []
    for case_start, words, expected in CASES:
        if case_start != start:
            continue
        if box.is_visible():  # open since the case before: typed over, as a reader does
            box.fill("")
            box.press("End")
            page.locator(".md-search-result__item").first.wait_for(state="detached")
            box.fill(words)
            box.press("End")
            items = page.locator(".md-search-result__item")
        else:
            items = search(page, words)
        items.first.wait_for()
        hrefs = page.eval_on_selector_all(".md-search-result__item > a",
                                          "as => as.map(a => new URL(a.getAttribute('href'), location.href).href)")
        if not any(expected in href for href in hrefs):
            missed.append((words, expected, hrefs))
        assert page.url == url_before, f"{words!r}: search words must not go into the URL"
    assert missed == []
    assert audit.outside == [] and audit.console_errors == []


@pytest.mark.parametrize("start,words,lang", [("index.html", "VPN", "en"), ("zh/index.html", "VPN", "zh")])
def test_results_are_in_the_language_of_the_page(make_context, origin, start, words, lang):
    context, audit = make_context()
    page = context.new_page()
    page.goto(origin + start)
    search(page, words).first.wait_for()
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
    resolved = [page.evaluate("h => new URL(h, location.href).href", h) for h in hrefs]
    in_zh = [("/zh/" in href) for href in resolved]
    assert resolved and all(in_zh) if lang == "zh" else not any(in_zh), resolved
    assert audit.outside == [] and audit.console_errors == []


@pytest.mark.parametrize("start,first,then,expected", [
    ("index.html", "keyboard", "real-name", "real-name.html"),
    ("zh/index.html", "输入法", "实名", "zh/real-name.html"),
])
def test_search_follows_text_entered_without_keys(make_context, origin, start, first, then, expected):
    """Pasted text, voice and handwriting input fire `input` events, no key
    presses: the results must follow them (the theme listens for keyup)."""
    context, audit = make_context()
    page = context.new_page()
    page.goto(origin + start)
    page.locator("label.md-header__button[for=__search]").first.click()
    box = page.locator("input.md-search__input")
    box.focus()
    page.keyboard.insert_text(first)  # an input event, no key event
    page.locator(".md-search-result__item").first.wait_for()
    box.evaluate("el => { el.value = ''; }")
    page.keyboard.insert_text(then)  # replaced, as by a paste over a selection
    link = page.locator(".md-search-result__item > a").first
    page.wait_for_function(
        "e => [...document.querySelectorAll('.md-search-result__item > a')].some(a => a.href.endsWith(e))",
        arg=expected)
    assert link.count() and audit.outside == [] and audit.console_errors == []


def test_chinese_index_is_segmented_into_words(site):
    import json

    index = json.loads((site / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert all(d["location"].startswith("zh/") for d in index["docs"])
    zh_text = " ".join(d["text"] for d in index["docs"])
    assert "\u200b" in zh_text, "jieba did not segment the Chinese pages"
    # the user dictionary keeps key terms whole
    assert "\u200b实名\u200b制" not in zh_text
    assert "\u200b云\u200b输入\u200b" not in zh_text


def test_compact_index_keeps_every_word_of_every_section(site):
    """The index holds a teaser and a word list per entry instead of its
    whole text (scripts/postbuild/compact_search_index.py): every word the
    whole text had is still in the entry, so queries find the same sections."""
    import json
    import re

    from postbuild import compact_search_index

    raw = {"config": {"separator": "[\\s\u200b\\-…]+|\\.(?!\\d)", "lang": ["en"],
                      "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
           "docs": [{"location": "a.html", "title": "Keyboards",
                     "text": "<p>" + "The cloud keyboard sends words. " * 12 + "</p><ul><li>Gboard and Sogou</li></ul>"}]}
    out = compact_search_index.compact(raw)
    assert out["config"]["fields"]["words"] == {"boost": 1.0}
    doc = out["docs"][0]
    assert doc["text"].endswith("…") and "<" not in doc["text"] and len(doc["text"]) < 200
    assert doc["words"] == "and Gboard Sogou"  # each word once, none already in the teaser or title
    separator = re.compile(raw["config"]["separator"])

    def words(*texts):
        return {w.lower() for text in texts for w in separator.split(compact_search_index.plain(text)) if w}

    before = raw["docs"][0]
    assert words(before["title"], before["text"]) == words(doc["title"], doc["text"], doc["words"])
    # lunr's English stop words, which the worker's stopWordFilter drops anyway, are left out
    english = compact_search_index.compact(dict(raw, config=dict(raw["config"], pipeline=["stopWordFilter"])))
    assert english["docs"][0]["words"] == "Gboard Sogou"
    chinese = dict(raw["config"], pipeline=["stopWordFilter"], lang=["zh"])
    assert compact_search_index.compact(dict(raw, config=chinese))["docs"][0]["words"] == "and Gboard Sogou"
    for path in site.glob("**/search/search_index.json"):
        index = json.loads(path.read_text(encoding="utf-8"))
        separator = re.compile(index["config"]["separator"])
        assert "words" in index["config"]["fields"]
        for doc in index["docs"]:
            assert "<" not in doc["text"], doc["location"]
            assert len(doc["text"]) <= compact_search_index.TEASER_WIDTH + 1 or "\u200b" in doc["text"]
            seen = {w.lower() for w in separator.split(doc["text"] + " " + doc["title"] + " "
                                                         + doc.get("words", "")) if w}
            assert "手机" in seen or "phone" in seen or doc["location"] not in ("index.html", "zh/index.html")


PARITY = {
    ".": ["phone", "pho", "keyboard", "VPN", "Celia Keyboard", "real-name", "Wi-Fi", "the", "2026", "quick exit"],
    "zh": ["手机", "实名", "输入法", "小艺输入法", "搜狗输入法小米版", "鸿蒙", "澎湃OS", "小米澎湃OS", "手", "的", "VPN"],
    "zh-Hant": ["手機", "實名", "輸入法", "設定", "小米澎湃OS"],
}


@pytest.mark.parametrize("folder", sorted(PARITY))
def test_small_files_find_what_the_theme_search_finds(site, folder):
    """search-lite.js on the files of search/lite/ (search_shards.py) answers
    a query as the theme's own worker (lunr, run here in Node on the same
    index) does: the same pages and sections, the same scores, the same
    marked titles and teasers, the same missing words and suggestion. Only
    entries of equal score may come in another order (lunr's sums differ
    from ours in their last bits)."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = Path(__file__).with_name("search_parity.js")
    out = subprocess.run([node, str(script), str(site), folder, *PARITY[folder]],
                         capture_output=True, text=True, check=True, timeout=120)
    for case in json.loads(out.stdout):
        theme, lite = case["theme"], case["lite"]
        where = f"{folder}: {case['query']!r}"
        assert theme["items"], f"{where}: the theme's search found nothing"
        assert theme["suggest"] == lite["suggest"], where

        def entries(result):
            return {item["location"]: item for group in result["items"] for item in group}

        def ranks(result):
            # each page's group: its entries' scores in order, and which entries
            return ([round(group[0]["score"], 6) for group in result["items"]],
                    sorted((group[0]["location"].split("#")[0], tuple(round(i["score"], 6) for i in group),
                            tuple(sorted(i["location"] for i in group))) for group in result["items"]))

        assert ranks(theme) == ranks(lite), where
        theirs, ours = entries(theme), entries(lite)
        assert theirs.keys() == ours.keys(), where
        for location, item in theirs.items():
            mine = ours[location]
            assert (item["title"], item["text"], item["terms"]) == (mine["title"], mine["text"], mine["terms"]), \
                f"{where}: {location}"


@pytest.mark.parametrize("start,words", [("zh/index.html", "手机实名"), ("index.html", "phone keyboard"),
                                         ("zh-Hant/index.html", "實名")])
def test_search_asks_only_for_the_files_the_query_needs(make_context, origin, start, words):
    """on-demand.js asks for a query's word files before search-lite.js is in,
    and search-lite.js asks for what it still lacks; both must cut words into
    files as the build does (postbuild/search_shards.shard_key): the titles,
    the teasers, and for each word its first character's file (for a run of
    Chinese characters, every character but the last), each asked once."""
    from postbuild.search_shards import shard_key

    context, audit = make_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda r: "/search/lite/" in r.url and asked.append(r.url.rsplit("/", 1)[1]))
    held = []
    if origin.startswith("http"):
        # search-lite.js held back, as on a slow link: on-demand.js asks first
        page.route("**/assets/js/search-lite.js", lambda route: held.append(route))
    page.goto(origin + start)
    if origin.startswith("http"):
        word_file = lambda r: "/search/lite/" in r.url and not r.url.endswith(("/docs.js", "/text.js"))
        with page.expect_request(word_file):
            items = search(page, words)
        assert held and not page.evaluate("() => !!window.__search.search")
        held[0].continue_()
    else:
        items = search(page, words)
    items.first.wait_for()
    page.wait_for_function("() => window.__search.data.text && window.__search.theme")
    page.wait_for_load_state("networkidle")
    keys = {"docs", "text"}
    for word in words.split():
        keys |= {shard_key(c) for c in word[:-1]} if not word.isascii() else {shard_key(word[0])}
    assert sorted(asked) == sorted(f"{k}.js" for k in keys), (words, asked)
    assert audit.outside == [] and audit.console_errors == []
