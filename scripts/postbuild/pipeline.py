"""The post-build pipeline: what runs on the finished site/, in order, as data.

hooks.py calls run() once, after the last language's build pass (when every
page of every language is written and the search entries are merged). STEPS
below is the order; nothing else holds it. Two kinds of step:

- a page step (`page=`) changes one reader page in memory (site.py's Page);
  its `prepare(site)` runs once before the first page and hands what every
  page shares (the parsed stylesheet, say) to each call. The pages are read
  once, before the first page step, and written once, before the first
  whole-site step that follows;
- a whole-site step (`site=`) works on the files of site/ itself.

The last step, csp, lists the hashes of every page's inline code in its
Content-Security-Policy; any change to a page after it would be blocked in
the reader's browser. So the order is enforced here, not just described:
a step registered after the one marked `last` stops the build as the
pipeline is built (Pipeline.__init__), and run() records the SHA-256 of every
HTML file once the last step has run; check_unchanged() (hooks.py,
on_shutdown, after every plugin's post-build) compares them with the files
on disk and stops the build naming any page changed after hashing.
"""
import logging
import time
from dataclasses import dataclass
from typing import Callable, Optional

from hant import search as hant_search
from i18n import status_page
from mirror import page as mirrors_page
from common import languages
from postbuild import csp, inline_css, known_inline, prune_output, reading_safety_strings, search_by_language
from postbuild import minify_scripts, search_shards
from postbuild import site as site_model
from postbuild import trim_theme_css

log = logging.getLogger("mkdocs.hooks.postbuild")


class PipelineError(Exception):
    """The pipeline's order or a page's state breaks a rule of this module."""


@dataclass(frozen=True)
class Step:
    name: str
    does: str  # one line, for people and the timing log
    site: Optional[Callable] = None  # site(site): a whole-site step
    page: Optional[Callable] = None  # page(page, shared): a page step
    prepare: Optional[Callable] = None  # prepare(site) -> shared, once, for a page step
    last: bool = False  # nothing may follow it (the CSP)


def _status_page(site):
    # translate/ copies the finished home page's CSP and referrer tags (the
    # home page as it is in memory: the pages are written before this step
    # only because it comes after the page steps)
    status_page.write_page(site.config, home_html=site.page("index.html").text)


STEPS = (
    Step("prune_output", "leave out source maps and lunr files no reader downloads",
         site=lambda site: prune_output.prune(site.config)),
    Step("trim_theme_css", "drop the theme's CSS rules no page can match",
         site=trim_theme_css.drop_unused_rules),
    Step("inline_css", "each page's CSS inline in two parts; bundle and full stylesheet on first touch",
         prepare=inline_css.prepare, page=inline_css.rewrite_page),
    Step("search_by_language", "one search index per language, each made smaller (compact_search_index)",
         site=lambda site: search_by_language.split_by_language(site.config)),
    Step("search_shards", "each language's search index cut into small files by first character (search-lite.js)",
         site=lambda site: search_shards.write_all(site.config)),
    Step("hant_query_map", "the Traditional edition's query map (Simplified or mainland words typed in its search)",
         site=lambda site: hant_search.write_query_map(site.config)),
    Step("reading_safety_strings", "the quick exit's and browser notice's words into reading-safety.js",
         site=lambda site: reading_safety_strings.fill_strings(site.config)),
    Step("minify_scripts", "the site's own scripts without comments and spaces (rjsmin)",
         site=lambda site: minify_scripts.minify_all(site.config)),
    Step("status_page", "translate/: the translators' status page",
         site=_status_page),
    Step("mirror_check", "an onion build: no clearnet address of the site left in site/ (reads only)",
         site=lambda site: mirrors_page.finish(site.config)),
    Step("csp", "the SHA-256 of the inline code the project knows in each page's Content-Security-Policy; "
         "any other stops the build",
         site=lambda site: csp.add_hashes(site.dir, known_inline.for_config(site.config), site.config.docs_dir,
                                          languages.default(site.config), languages.all_codes(site.config)),
         last=True),
)


class Pipeline:
    def __init__(self, steps=STEPS):
        self.steps = tuple(steps)
        for i, step in enumerate(self.steps):
            if (step.site is None) == (step.page is None):
                raise PipelineError(f"post-build step {step.name!r} needs exactly one of site= or page=")
            if step.last and i != len(self.steps) - 1:
                after = ", ".join(repr(s.name) for s in self.steps[i + 1:])
                raise PipelineError(
                    f"post-build step(s) {after} registered after {step.name!r}, which must run last: "
                    f"a page changed after {step.name!r} breaks what it computed (scripts/postbuild/pipeline.py, STEPS)")
        self.timings = []
        self.hashed = None  # {site_dir: {rel: sha256}} once the last step has run

    def run(self, config):
        """Run every step on config.site_dir, in order; return the Site."""
        site = site_model.Site(config)
        for step in self.steps:
            start = time.perf_counter()
            if step.page is not None:
                if site.written:
                    raise PipelineError(
                        f"page step {step.name!r} comes after a whole-site step that followed another page step: "
                        "the pages are read and written once; keep the page steps together (STEPS)")
                shared = step.prepare(site) if step.prepare else None
                if shared is not None:
                    for page in site.pages:
                        step.page(page, shared)
            else:
                if site._pages is not None and not site.written:
                    site.write_pages()
                step.site(site)
            self.timings.append((step.name, time.perf_counter() - start))
            if step.last:
                self.hashed = (site.dir, site_model.html_digests(site.dir))
        if not site.written:
            site.write_pages()
        return site

    def check_unchanged(self):
        """Stop if a page changed after the last step hashed it (None if the pipeline did not run)."""
        if self.hashed is None:
            return
        site_dir, before = self.hashed
        if not site_dir.is_dir():
            return  # `mkdocs serve` removes its temporary site/ first
        now = site_model.html_digests(site_dir)
        changed = sorted(rel for rel in set(before) | set(now) if before.get(rel) != now.get(rel))
        if changed:
            last = self.steps[-1].name
            raise PipelineError(
                f"{', '.join(changed)}: changed after the post-build step {last!r} hashed the pages' inline code "
                f"(by a plugin or hook that runs after the pipeline); the page's Content-Security-Policy would "
                f"block it. Make the change a step before {last!r} in scripts/postbuild/pipeline.py (STEPS)")

    def report(self):
        total = sum(seconds for _, seconds in self.timings)
        steps = ", ".join(f"{name} {seconds:.2f}" for name, seconds in self.timings)
        return f"post-build pipeline: {total:.2f} s ({steps})"


PIPELINE = Pipeline()


def run(config):
    """Run the site's pipeline (hooks.py, on_post_build); log its time per step."""
    PIPELINE.timings = []
    site = PIPELINE.run(config)
    log.info(PIPELINE.report())
    return site


def check_unchanged():
    PIPELINE.check_unchanged()
