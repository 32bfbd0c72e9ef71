"""Every byte budget of the project, in one place and one naming style:
MAX_<what>_BYTES, with GZIP in the name where the figure is after gzip -9.

The tests assert them (tests/test_page_weight.py, test_single_file.py,
test_small_edition.py, test_bundle.py); `make bench` prints them beside what
it measured (dev/bench.py). A budget leaves room for the site to grow, not
for another script or stylesheet that every page must wait for: raise one
only with the reason in the commit message.
"""

# A page's first visit (tests/test_page_weight.py): its HTML plus every
# stylesheet, script and image the HTML names outside <noscript>, each gzip -9.
MAX_PAGE_GZIP_BYTES = 75_000  # the whole first visit (zh-Hant/protect.html, with the atlas's tabs, is the largest: 74.1 kB)
MAX_SHARED_GZIP_BYTES = 6_500  # the scripts and icon every page names (5.6 kB, minified: minify_scripts.py)
MAX_HTML_GZIP_BYTES = 68_500  # one page's HTML, its inline CSS included (zh-Hant/protect.html: 68.0 kB)
MAX_INLINE_CSS_GZIP_BYTES = 11_000  # one page's inline CSS, both parts
MAX_HEAD_CSS_GZIP_BYTES = 7_500  # the part in the head, before the first paragraph
MAX_BEFORE_FIRST_PARAGRAPH_GZIP_BYTES = 14_500  # the HTML up to the article's first paragraph's end (~20 ms/kB slow)

# The offline editions (make bundle), bytes on disk.
MAX_SINGLE_FILE_BYTES = 850_000  # one self-contained HTML file per language (test_single_file.py)
MAX_SMALL_EDITION_BYTES = 150_000  # the small edition per language (test_small_edition.py)
MAX_BUNDLE_ZIP_BYTES = 3 * 625_000  # the zip of the whole site, 625 kB per language (test_bundle.py)


def every_budget():
    """[(name, bytes, what it bounds)] in the order above, from this module's comments."""
    import inspect
    import re
    import sys

    module = sys.modules[__name__]
    found = []
    for line in inspect.getsource(module).splitlines():
        m = re.match(r"(MAX_\w+_BYTES) = [^#]+?(?:\s+#\s*(.*))?$", line)
        if m:
            found.append((m.group(1), getattr(module, m.group(1)), m.group(2) or ""))
    return found


def table():
    """The budgets as a Markdown table (make bench prints it)."""
    lines = ["| budget | bytes | what |", "|---|---|---|"]
    lines += [f"| {name} | {value:,} | {what} |" for name, value, what in every_budget()]
    return lines
