"""Footnote markers side by side are kept apart (scripts/pages/footnote_marks.py):
the second of two adjacent markers gets the class site.css puts a comma
before, whatever the order of its attributes; a page whose footnote links
lost their <sup> stops the build, naming the page."""
import pytest

from common.markup import AnchorMissing
from pages import footnote_marks


def ref(key, sup_attrs=None):
    attrs = sup_attrs if sup_attrs is not None else f'id="fnref:{key}"'
    return f'<sup {attrs}><a class="footnote-ref" href="#fn:{key}">{key}</a></sup>'


def test_the_second_of_two_adjacent_markers_is_marked():
    html = f"<p>Text{ref('1')}{ref('2')} and more{ref('3')}.</p>"
    assert footnote_marks.separate(html, "en/x.md") == (
        f'<p>Text{ref("1")}<sup class="fn-follows" id="fnref:2">'
        f'<a class="footnote-ref" href="#fn:2">2</a></sup> and more{ref("3")}.</p>')


def test_three_in_a_row_mark_the_second_and_third():
    html = ref("a") + ref("b") + ref("c")
    assert footnote_marks.separate(html, "en/x.md").count('class="fn-follows"') == 2


def test_any_attribute_order_and_an_existing_class():
    html = ref("1") + ref("2", 'class="x" id="fnref2:2"')
    out = footnote_marks.separate(html, "en/x.md")
    assert '<sup class="x fn-follows" id="fnref2:2">' in out


def test_a_page_without_footnotes_is_left_alone():
    html = "<p>No notes here.<sup>2</sup></p>"
    assert footnote_marks.separate(html, "en/x.md") == html


def test_footnote_links_without_their_marker_stop_the_build():
    html = '<p>Text<span><a class="footnote-ref" href="#fn:1">1</a></span></p>'
    with pytest.raises(AnchorMissing, match=r'en/x\.md: found 0 of <sup id="fnref…">'):
        footnote_marks.separate(html, "en/x.md")
