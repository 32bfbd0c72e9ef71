"""The self-check page (check.md in each language): joins the rules
(docs/selfcheck/rules.yml) and the page's wording into the questionnaire at
build time.

Before the page is rendered, every language's check.md is read and compared
with the rules, so that a missing, extra or misspelt id in any language stops
the build with a message naming the file, the line and the id. Then the
page's own Markdown is replaced by the questionnaire (selfcheck_render).
"""
import os

from mkdocs.exceptions import PluginError

import languages
import selfcheck_render
import selfcheck_rules
import selfcheck_wording

PAGE = "check.md"
RULES = os.path.join("selfcheck", "rules.yml")


def _shown(path, root):
    """A path as messages show it: relative to the project, with forward slashes."""
    return os.path.relpath(path, root).replace(os.sep, "/")


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def load_all(docs_dir, codes, root, default=None):
    """Read and check the rules and every language's wording.

    Returns (rules, {code: wording}); raises PluginError naming the file and id
    of the first problem. `codes` lists the language folders, `root` is the
    project folder that messages name files relative to, `default` the
    language the others are compared with (the first code if not given).
    """
    default = default or codes[0]
    rules = selfcheck_rules.load(os.path.join(docs_dir, RULES), _shown(os.path.join(docs_dir, RULES), root))
    reference = _shown(os.path.join(docs_dir, default, PAGE), root)
    wordings = {}
    for code in codes:
        path = os.path.join(docs_dir, code, PAGE)
        name = _shown(path, root)
        if not os.path.isfile(path):
            raise PluginError(
                f"{name} is missing: every language needs its own self-check page. Copy "
                f"{reference} and translate its words, keeping every {{#…}} mark as it is."
            )
        wording = selfcheck_wording.parse(_read(path), name)
        selfcheck_wording.check(wording, rules, selfcheck_render.WORDS, reference)
        wordings[code] = wording
    return rules, wordings


def render_check_page(markdown, page, config, files):
    """MkDocs on_page_markdown: on a check page, put the questionnaire in place of its wording."""
    code = languages.current(config)
    if page.file.src_uri != f"{code}/{PAGE}":
        return markdown
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    rules, _ = load_all(config.docs_dir, languages.all_codes(config), root, languages.default(config))
    name = _shown(os.path.join(config.docs_dir, code, PAGE), root)
    # The page's Markdown as MkDocs hands it over (front matter removed, and
    # any earlier hook's changes kept); its ids were checked just above.
    wording = selfcheck_wording.parse(markdown, name)
    selfcheck_wording.check(wording, rules, selfcheck_render.WORDS, name)
    return selfcheck_render.render(wording, rules)
