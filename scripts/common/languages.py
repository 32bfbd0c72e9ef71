"""Which language the current MkDocs build pass is for.

mkdocs-static-i18n builds the site once per language, all into the same
site_dir; these helpers let the other build modules ask which pass is running.
"""
import os


def _i18n(config):
    return config.plugins.get("i18n")


def current(config):
    """The language code of the build pass that is running ("en", "zh")."""
    plugin = _i18n(config)
    if plugin is None or plugin.current_language is None:
        return config.theme.get("language", "en")
    return plugin.current_language


def default(config):
    plugin = _i18n(config)
    if plugin is None:
        return config.theme.get("language", "en")
    return plugin.default_language


def all_codes(config):
    """Every configured language code, the default one first."""
    plugin = _i18n(config)
    if plugin is None:
        return [current(config)]
    codes = [lang.locale for lang in plugin.config.languages]
    codes.sort(key=lambda code: code != default(config))
    return codes


def html_lang(config, code):
    """The `<html lang>` of language `code`'s pages: the html_lang of its
    interface strings (docs/i18n/ui.<lang>.yml: en, zh-Hans; zh-Hant-HK), or
    the code itself for a code that is not one of the site's languages. The
    language switcher marks each language's name with it, so that 简体中文 is
    read and drawn as Simplified Chinese wherever it stands."""
    from common import ui_strings

    if code not in all_codes(config):
        return code
    return ui_strings.for_language(config, code)["html_lang"]


def first_pass(config):
    """True in the build's first pass (the default language): once per build,
    before any page of any language is rendered."""
    plugin = _i18n(config)
    return plugin is None or not plugin.building


def every_language_built(config):
    """True in the build's last on_post_build: every language's pages are
    written and their search entries merged (not inside one language's pass)."""
    plugin = _i18n(config)
    return plugin is None or not plugin.building


def output_dir(config):
    """Where this pass's pages go: site_dir for the default language, site_dir/<code> otherwise."""
    code = current(config)
    if code == default(config):
        return config.site_dir
    return os.path.join(config.site_dir, code)
