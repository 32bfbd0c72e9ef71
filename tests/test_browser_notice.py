"""The notice in browsers that can report the pages read in them
(docs/assets/js/reading-safety.js): opened inside WeChat, QQ, UC, Baidu,
Quark or a phone maker's own browser, every page shows a notice marked
`data-browser-notice`, in the page's language, that hides for this page only
and comes back on the next load (nothing is stored). Ordinary Chrome,
Firefox and Safari get no notice.

The user-agent strings are real ones, as published in public collections of
user agents (one per browser; where a repository is named, its file lists
the string): WeChat on iOS and on Windows (blog posts on detecting WeChat),
QQ (hubvue/tools packages/utils/__mocks__/ua.ts), QQ Browser, Baidu app,
Quark, Huawei, Xiaomi (a scraper's list of Chinese mobile user agents), UC
and Chrome on a Xiaomi phone (dconlinescan/blog mobile/ua.md), OPPO/HeyTap
and vivo (user-agent parser test data), Chrome/Safari on desktop and iPhone
(galacean/effects-runtime test device list)."""
import pytest

from common import project_config, ui_strings
from helpers import ROOT, stored_anything

CONFIG = project_config.load(ROOT / "mkdocs.yml")
WORDS = {lang: ui_strings.for_language(CONFIG, lang) for lang in ("en", "zh", "zh-Hant")}

REPORTING = {
    "WeChat (iPhone)": "Mozilla/5.0 (iPhone; CPU iPhone OS 15_2_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/7.0.4(0x17000820) NetType/4G Language/zh_CN",
    "WeChat (Windows)": "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/39.0.2171.95 Safari/537.36 MicroMessenger/6.5.2.501 NetType/WIFI WindowsWechat",
    "QQ": "Mozilla/5.0 (Linux; Android 5.1; OPPO R9tm Build/LMY47I; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/53.0.2785.49 Mobile MQQBrowser/6.2 TBS/043128 Safari/537.36 V1_AND_SQ_7.0.0_676_YYB_D PA QQ/7.0.0.3135 NetType/4G WebP/0.3.0 Pixel/1080",
    "QQ Browser": "Mozilla/5.0 (Linux; U; Android 10; zh-cn; MI 9 Transparent Edition Build/QKQ1.190825.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/77.0.3865.120 MQQBrowser/11.1 Mobile Safari/537.36 COVC/045429",
    "UC Browser": "Mozilla/5.0 (Linux; U; Android 6.0.1; zh-CN; MI 4W Build/MMB29M) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 UCBrowser/11.0.4.846 U3/0.8.0 Mobile Safari/534.30",
    "Baidu app": "Mozilla/5.0 (Linux; Android 10; LYA-AL00 Build/HUAWEILYA-AL00L; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/63.0.3239.83 Mobile Safari/537.36 T7/11.15 baiduboxapp/11.15.5.10 (Baidu; P1 10)",
    "Quark": "Mozilla/5.0 (Linux; U; Android 10; zh-CN; PBET00 Build/QKQ1.190918.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 Quark/4.6.1.159 Mobile Safari/537.36",
    "Huawei Browser": "Mozilla/5.0 (Linux; Android 10; STK-AL00; HMSCore 5.0.4.301) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/83.0.4103.106 HuaweiBrowser/11.0.4.300 Mobile Safari/537.36",
    "Xiaomi Browser": "Mozilla/5.0 (Linux; U; Android 11; zh-cn; Mi9 Pro 5G Build/RKQ1.200826.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/79.0.3945.147 Mobile Safari/537.36 XiaoMi/MiuiBrowser/13.7.15",
    "OPPO / HeyTap Browser": "Mozilla/5.0 (Linux; U; Android 11; zh-cn; PDRM00 Build/RKQ1.200903.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/70.0.3538.80 Mobile Safari/537.36 HeyTapBrowser/40.7.27.2",
    "vivo Browser": "Mozilla/5.0 (Linux; Android 14; V2314A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/87.0.4280.141 Mobile Safari/537.36 VivoBrowser/19.3.1.0",
}

ORDINARY = {
    "Chrome (Android, on a Xiaomi phone)": "Mozilla/5.0 (Linux; Android 6.0.1; MI 4W Build/MMB29M) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/50.0.2661.89 Mobile Safari/537.36",
    "Chrome (Android, Samsung)": "Mozilla/5.0 (Linux; Android 11; SM-G9860) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.101 Mobile Safari/537.36",
    "Chrome (Windows)": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Firefox (Windows)": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:76.0) Gecko/20100101 Firefox/76.0",
    "Firefox ESR (Linux)": "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0",
    "Safari (iPhone)": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
}


def notice_on(make_context, base, rel, user_agent, opened=None):
    """Open `rel` in a new context with `user_agent`, or in the page of
    `opened` (what an earlier call returned: the same browser, nothing
    stored, the next page the reader opens)."""
    if opened is None:
        context, audit = make_context(user_agent=user_agent)
        page = context.new_page()
    else:
        page, audit, _ = opened
    page.goto(base + rel)
    page.wait_for_load_state("load")
    return page, audit, page.locator("[data-browser-notice]")


@pytest.mark.parametrize("name", list(REPORTING))
def test_the_notice_shows_in_the_pages_language(make_context, server, name):
    opened = None
    for rel, lang in (("index.html", "en"), ("zh/check.html", "zh"), ("zh-Hant/check.html", "zh-Hant")):
        page, audit, notice = opened = notice_on(make_context, server, rel, REPORTING[name], opened)
        assert notice.count() == 1, f"{name}: no notice on {rel}"
        assert notice.is_visible()
        assert notice.get_attribute("lang") == lang
        text = " ".join(WORDS[lang]["browser_notice"].split())
        assert notice.locator("p").inner_text() == text, f"{name} on {rel}"
        assert notice.locator("button").inner_text() == WORDS[lang]["browser_notice_hide"]
        assert audit.console_errors == [] and audit.outside == []


@pytest.mark.parametrize("name", list(ORDINARY))
def test_no_notice_in_ordinary_browsers(make_context, server, name):
    opened = None
    for rel in ("index.html", "zh/index.html"):
        page, audit, notice = opened = notice_on(make_context, server, rel, ORDINARY[name], opened)
        assert notice.count() == 0, f"{name} got the notice on {rel}"


def test_hiding_lasts_for_this_page_only_and_stores_nothing(make_context, origin):
    page, audit, notice = notice_on(make_context, origin, "vpn.html", REPORTING["WeChat (iPhone)"])
    notice.locator("button").tap()
    assert notice.count() == 0
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("[data-browser-notice]").count() == 1, "the notice must show on every load"
    page.goto(origin + "protect.html")
    page.wait_for_load_state("load")
    assert page.locator("[data-browser-notice]").count() == 1
    assert not stored_anything(audit.storage(page))
    assert audit.outside == [] and audit.console_errors == []


def test_the_notice_fits_a_phone_and_keeps_the_language_link_and_quick_exit_in_reach(make_context, server):
    page, audit, notice = notice_on(make_context, server, "zh/index.html", REPORTING["WeChat (iPhone)"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    hide = notice.locator("button").bounding_box()
    assert hide["width"] >= 44 and hide["height"] >= 44
    for link in page.locator(".rs-lang").all():  # one link per other language
        box = link.bounding_box()
        assert box["y"] + box["height"] <= 780, link.inner_text()
    exit_box = page.locator("[data-quick-exit]").bounding_box()
    assert exit_box["y"] + exit_box["height"] <= 780


def test_the_notice_is_styled_before_the_reader_touches_the_page(make_context, server):
    """The notice is built at run time, before the theme's full stylesheet has
    loaded: its own rules must already be in the page (a coloured bar, a
    button at least 44 px high)."""
    page, audit, notice = notice_on(make_context, server, "zh/protect.html", REPORTING["WeChat (iPhone)"])
    background = notice.evaluate("n => getComputedStyle(n).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    assert notice.locator("button").bounding_box()["height"] >= 44
