"""The finished site/ as the post-build steps see it: one definition of "the
site's pages", and a page model that reads each page once and writes it once.

- reader_pages(site_dir): every HTML page a reader opens (both languages,
  the 404 pages included), as paths relative to site_dir, sorted. Not pages:
  the theme's and the site's files under assets/ (assets/blank.html), the
  search index under search/, and the translators' status page, translate/,
  which is written after the reader pages (i18n/status_page.py). The tests
  use the same list (tests/conftest.py, content_pages).
- Site: the folder, the MkDocs config and the reader pages, each read from
  disk the first time a step asks for it; a step changes page.text, and
  Site.write_pages() writes each changed page once (pipeline.py calls it).
"""
import hashlib
from pathlib import Path

NOT_PAGES = ("assets/", "search/", "translate/")


def reader_pages(site_dir):
    """Every reader's HTML page of the built site, relative to it (see the module's docstring)."""
    site_dir = Path(site_dir)
    found = []
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir).as_posix()
        if not rel.startswith(NOT_PAGES):
            found.append(rel)
    return sorted(found)


class Page:
    """One reader page: `rel` (relative to site/), `path`, and its `text`,
    which the steps change in memory."""

    def __init__(self, site_dir, rel):
        self.rel = rel
        self.site_dir = Path(site_dir)
        self.path = self.site_dir / rel
        self.original = self.path.read_text(encoding="utf-8")
        self.text = self.original

    @property
    def changed(self):
        return self.text != self.original


class Site:
    """site/ during the post-build pipeline (see the module's docstring)."""

    def __init__(self, config):
        self.config = config
        self.dir = Path(config.site_dir)
        self._pages = None
        self.written = False

    @property
    def pages(self):
        """The reader pages, in reader_pages() order, each read once."""
        if self._pages is None:
            self._pages = [Page(self.dir, rel) for rel in reader_pages(self.dir)]
        return self._pages

    def page(self, rel):
        return next(p for p in self.pages if p.rel == rel)

    def write_pages(self):
        """Write every changed page (once: a later change is an error)."""
        if self.written:
            raise RuntimeError("the pages were already written; a page step ran after the whole-site steps")
        for page in self._pages or ():
            if page.changed:
                page.path.write_text(page.text, encoding="utf-8")
        self.written = True


def html_digests(site_dir):
    """{rel: sha256} of every HTML file under site_dir (pipeline.py compares two)."""
    site_dir = Path(site_dir)
    return {path.relative_to(site_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site_dir.rglob("*.html"))}
