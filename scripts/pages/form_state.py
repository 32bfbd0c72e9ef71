"""No form state comes back: every <input>, <select> and <textarea> of a
built page gets autocomplete="off" (MkDocs on_post_page / on_post_template).

Browsers restore what a reader last chose in a form control when the page
comes back through Back, Forward or a reload, unless the control says
autocomplete="off". The self-check's form says so itself; the theme's
colour-scheme switch (the palette radios) and the tabs of pymdownx.tabbed
(the atlas: one tab per phone system) do not, so the colour scheme and the
tab naming the reader's phone came back after Back (issue 23). The element
is found by an HTML parser, and the attribute goes right after its name.
"""
from html.parser import HTMLParser

CONTROLS = ("input", "select", "textarea")


class _Controls(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.at = []  # (line, column) of each control without autocomplete

    def handle_starttag(self, tag, attrs):
        if tag in CONTROLS and not any(name == "autocomplete" for name, _ in attrs):
            self.at.append(self.getpos())

    handle_startendtag = handle_starttag


def autocomplete_off(html):
    parser = _Controls()
    parser.feed(html)
    parser.close()
    if not parser.at:
        return html
    starts = [0]  # offset of each line's start, lines as the parser counts them (by "\n")
    for line in html.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    out, last = [], 0
    for line, column in parser.at:
        offset = starts[line - 1] + column
        assert html[offset] == "<", html[offset:offset + 20]
        name_end = offset + 1
        while name_end < len(html) and html[name_end].isalnum():
            name_end += 1
        out.append(html[last:name_end])
        out.append(' autocomplete="off"')
        last = name_end
    out.append(html[last:])
    return "".join(out)
