"""The content gate: nothing a contributor writes in a page's Markdown can
run, load or mislead in a reader's page. It refuses, naming the Markdown
file and line:

- elements that run code, load things, restyle the page or send it away:
  script, style, iframe, frame, frameset, object, embed, applet, portal,
  form, meta, link, base, svg (and math);
- event-handler (`on*`) and `style` attributes, `srcset`, `ping` and
  `formaction`;
- `javascript:`, `vbscript:` and `data:` addresses in any attribute;
- an address outside the site in an attribute the browser loads (src,
  poster, data, background, ...), after normalising it as a browser does:
  tabs and line breaks dropped, backslashes read as slashes, so that
  `https:\\\\host/x.png`, `//host/x`, `HTTPS:host` and `ht\\ttps://host` all
  count as outside;
- link text that reads as a web address (`https://ssd.eff.org/`,
  `www.eff.org`, `eff.org/x`) but names another host than the link leads
  to (or hides one behind `user@`);
- a footnote reference without a definition (Python-Markdown leaves it as
  the text `[^id]`, and the source is lost);
- markup characters (`<`, `>`, `"`) in the front matter's `title` and
  `description`, which the theme writes into the head unescaped; and, in
  mkdocs.yml (check_config, before the build), in the strings the theme
  writes as they are: site_name, site_description, the palette toggles'
  names, the navigation's titles, in every language. (The interface strings,
  docs/i18n/ui.<lang>.yml, and `copyright` are escaped where they are written.)

Where it runs, and why there: the HTML the theme finally gets also holds
markup the project's own code makes on purpose: the self-check page is a
`<form>` with a JSON `<script>` data block (selfcheck/render.py), and the
atlas markers become tabs (atlas/render.py). Rather than allow those by
exception, the gate looks only at what the contributor wrote: hooks.py
calls it from on_page_markdown, first, before the project's code fills in
its markers, and it renders that Markdown itself with the site's own
Markdown extensions (the same ones MkDocs then uses, so a raw `<script>`,
a `![](https://...)` or a `[^x]` reads the same here as in the page). The
check page's Markdown is checked whole, explanations and step texts
included, since they end up inside the generated form. The price is one
more Markdown rendering per page, a few milliseconds.

The HTML is read with html.parser (stdlib), which decodes character
references (`&#106;avascript:`) before the checks see a value. Lines are
found by searching the Markdown file for the offending text (best effort:
the first line that holds it; when the text was written with entities or
split over lines, the message names the file alone).
"""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown as markdown_lib
from mkdocs.exceptions import PluginError

REFUSED_ELEMENTS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
    "form", "meta", "link", "base", "svg", "math",
}
REFUSED_ATTRIBUTES = {"style", "srcset", "imagesrcset", "ping", "formaction"}
# Attributes whose address a browser fetches without a click.
LOADING_ATTRIBUTES = {"src", "poster", "data", "background", "lowsrc", "dynsrc", "action",
                      "codebase", "archive", "longdesc", "manifest", "icon", "xlink:href"}
REFUSED_SCHEMES = ("javascript:", "vbscript:", "data:")
# Front matter values the theme writes into the page's head as they are.
HEAD_FIELDS = ("title", "description")

_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:")
_FOOTNOTE_LEFT = re.compile(r"\[\^[^\]\s]+\]")
_ADDRESS_TEXT = re.compile(
    r"^(?:(?P<scheme>[a-z][a-z0-9+.\-]*)://\S+|www\.\S+|(?:[a-z0-9\-]+\.)+[a-z]{2,24}(?:[:/]\S*)?)$",
    re.IGNORECASE)
# Endings of file names, which also read as `name.ext` but are no web address.
_FILE_ENDINGS = {"html", "htm", "md", "txt", "pdf", "zip", "js", "css", "png", "jpg", "jpeg", "gif",
                 "svg", "webp", "yml", "yaml", "json", "xml", "sig", "gz", "apk", "ipa", "exe", "sh",
                 "py", "csv", "doc", "docx"}
# Text inside these is shown as code, never read as markup or as a footnote.
_CODE = {"code", "pre", "kbd", "samp"}


class ContentError(PluginError):
    pass


def normalise_url(value):
    """An attribute's address as a browser reads it: trimmed, tabs and line breaks
    dropped, backslashes as slashes, lower case (for the checks only)."""
    value = value.strip(" \t\n\r\f\v\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f"
                        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f")
    value = re.sub(r"[\t\n\r]", "", value)
    return value.replace("\\", "/").lower()


def is_outside(value):
    """True if the address leaves the site: any scheme, or a host (`//host`)."""
    url = normalise_url(value)
    return bool(_SCHEME.match(url)) or url.startswith("//")


def refused_scheme(value):
    url = normalise_url(value)
    return next((s for s in REFUSED_SCHEMES if url.startswith(s)), None)


def _host(url):
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host


def text_host(text):
    """The host that link text names, if it reads as a web address; else None."""
    text = text.strip().strip("<>")
    match = _ADDRESS_TEXT.match(text)
    if not match:
        return None
    if not match.group("scheme"):
        if text.lower().split("/")[0].split(":")[0].rsplit(".", 1)[-1] in _FILE_ENDINGS and not \
                text.lower().startswith("www."):
            return None
        text = "http://" + text
    elif match.group("scheme").lower() not in ("http", "https", "ftp"):
        return None
    return _host(text)


class Finding:
    def __init__(self, what, needle):
        self.what, self.needle = what, needle


class _Gate(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self._code = 0
        self._links = []  # [href, [text parts]] of each open <a>

    def _add(self, what, needle):
        self.findings.append(Finding(what, needle))

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)
        if tag in _CODE:
            self._code += 1
        if tag == "a":
            self._links.append([dict(attrs).get("href") or "", []])

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag, attrs):
        if tag in REFUSED_ELEMENTS:
            self._add(f"a <{tag}> element (it could run code, load from outside or restyle the page)", "<" + tag)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._add(f"the event-handler attribute {name}= on <{tag}> (it runs code)", name)
            elif name in REFUSED_ATTRIBUTES:
                self._add(f"the attribute {name}= on <{tag}>", name)
            scheme = refused_scheme(value)
            if scheme:
                self._add(f"a {scheme} address in {name}= on <{tag}>", value.strip() or name)
            elif name in LOADING_ATTRIBUTES and is_outside(value):
                self._add(f"{name}= on <{tag}> loads {value.strip()!r} from outside the site "
                          "(copy the file into docs/assets/ and link it from there)", value.strip())

    def handle_endtag(self, tag):
        if tag in _CODE and self._code:
            self._code -= 1
        if tag == "a" and self._links:
            href, parts = self._links.pop()
            self._check_link(href, "".join(parts))

    def handle_data(self, data):
        for link in self._links:
            link[1].append(data)
        if not self._code:
            for match in _FOOTNOTE_LEFT.finditer(data):
                self._add(f"the footnote reference {match.group(0)} has no definition "
                          f"(add a line `{match.group(0)}: ...` under Sources)", match.group(0))

    def _check_link(self, href, text):
        named = text_host(text)
        if named is None:
            return
        target = normalise_url(href)
        if target.startswith("//"):
            target = "http:" + target
        if "@" in urlsplit("http://" + text.strip().split("://", 1)[-1]).netloc:
            self._add(f"the link text {text.strip()!r} hides its host behind '@'", text.strip())
        elif not _SCHEME.match(target) or _host(target) != named:
            self._add(f"the link text {text.strip()!r} names {named}, but the link leads to "
                      f"{href.strip() or 'nowhere'!r}", text.strip())


def check_html(html):
    """[Finding] for one page's HTML rendered from its Markdown."""
    gate = _Gate()
    gate.feed(html)
    gate.close()
    return gate.findings


def check_front_matter(meta):
    findings = []
    for field in HEAD_FIELDS:
        value = meta.get(field)
        if isinstance(value, str) and re.search(r'[<>"]', value):
            findings.append(Finding(f"the front matter's {field} holds <, > or \" (it goes into the page's "
                                    "head as it is)", value))
    return findings


def line_of(source, needle):
    """1-based line of the first occurrence of `needle` in `source` (any case), or None."""
    if not needle:
        return None
    at = source.lower().find(needle.lower())
    if at < 0:
        return None
    return source.count("\n", 0, at) + 1


def _renderer(config):
    md = getattr(config, "_content_gate_md", None)
    if md is None:
        md = markdown_lib.Markdown(extensions=config["markdown_extensions"],
                                   extension_configs=config["mdx_configs"] or {})
        try:
            config._content_gate_md = md
        except AttributeError:
            pass
    md.reset()
    return md


def render(markdown, config):
    return _renderer(config).convert(markdown)


def report(findings, name, source):
    lines = []
    for finding in findings:
        line = line_of(source, finding.needle)
        where = f"{name}:{line}" if line else name
        lines.append(f"{where}: {finding.what}")
    return ("the page's Markdown holds what a reader's page must not carry; take it out, or ask a "
            "maintainer to add it to the theme or the build:\n  " + "\n  ".join(dict.fromkeys(lines)))


def check_page(markdown, page, config):
    """MkDocs on_page_markdown: refuse the page, naming file and line, or return None."""
    findings = check_front_matter(page.meta or {}) + check_html(render(markdown, config))
    if not findings:
        return
    name = "docs/" + page.file.src_uri
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    except (OSError, TypeError):
        source = markdown
    raise ContentError(report(findings, name, source))


def _theme_strings(block, where):
    """(where, value) of the strings the theme writes unescaped, in one language's block."""
    found = []
    for key in ("site_name", "site_description"):
        if isinstance(block.get(key), str):
            found.append((f"{where}{key}", block[key]))
    palette = (block.get("theme") or {}).get("palette") or []
    for index, scheme in enumerate(palette if isinstance(palette, list) else [palette]):
        name = ((scheme or {}).get("toggle") or {}).get("name")
        if isinstance(name, str):
            found.append((f"{where}theme > palette > {index} > toggle > name", name))
    for english, translated in (block.get("nav_translations") or {}).items():
        found.append((f"{where}nav_translations > {english}", str(translated)))

    def nav(entries):
        for entry in entries or []:
            if isinstance(entry, dict):
                for title, value in entry.items():
                    found.append((f"{where}nav > {title}", str(title)))
                    if isinstance(value, list):
                        nav(value)
    nav(block.get("nav"))
    return found


def check_config(raw_config):
    """Refuse markup characters in mkdocs.yml strings that the theme writes unescaped."""
    strings = _theme_strings(raw_config, "")
    for plugin in raw_config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for lang in (plugin["i18n"] or {}).get("languages") or []:
                where = f"plugins > i18n > languages > {lang.get('locale')} > "
                strings += _theme_strings(lang, where)
    bad = [f"{where}: {value!r}" for where, value in strings if re.search(r'[<>"]', value)]
    if bad:
        raise ContentError("mkdocs.yml: these strings go into every page as they are, so they may not "
                           "hold <, > or \":\n  " + "\n  ".join(bad))
