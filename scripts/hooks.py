"""MkDocs hooks: the one place where the build logic in scripts/ is wired in.

Each concern lives in its own module next to this file; this file only
forwards MkDocs events to them, in a fixed order.
"""
import os
import sys

from mkdocs.plugins import event_priority

sys.path.insert(0, os.path.dirname(__file__))

import alternate_links  # noqa: E402
import i18n_lint  # noqa: E402
import languages  # noqa: E402
import not_found  # noqa: E402
import page_assets  # noqa: E402
import page_meta  # noqa: E402
import prune_output  # noqa: E402
import search_split  # noqa: E402
import selfcheck  # noqa: E402
import sources  # noqa: E402
import translation_notice  # noqa: E402
import unused_css  # noqa: E402


def on_pre_build(config):
    i18n_lint.check_translations(config)


def on_page_markdown(markdown, page, config, files):
    markdown = sources.fill_sources_page(markdown, page, config)
    return selfcheck.render_check_page(markdown, page, config, files)


def on_page_content(html, page, config, files):
    html = translation_notice.add_notice(html, page, config, files)
    return page_meta.add_review_date(html, page, config)


def on_post_page(output, page, config):
    output = page_assets.only_on_check_page(output)
    return alternate_links.drop_alternate_links(output)


def on_post_template(output, template_name, config):
    output = page_assets.only_on_check_page(output)
    output = alternate_links.drop_alternate_links(output)
    return not_found.place_404(output, template_name, config)


# Last of all (after the i18n plugin has built the other languages and merged
# their search entries, and after the offline plugin, both at -100), once.
@event_priority(-200)
def on_post_build(config):
    if not languages.every_language_built(config):
        return  # one language's pass, inside the i18n plugin's own post-build
    prune_output.prune(config)
    unused_css.drop_unused_rules(config.site_dir)
    search_split.split_by_language(config)
