"""Tell readers when a page is not (or no longer fully) translated.

With `fallback_to_default`, mkdocs-static-i18n builds a page missing in a
language from the English file, at the same address (zh/<page>.html). This
module spots such a page in a translation's build pass (its source file is in
the default language's folder) and puts a notice in the reader's language
above the English text, with links to the self-check and the home page of
that language; the English text itself is marked lang="en".

A translated page whose front matter records an older English version
(`source_hash`, see translations.py) gets a gentler notice: the English page
has changed since, with a link to it. A page that records no version gets no
notice: nothing is known about it (`make i18n-status` shows it).

The words come from the language's interface strings (docs/i18n/ui.<lang>.yml,
like every other string the templates show). Links are relative, so they work from file://.
"""
import html as html_lib

from mkdocs.utils import get_relative_url

from common import languages
from i18n import translations as t

SELF_CHECK_PAGE = t.SELF_CHECK_PAGE
HOME_PAGE = "index.md"
KEYS = ("translation_missing", "translation_check", "translation_home",
        "translation_outdated", "translation_english")


def _ui(config):
    """The notice's words, escaped (a missing one stops the build naming its file, common/ui_strings.py)."""
    ui = config.extra["ui"]
    return {key: html_lib.escape(str(ui[key])) for key in KEYS}


def _link(files, page, name):
    """Relative URL from `page` to the page built from `name` in this pass, or None."""
    if page.file.src_uri.split("/", 1)[-1] == name:
        return None
    target = files.get_file_from_path(name)
    if target is None:
        return None
    return get_relative_url(target.url, page.url)


def missing_notice(page, config, files):
    ui = _ui(config)
    lang = languages.current(config)
    links = []
    for name, text in ((SELF_CHECK_PAGE, ui["translation_check"]), (HOME_PAGE, ui["translation_home"])):
        href = _link(files, page, name)
        if href:
            links.append(f'<a href="{html_lib.escape(href)}">{text}</a>')
    parts = [f"<p>{ui['translation_missing']}</p>"]
    if links:
        parts.append("<p>" + " · ".join(links) + "</p>")
    return (
        f'<div class="translation-notice translation-missing admonition info" lang="{lang}" '
        f'data-search-exclude>{"".join(parts)}</div>'
    )


def outdated_notice(page, config):
    ui = _ui(config)
    lang = languages.current(config)
    default = languages.default(config)
    english_url = page.url[len(lang) + 1:] if page.url.startswith(lang + "/") else page.url
    href = html_lib.escape(get_relative_url(english_url, page.url))
    return (
        f'<div class="translation-notice translation-outdated admonition note" lang="{lang}" '
        f'data-search-exclude><p>{ui["translation_outdated"]} '
        f'<a href="{href}" hreflang="{default}">{ui["translation_english"]}</a></p></div>'
    )


def add_notice(html, page, config, files):
    """MkDocs hook (page_content): the page's HTML, with a notice where one is due."""
    lang = languages.current(config)
    default = languages.default(config)
    if lang == default:
        return html
    source_lang, _, name = page.file.src_uri.partition("/")
    if source_lang == default:
        return missing_notice(page, config, files) + f'<div lang="{default}">{html}</div>'
    if source_lang == lang and name:
        state = t.state_of(t.project_from_config(config), name, lang)
        if state.state == t.OUTDATED and state.reason == t.CHANGED:
            return outdated_notice(page, config) + html
    return html
