"""One self-contained HTML file per language: every page of the site, in nav
order, with the working self-check, for phones and chat apps.

Made from the built site, so it carries exactly what the site shows (review
dates, generated Sources page, the self-check markup). For each page the
article is taken from the built HTML; then:

- anchors (headings and footnotes) get the page's key as prefix: each page
  starts at `#page` and `#section` becomes `#page--section`, so ids never
  clash between pages (any other id keeps its name unless an earlier page
  uses it, so a page's scripts still find their elements);
- links to other pages become in-page links; links to other sites stay
  ordinary links (following one is the reader's choice; nothing is loaded);
- images become data: URIs, the site's own scripts and stylesheets are
  inlined, and a small stylesheet of its own replaces the theme's, so nothing
  relies on Material's JavaScript.

The file keeps the site's promise: a Content-Security-Policy that allows
nothing but what is inside the file, no-referrer, and no DNS prefetching.
The policy has no 'unsafe-inline': it lists the SHA-256 of the scripts and
the stylesheet this module writes (its own, the site's extra_javascript and
extra_css, and the scripts it inlines from the pages' src=), collected where
they are written; any other inline code in the finished file (a script,
handler or style= attribute it did not write) stops the bundle. A short script maps
links that the self-check builds at run time (e.g. `protect.html#keyboard`)
to their place in the file.

Why not mkdocs-print-site-plugin: it renders the combined page with the
theme's own template, CSS and JavaScript (not inlined, and it must run as the
last plugin, after the privacy guard); it adds a page and assets to the
online site, and knows nothing of the i18n folders. The rewriting needed here
is small, so it is done directly.
"""
import base64
import html
import json
import mimetypes
import posixpath
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup

from postbuild import csp
from common import project_config, ui_strings
from postbuild import known_inline

HERE = Path(__file__).resolve().parent
STYLESHEET = HERE / "single_file.css"
LINK_SCRIPT = HERE / "single_file.js"

CSP = (
    "default-src 'none'; script-src {scripts}; style-src {styles}; "
    "img-src data:; base-uri 'none'; form-action 'none'; object-src 'none'"
)
DNS_PREFETCH_OFF = '<meta http-equiv="x-dns-prefetch-control" content="off">'


def policy(scripts, styles):
    """The file's Content-Security-Policy for the exact texts of its scripts and styles."""
    def sources(texts):
        return " ".join(dict.fromkeys(known_inline.sha256(text) for text in texts)) or "'none'"
    return CSP.format(scripts=sources(scripts), styles=sources(styles))
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
_HEADING = re.compile(r"^h[1-6]$")
_FOOTNOTE_ID = re.compile(r"^fn(ref\d*)?:")
# Attributes that name other elements by id: when an id changes, these follow.
_IDREF_ATTRS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list", "form")


class SingleFileError(Exception):
    pass


def warn(message):
    print(f"single_file: {message}", file=sys.stderr)


def page_key(name):
    """`phone-makers.html` -> `phone-makers`, the page's anchor in the file."""
    return posixpath.splitext(name)[0].replace("/", "-")


def nav_pages(index_html):
    """Page file names in the order of the site's navigation, read from a built page."""
    soup = BeautifulSoup(index_html, "html.parser")
    nav = soup.select_one("nav.md-nav--primary")
    if nav is None:
        raise SingleFileError("the built page has no primary navigation")
    pages = []
    for link in nav.select("a.md-nav__link[href]"):
        href = link["href"].split("#")[0]
        if href and not _SCHEME.match(href) and href not in pages:
            pages.append(href)
    return pages


def data_uri(path):
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".svg":
        mime = "image/svg+xml"
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def inline_css_urls(css, css_path):
    """Replace url(...) of local files in a stylesheet with data: URIs."""
    def replace(match):
        url = match.group(2)
        if url.startswith("data:") or url.startswith("#"):
            return match.group(0)
        if _SCHEME.match(url):
            raise SingleFileError(f"{css_path.name} loads {url} from outside")
        target = (css_path.parent / unquote(url.split("#")[0].split("?")[0])).resolve()
        return f'url("{data_uri(target)}")'
    return re.sub(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", replace, css)


def script_text(text):
    """Script source made safe to sit inside <script>...</script>."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


class Page:
    """One page of the site, its article ready to be placed in the file."""

    def __init__(self, name, key, article):
        self.name, self.key, self.article = name, key, article
        self.title = ""
        self.scripts = []  # texts of the scripts inlined from src= (the policy lists them)


def _article(soup, name):
    article = soup.select_one("article.md-content__inner")
    if article is None:
        raise SingleFileError(f"{name}: no <article> in the built page")
    # The settings atlas's tabs (one per phone, on the protections page) are
    # left out: the file has the same entries on its phone-settings page, and
    # the self-check's steps show the reader's own phone's.
    for extra in article.select("a.md-content__button, a.headerlink, div.atlas-tabs"):
        extra.decompose()
    # The site's pages carry the later part of their CSS inside the article
    # (postbuild/split_inline_css.py); the file has its own stylesheet.
    for style in article.find_all("style"):
        style.decompose()
    return article


def _prefix_ids(page, taken):
    """Give the page's anchors the page's key as prefix; return {old: new}.

    Anchors are headings and footnotes (`fn:x`, `fnref:x`), which every page
    has and which would clash. Other ids keep their name, so that a page's
    scripts still find their elements (`#self-check`), unless an earlier page
    already uses the same id.
    """
    renamed = {}
    for element in page.article.find_all(id=True):
        old = element["id"]
        anchor = _HEADING.match(element.name) or _FOOTNOTE_ID.match(old)
        if anchor or old in taken:
            if not anchor:
                warn(f"{page.name}: id {old!r} is also used earlier in the file; renamed")
            element["id"] = renamed[old] = f"{page.key}--{old}"
        taken.add(element["id"])
    for attr in _IDREF_ATTRS:
        for element in page.article.find_all(attrs={attr: True}):
            value = element[attr]
            if isinstance(value, list):
                value = " ".join(value)
            element[attr] = " ".join(renamed.get(token, token) for token in value.split())
    return renamed


def _rewrite_links(page, keys, renames, present=None):
    """Links to pages in the file become in-page links: `x.html#y` -> `#x--y`.

    With `present` ({page: ids it keeps}), for a file that holds only parts of
    some pages, a link to a part that is not in the file becomes its text.
    """
    for link in page.article.select("a[href]"):
        href = link["href"]
        if _SCHEME.match(href):
            continue
        path, _, frag = href.partition("#")
        frag = unquote(frag)
        target = page.name
        if path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.name), unquote(path)))
        if target not in keys:
            if present is None:
                warn(f"{page.name}: link to {href!r} leads outside this file; kept as text")
            link.unwrap()
            continue
        anchor = renames[target].get(frag, frag) if frag else keys[target]
        if present is not None and frag and anchor not in present[target]:
            link.unwrap()
            continue
        link["href"] = "#" + anchor
        # In the file it is an in-page link: no new tab (the self-check opens other pages in one).
        if link.get("target") == "_blank":
            del link["target"]
            if link.get("rel") in (["noopener"], "noopener"):
                del link["rel"]


def _inline_images(page, page_dir):
    for image in page.article.select("img[src]"):
        src = image["src"]
        if src.startswith("data:"):
            continue
        if _SCHEME.match(src):
            raise SingleFileError(f"{page.name}: image {src} is outside the site")
        image["src"] = data_uri((page_dir / unquote(src)).resolve())
        if image.get("loading") == "lazy":
            del image["loading"]
    for element in page.article.select("[srcset], video, audio, source, iframe, object, embed, link"):
        raise SingleFileError(f"{page.name}: <{element.name}> cannot be inlined into the single file")


def _inline_scripts(page, page_dir, soup):
    for script in page.article.find_all("script"):
        src = script.get("src")
        if src is None:
            continue
        if _SCHEME.match(src):
            raise SingleFileError(f"{page.name}: script {src} is outside the site")
        inline = soup.new_tag("script")
        for attr, value in script.attrs.items():
            if attr not in ("src", "defer", "async"):
                inline[attr] = value
        inline.string = script_text((page_dir / unquote(src)).resolve().read_text(encoding="utf-8"))
        page.scripts.append(inline.string)
        script.replace_with(inline)


def read_page(site_dir, prefix, name, key=None):
    """One built page of a language, its article ready for the file (images and scripts inlined)."""
    folder = Path(site_dir) / prefix
    soup = BeautifulSoup((folder / name).read_text(encoding="utf-8"), "html.parser")
    page = Page(name, key or page_key(name), _article(soup, name))
    h1 = page.article.find("h1")
    page.title = h1.get_text(" ", strip=True) if h1 else name
    page_dir = (folder / name).parent
    _inline_images(page, page_dir)
    _inline_scripts(page, page_dir, soup)
    return page


def link_pages(pages, partial=False):
    """Prefix the pages' anchors and point their links into the file.

    `partial`: some pages hold only some of their sections (the small
    edition); links to what is left out become text instead of failing.
    """
    keys = {page.name: page.key for page in pages}
    taken = set(keys.values())
    renames = {page.name: _prefix_ids(page, taken) for page in pages}
    present = None
    if partial:
        present = {page.name: {e["id"] for e in page.article.find_all(id=True)} for page in pages}
    for page in pages:
        _rewrite_links(page, keys, renames, present)
    return pages


def collect_pages(site_dir, prefix):
    """The pages of one language, in nav order, with anchors and links rewritten."""
    index = (Path(site_dir) / prefix / "index.html").read_text(encoding="utf-8")
    pages = [read_page(site_dir, prefix, name) for name in nav_pages(index)]
    return link_pages(pages), index


def check_page(pages):
    """The page that holds the self-check: a form whose answers link to steps (`data-step`)."""
    for page in pages:
        if page.article.select_one("form a[data-step]") or page.article.select_one("form#self-check"):
            return page
    return None


def _site_texts(index_html):
    soup = BeautifulSoup(index_html, "html.parser")
    name = soup.select_one(".md-header__topic .md-ellipsis")
    copyright_ = soup.select_one(".md-copyright__highlight") or soup.select_one(".md-copyright")
    description = soup.find("meta", attrs={"name": "description"})
    return (
        name.get_text(" ", strip=True) if name else soup.title.get_text(strip=True),
        copyright_.get_text(" ", strip=True) if copyright_ else "",
        description["content"] if description else "",
    )


def _tab_rules(count):
    """pymdownx.tabbed without JavaScript: the checked radio shows its block (`count` tabs at most)."""
    rules = []
    for n in range(1, count + 1):
        rules.append(
            f".tabbed-set>input:nth-child({n}):checked~.tabbed-content>.tabbed-block:nth-child({n})"
            "{display:block}"
            f".tabbed-set>input:nth-child({n}):checked~.tabbed-labels>label:nth-child({n})"
            "{color:var(--md-default-fg-color);border-bottom-color:var(--md-primary-fg-color)}"
        )
    return "\n".join(rules)


def _most_tabs(pages):
    sets = [s for page in pages for s in page.article.select(".tabbed-set")]
    return max((len(s.find_all("input", recursive=False)) for s in sets), default=0)


def _without_comments(css):
    return re.sub(r"/\*.*?\*/\n?", "", css, flags=re.S)


def _stylesheets(site_dir, config, pages):
    parts = [_without_comments(STYLESHEET.read_text(encoding="utf-8")), _tab_rules(_most_tabs(pages))]
    for rel in project_config.extra_css(config):
        path = Path(site_dir) / rel
        parts.append(_without_comments(inline_css_urls(path.read_text(encoding="utf-8"), path)))
    css = "\n".join(parts)
    if re.search(r"</style", css, re.IGNORECASE):
        raise SingleFileError("a stylesheet contains '</style'")
    return css


def _scripts(site_dir, config, pages):
    """The site's own scripts (extra_javascript), once, after the content: (HTML, [script texts])."""
    keys = json.dumps({page.name: page.key for page in pages}, ensure_ascii=False, sort_keys=True)
    blocks = [LINK_SCRIPT.read_text(encoding="utf-8").replace("__PAGES__", keys)]
    own = []
    for rel, kind in project_config.extra_javascript(config):
        own.append((kind, (Path(site_dir) / rel).read_text(encoding="utf-8")))
    inline = "".join(text for _, text in own) + "".join(
        script.get_text() for page in pages for script in page.article.find_all("script"))
    if "document$" in inline:
        # Scripts written for Material subscribe to its page-load observable;
        # the file has one page load, so call them once.
        blocks.insert(0, "window.document$={subscribe:function(f){f(document);return{unsubscribe:function(){}}}};")
    texts = [script_text(block) for block in blocks]
    html_blocks = [f"<script>{text}</script>" for text in texts]
    for kind, text in own:
        attr = f' type="{html.escape(kind)}"' if kind else ""
        texts.append(script_text(text))
        html_blocks.append(f"<script{attr}>{texts[-1]}</script>")
    return "\n".join(html_blocks), texts


def strings_for(config, lang):
    """The language's interface strings (docs/i18n/ui.<lang>.yml, `bundle_*`): a key
    missing there stops the edition, naming the file and the key."""
    return ui_strings.for_language(config, lang)


def render(site_dir, config, lang, prefix, version, neutral=False):
    """The single file for one language, as text."""
    pages, index_html = collect_pages(site_dir, prefix)
    return document(site_dir, config, lang, version, pages, index_html, neutral)


def document(site_dir, config, lang, version, pages, index_html, neutral=False, small=False):
    """The HTML file around `pages`: head, masthead, contents, the pages, scripts.

    At the top, a link that starts the self-check; at the bottom of the
    screen, always in reach, a link back to the contents (no script needed).
    `neutral`: a title that does not say what the file is about.
    """
    site_name, copyright_, description = _site_texts(index_html)
    strings = strings_for(config, lang)
    favicon = (config.get("theme") or {}).get("favicon")
    esc = html.escape
    edition = strings["bundle_small"] if small else strings["bundle_edition"]
    title = strings["bundle_neutral_title"] if neutral else f"{site_name} · {edition}"
    check = check_page(pages)
    css = _stylesheets(site_dir, config, pages)
    scripts_html, scripts = _scripts(site_dir, config, pages)
    scripts += [text for page in pages for text in page.scripts]
    out = [
        "<!doctype html>",
        f'<html lang="{esc(strings["html_lang"])}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy(scripts, [css])}">',
        '<meta name="referrer" content="no-referrer">',
        DNS_PREFETCH_OFF,
        f"<title>{esc(title)} {esc(version)}</title>",
    ]
    if not neutral:
        out.append(f'<meta name="description" content="{esc(description)}">')
    if favicon and (Path(site_dir) / favicon).is_file():
        out.append(f'<link rel="icon" href="{data_uri(Path(site_dir) / favicon)}">')
    out += [
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        '<header class="masthead">',
        f'<p class="site-name">{esc(site_name)}</p>',
        f'<p class="edition">{esc(edition)} {esc(version)} · {esc(strings["bundle_note"])}</p>',
    ]
    if small and strings["bundle_small_note"]:
        out.append(f'<p class="edition">{esc(strings["bundle_small_note"])}</p>')
    if check is not None:
        out.append(f'<p class="start"><a class="md-button md-button--primary" href="#{check.key}">'
                   f'{esc(strings["bundle_start"])}</a></p>')
    out += [
        "</header>",
        '<main class="md-typeset">',
        f'<nav id="contents" aria-labelledby="contents-title"><h2 id="contents-title">{esc(strings["bundle_contents"])}</h2><ol>',
    ]
    out += [f'<li><a href="#{page.key}">{esc(page.title)}</a></li>' for page in pages]
    out.append("</ol></nav>")
    for page in pages:
        body = page.article.decode_contents().strip()
        out.append(f'<section class="page" id="{page.key}">\n{body}\n'
                   f'<p class="back"><a href="#contents">↑ {esc(strings["bundle_back"])}</a></p>\n</section>')
    out += [
        "</main>",
        f'<p class="to-contents"><a href="#contents" aria-label="{esc(strings["bundle_back"])}">'
        f'↑ {esc(strings["bundle_contents"])}</a></p>',
        f'<footer><p>{esc(copyright_)}</p><p>{esc(site_name)} · {esc(version)}</p></footer>',
        scripts_html,
        "</body>",
        "</html>",
        "",
    ]
    text = "\n".join(out)
    check_anchors(text)
    check_inline_code(text, scripts, [css])
    return text


def check_inline_code(text, scripts, styles):
    """Fail if the file holds inline code this module did not write (its policy would block it)."""
    found = csp.inline_code(text)
    known_scripts = {known_inline.sha256(s) for s in scripts}
    known_styles = {known_inline.sha256(s) for s in styles}
    unknown = [f"script {s.strip()[:60]!r}" for s in found.scripts if known_inline.sha256(s) not in known_scripts]
    unknown += [f"style {s.strip()[:60]!r}" for s in found.styles if known_inline.sha256(s) not in known_styles]
    unknown += [f"handler {h[:60]!r}" for h in found.handlers]
    unknown += [f"style= {a[:60]!r}" for a in found.style_attrs]
    if unknown:
        raise SingleFileError("inline code that the file's policy does not list: " + "; ".join(unknown[:5]))


def check_anchors(text):
    """Fail loudly if an id is used twice or an in-page link leads nowhere."""
    soup = BeautifulSoup(text, "html.parser")
    ids = Counter(element["id"] for element in soup.find_all(id=True))
    doubles = sorted(i for i, n in ids.items() if n > 1)
    if doubles:
        raise SingleFileError(f"ids used more than once: {doubles[:10]}")
    known = set(ids)
    missing = sorted({a["href"][1:] for a in soup.select('a[href^="#"]') if a["href"][1:] not in known})
    if missing:
        raise SingleFileError(f"in-page links that lead nowhere: {missing[:10]}")


def write(site_dir, config, lang, prefix, version, dest, neutral=False):
    """Write the single file for one language to `dest`."""
    text = render(site_dir, config, lang, prefix, version, neutral)
    Path(dest).write_bytes(text.encode("utf-8"))
    return Path(dest)
