"""`make i18n-done PAGE=name.md`: mark a translation as up to date with English.

Writes the hash of the English page as it is now into the translation's
front matter (`source_hash: ...`, see translations.py). Only that one line
changes, or is added before the closing `---`; every other byte of the file
stays as it was. Then it runs the build's translation checks on the page, so
that a problem shows up now rather than at `make build`.
"""
import sys

from i18n import lint as i18n_lint
from i18n import translations as t



def mark(project, page, lang):
    """Write the current English hash into the translation; return (message, exit code)."""
    en = project.label(project.default, page)
    tr = project.label(lang, page)
    source = project.path(project.default, page)
    target = project.path(lang, page)
    if not source.is_file():
        return f"{tr}: there is no English page {en} to translate from; check the file name.", 1
    if not target.is_file():
        return (
            f"{tr} does not exist. Translate the page first: copy {en} to {tr}\n"
            f"(same file name), translate it, then run this again."
        ), 1
    new_hash = t.file_hash(source)
    before = target.read_bytes()
    old_hash, _ = t.recorded_hash(before)
    after = t.with_source_hash(before, new_hash)
    if after != before:
        target.write_bytes(after)
    if old_hash == new_hash:
        message = f"{tr} was already marked as translated from the current {en} (source_hash: {new_hash})."
    else:
        message = f"{tr} is now marked as translated from the current {en} (source_hash: {new_hash})."
    problems = i18n_lint.check_page(project, lang, page)
    if problems:
        message += (
            "\n\nBut the page has problems that will make 'make build' fail; please fix them:\n"
            + "\n".join(f"- {problem}" for problem in problems)
        )
        return message, 1
    return message + "\nNext: run 'make build' (or 'make serve' to look at it) to check the whole site.", 0


def main(argv=None):
    return t.page_command(argv, __doc__.splitlines()[0], "i18n-done", mark)


if __name__ == "__main__":
    sys.exit(main())
