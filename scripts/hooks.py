"""MkDocs hooks: the one file MkDocs loads (mkdocs.yml, `hooks:`).

It only forwards MkDocs events, in a fixed order, to the packages beside it
(installed into the project's virtual environment from scripts/pyproject.toml):
pages/ (what every page gets during the build), postbuild/ (what runs on the
finished site/), selfcheck/ (the questionnaire page), atlas/ (the phone
settings atlas), mirror/ (the mirrors list and the onion build) and i18n/
(translation checks and notices). The packages say
what they own in their __init__.py.
"""
from mkdocs.plugins import event_priority

from atlas import page as atlas_page
from common import languages
from i18n import glossary_check
from i18n import lint as i18n_lint
from i18n import notice as translation_notice
from i18n import status_page as translation_status_page
from mirror import page as mirrors_page
from pages import alternate_links, footnote_marks, html_lang, not_found, page_meta, sources
from postbuild import csp, inline_css, prune_output, reading_safety_strings, search_by_language, trim_theme_css
from selfcheck import page as selfcheck_page
from selfcheck import page_assets


def on_pre_build(config):
    i18n_lint.check_translations(config)
    glossary_check.check_glossary_terms(config)
    selfcheck_page.check_all_languages(config)
    atlas_page.check_all_languages(config)
    mirrors_page.check_all(config)


def on_page_markdown(markdown, page, config, files):
    markdown = sources.fill_sources_page(markdown, page, config)
    markdown = atlas_page.fill_markers(markdown, page, config)
    markdown = mirrors_page.fill_list(markdown, page, config)
    return selfcheck_page.render_check_page(markdown, page, config, files)


def on_page_content(html, page, config, files):
    html = translation_notice.add_notice(html, page, config, files)
    html = footnote_marks.separate(html)
    html = selfcheck_page.open_links_in_new_tab(html, page, config)
    return page_meta.add_review_date(html, page, config)


def on_post_page(output, page, config):
    output = page_assets.only_on_check_page(output)
    output = html_lang.set_html_lang(output, config)
    return alternate_links.drop_alternate_links(output)


def on_post_template(output, template_name, config):
    output = page_assets.only_on_check_page(output)
    output = alternate_links.drop_alternate_links(output)
    output = html_lang.set_html_lang(output, config)
    return not_found.place_404(output, template_name, config)


# Last of all (after the i18n plugin has built the other languages and merged
# their search entries, and after the offline plugin, both at -100), once.
@event_priority(-200)
def on_post_build(config):
    if not languages.every_language_built(config):
        return  # one language's pass, inside the i18n plugin's own post-build
    prune_output.prune(config)
    trim_theme_css.drop_unused_rules(config.site_dir)
    inline_css.rewrite(config.site_dir)
    search_by_language.split_by_language(config)
    reading_safety_strings.fill_strings(config)
    translation_status_page.write_page(config)  # translate/: copies the finished home page's CSP
    mirrors_page.finish(config)  # an onion build: no clearnet address of the site left (reads only)
    # Keep this the very last step: it hashes the inline scripts each page
    # has now, and the Content-Security-Policy blocks any other.
    csp.add_hashes(config.site_dir)
