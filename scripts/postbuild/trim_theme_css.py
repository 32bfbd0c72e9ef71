"""Drop the theme's CSS rules that no page of this site can match.

Material for MkDocs ships one stylesheet (about 140 kB) for every feature it
has: blog, tags, versions, annotations, code highlighting, admonition types
and all its colour palettes. Readers on slow links download it before the
first paint, on every first visit. After the build (the last language's
pass, when every page is written), this removes from the theme's stylesheets
(assets/stylesheets/) each selector whose class names appear in no built
page and no script of the site, and each palette rule for a colour the site
does not use; a rule left with no selector goes.

It errs on the side of keeping: a class counts as used if its name appears
anywhere in any built HTML, JavaScript or JSON file (so classes the theme's
scripts add at run time stay, as do names they build from a literal prefix
such as `md-tag--`); classes inside :not(), :is(), :where() and :has() never
make a selector go; and every at-rule other than @media, @supports and
@container is kept as it is. The site's own stylesheets are not touched.
The stylesheet is parsed by css.py (tinycss2); a kept rule reads as written.
"""
import os
import re

from postbuild import css

_WORD = re.compile(r"[A-Za-z_][\w-]*")


def used_words(site):
    """Every identifier-like word in the site's HTML, JavaScript and JSON files
    (the reader pages as the pipeline's page model holds them, postbuild/site.py)."""
    words = set()
    pages = {page.rel: page for page in site.pages}
    for folder, _, names in os.walk(site.dir):
        for name in names:
            if name.endswith((".html", ".js", ".json")):
                path = os.path.join(folder, name)
                page = pages.get(os.path.relpath(path, site.dir).replace(os.sep, "/"))
                if page is not None:
                    words.update(_WORD.findall(page.text))
                    continue
                with open(path, encoding="utf-8", errors="ignore") as f:
                    words.update(_WORD.findall(f.read()))
    return words


class Usage:
    """Answers whether a class or colour name is used anywhere on the site."""

    def __init__(self, words):
        self.words = words
        # names the theme's scripts complete at run time, e.g. `md-tag--${type}`
        self.prefixes = tuple(w for w in words if w.endswith("-") and len(w) > 3)

    def __contains__(self, name):
        return name in self.words or name.startswith(self.prefixes)


def selector_can_match(selector, used):
    """Whether every class `selector` (css.Selector) names outside brackets,
    and every palette colour it asks for, is used."""
    return all(c in used for c in selector.classes) and all(c in used for c in selector.colours)


def drop_unused(text, used, can_match=selector_can_match):
    """The stylesheet `text` without the selectors and rules nothing can match
    (`can_match(selector, used)` judges each css.Selector)."""
    return css.write(css.keep_selectors(css.parse(text), lambda selector: can_match(selector, used)))


def drop_unused_rules(site):
    """Rewrite the theme's stylesheets in site/ without unused rules (`site`: postbuild/site.py's Site)."""
    folder = os.path.join(site.dir, "assets", "stylesheets")
    if not os.path.isdir(folder):
        return
    used = Usage(used_words(site))
    for name in sorted(os.listdir(folder)):
        if name.endswith(".css"):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            trimmed = drop_unused(text, used)
            if trimmed != text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(trimmed)
