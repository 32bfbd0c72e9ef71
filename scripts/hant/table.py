"""The phrase table (docs/i18n/zh-hant.yml): reading and checking it.

The table is content, reviewed like the pages; its header says what each
section is for. This module only reads it and fails, naming the file and the
entry, on a mistake that would silently change the output (an empty value,
a key given twice in different sections, a sentence override whose key is
in no Simplified page is reported by the tests, not here).
"""
import os
from dataclasses import dataclass, field

import yaml

SECTIONS = ("protected", "menu_labels", "vocabulary", "guards", "sentences", "never", "atlas_note",
            "mainland_menus")


class TableError(ValueError):
    """A mistake in the phrase table; the message names the file and the entry."""


@dataclass
class MenuLabel:
    zh: str
    hant: str
    systems: tuple = ()  # atlas system ids whose phones show it; () = every system
    confirmed: bool = False
    source: str = ""


@dataclass
class Never:
    word: str
    except_in: tuple = ()  # longer words in which it may stand (手機號 in 手機號碼)


@dataclass
class Table:
    path: str
    protected: dict = field(default_factory=dict)  # zh -> fixed Traditional form, or None: characters only
    menu_labels: list = field(default_factory=list)  # of MenuLabel
    vocabulary: dict = field(default_factory=dict)  # zh -> Hong Kong form, or None: characters only
    guards: dict = field(default_factory=dict)  # zh -> the right Traditional form
    sentences: dict = field(default_factory=dict)  # zh sentence -> Traditional sentence
    never: list = field(default_factory=list)  # of Never
    atlas_note: str = ""  # added to an atlas entry whose path uses an unconfirmed label; {labels}
    mainland_systems: tuple = ()  # atlas systems of mainland models: menus shown as the phone writes them
    mainland_note: str = ""  # added to those systems' entries that give a path or search words


def _text(value, where):
    if not isinstance(value, str) or not value.strip():
        raise TableError(f"{where}: needs a non-empty text")
    return value


def load(path):
    shown = os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise TableError(f"{shown}: unknown section(s) {', '.join(sorted(unknown))}; "
                         f"the sections are {', '.join(SECTIONS)}")
    table = Table(path=path)
    for key, value in (data.get("protected") or {}).items():
        table.protected[_text(key, f"{shown}: protected")] = (
            None if value is None else _text(value, f"{shown}: protected > {key}"))
    for index, item in enumerate(data.get("menu_labels") or []):
        where = f"{shown}: menu_labels[{index}]"
        if not isinstance(item, dict):
            raise TableError(f"{where}: needs zh, hant, confirmed")
        unknown = set(item) - {"zh", "hant", "systems", "confirmed", "source"}
        if unknown:
            raise TableError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        confirmed = bool(item.get("confirmed"))
        if confirmed and not str(item.get("source") or "").strip():
            raise TableError(f"{where}: a confirmed label needs the `source` that shows it")
        table.menu_labels.append(MenuLabel(
            _text(item.get("zh"), where + " zh"), _text(item.get("hant"), where + " hant"),
            tuple(item.get("systems") or ()), confirmed, str(item.get("source") or "")))
    for section in ("vocabulary", "guards"):
        for key, value in (data.get(section) or {}).items():
            where = f"{shown}: {section} > {key}"
            _text(key, where)
            if value is None and section == "vocabulary":
                table.vocabulary[key] = None
                continue
            getattr(table, section)[key] = _text(value, where)
    for index, item in enumerate(data.get("sentences") or []):
        where = f"{shown}: sentences[{index}]"
        if not isinstance(item, dict) or set(item) - {"zh", "hant", "why"}:
            raise TableError(f"{where}: needs zh, hant and why")
        _text(item.get("why"), where + " why")
        table.sentences[_text(item.get("zh"), where + " zh")] = _text(item.get("hant"), where + " hant")
    for index, item in enumerate(data.get("never") or []):
        where = f"{shown}: never[{index}]"
        if isinstance(item, str):
            table.never.append(Never(_text(item, where)))
        elif isinstance(item, dict):
            table.never.append(Never(_text(item.get("word"), where + " word"),
                                     tuple(item.get("except_in") or ())))
        else:
            raise TableError(f"{where}: a word, or word and except_in")
    if data.get("atlas_note") is not None:
        table.atlas_note = _text(data["atlas_note"], f"{shown}: atlas_note")
        if "{labels}" not in table.atlas_note:
            raise TableError(f"{shown}: atlas_note must keep the mark {{labels}}")
    mainland = data.get("mainland_menus")
    if mainland is not None:
        where = f"{shown}: mainland_menus"
        if not isinstance(mainland, dict) or set(mainland) != {"systems", "note"}:
            raise TableError(f"{where}: needs systems (atlas system ids) and note")
        systems = mainland["systems"]
        if not isinstance(systems, list) or not systems or not all(isinstance(x, str) and x for x in systems):
            raise TableError(f"{where} > systems: a list of atlas system ids")
        table.mainland_systems = tuple(systems)
        table.mainland_note = _text(mainland["note"], where + " > note")
    seen = {}
    for section in ("protected", "vocabulary", "guards"):
        for key in getattr(table, section):
            if key in seen:
                raise TableError(f"{shown}: '{key}' is in both {seen[key]} and {section}; keep one")
            seen[key] = section
    for label in table.menu_labels:
        if label.systems:
            continue  # a label of some systems only may differ from the word in prose
        if label.zh in seen:
            raise TableError(f"{shown}: '{label.zh}' is in both {seen[label.zh]} and menu_labels; keep one")
        seen[label.zh] = "menu_labels"
    return table


def size(table):
    """Entries per section, for reports."""
    return {"protected": len(table.protected), "menu_labels": len(table.menu_labels),
            "vocabulary": len(table.vocabulary), "guards": len(table.guards),
            "sentences": len(table.sentences), "never": len(table.never)}
