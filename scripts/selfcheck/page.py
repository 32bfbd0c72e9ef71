"""The self-check page (check.md in each language): joins the rules
(docs/selfcheck/rules.yml) and the page's wording into the questionnaire at
build time.

Once per build, before any page is rendered (check_all_languages, from
on_pre_build), the rules and every language's check.md are read and compared,
so that a missing, extra or misspelt id in any language stops the build with a
message naming the file, the line and the id. Then each check page's own
Markdown is parsed once and replaced by the questionnaire (render.py).
"""
import os

from mkdocs.exceptions import PluginError

from common import languages
from selfcheck import render as selfcheck_render
from selfcheck import rules as selfcheck_rules
from selfcheck import wording as selfcheck_wording

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


# The rules as the last check_all_languages read them: one build's passes
# (one per language) all render from the same, already checked, rules.
_checked_rules = None


def _root(config):
    return os.path.dirname(os.path.abspath(config.config_file_path))


def check_all_languages(config):
    """MkDocs on_pre_build: read and cross-check the rules and every language's
    wording, once per build (in the first language's pass; the others reuse it)."""
    global _checked_rules
    if not languages.first_pass(config):
        return
    _checked_rules, _ = load_all(config.docs_dir, languages.all_codes(config), _root(config),
                                 languages.default(config))


def render_check_page(markdown, page, config, files):
    """MkDocs on_page_markdown: on a check page, put the questionnaire in place of its wording."""
    code = languages.current(config)
    if page.file.src_uri != f"{code}/{PAGE}":
        return markdown
    if _checked_rules is None:  # a build that skipped on_pre_build: check now
        check_all_languages(config)
    name = _shown(os.path.join(config.docs_dir, code, PAGE), _root(config))
    # The page's Markdown as MkDocs hands it over (front matter removed, and
    # any earlier hook's changes kept); its ids were checked before the build.
    wording = selfcheck_wording.parse(markdown, name)
    return selfcheck_render.render(wording, _checked_rules)
