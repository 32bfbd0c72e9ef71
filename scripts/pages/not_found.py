"""One 404 page per language.

MkDocs writes theme templates such as 404.html straight into site_dir, and
mkdocs-static-i18n runs one build per language into the same site_dir, so
without this the last language built would own /404.html (with the wrong
<html lang>). Here the default language keeps /404.html and every other
language gets <code>/404.html of its own. A 404 template that renders no
<html> page stops the build (common/markup.py).
"""
import os

from common import languages, markup


def place_404(output, template_name, config):
    if template_name != "404.html":
        return output
    markup.expect(markup.tags(output, "html"), f"{languages.current(config)}: 404.html", "<html> in its output")
    if languages.current(config) == languages.default(config):
        return output
    path = os.path.join(languages.output_dir(config), "404.html")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(output)
    return ""  # an empty result tells MkDocs not to overwrite /404.html
