"""The post-build steps' CSS parser (scripts/postbuild/css.py, on tinycss2):
a stylesheet comes back exactly as written, selectors answer from their
tokens, and our own specificity counts as CSS Selectors 4 does."""
import pytest

from postbuild import css


def selector(text):
    (rule,) = css.parse(text + "{x:1}")
    (one,) = rule.selectors
    return one


def test_a_stylesheet_is_written_back_as_it_was():
    text = ("@charset \"UTF-8\";.a:nth-child(1n+2){b:'c;}'}\n/* note */ @media screen and (min-width:1em)"
            "{ .d , e>f { --g : var( --h ) ; i:j } }@keyframes k{0%{l:m}}\n.n{}\n")
    items = css.parse(text)
    assert css.write(items) == text
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Other", "Rule", "Group", "Other", "Rule", "Trailing"]
    group = items[2]
    assert group.medium == "screen" and group.head.startswith("/* note */ @media")
    (rule,) = list(css.rules(group.items))
    assert [s.text for s in rule.selectors] == [" .d ", " e>f "]
    assert [(d.custom, sorted(d.reads)) for d in rule.decls] == [("--g", ["--h"]), (None, [])]


def test_comments_go_but_not_from_strings():
    assert css.without_comments('a{b:"/* x */"}/* y */c{d:1/* z */}') == 'a{b:"/* x */"}c{d:1}'


def test_what_a_selector_names():
    s = selector("html[dir=rtl] .md-nav > li.x#y:not(.gone) a:is(.one, p)::before")
    assert s.classes == {"md-nav", "x"}
    assert s.ids == {"y"}
    assert s.types == {"html", "li", "a"}
    assert s.rtl
    assert [[(set(c.classes), set(c.types)) for c in choices] for choices in s.alternatives] == [
        [({"one"}, set()), (set(), {"p"})]]
    assert s.subject == ("a", None, frozenset(), "before")
    assert selector("[data-md-color-primary=teal] .a").colours == ["teal"]


@pytest.mark.parametrize("text,expected", [
    ("a", (0, 0, 1)),
    (".a .b", (0, 2, 0)),
    ("#x a:hover", (1, 1, 1)),
    ("a::before", (0, 0, 2)),
    ("a:before", (0, 0, 2)),
    ("a[href]", (0, 1, 1)),
    (":is(#x, .y) a", (1, 0, 1)),
    (":where(#x) a", (0, 0, 1)),
    (":not(.a, #b)", (1, 0, 0)),
    ("li:nth-child(2n+1 of .x)", (0, 2, 1)),
    ("::-webkit-scrollbar", (0, 0, 1)),  # cssselect2 rejects this one
    (":-webkit-any(.a, .b) p", (0, 1, 1)),
])
def test_specificity(text, expected):
    assert selector(text).specificity == expected
