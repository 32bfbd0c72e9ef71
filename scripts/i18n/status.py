"""`make i18n-status`: which pages are translated, missing or outdated.

Prints a plain-text table, one row per page and one column per translation
language, then the same for the settings atlas's files (docs/atlas/<language>/,
named atlas/<file>.yml: a translated atlas file is outdated when its English
counterpart changed after it), then what to do about each kind of problem. It needs no git: a
translation is up to date when the `source_hash` in its front matter matches
the English page as it is now (see translations.py).
"""
import sys

from common import project_config
from i18n import translations as t

ROOT = project_config.PROJECT

LABELS = {
    t.TRANSLATED: "translated",
    t.MISSING: "MISSING",
    t.ORPHAN: "NO ENGLISH PAGE",
}


def label(state):
    if state.state == t.OUTDATED:
        return "OUTDATED (no source_hash)" if state.reason == t.UNMARKED else "OUTDATED"
    return LABELS[state.state]


def table(rows, header):
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    for row in rows:
        lines.append("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    return "\n".join(lines)


def report(project):
    """The status report as text."""
    pages = project.pages()
    langs = project.translations
    if not langs:
        return "Only one language is configured in mkdocs.yml: nothing to translate."
    states = {(page, lang): t.state_of(project, page, lang) for page in pages for lang in langs}
    rows = [[page] + [label(states[page, lang]) for lang in langs] for page in pages]
    out = [
        f"Translation status: {project.label(project.default, '')}/ is the source "
        f"(English); each column is one translation.",
        "",
        table(rows, ["page"] + [f"{project.label(lang, '')}/" for lang in langs]),
        "",
    ]
    atlas = project.atlas_files()
    states.update({(name, lang): t.state_of(project, name, lang) for name in atlas for lang in langs})
    if atlas:
        rows = [[name] + [label(states[name, lang]) for lang in langs] for name in atlas]
        def folder(lang):
            return project.label(lang, "atlas/x.yml").rsplit("/", 1)[0] + "/"

        out += [
            f"Settings atlas: {folder(project.default)} is the source; "
            f"PAGE=atlas/<file>.yml in the commands below.",
            "",
            table(rows, ["atlas file"] + [folder(lang) for lang in langs]),
            "",
        ]
    for lang in langs:
        for names, what in ((pages, "pages"), (atlas, "atlas files")):
            if not names:
                continue
            counts = {}
            for page in names:
                key = label(states[page, lang]).split(" (")[0].lower()
                counts[key] = counts.get(key, 0) + 1
            summary = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
            out.append(f"{lang}: {summary} ({len(names)} {what})")

    target = project.label(langs[0], "PAGE") if len(langs) == 1 else "docs/<language>/PAGE"
    seen = {label(s).split(" (")[0] if s.reason != t.UNMARKED else "UNMARKED" for s in states.values()}
    hints = []
    if "MISSING" in seen:
        hints.append(
            "MISSING: not translated yet; readers see the English page with a note.\n"
            f"  Copy {project.label(project.default, 'PAGE')} to {target} (same file name), translate it,\n"
            "  then run: make i18n-done PAGE=PAGE"
        )
    if "OUTDATED" in seen:
        hints.append(
            "OUTDATED: the English page changed after the translation was last brought up to date.\n"
            "  See what changed with: make i18n-diff PAGE=PAGE\n"
            "  Update the translation, then run: make i18n-done PAGE=PAGE"
        )
    if "UNMARKED" in seen:
        hints.append(
            "OUTDATED (no source_hash): the translation does not record which English version it\n"
            "  follows, so it cannot be checked. Compare it with the English page section by section;\n"
            "  when it says the same, run: make i18n-done PAGE=PAGE"
        )
    if "NO ENGLISH PAGE" in seen:
        hints.append(
            "NO ENGLISH PAGE: a translation must have the same file name as its English page.\n"
            "  Rename it to match the English file, or remove it."
        )
    if hints:
        out += ["", "What to do (PAGE is a name from the first column, e.g. PAGE=about.md):"]
        out += [f"- {hint}" for hint in hints]
    else:
        out += ["", "Every page is translated and up to date."]
    out += ["", "The same, with what changed in English, on a web page: site/translate/index.html "
                "(written by make build)."]
    return "\n".join(out)


def main(argv=None):
    project = t.load_project(ROOT)
    print(report(project))
    return 0


if __name__ == "__main__":
    sys.exit(main())
