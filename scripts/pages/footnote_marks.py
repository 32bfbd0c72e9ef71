"""Footnote markers side by side must not read as one number.

Two citations in a row ([^a][^b]) come out of Markdown as two superscript
links with nothing between them, so "11" and "12" read as "1112". This marks
each footnote marker that directly follows another (no text between, which
CSS cannot see) with the class "fn-follows"; assets/css/site.css puts a comma
before it.

A footnote marker is a <sup> whose id starts with "fnref" (Python-Markdown's
footnotes extension), its attributes in any order. A page whose content has
footnote links (class "footnote-ref") but fewer such <sup> stops the build
(common/markup.py), naming the page: the markup has changed and the commas
would silently go.
"""
from common import markup

WHAT = '<sup id="fnref…"> around each footnote link (class "footnote-ref")'
CLASS = "fn-follows"


def _markers(html):
    return [t for t in markup.tags(html, "sup") if t.attrs.get("id", "").startswith("fnref")]


def separate(html, page_name="a page"):
    links = html.count('class="footnote-ref"')
    markers = _markers(html)
    if links:
        markup.expect(markers, page_name, WHAT, at_least=links)
    out, last = [], 0
    for tag in markers:
        if html.endswith("</sup>", 0, tag.start):  # right after another superscript's end
            out.append(html[last:tag.start])
            out.append(_with_class(tag))
            last = tag.end
    out.append(html[last:])
    return "".join(out)


def _with_class(tag):
    if "class" not in tag.attrs:
        return "<sup" + f' class="{CLASS}"' + tag.text[len("<sup"):]
    classes = tag.attrs["class"].split()
    if CLASS in classes:
        return tag.text
    return markup.set_attribute(tag.text, "class", " ".join(classes + [CLASS]))
