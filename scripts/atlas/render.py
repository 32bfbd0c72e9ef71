"""The settings atlas as the reader sees it: one entry, a task's tabs, a system's list.

Entries are written as Markdown (so that the page's own extensions render the
tabs and the links); `entry_html` turns the same Markdown into HTML for the
self-check's result.

Every string from the atlas data (names, paths, notes, titles, labels) goes
through `text()` or `fill()`, which make it literal Markdown: no markup and no
HTML reach the page from the data; the only links are the ones built here.
"""
import datetime
import re
from urllib.parse import quote

import markdown as markdown_lib

_SPECIAL = re.compile(r"([\\`*_\[\]{}#!|])")
_MARK = re.compile(r"\\\{([a-z_]+)\\\}")
_END = re.compile(r"[\s.。;；,，:：]+$")  # sentence punctuation a template adds itself
NEW_TAB = '{: target="_blank" rel="noopener noreferrer" }'
SEEN_IN_LABEL = {"maker": "checked_maker", "third-party": "checked_third_party", "phone": "checked_phone"}


def text(value):
    """YAML text as literal Markdown: no markup, no HTML."""
    value = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")
    return _SPECIAL.sub(r"\\\1", value)


def fill(label, **values):
    """A label as literal Markdown with each {mark} replaced by a value that is
    already Markdown (escape data with text() before passing it)."""
    return _MARK.sub(lambda match: values[match.group(1)], text(label))


_FULL_WIDTH = "：。，；！？）」』”"


def _sep(before):
    """The space between a label and what follows it: none after full-width
    punctuation (Chinese), one otherwise."""
    return "" if before.rstrip().endswith(tuple(_FULL_WIDTH)) else " "


def _join(parts):
    out = ""
    for part in parts:
        out += (_sep(out) if out else "") + part
    return out


def _bare(value):
    """Data text without the sentence punctuation a template adds after it."""
    return _END.sub("", str(value).strip())


def _date(value, labels):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return labels["undated"] if value == "undated" else str(value)


def checked_line(entry, labels):
    """How the entry was checked, which version, and the source: whole sentences
    in the labels' language, whatever the combination (path or not_found,
    seen_in, source dated or undated, or no source)."""
    date = _date(entry["checked"], labels)
    key = SEEN_IN_LABEL[entry["seen_in"]] if entry.get("path") else "checked_not_found"
    parts = [fill(labels[key], date=text(date)), fill(labels["version"], version=text(_bare(entry["version"])))]
    source = entry.get("source")
    if source:
        url = str(source["url"]).replace(" ", "%20").replace(")", "%29").replace("(", "%28")
        title = f"[“{text(str(source['title']).strip())}”]({url})"
        parts.append(fill(labels["source"], title=title, publisher=text(_bare(source["publisher"])),
                          date=text(_date(source["date"], labels))))
    return _join(parts)


def checked_html(entry, labels):
    """The same line as inline HTML (no paragraph around it), for the
    self-check's result: one wording for both."""
    html = markdown_lib.markdown(checked_line(entry, labels))
    return html.removeprefix("<p>").removesuffix("</p>")


def report_text(context, entry):
    """The words a reader quotes when reporting a wrong path: system, task, version."""
    return " · ".join(str(value).replace("`", "'").replace("\n", " ").strip()
                      for value in (context["system"], context["task"], entry["version"]))


def report_line(entry, labels, context):
    """What to quote when reporting a wrong path, and the project's public issue
    form (in a new tab) when atlas.yml names one; it contacts no one by itself."""
    words = report_text(context, entry)
    line = f"{text(labels['report'])}{_sep(labels['report'])}`` {words} ``"
    url = context.get("report_url")
    if url:
        href = url.replace("{text}", quote(words, safe="")).replace(" ", "%20").replace(")", "%29")
        line += f"{_sep(line)}[{text(labels['report_link'])}]({href}){NEW_TAB}"
    return line + "\n{ .atlas-report }"


def entry_markdown(entry, labels, context=None):
    """One entry: keyboard, path (or "not found"), search words, note, the line
    that says how, when and from which source it was checked, and what to quote
    to report a wrong path. `context` ({"system", "task", "no_english_ui",
    "report_url"}) adds the report line and, for a phone with no English menus,
    the note that the labels are Chinese."""
    context = context or {}
    lines = []
    if context.get("no_english_ui"):
        lines.append(f"{text(labels['no_english_ui'])}\n{{ .atlas-no-english }}")
    if entry.get("keyboard"):
        lines.append(f"**{text(labels['keyboard'])}**{_sep(labels['keyboard'])}{text(entry['keyboard'])}")
    if entry.get("path"):
        lines.append(f"**{text(labels['path'])}**{_sep(labels['path'])}{text(entry['path'])}")
    else:
        lines.append(f"**{text(labels['not_found'])}**{_sep(labels['not_found'])}{text(entry['not_found'])}")
    lines.append(f"{text(labels['search'])}{_sep(labels['search'])}**{text(entry['search'])}**")
    if entry.get("note"):
        lines.append(text(entry["note"]))
    lines.append(checked_line(entry, labels) + "\n{ .atlas-meta }")
    if context.get("system") and context.get("task"):
        lines.append(report_line(entry, labels, context))
    return "\n\n".join(lines)


def entry_html(entry, labels, context=None):
    """The same entry as an HTML fragment (for the self-check's result)."""
    return markdown_lib.markdown(entry_markdown(entry, labels, context), extensions=["attr_list"])


def context_for(atlas, system_id, task):
    """The context entry_markdown needs for one (system, task) of a loaded atlas."""
    system = atlas["systems"][system_id]
    return {"system": system["name"], "task": atlas["tasks"][task],
            "no_english_ui": system.get("no_english_ui", False), "report_url": atlas.get("report_url", "")}


def _indent(block, spaces=4):
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in block.split("\n"))


def lead(labels, title):
    """"On your phone: TASK (all systems: <link to the phone-settings page>):";
    no space before full-width brackets (Chinese)."""
    link = f"[{text(labels['all_systems_link'])}](settings.md)"
    rest = fill(labels["all_systems"], link=link)
    space = "" if rest.startswith(("（", "：")) else " "
    return f"**{fill(labels['on_your_phone'], task=text(title))}**{space}{rest}"


def task_tabs(atlas, task):
    """One tab per system for a task (pymdownx.tabbed), with a note that menus move."""
    parts = []
    for system_id, system in atlas["systems"].items():
        # A tab title is inline Markdown inside quotes: escaped like any data.
        label = text(system["short"]).replace('"', "&quot;")
        body = entry_markdown(system["entries"][task], atlas["labels"], context_for(atlas, system_id, task))
        parts.append(f'=== "{label}"\n\n{_indent(body)}')
    note = f"{text(atlas['labels']['menus_move'])}\n{{ .atlas-note }}"
    # One block (class "atlas-tabs") that an edition can leave out whole.
    body = "\n\n".join([lead(atlas["labels"], atlas["tasks"][task]), *parts, note])
    return f'<div class="atlas-tabs" markdown>\n\n{body}\n\n</div>\n'


def all_systems(atlas, level=2):
    """Every system with all its tasks: a heading per system and per task."""
    out = ["\n".join(f"- [{text(system['name'])}](#{system_id})" for system_id, system in atlas["systems"].items())]
    hashes = "#" * level
    for system_id, system in atlas["systems"].items():
        out.append(f"{hashes} {text(system['name'])} {{#{system_id}}}")
        for task, title in atlas["tasks"].items():
            out.append(f"{hashes}# {text(title)} {{#{system_id}-{task}}}")
            out.append(entry_markdown(system["entries"][task], atlas["labels"], context_for(atlas, system_id, task)))
    return "\n\n".join(out) + "\n"
