"""`make i18n-done PAGE=name.md`: mark a translation as up to date with English.

Writes the hash of the English page as it is now into the translation's
front matter (`source_hash: ...`, see translations.py); for a settings-atlas
file (PAGE=atlas/ios.yml) into a comment line `# source_hash: ...` at its top. Only that one line
changes, or is added before the closing `---`; every other byte of the file
stays as it was. Then it runs the build's translation checks on the page, so
that a problem shows up now rather than at `make build`.
"""
import sys

from i18n import lint as i18n_lint
from i18n import translations as t



def atlas_problems(project):
    """The build's check of the settings atlas (every language, and English
    against each translation), as a list of at most one problem."""
    from atlas import data

    try:
        data.check_all(str(project.docs_dir), project.languages, str(project.root))
    except data.AtlasError as error:
        return [str(error)]
    return []


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
    old_hash, _ = t.recorded_hash_of(page, before)
    after = t.with_source_hash_of(page, before, new_hash)
    if after != before:
        target.write_bytes(after)
    if old_hash == new_hash:
        message = f"{tr} was already marked as translated from the current {en} (source_hash: {new_hash})."
    else:
        message = f"{tr} is now marked as translated from the current {en} (source_hash: {new_hash})."
    problems = atlas_problems(project) if t.is_atlas(page) else i18n_lint.check_page(project, lang, page)
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
