"""The self-check page (check.md in each language): joins the rules
(docs/selfcheck/rules.yml) and the page's wording into the questionnaire at
build time.

Once per build, before any page is rendered (check_all_languages, from
on_pre_build), the rules and every language's check.md are read and compared,
so that a missing, extra or misspelt id in any language stops the build with a
message naming the file, the line and the id. Then each check page's own
Markdown is parsed once and replaced by the questionnaire (render.py), with
the menu paths of the settings atlas for each phone system the rules name:
the atlas package reads and checks the atlas once per build and the hooks
hand it over (atlas/page.py, atlases()); this module never reads it.
Finally every link in the page that leads to another page opens in a new tab
(links_keep_the_answers), so that following one never takes the answers away.
"""
import os
import re

from mkdocs.exceptions import PluginError

from common import languages
from hant import edition as hant_edition
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


def load_all(docs_dir, codes, root, default=None, atlases=None):
    """Read and check the rules and every language's wording.

    Returns (rules, {code: wording}); raises PluginError naming the file and id
    of the first problem. `codes` lists the language folders, `root` is the
    project folder that messages name files relative to, `default` the
    language the others are compared with (the first code if not given),
    `atlases` the checked settings atlas of each language ({code: atlas}, as
    atlas/page.py holds them), whose system and task ids the rules must use
    (not compared when None: a copy of the rules and pages alone, in the tests).
    """
    default = default or codes[0]
    rules = selfcheck_rules.load(os.path.join(docs_dir, RULES), _shown(os.path.join(docs_dir, RULES), root))
    reference = _shown(os.path.join(docs_dir, default, PAGE), root)
    wordings = {}
    for code in codes:
        path = os.path.join(docs_dir, code, PAGE)
        name = _shown(path, root)
        converted = hant_edition.read_page(docs_dir, code, PAGE)  # a generated language's
        if converted is None and not os.path.isfile(path):
            raise PluginError(
                f"{name} is missing: every language needs its own self-check page. Copy "
                f"{reference} and translate its words, keeping every {{#…}} mark as it is."
            )
        wording = selfcheck_wording.parse(_read(path) if converted is None else converted, name)
        selfcheck_wording.check(wording, rules, selfcheck_render.WORDS, reference)
        wordings[code] = wording
        if atlases is not None:
            check_atlas_ids(rules, atlases[code], _shown(os.path.join(docs_dir, RULES), root), code)
    return rules, wordings


def check_atlas_ids(rules, atlas, name, code):
    """Every system and task id rules.yml names must be in the atlas."""
    systems, tasks = atlas.get("systems", {}), atlas.get("tasks", {})
    for system in rules.systems:
        if system.id not in systems:
            raise PluginError(
                f"{name}: system '{system.id}' is not in the settings atlas ({code})"
                f"{selfcheck_rules.did_you_mean(system.id, systems)}.")
    for box in rules.boxes:
        if box.task not in tasks:
            raise PluginError(
                f"{name}: box under step '{box.step}' names atlas task '{box.task}', which is not in "
                f"the settings atlas ({code}){selfcheck_rules.did_you_mean(box.task, tasks)}.")


_LINK = re.compile(r'<a\b([^>]*?)\shref="([^"]*)"([^>]*)>')


def links_keep_the_answers(html):
    """Every link to another page opens in a new tab (target=_blank, rel=noopener);
    links within the page stay as they are. For the check page's HTML."""
    def change(match):
        before, href, after = match.groups()
        if href.startswith("#") or "target=" in before + after:
            return match.group(0)
        return f'<a{before} href="{href}"{after} target="_blank" rel="noopener">'
    return _LINK.sub(change, html)


def is_check_page(page, config):
    return page.file.src_uri == f"{languages.current(config)}/{PAGE}"


# The rules as the last check_all_languages read them: one build's passes
# (one per language) all render from the same, already checked, rules.
_checked_rules = None


def _root(config):
    return os.path.dirname(os.path.abspath(config.config_file_path))


def check_all_languages(config, atlases):
    """MkDocs on_pre_build: read and cross-check the rules and every language's
    wording, and the rules against the atlases ({code: atlas}, read once per
    build by atlas/page.py), once per build (in the first language's pass; the
    others reuse it)."""
    global _checked_rules
    if not languages.first_pass(config):
        return
    _checked_rules, _ = load_all(config.docs_dir, languages.all_codes(config), _root(config),
                                 languages.default(config), atlases)


def render_check_page(markdown, page, config, atlases):
    """MkDocs on_page_markdown: on a check page, put the questionnaire in place of
    its wording, with the menu paths of `atlases` ({code: atlas}) in its language."""
    code = languages.current(config)
    if not is_check_page(page, config):
        return markdown
    if _checked_rules is None:  # a build that skipped on_pre_build: check now
        check_all_languages(config, atlases)
    name = _shown(os.path.join(config.docs_dir, code, PAGE), _root(config))
    # The page's Markdown as MkDocs hands it over (front matter removed, and
    # any earlier hook's changes kept); its ids were checked before the build.
    wording = selfcheck_wording.parse(markdown, name)
    return selfcheck_render.render(wording, _checked_rules, atlases[code])


def open_links_in_new_tab(html, page, config):
    """MkDocs on_page_content: on a check page, no link takes the answers away."""
    if not is_check_page(page, config):
        return html
    return links_keep_the_answers(html)
