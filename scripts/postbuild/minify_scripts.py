"""The site's own scripts as readers download them: without comments and
spaces (post-build, on site/ alone).

The files in docs/assets/js/ are written to be read: every one explains
itself at length, and on-demand.js and reading-safety.js load on every page.
Here their built copies in site/assets/js/ lose the comments and the spaces
no browser needs, about 40% of their gzip bytes (PERFORMANCE.md). rjsmin
(a maintained Python port of Douglas Crockford's jsmin rules, aware of
regular expression literals and template strings) does it; it renames
nothing and reorders nothing, so a script behaves exactly as its source.

Only the project's scripts are touched (the files of docs/assets/js/); the
theme's bundle and worker come minified already. This runs after the step
that writes the quick exit's words into reading-safety.js.
"""
from pathlib import Path

import rjsmin

FOLDER = "assets/js"


def scripts(config):
    """The built copies of docs/assets/js/*.js, as paths in site/."""
    source = Path(config.docs_dir) / FOLDER
    built = Path(config.site_dir) / FOLDER
    return [built / path.name for path in sorted(source.glob("*.js")) if (built / path.name).is_file()]


def minify(text):
    return rjsmin.jsmin(text, keep_bang_comments=False).strip() + "\n"


def minify_all(config):
    for path in scripts(config):
        path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
