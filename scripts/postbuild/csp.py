"""The SHA-256 of every inline script and stylesheet of every built page,
listed in that page's Content-Security-Policy (post-build, on site/ alone).

overrides/main.html writes the policy with `script-src 'self'` and
`style-src 'self'`, without 'unsafe-inline': a browser then runs an inline
script only if its hash is listed. This step reads each page as it is at
the very end of the build (whatever the theme, the site or another build
step put inline) and adds the hashes:

- <script> elements without src whose type is JavaScript (JSON data
  blocks such as #__config are not run, so they need none) -> script-src;
- <style> elements -> style-src;
- event-handler attributes (onclick=...), if any -> script-src with
  'unsafe-hashes'; style="..." attributes -> style-src with 'unsafe-hashes'.

Hashes are of the element's text exactly as the browser parses it (line
breaks normalised to \\n), base64-encoded. It must run last: any change to a
page's inline code after it would be blocked. Pages without the site's
policy (assets/blank.html has its own, `default-src 'none'`) are left alone.
"""
import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
             "application/ecmascript", "text/jscript", "text/livescript"}


def sha256(text):
    digest = hashlib.sha256(text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class _Inline(HTMLParser):
    """Collects inline scripts, styles and handler/style attributes of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts, self.styles = [], []
        self.handlers, self.style_attrs = [], []
        self._open = None  # (kind, [chunks]) while inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") and value is not None:
                self.handlers.append(value)
            elif name == "style" and value is not None:
                self.style_attrs.append(value)
        if tag == "script" and "src" not in attributes:
            kind = (attributes.get("type") or "").strip().lower()
            self._open = ("script" if kind in _JS_TYPES else None, [])
        elif tag == "style":
            self._open = ("style", [])

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if self._open is not None and tag in ("script", "style"):
            kind, chunks = self._open
            if kind == "script":
                self.scripts.append("".join(chunks))
            elif kind == "style":
                self.styles.append("".join(chunks))
            self._open = None


def inline_code(html):
    parser = _Inline()
    parser.feed(html)
    parser.close()
    return parser


def _with_sources(policy, directive, sources):
    """`policy` with `sources` added to `directive` (kept once each, in order)."""
    if not sources:
        return policy
    parts = [p.strip() for p in policy.split(";") if p.strip()]
    for i, part in enumerate(parts):
        name, _, rest = part.partition(" ")
        if name == directive:
            have = rest.split()
            parts[i] = " ".join([name] + have + [s for s in dict.fromkeys(sources) if s not in have])
            return "; ".join(parts)
    return "; ".join(parts + [" ".join([directive] + list(dict.fromkeys(sources)))])


def hash_page(html):
    """The page with its inline code's hashes in its CSP meta tag (unchanged if it has none)."""
    match = _CSP.search(html)
    if not match:
        return html
    found = inline_code(html)
    policy = match.group(2)
    scripts = [sha256(s) for s in found.scripts]
    if found.handlers:
        scripts += ["'unsafe-hashes'"] + [sha256(h) for h in found.handlers]
    styles = [sha256(s) for s in found.styles]
    if found.style_attrs:
        styles += ["'unsafe-hashes'"] + [sha256(s) for s in found.style_attrs]
    policy = _with_sources(policy, "script-src", scripts)
    policy = _with_sources(policy, "style-src", styles)
    return html[:match.start(2)] + policy + html[match.end(2):]


def add_hashes(site_dir):
    for path in sorted(Path(site_dir).rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        hashed = hash_page(html)
        if hashed != html:
            path.write_text(hashed, encoding="utf-8")
