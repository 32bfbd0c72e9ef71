"""MkDocs hooks: the one file MkDocs loads (mkdocs.yml, `hooks:`).

It only forwards MkDocs events, in a fixed order, to the packages beside it
(installed into the project's virtual environment from scripts/pyproject.toml):
pages/ (what every page gets during the build), postbuild/ (what runs on the
finished site/), selfcheck/ (the questionnaire page), atlas/ (the phone
settings atlas), mirror/ (the mirrors list and the onion build), i18n/
(translation checks and notices) and hant/ (the Traditional Chinese
edition, generated from the Simplified pages). The packages say
what they own in their __init__.py.
"""
from mkdocs.plugins import event_priority

from atlas import page as atlas_page
from common import languages, project_config, ui_strings
from hant import edition as hant_edition
from hant import review as hant_review
from hant import search as hant_search
from i18n import glossary_check
from i18n import lint as i18n_lint
from i18n import notice as translation_notice
from mirror import page as mirrors_page
from pages import alternate_links, content_gate, footnote_marks, form_state, html_lang, not_found, page_meta
from pages import project_key, sources
from postbuild import pipeline
from selfcheck import page as selfcheck_page
from selfcheck import page_assets


def on_config(config):
    # before the i18n plugin's (-100): it applies each language's settings
    return hant_edition.configure(config)


# After the i18n plugin's on_files (-100), which chose each page's file for
# this language's pass: a generated language's pages become virtual files.
@event_priority(-110)
def on_files(files, config):
    return hant_edition.add_pages(files, config)


def on_env(env, config, files):
    # the templates' `| html_lang`: a language code's <html lang> (overrides/main.html)
    env.filters["html_lang"] = lambda code: languages.html_lang(config, code)
    return env


def on_pre_build(config):
    content_gate.check_config(project_config.load(config.config_file_path))
    ui_strings.install(config)  # config.extra.ui: this pass's strings (docs/i18n/ui.<lang>.yml)
    hant_search.teach_segmenter(config)
    i18n_lint.check_translations(config)
    glossary_check.check_glossary_terms(config)
    atlas_page.check_all_languages(config)  # the atlas, read once per build, handed on below
    selfcheck_page.check_all_languages(config, atlas_page.atlases(config))
    mirrors_page.check_all(config)


def on_page_markdown(markdown, page, config, files):
    content_gate.check_page(markdown, page, config)  # first: what the contributor wrote, alone
    markdown = project_key.fill(markdown, page)
    markdown = sources.fill_sources_page(markdown, page, config)
    markdown = atlas_page.fill_markers(markdown, page, config)
    markdown = mirrors_page.fill_list(markdown, page, config)
    return selfcheck_page.render_check_page(markdown, page, config, atlas_page.atlases(config))


def on_page_content(html, page, config, files):
    html = translation_notice.add_notice(html, page, config, files)
    html = hant_review.add_notice(html, page, config)
    html = footnote_marks.separate(html, page.file.src_uri)
    html = selfcheck_page.open_links_in_new_tab(html, page, config)
    return page_meta.add_review_date(html, page, config)


def on_post_page(output, page, config):
    name = page.file.src_uri
    output = page_assets.only_on_check_page(output, name)
    output = html_lang.set_html_lang(output, config, name)
    output = form_state.autocomplete_off(output)
    return alternate_links.drop_alternate_links(output, name)


def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output  # sitemap.xml: none of the page steps apply
    output = page_assets.only_on_check_page(output, template_name)
    output = alternate_links.drop_alternate_links(output, template_name)
    output = html_lang.set_html_lang(output, config, template_name)
    output = form_state.autocomplete_off(output)
    return not_found.place_404(output, template_name, config)


# Last of all (after the i18n plugin has built the other languages and merged
# their search entries, and after the offline plugin, both at -100), once:
# the post-build pipeline, whose order is declared in postbuild/pipeline.py.
@event_priority(-200)
def on_post_build(config):
    if not languages.every_language_built(config):
        return  # one language's pass, inside the i18n plugin's own post-build
    pipeline.run(config)


# After every plugin's post-build: no page changed since the pipeline's last
# step (the CSP) hashed its inline code.
def on_shutdown():
    pipeline.check_unchanged()
