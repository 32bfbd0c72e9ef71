"""What every page gets during `mkdocs build` (hooks.py calls these from the
page events, before and while the theme renders each page).

- sources.py: the Sources page, generated from every page's footnotes;
- page_meta.py: the "Last reviewed" date under each title (front matter `reviewed:`);
- footnote_marks.py: footnote markers side by side are kept apart ("11, 12");
- alternate_links.py: drops the theme's hreflang links (they fetch a sitemap);
- not_found.py: one 404 page per language;
- html_lang.py: `<html lang>` per language (zh-Hans for the Chinese pages);
- content_gate.py: refuses markup in contributors' Markdown that could run, load
  from outside or mislead, naming file and line (called first, from on_page_markdown);
- project_key.py: the project's key line and fingerprint on the trainers' pages,
  from allowed_signers; a hand-written key fails the build;
- form_state.py: autocomplete="off" on every form control, so nothing the
  reader chose comes back after Back or a reload.

What runs on the finished site/ afterwards is in postbuild/; the self-check's
own page work (its stylesheet and script only on its pages) in selfcheck/.
Its data: the pages in docs/<lang>/ and the configuration in mkdocs.yml.
"""
