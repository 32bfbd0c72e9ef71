"""`make i18n-diff PAGE=name.md`: what changed in English since the translation.

The translation's front matter records the hash of the English text it was
translated from (`source_hash`, see translations.py). This command walks the
history of the English file (`git log --follow`, so renames are followed),
hashes each committed version, and shows a unified diff from the version
with the recorded hash to the English file as it is now. Each change is
labelled with the English heading it falls under.

When that version cannot be found (a shallow clone, a hash typed by hand, no
git) or the translation records no hash, it says so plainly and lists the
English page's sections instead, with what to do.
"""
import difflib
import os
import subprocess
import sys

from common import md_source
from i18n import translations as t



def git(root, *args):
    """Run git in the project folder; return its stdout as bytes, or None on failure."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def english_history(root, path):
    """(commit, date, path in that commit) for each commit that touched the file, newest first."""
    out = git(root, "log", "--follow", "--format=%x00%H %cs", "--name-only", "--", path)
    if out is None:
        return []
    history = []
    for block in out.decode("utf-8", "replace").split("\x00")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if len(lines) < 2:
            continue
        commit, _, date = lines[0].partition(" ")
        history.append((commit, date, lines[-1]))
    return history


def find_version(root, path, wanted):
    """The committed English text whose hash is `wanted`: (commit, date, bytes) or None."""
    for commit, date, old_path in english_history(root, path):
        data = git(root, "show", f"{commit}:{old_path}")
        if data is not None and t.source_hash(data) == wanted:
            return commit, date, data
    return None


NO_GIT = "no git"  # not a git repository, or git is not installed
SHALLOW = "shallow"  # a shallow clone: older commits are not here


def missing_history(root):
    """Why the English history may be incomplete: NO_GIT, SHALLOW, or None (it is all there)."""
    if git(root, "rev-parse", "--git-dir") is None:
        return NO_GIT
    if (git(root, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true":
        return SHALLOW
    return None


def with_sections(diff_lines, new_text):
    """Add the English heading each hunk falls under to its @@ line, like git does for code."""
    heads = md_source.headings(new_text)
    out = []
    for line in diff_lines:
        if line.startswith("@@"):
            try:
                start = int(line.split("+")[1].split(",")[0].split(" ")[0])
            except (IndexError, ValueError):
                start = 0
            above = [h for h in heads if h.line <= start + 3]  # the first changed line, after 3 of context
            if above:
                h = above[-1]
                line = line.rstrip("\n") + " " + "#" * h.level + " " + h.title + (
                    f" {{#{h.id}}}" if h.id else "") + "\n"
        out.append(line)
    return out


def colour(lines):
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        return lines
    paint = {"+": "\033[32m", "-": "\033[31m", "@": "\033[36m"}
    out = []
    for line in lines:
        code = paint.get(line[:1])
        if code and not line.startswith(("+++", "---")):
            line = code + line.rstrip("\n") + "\033[0m\n"
        out.append(line)
    return out


def sections(project, page):
    """The English page's headings, as a list a volunteer can work through."""
    text = project.path(project.default, page).read_text(encoding="utf-8")
    lines = []
    for h in md_source.headings(text):
        ident = f" {{#{h.id}}}" if h.id else ""
        lines.append(f"  line {h.line:>4}: {'#' * h.level} {h.title}{ident}")
    return "\n".join(lines) or "  (the English page has no headings)"


def explain_whole_page(project, page, lang, why):
    en = project.label(project.default, page)
    tr = project.label(lang, page)
    return (
        f"{why}\n\n"
        f"So the changes cannot be shown one by one. Instead, compare the two files\n"
        f"section by section. The sections of {en} now:\n\n"
        f"{sections(project, page)}\n\n"
        f"What to do: open {en} and {tr} side by side, check every section\n"
        f"(same headings, same {{#id}}s, same facts and sources), update {tr},\n"
        f"then mark it up to date with: make i18n-done PAGE={page}"
    )


def run(project, page, lang):
    """The text to show, and the exit code."""
    state = t.state_of(project, page, lang)
    en = project.label(project.default, page)
    tr = project.label(lang, page)
    if state.state == t.ORPHAN:
        return f"{tr} has no English page {en}: a translation must use the English file name.", 1
    if state.state == t.MISSING:
        return (
            f"{tr} does not exist yet, so there is nothing to compare: the whole page needs\n"
            f"translating. Copy {en} to {tr} (same file name), translate it, then run:\n"
            f"  make i18n-done PAGE={page}"
        ), 0
    if state.state == t.TRANSLATED:
        return f"{tr} is up to date: {en} has not changed since it was translated (source_hash: {state.current}).", 0
    if state.reason == t.UNMARKED:
        return explain_whole_page(
            project, page, lang,
            f"{tr} does not record which English version it was translated from\n"
            + ("(it has no '# source_hash:' comment line at its top)." if t.is_atlas(page)
               else "(its front matter has no 'source_hash:' line)."),
        ), 0

    rel = os.path.relpath(project.path(project.default, page), project.root)
    found = find_version(project.root, rel, state.recorded)
    if found is None:
        missing = missing_history(project.root)
        if missing == NO_GIT:
            where = "This folder is not a git repository (or git is not installed), so the history of the\nEnglish page is not available."
        elif missing == SHALLOW:
            where = (
                "This is a shallow clone (made with --depth), so older versions of the English page are\n"
                "not here. 'git fetch --unshallow' downloads the full history; then run this again."
            )
        else:
            where = "No committed version of the English page has that hash (was the line typed or copied by hand?)."
        return explain_whole_page(
            project, page, lang,
            f"Could not find the English version that {tr} was translated from\n"
            f"(source_hash: {state.recorded}). {where}",
        ), 0

    commit, date, old = found
    new = project.path(project.default, page).read_bytes()
    old_text = old.decode("utf-8", "replace").replace("\r\n", "\n")
    new_text = new.decode("utf-8", "replace").replace("\r\n", "\n")
    diff = list(difflib.unified_diff(
        old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
        fromfile=f"{en} (the version {tr} follows: commit {commit[:10]}, {date})",
        tofile=f"{en} (now)", n=3,
    ))
    diff = [line if line.endswith("\n") else line + "\n" for line in diff]
    header = (
        f"English changes to {en} since {tr} was last brought up to date.\n"
        f"Lines starting with - were taken out of the English page, lines with + were put in.\n\n"
    )
    footer = (
        f"\nMake the same changes in {tr}, keeping the {{#id}}s as in English,\n"
        f"then mark it up to date with: make i18n-done PAGE={page}"
    )
    return header + "".join(colour(with_sections(diff, new_text))) + footer, 0


def main(argv=None):
    return t.page_command(argv, __doc__.splitlines()[0], "i18n-diff", run)


if __name__ == "__main__":
    sys.exit(main())
