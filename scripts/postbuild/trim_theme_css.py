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
"""
import os
import re

_WORD = re.compile(r"[A-Za-z_][\w-]*")
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_COLOR_ATTR = re.compile(r"\[data-md-color-(?:primary|accent|scheme)=[\"']?([\w-]+)")
_NESTED = ("@media", "@supports", "@container")


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


def _top_level(text):
    """`text` without anything inside brackets, parentheses or quotes."""
    out, depth, quote = [], 0, None
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _split_selectors(prelude):
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def declarations(body):
    """The declarations of a rule's body, split at semicolons outside quotes and brackets."""
    parts, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(body):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == ";" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return [p for p in parts if p.strip()]


def selector_can_match(selector, used):
    classes = _CLASS.findall(_top_level(selector))
    colours = _COLOR_ATTR.findall(selector)
    return all(c in used for c in classes) and all(c in used for c in colours)


def _block_end(css, start):
    """Index of the brace that closes the block opened at css[start]."""
    depth, quote, i = 0, None, start
    while i < len(css):
        ch = css[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced braces in stylesheet")


def drop_unused(css, used, can_match=selector_can_match):
    """The stylesheet `css` without the selectors and rules nothing can match
    (`can_match(selector, used)` judges each selector)."""
    out, i = [], 0
    while i < len(css):
        brace, semi = css.find("{", i), css.find(";", i)
        if css.startswith("/*", i):
            end = css.index("*/", i) + 2
            out.append(css[i:end])
            i = end
            continue
        if brace < 0:
            out.append(css[i:])
            break
        if css[i] == "@" and 0 <= semi < brace:  # @charset, @import ...
            out.append(css[i:semi + 1])
            i = semi + 1
            continue
        end = _block_end(css, brace)
        prelude, body = css[i:brace], css[brace + 1:end]
        head = prelude.strip()
        if head.startswith(_NESTED):
            inner = drop_unused(body, used, can_match)
            if inner.strip():
                out.append(prelude + "{" + inner + "}")
        elif head.startswith("@") or not head:
            out.append(css[i:end + 1])
        else:
            kept = [s for s in _split_selectors(prelude) if can_match(s, used)]
            if kept:
                out.append(",".join(kept) + "{" + body + "}")
        i = end + 1
    return "".join(out)


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
                css = f.read()
            trimmed = drop_unused(css, used)
            if trimmed != css:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(trimmed)
