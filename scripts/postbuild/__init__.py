"""What runs on the finished site/ after the last language's build pass.

pipeline.py declares the steps and their order (hooks.py, on_post_build, runs
it); site.py is the page model they share (one list of the site's pages, each
read once and written once). The steps, in order:

- prune_output.py: leave out what no reader downloads;
- trim_theme_css.py: drop the theme's CSS rules no page can match;
- inline_css.py: give each page the CSS it needs inline, in two parts
  (split_inline_css.py: before and after the article's first paragraph), load
  the full stylesheet and the theme's bundle at the reader's first touch, and
  name the deferred scripts in the head;
- search_by_language.py: one search index per language, each made smaller
  by compact_search_index.py (a teaser and a word list per entry);
- search_shards.py: each language's index as small files (titles, teasers,
  words cut by first character with lunr's weights) for
  docs/assets/js/search-lite.js, and the theme's rules for search results;
- reading_safety_strings.py: the words of the quick exit and the browser
  notice, written into the built reading-safety.js;
- the translators' status page (i18n/status_page.py);
- csp.py: last of all, the SHA-256 of the inline scripts and styles the
  project knows (known_inline.py: the theme's and the overrides' scripts, read
  from their templates, and the CSS inline_css.py writes) in each page's
  Content-Security-Policy (which has no 'unsafe-inline'); any other inline
  code stops the build.
"""
