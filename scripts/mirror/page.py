"""The build hooks of the mirrors (hooks.py calls these).

- check_all (pre-build): docs/mirrors.yml is read and checked once per
  build; in an onion build, also that site_url is unset;
- fill_list (page Markdown): the line `<!-- mirrors: list -->` on a page
  becomes the table of mirrors in that page's language (only onion mirrors
  in an onion build);
- finish (post-build): in an onion build, no clearnet address of the site
  is left in site/.
"""
from mkdocs.exceptions import PluginError

from mirror import listing, onion

MARKER = "<!-- mirrors: list -->"


def _mirrors(config):
    try:
        mirrors = listing.load(config.docs_dir)
    except listing.MirrorsError as error:
        raise PluginError(str(error)) from None
    if onion.enabled(config):
        mirrors = [m for m in mirrors if m["kind"] == "onion"]
    return mirrors


def check_all(config):
    _mirrors(config)
    if onion.enabled(config):
        try:
            onion.check_config(config)
        except onion.OnionError as error:
            raise PluginError(str(error)) from None


def fill_list(markdown, page, config):
    if MARKER not in markdown:
        return markdown
    # the language's interface strings (docs/i18n/ui.<lang>.yml, mirrors_*): a
    # missing one stops the build naming its file and key (common/ui_strings.py)
    return markdown.replace(MARKER, listing.table_html(_mirrors(config), config.extra["ui"]))


def finish(config):
    if not onion.enabled(config):
        return
    hosts = sorted({m["host"] for m in listing.load(config.docs_dir) if m["kind"] == "web"})
    try:
        onion.finish(config.site_dir, hosts)
    except onion.OnionError as error:
        raise PluginError(str(error)) from None
