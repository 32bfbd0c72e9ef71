"""Each built page's Content-Security-Policy lists the SHA-256 of the
inline scripts and styles the project knows it wrote, and nothing else
(post-build, on site/ alone; the allow-list is postbuild/known_inline.py).

overrides/main.html writes the policy with `script-src 'self'` and
`style-src 'self'`, without 'unsafe-inline' or 'unsafe-hashes': a browser
runs an inline script only if its hash is listed. This step reads each page
as it is at the very end of the build:

- <script> elements without src whose type is JavaScript (any type but a
  JSON data block such as #__config, which is never run) must be one the
  project knows; their hashes go into script-src;
- <style> elements must be ones a build step registered for this page
  (known_inline.allow_style); their hashes go into style-src;
- event-handler attributes (onclick=...) and style="..." attributes are
  refused outright: the policy never allows them.

Anything else stops the build, naming the page and, where the page has a
Markdown file that holds the text, that file and line. Hashes are of the
element's text exactly as the browser parses it (line breaks normalised to
\\n), base64-encoded. It must run last: any change to a page's inline code
after it would be blocked. A page without the site's policy (assets/blank.html
has its own, `default-src 'none'`) gets no hashes, but is checked all the same.
"""
import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from postbuild import known_inline

_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
_DATA_TYPES = known_inline.DATA_TYPES  # never run; any other type counts as a script


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
            if name.startswith("on"):
                self.handlers.append(value or name)
            elif name == "style":
                self.style_attrs.append(value or name)
        if tag == "script" and "src" not in attributes:
            kind = (attributes.get("type") or "").strip().lower()
            self._open = (None if kind in _DATA_TYPES else "script", [])
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


def source_of(page_rel, docs_dir, default_lang="en", langs=()):
    """The Markdown file a built page comes from (`zh/check.html` -> docs/zh/check.md), or None."""
    if docs_dir is None or not page_rel.endswith(".html"):
        return None
    first, _, rest = page_rel.partition("/")
    lang, name = (first, rest) if rest and first in langs else (default_lang, page_rel)
    name = name[:-len(".html")] + ".md"
    for candidate in (Path(docs_dir) / lang / name, Path(docs_dir) / default_lang / name,
                      Path(docs_dir) / lang / name.replace(".md", "/index.md")):
        if candidate.is_file():
            return candidate
    return None


def _where(text, source):
    if source is None:
        return ""
    needle = text.strip()[:80]
    content = source.read_text(encoding="utf-8")
    at = content.find(needle) if needle else -1
    if at < 0:
        return f" (from {source.as_posix()})"
    return f" (from {source.as_posix()}:{content.count(chr(10), 0, at) + 1})"


def hash_page(html, known, page_path=None, source=None, name="the page"):
    """The page with the known inline code's hashes in its CSP meta tag.

    Raises known_inline.UnknownInlineCode naming `name` (and `source`, the
    Markdown file, where it holds the text) for any inline code the project
    does not know. A page without a policy of ours is checked and left as it is.
    """
    found = inline_code(html)
    problems, scripts, styles = [], [], []
    for text in found.scripts:
        digest = known.script_hash(text)
        if digest is None:
            problems.append(f"an inline script the project does not know: {text.strip()[:80]!r}{_where(text, source)}")
        else:
            scripts.append(digest)
    allowed_styles = known_inline.allowed_styles(page_path) if page_path else set()
    for text in found.styles:
        digest = sha256(text)
        if digest in allowed_styles:
            styles.append(digest)
        else:
            problems.append(f"a <style> no build step wrote: {text.strip()[:80]!r}{_where(text, source)}")
    for text in found.handlers:
        problems.append(f"an event-handler attribute: {text.strip()[:80]!r}{_where(text, source)}")
    for text in found.style_attrs:
        problems.append(f"a style= attribute: {text.strip()[:80]!r}{_where(text, source)}")
    if problems:
        raise known_inline.UnknownInlineCode(
            f"{name}: inline code that its Content-Security-Policy must not allow (only the theme's, the "
            "overrides' and the build's own, scripts/postbuild/known_inline.py):\n  " + "\n  ".join(problems))
    match = _CSP.search(html)
    if not match:
        return html
    policy = match.group(2)
    policy = _with_sources(policy, "script-src", scripts)
    policy = _with_sources(policy, "style-src", styles)
    return html[:match.start(2)] + policy + html[match.end(2):]


def add_hashes(site_dir, known, docs_dir=None, default_lang="en", langs=()):
    """Check and hash every page of `site_dir`; all unknown inline code is reported at once."""
    site_dir = Path(site_dir)
    errors = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8")
        try:
            hashed = hash_page(html, known, path, source_of(rel, docs_dir, default_lang, langs), rel)
        except known_inline.UnknownInlineCode as error:
            errors.append(str(error))
            continue
        if hashed != html:
            path.write_text(hashed, encoding="utf-8")
    known_inline.forget_styles()
    if errors:
        raise known_inline.UnknownInlineCode("\n".join(errors))
