"""`make build ONION=1`: the site for an onion service, with no clearnet
address of its own left in it, so a reader of the onion copy is never sent,
and never has their browser sent, to the site's clearnet addresses.

In such a build (mkdocs.yml: `extra.onion`, from the ONION environment
variable) `site_url` must be unset (MkDocs then writes no canonical links),
the sitemaps go (they list the site's pages by address), the mirrors page
lists only onion mirrors, and last, every text file of site/ is searched for
the host of every listed web mirror and for a canonical link: any left stops
the build, naming the file and the address.
"""
import re
from pathlib import Path

TEXT = (".html", ".js", ".json", ".css", ".xml", ".txt", ".svg")
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
_CANONICAL = re.compile(r'<link[^>]+rel="?canonical', re.I)


class OnionError(Exception):
    pass


def enabled(config):
    value = (config.get("extra") or {}).get("onion")
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def check_config(config):
    if config.get("site_url"):
        raise OnionError(f"an onion build must not set site_url (mkdocs.yml has {config['site_url']!r}): "
                         "its address would be in every page's canonical link and the sitemap")


def finish(site_dir, clearnet_hosts):
    """Drop the sitemaps, then fail if a clearnet address of the site is left anywhere."""
    site_dir = Path(site_dir)
    for path in site_dir.rglob("*"):
        if path.name in SITEMAPS:
            path.unlink()
    left = []
    for path in sorted(site_dir.rglob("*")):
        if not (path.is_file() and path.suffix in TEXT):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site_dir).as_posix()
        left += [f"{rel}: {host}" for host in clearnet_hosts if host in text]
        if _CANONICAL.search(text):
            left.append(f"{rel}: a canonical link")
    if left:
        raise OnionError("the onion build still names the site's clearnet addresses:\n  " + "\n  ".join(left))
