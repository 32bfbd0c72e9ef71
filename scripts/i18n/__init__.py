"""Translations: English pages in docs/en/ are the source, docs/<lang>/ the
translations, with the same file names and heading ids.

- translations.py: the state of each translation (translated, outdated, missing),
  from the `source_hash` in its front matter;
- lint.py: build checks of every translation (front matter, heading ids, Markdown
  typed in full-width characters), each naming the file and line;
- glossary_check.py: the build check that a translation does not use the variants
  its glossary lists as "not this" (the 不写 column), each named by file and line;
- notice.py: the notice on an untranslated or outdated page (its wording is in
  each language's interface strings, docs/i18n/ui.<lang>.yml);
- status.py, diff.py, done.py: the translators' commands `make i18n-status`,
  `make i18n-diff PAGE=…`, `make i18n-done PAGE=…`;
- status_page.py, status_page.css: the same on a web page, for translators with
  only a browser: the build writes site/translate/index.html (its wording is
  the `status_page` section of each language's docs/i18n/ui.<lang>.yml).
"""
