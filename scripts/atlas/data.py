"""Read the settings atlas (docs/atlas/) and check it.

`load(docs_dir, lang)` returns one language's atlas:

    {"systems": {system_id: {"name": str, "short": str, "entries": {task_id: entry}}},
     "tasks": {task_id: title}, "labels": {...}}

in the order of docs/atlas/atlas.yml. `check_all(docs_dir, codes, root)` reads
every language and raises AtlasError naming the file and the id of the first
problem: a system or task missing or unknown in a language, an entry with
neither `path` nor `not_found`, an entry with a path and no complete source, or
without the version it was checked against and the date.
"""
import datetime
import difflib
import os
import re

import yaml

ATLAS = "atlas"
INDEX = "atlas.yml"
TASKS = "tasks.yml"
LABELS = ("on_your_phone", "keyboard", "path", "not_found", "search", "checked", "source", "undated", "menus_move")
PLACEHOLDERS = {"checked": ("date", "version"), "source": ("title", "publisher", "date")}
ENTRY_KEYS = {"keyboard", "path", "not_found", "search", "note", "version", "checked", "source"}
SOURCE_KEYS = ("title", "publisher", "date", "url")
DATE = re.compile(r"\d{4}-\d\d-\d\d")
SOURCE_DATE = re.compile(r"\d{4}(-\d\d){0,2}")


class AtlasError(Exception):
    """A mistake in the atlas data; the message names the file and the id."""


def _shown(path, root):
    return os.path.relpath(path, root).replace(os.sep, "/") if root else path


def _yaml(path, root):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f) or {}
    except FileNotFoundError:
        raise AtlasError(f"{_shown(path, root)} is missing") from None
    except yaml.YAMLError as error:
        raise AtlasError(f"{_shown(path, root)}: not valid YAML: {error}") from None


def _hint(word, known):
    close = difflib.get_close_matches(str(word), list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def index(docs_dir, root=None):
    """(systems, tasks): the ids in docs/atlas/atlas.yml, in order."""
    path = os.path.join(docs_dir, ATLAS, INDEX)
    data = _yaml(path, root)
    systems, tasks = data.get("systems") or [], data.get("tasks") or []
    if not systems or not tasks:
        raise AtlasError(f"{_shown(path, root)}: needs a list of `systems` and a list of `tasks`")
    return list(systems), list(tasks)


def _check_entry(entry, where):
    if not isinstance(entry, dict):
        raise AtlasError(f"{where}: must be a set of fields (path or not_found, search, version, checked, source)")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        word = sorted(unknown)[0]
        raise AtlasError(f"{where}: unknown field '{word}'{_hint(word, ENTRY_KEYS)}")
    if bool(entry.get("path")) == bool(entry.get("not_found")):
        raise AtlasError(f"{where}: give either `path` (the menu path, with its source) or `not_found` "
                         "(say that no source shows it), not both and not neither")
    for key in ("search", "version"):
        if not str(entry.get(key) or "").strip():
            what = "the words to type into Settings search" if key == "search" else \
                "the system version the entry was checked against"
            raise AtlasError(f"{where}: `{key}` is missing ({what})")
    checked = entry.get("checked")
    if not (isinstance(checked, datetime.date) or DATE.fullmatch(str(checked or ""))):
        raise AtlasError(f"{where}: `checked` must be the date it was checked, as YYYY-MM-DD")
    source = entry.get("source")
    if entry.get("path") and not source:
        raise AtlasError(f"{where}: a path needs a `source` (title, publisher, date, url) that shows it; "
                         "without one, write `not_found` instead")
    if source is not None:
        if not isinstance(source, dict):
            raise AtlasError(f"{where}: `source` needs title, publisher, date and url")
        for key in SOURCE_KEYS:
            value = source.get(key)
            if value in (None, ""):
                raise AtlasError(f"{where}: source `{key}` is missing (write `date: undated` if the page has none)")
        date = source["date"]
        if not (isinstance(date, datetime.date) or date == "undated" or SOURCE_DATE.fullmatch(str(date))):
            raise AtlasError(f"{where}: source `date` must be YYYY-MM-DD, YYYY-MM or `undated`")
        if not str(source["url"]).startswith(("https://", "http://")):
            raise AtlasError(f"{where}: source `url` must be a web address")


def load(docs_dir, lang, root=None):
    """One language's atlas, checked (see the module docstring). A generated
    language (hant/) has no folder: its atlas is its source language's, converted."""
    from hant import edition

    source = edition.source_of(docs_dir, lang)
    if source:
        return edition.convert_atlas(load(docs_dir, source, root), edition.converter(docs_dir, lang))
    systems, tasks = index(docs_dir, root)
    folder = os.path.join(docs_dir, ATLAS, lang)
    tasks_path = os.path.join(folder, TASKS)
    tasks_data = _yaml(tasks_path, root)
    titles = tasks_data.get("tasks") or {}
    labels = tasks_data.get("labels") or {}
    shown = _shown(tasks_path, root)
    for task in tasks:
        if not str(titles.get(task) or "").strip():
            raise AtlasError(f"{shown}: task '{task}' has no title")
    for task in titles:
        if task not in tasks:
            raise AtlasError(f"{shown}: unknown task '{task}'{_hint(task, tasks)}")
    for label in LABELS:
        if not str(labels.get(label) or "").strip():
            raise AtlasError(f"{shown}: label '{label}' is missing")
    for label, fields in PLACEHOLDERS.items():
        for field in fields:
            if "{" + field + "}" not in str(labels[label]):
                raise AtlasError(f"{shown}: label '{label}' must keep the mark {{{field}}} as it is")
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            stem = name[:-4] if name.endswith(".yml") else None
            if stem and name != TASKS and stem not in systems:
                raise AtlasError(f"{_shown(os.path.join(folder, name), root)}: unknown system '{stem}'"
                                 f"{_hint(stem, systems)}; the systems are listed in docs/atlas/{INDEX}")
    result = {"systems": {}, "tasks": {task: titles[task] for task in tasks}, "labels": labels}
    for system in systems:
        path = os.path.join(folder, f"{system}.yml")
        shown = _shown(path, root)
        if not os.path.isfile(path):
            raise AtlasError(f"{shown} is missing: system '{system}' needs its entries in every language "
                             f"(copy it from another language's folder and translate it)")
        data = _yaml(path, root)
        if list(data) != [system]:
            raise AtlasError(f"{shown}: the file must hold exactly one system, '{system}'")
        body = data[system] or {}
        for key, what in (("name", "the system's full name"), ("short", "a short name for its tab")):
            if not str(body.get(key) or "").strip():
                raise AtlasError(f"{shown}: {system}: `{key}` is missing ({what})")
        entries = body.get("entries") or {}
        for task in entries:
            if task not in tasks:
                raise AtlasError(f"{shown}: {system}: unknown task '{task}'{_hint(task, tasks)}")
        for task in tasks:
            if task not in entries:
                raise AtlasError(f"{shown}: {system}: task '{task}' is missing (every system needs every task "
                                 "in every language; with no source, write `not_found` and the search words)")
            _check_entry(entries[task], f"{shown}: {system} > {task}")
        result["systems"][system] = {"name": body["name"], "short": body["short"], "entries": {task: entries[task] for task in tasks}}
    return result


def check_all(docs_dir, codes, root=None):
    """Load every language's atlas; {code: atlas}, or AtlasError naming the file and id."""
    return {code: load(docs_dir, code, root) for code in codes}
