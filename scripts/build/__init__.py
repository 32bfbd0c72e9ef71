"""What every built page gets, called by hooks.py during `mkdocs build`.

- sources.py: the Sources page, generated from every page's footnotes;
- page_meta.py: the "Last reviewed" date under each title (front matter `reviewed:`);
- page_assets.py: the self-check's stylesheet and script only on its pages;
- footnote_marks.py: footnote markers side by side are kept apart ("11, 12");
- alternate_links.py: drops the theme's hreflang links (they fetch a sitemap);
- not_found.py: one 404 page per language;
- html_lang.py: `<html lang>` per language (zh-Hans for the Chinese pages);
- prune_output.py, unused_css.py, text_first.py, search_split.py: after the
  build, on site/ alone: leave out what no reader downloads, trim the theme's
  stylesheet, give each page its CSS inline, in two parts, before and after
  the article's first paragraph (late_css.py; the full stylesheet and the
  theme's bundle load at the reader's first touch) and name its deferred
  scripts in the head, and split the search index by language.
- reading_safety.py: the words of the quick exit and the browser notice, written
  into the built reading-safety.js (every page and the one-file editions);
- csp_hashes.py: last of all, the SHA-256 of the inline scripts and styles the
  project knows (postbuild/known_inline.py) in each page's Content-Security-Policy
  (which has no 'unsafe-inline'); any other inline code stops the build.

Its data: the pages in docs/<lang>/ and the configuration in mkdocs.yml.
"""
