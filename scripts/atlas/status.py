"""`make atlas-status`: how far each phone system's paths rest on the maker's text.

For each language, one row per system: how many paths cite the maker's own
text (seen_in: maker), a third-party page (third-party) or a phone (phone),
how many tasks have no path found (not_found), and the totals, with the share
of paths that cite the maker. It reads docs/atlas/ as the build does and stops,
naming the file and the id, on the same mistakes.
"""
import sys

from atlas import data
from common import project_config

COLUMNS = ("maker", "third-party", "phone", "not found")


def counts(atlas):
    """{system_id: {column: n}} for one loaded language."""
    out = {}
    for system_id, system in atlas["systems"].items():
        row = dict.fromkeys(COLUMNS, 0)
        for entry in system["entries"].values():
            row[entry["seen_in"] if entry.get("path") else "not found"] += 1
        out[system_id] = row
    return out


def table(atlas):
    rows = counts(atlas)
    total = {column: sum(row[column] for row in rows.values()) for column in COLUMNS}
    header = ["system", *COLUMNS, "tasks"]
    lines = [[system_id, *(row[c] for c in COLUMNS), sum(row.values())] for system_id, row in rows.items()]
    lines.append(["total", *(total[c] for c in COLUMNS), sum(total.values())])
    widths = [max(len(str(line[i])) for line in lines + [header]) for i in range(len(header))]
    text = ["  ".join(str(cell).rjust(w) if i else str(cell).ljust(w) for i, (cell, w) in enumerate(zip(line, widths)))
            for line in [header] + lines]
    text.insert(1, "  ".join("-" * w for w in widths))
    text.insert(-1, text[1])
    paths = total["maker"] + total["third-party"] + total["phone"]
    share = f"{100 * total['maker'] / paths:.0f}%" if paths else "no paths"
    text.append(f"Paths citing the maker's own text: {total['maker']} of {paths} ({share}).")
    return "\n".join(text)


def report(docs_dir, codes, root=None):
    deny = data.deny_domains(docs_dir, root)
    out = ["Settings atlas: where each path was seen (docs/atlas/<language>/<system>.yml, `seen_in`)."]
    for code in codes:
        out += ["", f"{code}:", table(data.load(docs_dir, code, root, deny))]
    return "\n".join(out)


def main(argv=None):
    from i18n import translations

    project = translations.load_project(project_config.PROJECT)
    try:
        print(report(str(project.docs_dir), project.languages, str(project.root)))
    except data.AtlasError as error:
        print(f"Settings atlas: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
