"""Read the settings atlas (docs/atlas/) and check it.

`load(docs_dir, lang)` returns one language's atlas:

    {"systems": {system_id: {"name": str, "short": str, "no_english_ui": bool,
                             "file": shown path, "entries": {task_id: entry}}},
     "tasks": {task_id: title}, "labels": {...}, "report_url": str}

in the order of docs/atlas/atlas.yml. `check_all(docs_dir, codes, root)` reads
every language and raises AtlasError naming the file and the id of the first
problem:

- a system or task missing or unknown in a language;
- an entry that breaks the schema (CONTRIBUTING.md: The settings atlas):
  neither or both of `path` and `not_found`; no `search` or `version`;
  `checked` not an ISO date; a path without `seen_in` (maker, third-party,
  phone) or without a complete `source`; a source date that is neither an
  ISO date nor `undated`; a source address on a domain of
  docs/atlas/deny-domains.yml (subdomains included);
- `no_english_ui` anywhere but an English system file, or with an English
  path that gives no Chinese labels;
- an English and a translated entry of the same (system, task) that differ in
  kind, number of path steps, source address, `checked` or `seen_in` (the
  message names both files).

The checks are plain functions (check_entry, check_parity, denied) so that
the tests can call them on small data of their own.
"""
import datetime
import difflib
import os
import re
from urllib.parse import urlsplit

import yaml

ATLAS = "atlas"
INDEX = "atlas.yml"
TASKS = "tasks.yml"
DENY = "deny-domains.yml"
ENGLISH = "en"
LABELS = ("on_your_phone", "all_systems", "all_systems_link", "keyboard", "path", "not_found", "search",
          "checked_maker", "checked_third_party", "checked_phone", "checked_not_found", "version", "source",
          "undated", "report", "report_link", "menus_move")
PLACEHOLDERS = {
    "on_your_phone": ("task",),
    "all_systems": ("link",),
    "checked_maker": ("date",), "checked_third_party": ("date",), "checked_phone": ("date",),
    "checked_not_found": ("date",),
    "version": ("version",),
    "source": ("title", "publisher", "date"),
}
SYSTEM_KEYS = {"name", "short", "entries", "no_english_ui"}
ENTRY_KEYS = {"keyboard", "path", "not_found", "search", "note", "version", "checked", "seen_in", "source"}
SOURCE_KEYS = ("title", "publisher", "date", "url")
SEEN_IN = ("maker", "third-party", "phone")
STEP = " > "
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
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


def report_url(docs_dir, root=None):
    """The public issue form from atlas.yml (`report_url`), or "" when the project has none."""
    path = os.path.join(docs_dir, ATLAS, INDEX)
    url = str(_yaml(path, root).get("report_url") or "").strip()
    if url and not url.startswith("https://"):
        raise AtlasError(f"{_shown(path, root)}: `report_url` must be an https:// address (or empty)")
    return url


# --- the deny-list of content-farm domains -------------------------------------------

def deny_domains(docs_dir, root=None):
    """The domains of docs/atlas/deny-domains.yml, lower case (none when the file is absent)."""
    path = os.path.join(docs_dir, ATLAS, DENY)
    if not os.path.isfile(path):
        return ()
    domains = _yaml(path, root).get("domains") or []
    out = []
    for domain in domains:
        domain = str(domain).strip().lower()
        if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
            raise AtlasError(f"{_shown(path, root)}: '{domain}' is not a domain "
                             "(write it as example.com: no https://, no path)")
        out.append(domain)
    return tuple(out)


def denied(url, domains):
    """The deny-listed domain that `url` is on (itself or a subdomain), or None."""
    host = (urlsplit(str(url)).hostname or "").lower().rstrip(".")
    for domain in domains:
        if host == domain or host.endswith("." + domain):
            return domain
    return None


# --- one entry -----------------------------------------------------------------------

def _iso_date(value):
    """True for a date YAML read as one, or a real YYYY-MM-DD day."""
    if isinstance(value, datetime.date):
        return True
    try:
        datetime.date.fromisoformat(str(value))
        return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)))
    except ValueError:
        return False


def _source_date(value):
    if isinstance(value, datetime.date) or value == "undated":
        return True
    text = str(value)
    if not SOURCE_DATE.fullmatch(text):
        return False
    parts = [int(part) for part in text.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
    except ValueError:
        return False
    return True


def check_entry(entry, where, deny=()):
    """One entry against the schema; AtlasError starting with `where` (file: system > task)."""
    if not isinstance(entry, dict):
        raise AtlasError(f"{where}: must be a set of fields (path or not_found, search, version, checked, "
                         "seen_in, source)")
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
                "the system version the source is about"
            raise AtlasError(f"{where}: `{key}` is missing ({what})")
    if not _iso_date(entry.get("checked")):
        raise AtlasError(f"{where}: `checked` must be the day the source was opened and read, as YYYY-MM-DD")
    seen_in = entry.get("seen_in")
    source = entry.get("source")
    if entry.get("path"):
        if seen_in is None:
            raise AtlasError(f"{where}: a path needs `seen_in` (where it was seen: {', '.join(SEEN_IN)})")
        if not source:
            raise AtlasError(f"{where}: a path needs a `source` (title, publisher, date, url) that shows it; "
                             "without one, write `not_found` instead")
    elif seen_in is not None:
        raise AtlasError(f"{where}: `seen_in` says where a path was seen; a `not_found` entry has none")
    if seen_in is not None and seen_in not in SEEN_IN:
        raise AtlasError(f"{where}: `seen_in` must be one of {', '.join(SEEN_IN)}, not '{seen_in}'"
                         f"{_hint(seen_in, SEEN_IN)}")
    if source is not None:
        if not isinstance(source, dict):
            raise AtlasError(f"{where}: `source` needs title, publisher, date and url")
        unknown = set(source) - set(SOURCE_KEYS)
        if unknown:
            word = sorted(unknown)[0]
            raise AtlasError(f"{where}: unknown source field '{word}'{_hint(word, SOURCE_KEYS)}")
        for key in SOURCE_KEYS:
            if source.get(key) in (None, ""):
                raise AtlasError(f"{where}: source `{key}` is missing (write `date: undated` if the page has none)")
        if not _source_date(source["date"]):
            raise AtlasError(f"{where}: source `date` must be the source's own date (YYYY-MM-DD, YYYY-MM or "
                             "YYYY) or `undated`")
        url = str(source["url"])
        if not url.startswith(("https://", "http://")) or not urlsplit(url).hostname:
            raise AtlasError(f"{where}: source `url` must be a web address")
        domain = denied(url, deny)
        if domain:
            raise AtlasError(f"{where}: source {url} is on {domain}, which the atlas does not cite "
                             f"(docs/atlas/{DENY}); cite the maker's own text, or write `not_found`")


# --- one language --------------------------------------------------------------------

def _check_labels(labels, shown, needs_no_english_ui):
    for label in LABELS + (("no_english_ui",) if needs_no_english_ui else ()):
        if not str(labels.get(label) or "").strip():
            raise AtlasError(f"{shown}: label '{label}' is missing")
    for label, fields in PLACEHOLDERS.items():
        for field in fields:
            if "{" + field + "}" not in str(labels[label]):
                raise AtlasError(f"{shown}: label '{label}' must keep the mark {{{field}}} as it is")


def load(docs_dir, lang, root=None, deny=None, loaded=None):
    """One language's atlas, checked (see the module docstring). A generated
    language (hant/) has no folder: its atlas is its source language's,
    converted (taken from `loaded`, {code: atlas}, when it holds it)."""
    from hant import edition

    source = edition.source_of(docs_dir, lang)
    if source:
        base = (loaded or {}).get(source) or load(docs_dir, source, root, deny)
        return edition.convert_atlas(base, edition.converter(docs_dir, lang))
    systems, tasks = index(docs_dir, root)
    if deny is None:
        deny = deny_domains(docs_dir, root)
    folder = os.path.join(docs_dir, ATLAS, lang)
    tasks_path = os.path.join(folder, TASKS)
    tasks_data = _yaml(tasks_path, root)
    titles = tasks_data.get("tasks") or {}
    labels = tasks_data.get("labels") or {}
    tasks_shown = _shown(tasks_path, root)
    for task in tasks:
        if not str(titles.get(task) or "").strip():
            raise AtlasError(f"{tasks_shown}: task '{task}' has no title")
    for task in titles:
        if task not in tasks:
            raise AtlasError(f"{tasks_shown}: unknown task '{task}'{_hint(task, tasks)}")
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            stem = name[:-4] if name.endswith(".yml") else None
            if stem and name != TASKS and stem not in systems:
                raise AtlasError(f"{_shown(os.path.join(folder, name), root)}: unknown system '{stem}'"
                                 f"{_hint(stem, systems)}; the systems are listed in docs/atlas/{INDEX}")
    result = {"systems": {}, "tasks": {task: titles[task] for task in tasks}, "labels": labels,
              "report_url": report_url(docs_dir, root)}
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
        unknown = set(body) - SYSTEM_KEYS
        if unknown:
            word = sorted(unknown)[0]
            raise AtlasError(f"{shown}: {system}: unknown field '{word}'{_hint(word, SYSTEM_KEYS)}")
        for key, what in (("name", "the system's full name"), ("short", "a short name for its tab")):
            if not str(body.get(key) or "").strip():
                raise AtlasError(f"{shown}: {system}: `{key}` is missing ({what})")
        no_english_ui = body.get("no_english_ui", False)
        if not isinstance(no_english_ui, bool):
            raise AtlasError(f"{shown}: {system}: `no_english_ui` must be true or false")
        if no_english_ui and lang != ENGLISH:
            raise AtlasError(f"{shown}: {system}: `no_english_ui` belongs in the English file only "
                             f"(docs/atlas/{ENGLISH}/{system}.yml)")
        entries = body.get("entries") or {}
        for task in entries:
            if task not in tasks:
                raise AtlasError(f"{shown}: {system}: unknown task '{task}'{_hint(task, tasks)}")
        for task in tasks:
            where = f"{shown}: {system} > {task}"
            if task not in entries:
                raise AtlasError(f"{shown}: {system}: task '{task}' is missing (every system needs every task "
                                 "in every language; with no source, write `not_found` and the search words)")
            check_entry(entries[task], where, deny)
            if no_english_ui and entries[task].get("path") and not HAN.search(str(entries[task]["path"])):
                raise AtlasError(f"{where}: the system has `no_english_ui: true`, so the path gives the Chinese "
                                 "labels the phone shows, each with an English gloss: 设置 (Settings) > …")
        result["systems"][system] = {"name": body["name"], "short": body["short"], "no_english_ui": no_english_ui,
                                     "file": shown, "entries": {task: entries[task] for task in tasks}}
    needs = any(system["no_english_ui"] for system in result["systems"].values())
    _check_labels(labels, tasks_shown, needs)
    return result


# --- English and translations agree --------------------------------------------------

def _kind(entry):
    return "path" if entry.get("path") else "not_found"


def _steps(entry):
    return len(str(entry["path"]).split(STEP)) if entry.get("path") else 0


def _url(entry):
    source = entry.get("source") or {}
    return str(source["url"]).strip() if source.get("url") else None


def _day(value):
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


PARITY = (
    ("kind", _kind, "one gives a path and the other `not_found`"),
    ("steps", _steps, "the paths have a different number of ' > ' steps"),
    ("url", _url, "they cite different sources"),
    ("checked", lambda entry: _day(entry.get("checked")), "their `checked` dates differ"),
    ("seen_in", lambda entry: entry.get("seen_in"), "their `seen_in` differ"),
)


def check_parity(first, second, first_lang="en", second_lang="zh"):
    """Two languages' loaded atlases agree on every (system, task); AtlasError naming both files."""
    for system_id, system in first["systems"].items():
        other = second["systems"].get(system_id)
        if other is None:
            continue
        for task, entry in system["entries"].items():
            twin = other["entries"].get(task)
            if twin is None:
                continue
            for _, value, what in PARITY:
                a, b = value(entry), value(twin)
                if a != b:
                    raise AtlasError(
                        f"{system['file']} and {other['file']}: {system_id} > {task}: {what} "
                        f"({first_lang}: {a if a is not None else 'none'}; "
                        f"{second_lang}: {b if b is not None else 'none'}). Write both languages of an entry "
                        "together, from the same source")


def check_all(docs_dir, codes, root=None):
    """Load every language's atlas and compare each translation with the first
    (English); {code: atlas}, or AtlasError naming the file(s) and the id."""
    deny = deny_domains(docs_dir, root)
    atlases = {}
    for code in codes:  # each file read once: a generated language converts its source's atlas
        atlases[code] = load(docs_dir, code, root, deny, atlases)
    codes = list(codes)
    for code in codes[1:]:
        check_parity(atlases[codes[0]], atlases[code], codes[0], code)
    return atlases
