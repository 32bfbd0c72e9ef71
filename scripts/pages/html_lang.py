"""The `<html lang>` of each language's pages, from `extra.ui.html_lang`.

The theme writes the i18n locale ("zh"), which leaves the script open: a
browser may then draw Chinese text with Traditional or Japanese glyph forms.
The Chinese pages say `zh-Hans` (Simplified Chinese) instead; a language
without `html_lang` keeps the theme's value.
"""
import re

_HTML = re.compile(r'<html lang="[^"]*"')


def set_html_lang(output, config):
    lang = (config.extra.get("ui") or {}).get("html_lang")
    if not lang:
        return output
    return _HTML.sub(f'<html lang="{lang}"', output, count=1)
