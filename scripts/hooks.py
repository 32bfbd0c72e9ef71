"""MkDocs hooks: the one place where the build logic in scripts/ is wired in.

Each concern lives in its own module next to this file; this file only
forwards MkDocs events to them, in a fixed order.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import alternate_links  # noqa: E402
import not_found  # noqa: E402
import page_meta  # noqa: E402
import sources  # noqa: E402


def on_page_markdown(markdown, page, config, files):
    return sources.fill_sources_page(markdown, page, config)


def on_page_content(html, page, config, files):
    return page_meta.add_review_date(html, page, config)


def on_post_page(output, page, config):
    return alternate_links.drop_alternate_links(output)


def on_post_template(output, template_name, config):
    output = alternate_links.drop_alternate_links(output)
    return not_found.place_404(output, template_name, config)
