"""What every built page gets, called by hooks.py during `mkdocs build`.

- sources.py: the Sources page, generated from every page's footnotes;
- page_meta.py: the "Last reviewed" date under each title (front matter `reviewed:`);
- page_assets.py: the self-check's stylesheet and script only on its pages;
- alternate_links.py: drops the theme's hreflang links (they fetch a sitemap);
- not_found.py: one 404 page per language;
- html_lang.py: `<html lang>` per language (zh-Hans for the Chinese pages);
- prune_output.py, unused_css.py, search_split.py: after the build, on site/ alone:
  leave out what no reader downloads, trim the theme's stylesheet, and split the
  search index by language.

Its data: the pages in docs/<lang>/ and the configuration in mkdocs.yml.
"""
