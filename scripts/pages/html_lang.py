"""The `<html lang>` of each language's pages, from its interface strings'
`html_lang` (docs/i18n/ui.<lang>.yml, in `extra.ui` during the build).

The theme writes the i18n locale ("zh"), which leaves the script open: a
browser may then draw Chinese text with Traditional or Japanese glyph forms.
The Chinese pages say `zh-Hans` (Simplified Chinese) instead; a language
without `html_lang` keeps the theme's value. A page without
`<html lang>` stops the build (common/markup.py), naming it.
"""
from common import markup

WHAT = "<html lang>"


def set_html_lang(output, config, page_name):
    lang = (config.extra.get("ui") or {}).get("html_lang")
    if not lang:
        return output
    found = [t for t in markup.tags(output, "html") if "lang" in t.attrs][:1]
    (tag,) = markup.expect(found, page_name, WHAT)
    return output[:tag.start] + markup.set_attribute(tag.text, "lang", lang) + output[tag.end:]
