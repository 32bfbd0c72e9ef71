"""Loud anchors: every step that edits the theme's markup finds its tags
whatever the order of their attributes, and finding none where one is
expected stops the build with the page and what was looked for
(scripts/common/markup.py)."""
from types import SimpleNamespace

import pytest

from common import markup
from common.markup import AnchorMissing
from pages import alternate_links, html_lang
from postbuild import inline_css
from selfcheck import page_assets

CONFIG = SimpleNamespace(extra={"ui": {"html_lang": "zh-Hans"}})


def test_tags_read_attributes_in_any_order_and_quoting():
    (tag,) = markup.tags("<p><link href='a.css' data-x=\"1>2\" rel=stylesheet></p>", "link")
    assert tag.attrs == {"href": "a.css", "data-x": "1>2", "rel": "stylesheet"}
    assert markup.set_attribute('<html class="no-js" lang="zh">', "lang", "zh-Hans") == \
        '<html class="no-js" lang="zh-Hans">'


def test_html_lang_in_any_attribute_order():
    assert html_lang.set_html_lang('<html class="no-js" lang="zh">', CONFIG, "zh/a.md") == \
        '<html class="no-js" lang="zh-Hans">'
    with pytest.raises(AnchorMissing, match=r"zh/a\.md: found 0 of <html lang>"):
        html_lang.set_html_lang('<html class="no-js">', CONFIG, "zh/a.md")


def test_alternate_links_in_any_attribute_order():
    page = ('<head>\n  <link hreflang="en" rel="alternate" href="/">\n  <link rel="alternate" href="/zh/" '
            'hreflang="zh">\n</head><body><a hreflang="zh" href="/zh/">中文</a></body>')
    assert alternate_links.drop_alternate_links(page, "en/a.md") == \
        '<head>\n</head><body><a hreflang="zh" href="/zh/">中文</a></body>'
    with pytest.raises(AnchorMissing, match=r'en/a\.md: found 0 of <link rel="alternate" hreflang>'):
        alternate_links.drop_alternate_links("<head></head><body></body>", "en/a.md")


def test_self_check_assets_in_any_attribute_order():
    page = ('<head>\n<link href="assets/css/selfcheck.css" rel="stylesheet">\n</head><body>'
            '<script defer src="assets/js/selfcheck.js"></script></body>')
    assert page_assets.only_on_check_page(page, "en/a.md") == "<head>\n</head><body></body>"
    with pytest.raises(AnchorMissing, match=r"en/a\.md: found 1 of <link rel=\"stylesheet\""):
        page_assets.only_on_check_page('<head><link rel="stylesheet" href="assets/css/selfcheck.css"></head>',
                                       "en/a.md")


def test_deferred_scripts_found_in_any_attribute_order():
    page = ('<head>\n</head>\n<body>\n  <script defer src="a.js"></script>\n'
            '  <script src="b.js" type="module" defer></script>\n</body>')
    assert inline_css.deferred_to_head(page, "x.html") == (
        '<head>\n  <script defer src="a.js"></script>\n  <script src="b.js" type="module" defer></script>\n'
        '</head>\n<body>\n</body>')
    with pytest.raises(AnchorMissing, match=r"x\.html: found 0 of <script src defer>"):
        inline_css.deferred_to_head("<head></head><body></body>", "x.html")
