"""The settings atlas as the reader sees it: one entry, a task's tabs, a system's list.

Entries are written as Markdown (so that the page's own extensions render the
tabs and the links); `entry_html` turns the same Markdown into HTML for the
self-check's result.
"""
import datetime
import re

import markdown as markdown_lib

_SPECIAL = re.compile(r"([\\`*_\[\]{}#!|])")


def text(value):
    """YAML text as literal Markdown: no markup, no HTML."""
    value = str(value).replace("&", "&amp;").replace("<", "&lt;").replace("\n", " ")
    return _SPECIAL.sub(r"\\\1", value)


def _date(value, labels):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return labels["undated"] if value == "undated" else str(value)


def entry_markdown(entry, labels):
    """One entry: keyboard, path (or "not found"), search words, note, and the
    line that says what it was checked against, when, and from which source."""
    lines = []
    if entry.get("keyboard"):
        lines.append(f"**{text(labels['keyboard'])}** {text(entry['keyboard'])}")
    if entry.get("path"):
        lines.append(f"**{text(labels['path'])}** {text(entry['path'])}")
    else:
        lines.append(f"**{text(labels['not_found'])}** {text(entry['not_found'])}")
    lines.append(f"{text(labels['search'])} **{text(entry['search'])}**")
    if entry.get("note"):
        lines.append(text(entry["note"]))
    meta = text(labels["checked"].format(date=_date(entry["checked"], labels), version=entry["version"]))
    source = entry.get("source")
    if source:
        url = str(source["url"]).replace(" ", "%20").replace(")", "%29").replace("(", "%28")
        title = f"[“{text(source['title'])}”]({url})"
        meta += " " + text(labels["source"]).replace("\\{", "{").replace("\\}", "}").format(
            title=title, publisher=text(source["publisher"]), date=_date(source["date"], labels))
    lines.append(meta + "\n{ .atlas-meta }")
    return "\n\n".join(lines)


def entry_html(entry, labels):
    """The same entry as an HTML fragment (for the self-check's result)."""
    return markdown_lib.markdown(entry_markdown(entry, labels), extensions=["attr_list"])


def _indent(block, spaces=4):
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in block.split("\n"))


def task_tabs(atlas, task):
    """One tab per system for a task (pymdownx.tabbed), with a note that menus move."""
    parts = []
    for system in atlas["systems"].values():
        label = system["name"].replace('"', "'")
        parts.append(f'=== "{label}"\n\n{_indent(entry_markdown(system["entries"][task], atlas["labels"]))}')
    note = f"{text(atlas['labels']['menus_move'])}\n{{ .atlas-note }}"
    # One block (class "atlas-tabs") that an edition can leave out whole; the
    # lead line is Markdown from tasks.yml, with its link to the settings page.
    body = "\n\n".join([atlas["labels"]["on_your_phone"], *parts, note])
    return f'<div class="atlas-tabs" markdown>\n\n{body}\n\n</div>\n'



def all_systems(atlas, level=2):
    """Every system with all its tasks: a heading per system and per task."""
    out = ["\n".join(f"- [{text(system['name'])}](#{system_id})" for system_id, system in atlas["systems"].items())]
    hashes = "#" * level
    for system_id, system in atlas["systems"].items():
        out.append(f"{hashes} {text(system['name'])} {{#{system_id}}}")
        for task, title in atlas["tasks"].items():
            out.append(f"{hashes}# {text(title)} {{#{system_id}-{task}}}")
            out.append(entry_markdown(system["entries"][task], atlas["labels"]))
    return "\n\n".join(out) + "\n"
