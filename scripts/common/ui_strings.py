"""The interface strings: one file per language, docs/i18n/ui.<lang>.yml.

Every text the site shows outside its pages' own Markdown (the not-found
page, the notices, the quick exit, the offline editions, the downloads page,
the mirrors list, the translators' status page) is in the file of its
language, and everything reads it from there:

- install() (on_pre_build, in every language's pass) checks the files (once
  per build, see check()) and puts the pass's strings in `config.extra.ui`,
  where the templates (overrides/) and the build modules read them;
- for_language() gives the same strings to the commands that run without
  MkDocs (the offline editions, the status page), from mkdocs.yml as
  project_config.load() reads it, or from MkDocs' own config;
- check() stops the build when a file does not have exactly the keys of the
  default language's file (English), naming the file and the key, or when a
  value is not text, or a {mark} the program fills in is lost.

A generated language (mkdocs.yml: `extra: {generated_from: zh}`, hant/) has no
file, and must not have one: its strings are its source language's,
converted, with the few of its own that mkdocs.yml gives under its language
(`extra.ui`: its html_lang, its home page, the notice on its pages) laid over
them.

The strings are a Strings mapping: a key it lacks stops whoever asks for it
with an error naming the file and the key (not a KeyError, so that a template
cannot turn it into an empty string).
"""
import difflib
import functools
import os
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from common import project_config

FOLDER = "i18n"  # under docs_dir
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class UiStringsError(PluginError):
    """A missing, extra or malformed interface string; the message names the file and the key.
    (A PluginError, so that MkDocs stops with the message alone, in a template too.)"""


class Strings(dict):
    """One language's strings; `source` says where they come from, for messages."""

    def __init__(self, values, source):
        super().__init__(values)
        self.source = source

    def __missing__(self, key):
        raise UiStringsError(f"{self.source} has no string '{key}'{_hint(key, self)}: add it to every "
                             "language's file (docs/i18n/ui.<lang>.yml)")

    def __reduce__(self):  # deepcopy and pickle keep the source
        return (Strings, (dict(self), self.source))


def _hint(word, known):
    close = difflib.get_close_matches(str(word), [str(k) for k in known], n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --- where the files are, which languages there are ------------------------------

def _root(config):
    """The project folder: the one holding the configuration file (MkDocs' config
    and project_config.load() both record it), else project_config.PROJECT."""
    path = config.get("config_file_path")
    return Path(path).resolve().parent if path else project_config.PROJECT


def _docs_dir(config):
    return _root(config) / (config.get("docs_dir") or "docs")  # MkDocs' docs_dir is absolute already


def path(docs_dir, code):
    return Path(docs_dir) / FOLDER / f"ui.{code}.yml"


def _shown(file, root):
    try:
        return Path(file).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(file)


def _languages(config):
    """(default code, [every code the site builds, the default first], {generated code: its entry})."""
    from hant import edition

    entries = [(code, lang) for code, lang in edition.language_entries(config)
               if code and lang.get("build", True) is not False]
    if not entries:
        code = ((config.get("theme") or {}).get("language") or "en")
        return code, [code], {}
    default = next((code for code, lang in entries if lang.get("default")), entries[0][0])
    codes = [default] + [code for code, _ in entries if code != default]
    generated = {code: lang for code, lang in entries if (lang.get("extra") or {}).get(edition.KEY)}
    return default, codes, generated


# --- reading --------------------------------------------------------------------

@functools.lru_cache(maxsize=16)
def _read(file, mtime, shown):
    try:
        with open(file, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except yaml.YAMLError as error:
        raise UiStringsError(f"{shown}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise UiStringsError(f"{shown}: must hold the strings as `key: text` lines")
    _check_values(data, shown, "")
    return data


def read(docs_dir, code, root=None):
    """The strings of a written language's file, as it holds them (a dict)."""
    file = path(docs_dir, code)
    shown = _shown(file, root or Path(docs_dir).parent)
    if not file.is_file():
        raise UiStringsError(f"{shown} is missing: every language needs its interface strings; copy "
                             f"{_shown(path(docs_dir, 'en'), root or Path(docs_dir).parent)} and translate "
                             "its values")
    return _read(str(file), os.path.getmtime(file), shown)


def _check_values(data, shown, where):
    for key, value in data.items():
        name = f"{where}{key}"
        if isinstance(value, dict):
            _check_values(value, shown, name + ".")
        elif isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise UiStringsError(f"{shown}: every item of '{name}' must be text")
        elif not isinstance(value, str):
            raise UiStringsError(f"{shown}: '{name}' must be text (found {value!r}; put it in quotes)")


@functools.lru_cache(maxsize=8)
def _converted(docs_dir, code, source, root, source_mtime, table_mtime):
    """The source language's strings converted for `code` (once per version of the two files)."""
    from hant import edition

    return edition.convert_value(read(docs_dir, source, root), edition.converter(docs_dir, code))


def for_language(config, code):
    """The strings of language `code` (a Strings mapping): its file's, or for a
    generated language its source's, converted, with its own from mkdocs.yml over them."""
    root, docs_dir = _root(config), _docs_dir(config)
    _, _, generated = _languages(config)
    lang = generated.get(code)
    if lang is None:
        return Strings(read(docs_dir, code, root), _shown(path(docs_dir, code), root))
    from hant import edition

    source = lang["extra"][edition.KEY]
    strings = dict(_converted(str(docs_dir), code, source, str(root), os.path.getmtime(path(docs_dir, source)),
                              os.path.getmtime(edition.table_path(str(docs_dir), code))))
    strings.update((lang.get("extra") or {}).get("ui") or {})
    return Strings(strings, f"{_shown(path(docs_dir, source), root)} (converted for {code}) with "
                            f"mkdocs.yml (plugins > i18n > languages > {code} > extra > ui)")


# --- the build ------------------------------------------------------------------

def install(config):
    """MkDocs on_pre_build, in every language's pass: the files are checked (once
    per build, in the first pass), then `config.extra.ui` holds the pass's strings."""
    from common import languages

    if languages.first_pass(config):
        check(config)
    config.extra["ui"] = for_language(config, languages.current(config))


def _keys(data, where=""):
    """{dotted key: value} of every string (and list of strings) in `data`."""
    found = {}
    for key, value in data.items():
        if isinstance(value, dict):
            found.update(_keys(value, f"{where}{key}."))
        else:
            found[f"{where}{key}"] = value
    return found


def _marks(value):
    texts = value if isinstance(value, list) else [value]
    return {mark for text in texts for mark in _PLACEHOLDER.findall(text)}


def compare(reference, reference_shown, other, other_shown):
    """`other` has exactly the keys of `reference`, each of the same kind (text or
    a list of texts) and with the same {marks}; UiStringsError naming file and key."""
    mine, theirs = _keys(reference), _keys(other)
    for key in theirs:  # first, so that a misspelt key is named with the right one
        if key not in mine:
            raise UiStringsError(f"{other_shown}: '{key}' is not a key of {reference_shown}"
                                 f"{_hint(key, mine)}; every language's file has the same keys")
    for key in mine:
        if key not in theirs:
            raise UiStringsError(f"{other_shown}: the string '{key}' is missing ({reference_shown} has it); "
                                 "add it, translated")
    for key, value in mine.items():
        if isinstance(value, list) != isinstance(theirs[key], list):
            kind = "a list" if isinstance(value, list) else "one text"
            raise UiStringsError(f"{other_shown}: '{key}' must be {kind}, as in {reference_shown}")
        if _marks(value) != _marks(theirs[key]):
            marks = ", ".join("{" + m + "}" for m in sorted(_marks(value))) or "no {mark}"
            raise UiStringsError(f"{other_shown}: '{key}' must keep {marks} as {reference_shown} has "
                                 "(the program fills them in)")


def check(config):
    """Every written language has a file with exactly the default language's keys,
    and no generated language has one."""
    root, docs_dir = _root(config), _docs_dir(config)
    default, codes, generated = _languages(config)
    reference = read(docs_dir, default, root)
    for code in codes:
        shown = _shown(path(docs_dir, code), root)
        if code in generated:
            if path(docs_dir, code).exists():
                raise UiStringsError(
                    f"{shown}: '{code}' is generated from '{generated[code]['extra']['generated_from']}', so its "
                    "strings are converted from that language's file at build time; delete this file (its own "
                    f"few strings are in mkdocs.yml, plugins > i18n > languages > {code} > extra > ui)")
            continue
        if code != default:
            compare(reference, _shown(path(docs_dir, default), root), read(docs_dir, code, root), shown)
