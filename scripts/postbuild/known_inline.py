"""The inline code the project knows it puts in its pages: the only inline
scripts and styles a page's Content-Security-Policy lists (by SHA-256).

A policy that hashed whatever a built page contained would approve a script
a translator typed into a page as readily as the theme's own (issue 23).
This module lists, from where each is made, what the project emits itself:

- the theme's inline scripts, read at build time from the theme's own
  templates (THEME_SCRIPTS: the palette script of
  partials/javascripts/palette.html, and the two tab scripts of
  partials/javascripts/content.html), each the literal text between
  <script> and </script>; a template that no longer holds a literal script
  there fails the build (the theme changed: review it);
- the overrides' inline script (overrides/partials/javascripts/base.html),
  whose one Jinja expression, `{{ config.extra.scope | d(base_url) }}`, is
  the page's way up to the site's root (".", "..", "../..", or "/" on the
  not-found pages): the allowed scripts are that template with a root path
  in its place, nothing else;
- the inline CSS that the build itself writes (inline_css.py: each page's
  two <style> parts), registered by allow_style() for that page at the
  moment it is written.

Data blocks (`<script type="application/json">`, the theme's #__config and
the self-check's data) are never run and need no hash. Anything else inline
-- a script, an event-handler attribute, a `style=` attribute, a <style>
nobody registered -- is unknown: the post-build step (csp.py) stops
the build naming the page and, where it can, the Markdown file and line.
"""
import base64
import hashlib
import re
from pathlib import Path

THEME_SCRIPTS = ("partials/javascripts/palette.html", "partials/javascripts/content.html")
OVERRIDE_SCRIPT = "partials/javascripts/base.html"
ROOT_PLACEHOLDER = "{{ config.extra.scope | d(base_url) }}"
_ROOT_PATH = re.compile(r"^(?:\.|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~-]+/)*)$")
_LITERAL_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
DATA_TYPES = {"application/json"}

_styles = {}  # page path -> {sha256 source} of the <style> parts the build wrote


class UnknownInlineCode(Exception):
    pass


def sha256(text):
    """The CSP source for `text` ('sha256-...'), line breaks normalised as a browser parses them."""
    digest = hashlib.sha256(text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def allow_style(page_path, css):
    """Called where a build step writes a <style> into a page: that CSS is the project's."""
    _styles.setdefault(str(Path(page_path).resolve()), set()).add(sha256(css))


def allowed_styles(page_path):
    return _styles.get(str(Path(page_path).resolve()), set())


def forget_styles():
    _styles.clear()


def _template(dirs, rel):
    for folder in dirs:
        path = Path(folder) / rel
        if path.is_file():
            return path
    raise UnknownInlineCode(f"the theme has no template {rel}: it changed; review the inline scripts it "
                            "writes (scripts/postbuild/known_inline.py)")


def theme_scripts(dirs):
    """{sha256: origin} of the theme's literal inline scripts, from its templates."""
    known = {}
    for rel in THEME_SCRIPTS:
        path = _template(dirs, rel)
        scripts = _LITERAL_SCRIPT.findall(path.read_text(encoding="utf-8"))
        if not scripts:
            raise UnknownInlineCode(f"{path}: no inline script found; the theme changed, review it "
                                    "(scripts/postbuild/known_inline.py)")
        for text in scripts:
            if "{{" in text or "{%" in text:
                raise UnknownInlineCode(f"{path}: an inline script now depends on the page ({text[:60]}...); "
                                        "the theme changed, review it (scripts/postbuild/known_inline.py)")
            known[sha256(text)] = f"the theme's {rel}"
    return known


class KnownInline:
    """What may stand inline in the site's pages (see the module's docstring)."""

    def __init__(self, dirs):
        self.scripts = theme_scripts(dirs)
        path = _template(dirs, OVERRIDE_SCRIPT)
        found = _LITERAL_SCRIPT.findall(path.read_text(encoding="utf-8"))
        if len(found) != 1 or found[0].count(ROOT_PLACEHOLDER) != 1:
            raise UnknownInlineCode(f"{path}: expected one inline script with {ROOT_PLACEHOLDER} once")
        self._before, self._after = found[0].split(ROOT_PLACEHOLDER)
        if "{{" in self._before + self._after or "{%" in self._before + self._after:
            raise UnknownInlineCode(f"{path}: the inline script has other Jinja expressions; list them here")
        self.override = str(path)

    def script_hash(self, text):
        """The hash to list for an inline script, or None if the project does not know it."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        digest = sha256(text)
        if digest in self.scripts:
            return digest
        if text.startswith(self._before) and text.endswith(self._after):
            root = text[len(self._before):len(text) - len(self._after)]
            if _ROOT_PATH.match(root):
                return digest
        return None


def for_config(config):
    """The allow-list for a MkDocs build (its theme's folders, overrides first)."""
    return KnownInline(list(config.theme.dirs))
