"""docs/mirrors.yml: the known mirrors of the site, read and checked, and
shown as a table on the mirrors page of each language (and so in every
offline edition) and as a plain-text list that `make release` signs into
site/downloads/.

Every value is text from a contributor: it is checked against a strict form
(an address is http:// or https:// with a plain host name, a date is
YYYY-MM-DD) and escaped on its way into HTML.
"""
import datetime
import html
import re
from pathlib import Path

import yaml

FILE = "mirrors.yml"
KINDS = ("web", "onion")
_URL = re.compile(r"https?://([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d{1,5})?(?:/[A-Za-z0-9._~%/-]*)?")
_FIELDS = ("url", "kind", "run_by", "since", "last_checked")


class MirrorsError(Exception):
    pass


def _date(value, where, name):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise MirrorsError(f"{where}: '{name}' must be a date, YYYY-MM-DD; found {value!r}")


def load(docs_dir):
    """[{url, host, kind, run_by, since, last_checked}] from docs/mirrors.yml, checked."""
    path = Path(docs_dir) / FILE
    where = f"docs/{FILE}"
    if not path.is_file():
        raise MirrorsError(f"{where} is missing (it may list no mirror: 'mirrors: []')")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise MirrorsError(f"{where} is not valid YAML: {error}") from None
    entries = data.get("mirrors")
    if not isinstance(entries, list):
        raise MirrorsError(f"{where}: needs a list 'mirrors:' (empty: 'mirrors: []')")
    mirrors, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        at = f"{where}, mirror {number}"
        if not isinstance(entry, dict):
            raise MirrorsError(f"{at}: each mirror is a mapping with {', '.join(_FIELDS)}")
        unknown = set(entry) - set(_FIELDS)
        missing = [f for f in _FIELDS if f not in entry]
        if unknown or missing:
            raise MirrorsError(f"{at}: missing {missing or 'nothing'}, unknown {sorted(unknown) or 'nothing'}")
        url = str(entry["url"]).strip()
        match = _URL.fullmatch(url)
        if not match:
            raise MirrorsError(f"{at}: 'url' must be an http:// or https:// address with a plain host name; found {url!r}")
        host = match.group(1)
        kind = entry["kind"]
        if kind not in KINDS:
            raise MirrorsError(f"{at}: 'kind' is one of {', '.join(KINDS)}; found {kind!r}")
        if (kind == "onion") != host.endswith(".onion"):
            raise MirrorsError(f"{at}: an onion address is kind 'onion', any other kind 'web' ({url})")
        run_by = " ".join(str(entry["run_by"]).split())
        if not run_by:
            raise MirrorsError(f"{at}: 'run_by' names who runs the mirror (a person or a group)")
        if url in seen:
            raise MirrorsError(f"{at}: {url} is listed twice")
        seen.add(url)
        since, checked = _date(entry["since"], at, "since"), _date(entry["last_checked"], at, "last_checked")
        if checked < since:
            raise MirrorsError(f"{at}: 'last_checked' ({checked}) is before 'since' ({since})")
        mirrors.append({"url": url, "host": host, "kind": kind, "run_by": run_by,
                        "since": since, "last_checked": checked})
    return mirrors


def table_html(mirrors, strings):
    """The list as an HTML table (every value escaped), or one sentence if it is empty."""
    e = html.escape
    if not mirrors:
        return f'<p class="mirrors-none">{e(strings["mirrors_none"])}</p>'
    head = "".join(f"<th>{e(strings[k])}</th>" for k in
                   ("mirrors_address", "mirrors_kind", "mirrors_run_by", "mirrors_since", "mirrors_checked"))
    rows = []
    for m in mirrors:
        rows.append(
            f'<tr><td><a href="{e(m["url"])}" rel="noopener noreferrer">{e(m["url"])}</a></td>'
            f'<td>{e(strings["mirrors_" + m["kind"]])}</td><td>{e(m["run_by"])}</td>'
            f'<td>{e(m["since"])}</td><td>{e(m["last_checked"])}</td></tr>')
    return f'<table class="mirrors"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def plain_text(mirrors, version):
    """The list as plain text for site/downloads/mirrors.txt (signed by make release)."""
    lines = [f"# Mirrors of the Phone Risk Self-Check site, listed in release {version}.",
             "# Check any of them with: make mirror-check URL=<address> (see the mirrors page).",
             "# address<TAB>kind<TAB>run by<TAB>since<TAB>last checked"]
    for m in mirrors:
        lines.append("\t".join((m["url"], m["kind"], m["run_by"], m["since"], m["last_checked"])))
    return "\n".join(lines) + "\n"
