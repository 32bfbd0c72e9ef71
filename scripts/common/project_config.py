"""What the offline editions need to know from mkdocs.yml, read without MkDocs.

The bundle is made after the build, from the built site, so it reads the few
settings it needs straight from the configuration file: the bundle version,
the languages and where each one's pages live, the site's own stylesheets
and scripts. (The interface strings of each language are in
docs/i18n/ui.<lang>.yml: common/ui_strings.py.)
"""
import re
from pathlib import Path

import yaml



def _project():
    """The project folder (the one that holds mkdocs.yml): the current folder when
    it has one, as for MkDocs itself (the Makefile runs every command from the
    project's root), else the folder that holds scripts/."""
    here = Path.cwd()
    return here if (here / "mkdocs.yml").is_file() else Path(__file__).resolve().parents[2]


PROJECT = _project()

_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")


class _Loader(yaml.SafeLoader):
    """A safe YAML loader that reads MkDocs-specific tags (!ENV, !!python/name) as null."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def parse(text):
    """mkdocs.yml's text as a dict; tags that only MkDocs understands become null."""
    return yaml.load(text, Loader=_Loader) or {}


def load(config_file):
    """mkdocs.yml as a dict, with `config_file_path` (as in MkDocs' own config), so that
    the files it names (docs/i18n/ui.<lang>.yml, common/ui_strings.py) are found beside it."""
    with open(config_file, encoding="utf-8") as f:
        config = parse(f.read())
    config["config_file_path"] = str(Path(config_file).resolve())
    return config


def bundle_version(config):
    """`extra.bundle_version`: a fixed string in the file names, never the clock."""
    version = str((config.get("extra") or {}).get("bundle_version", "")).strip()
    if not _VERSION.fullmatch(version):
        raise ValueError(
            "mkdocs.yml needs 'extra.bundle_version', made of letters, digits, '.', '_' "
            f"or '-' (for example 2026.11.24); found {version!r}"
        )
    return version


def release_date(config):
    """`extra.release_date` (YYYY-MM-DD): the release's date, set by hand with the version."""
    import datetime

    value = (config.get("extra") or {}).get("release_date")
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"mkdocs.yml needs 'extra.release_date', the release's date as YYYY-MM-DD; found {value!r}")


def i18n(config):
    """The i18n plugin's settings in mkdocs.yml ({} if there is none)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"] or {}
    return {}


def languages(config):
    """[(code, folder prefix)] with the default language first ("" prefix)."""
    found = []
    for lang in i18n(config).get("languages") or []:
        if lang.get("build", True) is False:
            continue
        found.append((lang["locale"], bool(lang.get("default"))))
    if not found:
        return [((config.get("theme") or {}).get("language", "en"), "")]
    found.sort(key=lambda item: not item[1])
    return [(code, "" if default else f"{code}/") for code, default in found]


def _paths(entries):
    paths = []
    for entry in entries or []:
        path = entry.get("path") if isinstance(entry, dict) else entry
        if path:
            paths.append(str(path))
    return paths


def extra_css(config):
    return _paths(config.get("extra_css"))


def extra_javascript(config):
    """The site's own scripts, as (path, type) pairs; type is "" for classic scripts."""
    scripts = []
    for entry in config.get("extra_javascript") or []:
        if isinstance(entry, dict):
            scripts.append((str(entry.get("path")), str(entry.get("type") or "")))
        else:
            scripts.append((str(entry), "module" if str(entry).endswith(".mjs") else ""))
    return scripts

