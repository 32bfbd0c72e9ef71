"""The build hook of the settings atlas.

Once per build (before any page is rendered) every language's atlas is read
and checked, so a mistake in any language stops the build naming the file and
the id; atlases() hands the checked atlases to whoever needs them (the
self-check, selfcheck/page.py), so nothing reads the atlas again. Then, in
each page's Markdown, a line `<!-- atlas: TASK -->` becomes that task's tabs
(one per system), and `<!-- atlas: systems -->` the whole atlas, system by
system, in the page's language.
"""
import re

from mkdocs.exceptions import PluginError

from atlas import data, render
from common import languages

MARKER = re.compile(r"^<!-- atlas: ([a-z0-9-]+) -->[ \t]*$", re.M)
ALL = "systems"

_checked = {}


def _root(config):
    import os
    return os.path.dirname(os.path.abspath(config.config_file_path))


def check_all_languages(config):
    """MkDocs on_pre_build: read and check every language's atlas, once per build."""
    if not languages.first_pass(config):
        return
    try:
        atlases = data.check_all(config.docs_dir, languages.all_codes(config), _root(config))
    except data.AtlasError as error:
        raise PluginError(f"Settings atlas: {error}") from None
    _checked.clear()
    _checked.update(atlases)


def atlases(config):
    """{code: checked atlas} of every language, as this build read them."""
    if not _checked:  # a build that skipped on_pre_build: read them now
        check_all_languages(config)
    return _checked


def atlas_for(config):
    """The checked atlas of the language whose pass is running."""
    return atlases(config)[languages.current(config)]


def fill_markers(markdown, page, config):
    """MkDocs on_page_markdown: replace the atlas markers in a page."""
    if "<!-- atlas:" not in markdown:
        return markdown
    atlas = atlas_for(config)

    def replace(match):
        what = match.group(1)
        if what == ALL:
            return render.all_systems(atlas)
        if what not in atlas["tasks"]:
            raise PluginError(f"{page.file.src_uri}: `<!-- atlas: {what} -->` names no task of the atlas; "
                              f"the tasks are: {', '.join(atlas['tasks'])}, or `{ALL}`")
        return render.task_tabs(atlas, what)

    return MARKER.sub(replace, markdown)
