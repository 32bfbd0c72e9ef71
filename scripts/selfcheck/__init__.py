"""The self-check: its logic in docs/selfcheck/rules.yml, its wording in
docs/<lang>/check.md, its behaviour in the browser in docs/assets/js/selfcheck.js.

- rules.py: reads and checks rules.yml, and scores answers (the JavaScript does
  the same in the reader's browser; the tests compare the two);
- wording.py: reads a check.md and checks it against the rules (file, line, id);
- render.py: the questionnaire's HTML, with the rules as JSON for the script;
- page.py: the build hook: cross-checks every language once per build, then
  renders each language's check page;
- page_assets.py: the self-check's stylesheet and script only on its pages.
"""
