"""Text first on a slow link: each page carries the CSS it needs to draw
itself, and the theme's script and full stylesheet wait until the reader
first touches the page.

On a link of 400 kbit/s with 400 ms per request, every file a page must
wait for before it can draw costs a round trip plus its transfer, and
whatever downloads at the same time shares the link. Stock Material makes
the text wait for its stylesheet (18 kB gzip here, after the trim), and our
own stylesheet came one round trip later; its 35 kB bundle competed with
both. After the build (postbuild/pipeline.py, after trim_theme_css) this rewrites every
page; the stylesheets are parsed once per build (css.py) and shared by every page:

- the stylesheets in the head (the theme's main and palette sheets, then
  assets/css/site.css) become one inline <style> holding only the rules that
  can apply to that page as built: a rule goes if one of its selectors names
  a class, id or element type that the page does not have (outside
  :not()/:is()/:where()/:has(), which never make a selector go), or asks for
  [dir=rtl] on a page without it. Attribute values, pseudo-classes and
  @-rules are not judged, so states the theme's inline scripts set before
  the first paint (the colour scheme) keep their rules. The site's other
  own stylesheets (assets/css/, such as the self-check's on its pages) are
  inlined whole: their scripts build elements at run time, before any touch;
- that inline CSS is then cut in two (split_inline_css.py): the rules the page needs
  up to the end of its article's first paragraph stay in the head, the rest
  go in a second <style> right after that paragraph, so fewer bytes come
  before the text;
- the three stylesheets are also written as one file,
  assets/stylesheets/site.<hash>.css, for what the theme's bundle draws at
  run time (search results, its class "js"); the page names it in a
  <noscript> link (a reader without JavaScript gets the whole stylesheet)
  and to docs/assets/js/on-demand.js, which loads it with the bundle;
- the bundle's <script> tag goes: on-demand.js loads it at the reader's
  first touch, key or scroll (overrides/main.html places it, `defer`);
- the deferred scripts the theme writes at the end of <body> (on-demand.js
  and the site's extra_javascript, all `defer` in mkdocs.yml) move to the
  end of <head>, in the same order. A deferred script runs after the page
  is parsed wherever its tag is, so nothing runs earlier; but at the end of
  the body the browser only learns of them once the whole page has arrived,
  and fetching them then cost one more round trip (400 ms on a slow link)
  before the load event. From the head they download while the page does.

Inline rules come first and the full stylesheet after them repeats them in
the same order, so once it has loaded the cascade is exactly the original
one. tests/test_page_weight.py checks the figures; tests/test_first_paint.py
checks that a page drawn with its inline rules alone looks the same as with
every stylesheet.
"""
import hashlib
import html.parser
import os
import re

from common import markup
from postbuild import css, known_inline, split_inline_css

# The theme's markup this step edits, found by common/markup.py (attributes in
# any order); a page without it stops the build, naming the page.
_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
_LOADER = "assets/js/on-demand.js"
_THEME_CSS = re.compile(r"assets/stylesheets/(?:main|palette)\.[0-9a-f]+\.min\.css$")
_SITE_CSS = "assets/css/site.css"
_OWN_CSS = "assets/css/"  # the site's own sheets (docs/assets/css/)


def _whole(rel):
    """The site's own sheets other than site.css (the self-check's) go inline
    whole: their scripts build elements at run time, before any touch."""
    return rel.startswith(_OWN_CSS) and rel != _SITE_CSS
# Classes the page's own early script sets before the first paint
# (overrides/partials/javascripts/base.html).
EARLY_CLASSES = {"js-on-demand"}


class _Found:
    """A tag found in a page: its text and where it stands, widened to the
    blanks before it on its line and the line break after it if `whole_line`."""

    def __init__(self, text, tag, end, whole_line):
        self.start, self.end, self.attrs = tag.start, end, tag.attrs
        if whole_line:
            while self.start > 0 and text[self.start - 1] in " \t":
                self.start -= 1
            if text.startswith("\n", self.end):
                self.end += 1
        self.text = text[self.start:self.end]


def stylesheet_links(text):
    """The <link rel="stylesheet" href> tags of a page, each on its line."""
    return [_Found(text, t, t.end, True) for t in markup.tags(text, "link")
            if t.attrs.get("rel") == "stylesheet" and t.attrs.get("href")]


def scripts(text, whole_line, keep):
    """The <script src></script> elements of `text` whose attributes `keep(attrs)` accepts."""
    found = []
    for t in markup.tags(text, "script"):
        if t.attrs.get("src") and keep(t.attrs) and text.startswith("</script>", t.end):
            found.append(_Found(text, t, t.end + len("</script>"), whole_line))
    return found


def _cut(text, found):
    out, last = [], 0
    for f in found:
        out.append(text[last:f.start])
        last = f.end
    return "".join(out) + text[last:]


def deferred_to_head(text, page_name="a page"):
    """The deferred <script src> tags of the body, moved to the end of the head in order."""
    head_end = text.find("</head>")
    body = text.find("<body", head_end)
    if head_end < 0 or body < 0:
        markup.expect([], page_name, "</head> then <body>")
    tail = text[body:]
    found = markup.expect(scripts(tail, True, lambda attrs: "defer" in attrs), page_name,
                          "<script src defer></script> in <body> (on-demand.js at least)")
    moved = [f.text.strip() for f in found]
    tail = _cut(tail, found)
    head = text[:head_end] + "".join("  " + tag + "\n" for tag in moved)
    return head + text[head_end:body] + tail


class PageNames(html.parser.HTMLParser):
    """The element types, classes and ids of one built page, and each
    element as (type, id, classes)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.types, self.classes, self.ids, self.rtl = set(), set(EARLY_CLASSES), set(), False
        self.elements = set()

    def handle_starttag(self, tag, attrs):
        self.types.add(tag)
        found = dict(attrs)
        self.elements.add((tag, found.get("id"), frozenset((found.get("class") or "").split())))
        for name, value in attrs:
            if name == "class" and value:
                self.classes.update(value.split())
            elif name == "id" and value:
                self.ids.add(value)
            elif name == "dir" and value == "rtl":
                self.rtl = True

    handle_startendtag = handle_starttag


def page_names(text):
    names = PageNames()
    names.feed(text)
    names.close()
    return names


def can_apply(selector, names):
    """Whether `selector` (css.Selector) might match an element of the page
    `names` describes: every class, id and element type it names (outside
    :not() and :has()) is on the page, and at least one choice of each
    :is() or :where() is. Our own logic: no selector library answers for a
    page known only by its names (css.py's docstring)."""
    if not names.rtl and selector.rtl:
        return False
    return (all(c in names.classes for c in selector.classes)
            and all(i in names.ids for i in selector.ids)
            and all(t.lower() in names.types or t.lower() in ("html", "body") for t in selector.types)
            and all(any(can_apply(choice, names) for choice in choices)
                    for choices in selector.alternatives))


# var(--x) in the page's HTML (its style attributes)
_VAR_IN_HTML = re.compile(r"var\(\s*(--[\w-]+)")


def without_unused_properties(items, also_in=""):
    """css.py items without the custom properties (--x: ...) that nothing
    reads: no declaration of a style rule that is kept, and nothing in
    `also_in` (the page's HTML, for style attributes). Every rule's body is
    written again from its declarations (a trailing ";" goes), and a rule
    left empty goes."""
    reads = css.custom_properties_read(items, _VAR_IN_HTML.findall(also_in))

    def keep(items):
        out = []
        for item in items:
            if isinstance(item, css.Rule):
                kept = [d for d in item.decls if not d.custom or d.custom in reads]
                body = ";".join(d.text for d in kept)
                if body.strip():
                    out.append(css.replace(item, body=body, decls=kept))
            elif isinstance(item, css.Group):
                out.append(css.replace(item, items=keep(item.items)))
            else:
                out.append(item)
        return out

    return keep(items)


def page_css(text, names, page_text=""):
    """The rules of the stylesheet `text` that can apply to the page, without
    custom properties that none of them reads."""
    items = css.keep_selectors(css.parse(text), lambda selector: can_apply(selector, names))
    return css.write(without_unused_properties(items, page_text))


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _FirstParagraph(html.parser.HTMLParser):
    """Where the article's first plain paragraph ends (after its </p>),
    if it is a child of the article and another element follows it there."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.article, self.in_p, self.end, self.followed = 0, None, False, None, False
        self.lines = [0]

    def position(self):
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if self.end is not None and self.depth == self.article + 1:
                self.followed = True
            return
        self.depth += 1
        if self.article is None:
            if tag == "article" and "md-content__inner" in (dict(attrs).get("class") or "").split():
                self.article = self.depth
        elif self.end is None and tag == "p" and not attrs and self.depth == self.article + 1:
            self.in_p = True
        elif self.end is not None and self.depth == self.article + 1:
            self.followed = True

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if self.in_p and tag == "p" and self.depth == self.article + 1:
            self.in_p = False
            self.end = self.position() + len("</p>")
        self.depth -= 1
        if self.article is not None and self.depth < self.article and not self.followed:
            self.end = None


def first_paragraph_end(text):
    """The offset just after the article's first plain <p> (see _FirstParagraph), or None."""
    return scan(text)[1]


class _Scan(html.parser.HTMLParser):
    """PageNames and _FirstParagraph in one pass over the page; `before`:
    the names of what comes before the first paragraph's end."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.types, self.classes, self.ids, self.rtl = set(), set(EARLY_CLASSES), set(), False
        self.elements = set()
        self.depth, self.article, self.in_p, self.end, self.followed = 0, None, False, None, False
        self.lines = [0]
        self.before = None

    def handle_starttag(self, tag, attrs):
        PageNames.handle_starttag(self, tag, attrs)
        _FirstParagraph.handle_starttag(self, tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        _FirstParagraph.handle_endtag(self, tag)

    position = _FirstParagraph.position

    def handle_endtag(self, tag):
        _FirstParagraph.handle_endtag(self, tag)
        if self.end is None:
            self.before = None
        elif self.before is None:
            self.before = PageNames()
            self.before.types, self.before.classes = set(self.types), set(self.classes)
            self.before.ids, self.before.rtl = set(self.ids), self.rtl


def scan(text):
    """(names, split, names before split): the page's PageNames, the offset
    just after its article's first paragraph (None if no split), and the
    PageNames of the text before that offset."""
    parser = _Scan()
    for line in text.split("\n"):  # the parser counts lines at \n only
        parser.lines.append(parser.lines[-1] + len(line) + 1)
    parser.feed(text)
    parser.close()
    if not parser.followed or parser.end is None:
        return parser, None, None
    return parser, parser.end, parser.before


def _resolve(page_path, href, site_dir):
    if href.startswith("/"):  # the 404 pages name files from the site's root
        return href[1:]
    path = os.path.normpath(os.path.join(os.path.dirname(page_path), href))
    return os.path.relpath(path, site_dir).replace(os.sep, "/")


def _url(page_path, site_dir, rel):
    return os.path.relpath(os.path.join(site_dir, rel), os.path.dirname(page_path)).replace(os.sep, "/")


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class Shared:
    """What every page's rewrite shares: the head's stylesheets (relative to
    site/), each parsed once (css.py, comments left out), and the full
    stylesheet's path."""

    def __init__(self, sheets, full_rel):
        self.sheets, self.full_rel = sheets, full_rel


def prepare(site):
    """Once per build (postbuild/pipeline.py): the head's stylesheets, in
    their order, as every page names them; the full stylesheet written, the
    theme's sheets it replaces removed. None if no page names one."""
    pages = site.pages
    if not pages:
        return None
    site_dir = str(site.dir)
    order = []
    for page in pages:
        links = markup.expect(stylesheet_links(page.text), page.rel, '<link rel="stylesheet" href>')
        for href in (link.attrs["href"] for link in links):
            rel = _resolve(str(page.path), href, site_dir)
            if rel not in order and (_THEME_CSS.search(rel) or rel.startswith(_OWN_CSS)):
                order.append(rel)
    shared = [rel for rel in order if not _whole(rel)]
    if not shared:
        return None
    texts = {rel: _read(os.path.join(site_dir, rel)) for rel in order}
    combined = "\n".join(texts[rel] for rel in shared)
    digest = hashlib.sha256(combined.encode("utf-8")).hexdigest()[:8]
    full_rel = f"assets/stylesheets/site.{digest}.css"
    with open(os.path.join(site_dir, full_rel), "w", encoding="utf-8") as f:
        f.write(combined)
    for rel in shared:
        if _THEME_CSS.search(rel):  # now part of the full stylesheet; nothing names them
            os.remove(os.path.join(site_dir, rel))
    return Shared({rel: css.parse(css.without_comments(text)) for rel, text in texts.items()}, full_rel)


def rewrite_page(page, shared):
    """Rewrite one page (see the module's docstring) in memory."""
    path, site_dir, sheets, full_rel = str(page.path), str(page.site_dir), shared.sheets, shared.full_rel
    text = page.text
    links = [(m, _resolve(path, m.attrs["href"], site_dir)) for m in stylesheet_links(text)]
    ours = markup.expect([(m, rel) for m, rel in links if rel in sheets], page.rel,
                         "<link rel=stylesheet> naming the theme's or the site's stylesheets")
    names, split_at, before = scan(text)
    parts = [sheets[rel] if _whole(rel) else css.keep_selectors(sheets[rel], lambda s: can_apply(s, names))
             for _, rel in ours]
    # custom properties are read across the sheets: judged on all of them at once
    items = without_unused_properties(css.joined(parts), text)
    late = ""
    if split_at is not None:
        inline, late = split_inline_css.split(items, lambda s: can_apply(s, before), names.elements)
    else:
        inline = css.write(items)
    if re.search(r"</style", inline + late, re.IGNORECASE):
        raise ValueError(f"{path}: a stylesheet contains '</style'")
    if late:
        text = text[:split_at] + "<style>" + late + "</style>" + text[split_at:]
        known_inline.allow_style(path, late)  # the page's policy lists it (csp.py)
    style = "<style>" + inline + "</style>\n"
    known_inline.allow_style(path, inline)
    first = ours[0][0]
    out, last = [], 0
    for m, _ in ours:
        out.append(text[last:m.start])
        if m is first:
            out.append("    " + style)
        last = m.end
    out.append(text[last:])
    text = "".join(out)

    def url(rel, absolute=ours[0][0].attrs["href"].startswith("/")):
        return "/" + rel if absolute else _url(path, site_dir, rel)

    hrefs = [url(full_rel)] + [url(rel) for _, rel in ours if _whole(rel)]
    bundle = markup.expect(scripts(text, True, lambda attrs: _BUNDLE.search(attrs["src"])), page.rel,
                           "<script src=…assets/javascripts/bundle.<hash>.min.js></script>")[0]
    text = _cut(text, [bundle])
    loader = markup.expect(scripts(text, False, lambda attrs: attrs["src"].endswith(_LOADER)), page.rel,
                           f"<script src=…{_LOADER}></script>")[0]
    tag = (f'<script src="{loader.attrs["src"]}" data-bundle="{bundle.attrs["src"]}" '
           f'data-stylesheets="{" ".join(hrefs)}" defer></script>')
    text = text[:loader.start] + tag + text[loader.end:]
    text = deferred_to_head(text, page.rel)
    noscript = "".join(f'<noscript><link rel="stylesheet" href="{href}"></noscript>' for href in hrefs)
    text = text.replace("</body>", noscript + "\n</body>", 1)
    page.text = text
