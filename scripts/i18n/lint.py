"""Translator mistakes that must fail the build, each reported as file:line.

MkDocs already fails a strict build on a broken link or anchor, naming the
file. It does not notice the rest, which would quietly show readers a broken
page, so this module checks, before anything is built:

- front matter (every page, every language): MkDocs silently drops front
  matter that is not valid YAML and shows it as text;
- Markdown syntax typed with full-width punctuation in a translation, which
  Markdown does not recognise: `【text】（page.md）` links, `！！！ note`,
  `｛#id｝`, `［^1］`, `＃＃` headings, and similar;
- the structure of a translation that is marked up to date with English
  (see translations.py): the same heading `{#id}`s as the English page, and
  the footnote marker line where the English page has one. A translation
  that is out of date is not held to this: English may have moved on. The
  self-check page is left to selfcheck.py, which checks all of its ids.

Everything is checked outside fenced code, inline code and HTML comments.
All problems are reported at once, each with what to type instead.
"""
import re
from dataclasses import dataclass

from common import md_source
from i18n import translations as t

FULL_WIDTH = "＃｛｝［］【】（）！？：＾　"


@dataclass
class Problem:
    file: str
    line: int
    message: str

    def __str__(self):
        return f"{self.file}:{self.line}: {self.message}"


# --- front matter -----------------------------------------------------------

_FM_FULL_WIDTH_COLON = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*)[ \t　]*：")
_FM_NO_SPACE = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*):(?=[^ \t\r\n])")
_FM_FAKE_FENCE = re.compile(r"^[-－—–ー]{3,}\s*$")


def check_front_matter(label, text):
    """Problems with the page's front matter (the --- block at the top)."""
    import yaml

    lines = text.splitlines()
    if not lines:
        return []
    first = lines[0].lstrip("\ufeff")
    if first.rstrip() != "---":
        if _FM_FAKE_FENCE.match(first):
            return [Problem(label, 1, "the front matter must start with a line of exactly three "
                                      "half-width hyphens: ---")]
        return []
    end = md_source.front_matter_end(lines)
    if end is None:
        return [Problem(label, 1, "the front matter that starts here is never closed: add a line "
                                  "--- after its last line (title, description, reviewed...)")]
    problems = []
    for index in range(1, end):
        line = lines[index]
        match = _FM_FULL_WIDTH_COLON.match(line)
        if match:
            problems.append(Problem(label, index + 1, (
                f"'{match.group('key')}：' has a full-width colon; type '{match.group('key')}: ' "
                "(half-width colon, then a space)")))
            continue
        match = _FM_NO_SPACE.match(line)
        if match and not line[match.end():].startswith("//"):
            problems.append(Problem(label, index + 1, (
                f"put an ordinary space after '{match.group('key')}:' "
                f"(type '{match.group('key')}: ...')")))
    if problems:
        return problems
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        # Where the broken value starts (an unclosed quote), else where YAML gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return [Problem(label, line, (
            f"the front matter is not valid YAML ({problem}). Each line must be 'key: value'; "
            "if a value contains ': ' or starts with a quote or other symbol, put the whole "
            "value in half-width double quotes \"...\""))]
    if data is not None and not isinstance(data, dict):
        return [Problem(label, 2, "the front matter must be lines of 'key: value' "
                                  "(title, description, reviewed)")]
    return []


# --- full-width Markdown syntax ---------------------------------------------

_HEADING_MARKS = re.compile(r"^(?P<indent> {0,3})(?P<marks>[#＃]*＃[#＃]*)")
_ADMONITION_MARK = re.compile(r"^(?P<indent>\s*)(?P<mark>[!！]{3}|[?？]{3})(?P<plus>[+＋]?)")
_ADMONITION = re.compile(r"^(?P<indent>\s*)(?P<mark>!!!|\?\?\?\+?) ?(?P<type>[\w\-]+(?: +[\w\-]+)*)(?P<rest>.*)$")
_ADMONITION_TITLE = re.compile(r'^ +"(.*?)" *$')
_ATTRS = re.compile(
    r"(?P<open>[{｛])(?P<pad>[ 　]*)(?P<colon>[:：]?)[ 　]*(?P<hash>[#＃])(?P<id>[\w\-]+)"
    r"(?P<more>[^{｛}｝\n]*)(?P<close>[}｝])"
)
_HEADING_ID_NO_SPACE = re.compile(r"(?<! )\{:?[ ]*[#.][^{}\n]*\}[ ]*$")
_LINK = re.compile(
    r"(?P<open>[\[【])(?P<text>[^\[\]【】\n]*)(?P<close>[\]】])"
    r"(?P<popen>[(（])(?P<target>[^()（）\s]+)(?P<pclose>[)）])"
)
_LINKISH = re.compile(r"\.md\b|\.html?\b|://|^#|^mailto:|\.(?:png|svg|jpe?g|gif|webp|pdf)\b", re.I)
_FOOTNOTE_REF = re.compile(r"(?P<open>[\[［])(?P<caret>[\^＾])(?P<key>[^\]］\s\[［]+)(?P<close>[\]］])")
_FOOTNOTE_DEF_COLON = re.compile(r"^(?P<indent> {0,3})\[\^(?P<key>[^\]]+)\](?P<bad>[ \t]*：|[ \t]+:)")


def _full_width(*parts):
    return any(ch in FULL_WIDTH for part in parts for ch in (part or ""))


def check_syntax(label, text):
    """Markdown constructs that full-width punctuation broke, in a translation."""
    problems = []
    for index, line in enumerate(md_source.prose_lines(text)):
        number = index + 1

        def report(message):
            problems.append(Problem(label, number, message))

        if line.startswith("　"):
            report("the line starts with a full-width space (　); Markdown needs ordinary "
                   "spaces to indent (four for the text of a note box or list item), and a "
                   "paragraph needs no indent at all")
        match = _HEADING_MARKS.match(line)
        if match:
            fixed = match.group("marks").replace("＃", "#")
            report(f"the heading marks '{match.group('marks')}' are full-width; type '{fixed} ' "
                   "(half-width #, then a space) at the start of the line")
        match = _ADMONITION_MARK.match(line)
        if match and _full_width(match.group("mark"), match.group("plus")):
            fixed = match.group("mark").replace("！", "!").replace("？", "?") + match.group("plus").replace("＋", "+")
            report(f"'{match.group('mark')}{match.group('plus')}' is typed with full-width marks; "
                   f"type '{fixed}' (half-width) to start a note box, e.g. {fixed} note \"标题\"")
        else:
            match = _ADMONITION.match(line)
            if match and match.group("rest").strip() and not _ADMONITION_TITLE.match(match.group("rest")):
                report(f"a note box title must be in half-width double quotes after one space: "
                       f"{match.group('mark')} {match.group('type')} \"标题\" (not “标题” or 「标题」)")
        for match in _ATTRS.finditer(line):
            if _full_width(match.group("open"), match.group("pad"), match.group("colon"),
                           match.group("hash"), match.group("close")):
                more = match.group("more").replace("　", " ").rstrip()
                report(f"'{match.group(0)}' is typed with full-width characters; type "
                       f"'{{#{match.group('id')}{more}}}' (half-width braces and #)")
        if _HEADING_MARKS.match(line.replace("＃", "#")) or line.lstrip(" ").startswith("#"):
            match = _HEADING_ID_NO_SPACE.search(line)
            if match and not match.group(0).startswith(" "):
                report(f"put one ordinary (half-width) space before '{match.group(0).strip()}' at "
                       "the end of the heading; without it the braces show up as text")
        for match in _LINK.finditer(line):
            if match.group("open") == "[" and match.group("text").startswith("^"):
                continue
            if not _LINKISH.search(match.group("target")):
                continue
            if _full_width(match.group("open"), match.group("close"), match.group("popen"),
                           match.group("pclose")):
                report(f"the link '{match.group(0)}' uses full-width brackets; type "
                       f"'[{match.group('text')}]({match.group('target')})' "
                       "(half-width [ ] and ( ), the text may stay Chinese)")
        for match in _FOOTNOTE_REF.finditer(line):
            if _full_width(match.group("open"), match.group("caret"), match.group("close")):
                report(f"the footnote reference '{match.group(0)}' uses full-width characters; "
                       f"type '[^{match.group('key')}]' (half-width [ ^ ])")
        match = _FOOTNOTE_DEF_COLON.match(line)
        if match:
            report(f"a footnote definition needs a half-width colon right after the bracket: "
                   f"type '[^{match.group('key')}]: '")
    return problems


# --- structure against the English page --------------------------------------

def check_structure(label, text, en_label, en_text):
    """Heading ids and the footnote marker line, compared with the English page."""
    problems = []
    en_heads = [h for h in md_source.headings(en_text) if h.id]
    tr_heads = [h for h in md_source.headings(text) if h.id]
    en_ids = [h.id for h in en_heads]
    tr_ids = [h.id for h in tr_heads]
    all_tr = md_source.headings(text)
    for position, head in enumerate(en_heads):
        if head.id in tr_ids:
            continue
        hint = f"'{'#' * head.level} 中文标题 {{#{head.id}}}'"
        problems.append(Problem(label, _nearest_line(all_tr, en_heads, position, text), (
            f"the heading id {{#{head.id}}} is missing: the English page {en_label} has it at "
            f"line {head.line} ('{'#' * head.level} {head.title}'). Give the matching heading the "
            f"same id, e.g. {hint}")))
    same_shape = len(en_heads) == len(tr_heads)
    for position, head in enumerate(tr_heads):
        if head.id in en_ids:
            continue
        if same_shape and en_heads[position].id not in tr_ids:
            hint = f"the English heading in the same place has {{#{en_heads[position].id}}}"
        else:
            hint = f"use the id of the matching heading in {en_label}"
        problems.append(Problem(label, head.line, (
            f"the heading id {{#{head.id}}} is not in the English page; ids must stay exactly as "
            f"in English ({hint})")))
    en_marker = md_source.marker_line(en_text)
    if en_marker and not md_source.marker_line(text):
        sources = [h for h in md_source.headings(text) if h.id == "sources"]
        line = sources[0].line if sources else len(text.splitlines()) or 1
        problems.append(Problem(label, line, (
            f"the line {md_source.FOOTNOTE_MARKER} is missing: copy it unchanged from {en_label} "
            f"(line {en_marker}), on its own line under the sources heading; it places the "
            "footnotes there")))
    return problems


def _nearest_line(tr_heads, en_heads, position, text):
    """Where a missing id most likely belongs: the translated heading in the same place."""
    with_level = [h for h in tr_heads if h.level > 1]
    if len(with_level) == len(en_heads) and position < len(with_level):
        return with_level[position].line
    return 1


# --- putting it together ------------------------------------------------------

def check_page(project, lang, page):
    """Every problem of one page in one language."""
    path = project.path(lang, page)
    if not path.is_file():
        return []
    label = project.label(lang, page)
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    problems = check_front_matter(label, text)
    if lang == project.default:
        return problems
    problems += check_syntax(label, text)
    state = t.state_of(project, page, lang)
    if state.state == t.TRANSLATED and page != t.SELF_CHECK_PAGE:  # selfcheck.py checks its ids
        en_path = project.path(project.default, page)
        problems += check_structure(label, text, project.label(project.default, page),
                                    en_path.read_text(encoding="utf-8-sig", errors="replace"))
    return sorted(problems, key=lambda p: p.line)


def check_project(project):
    problems = []
    for lang in project.languages:
        if lang in (project.generated or {}):
            continue  # made from another language's pages, which are checked there
        folder = project.docs_dir / lang
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            problems += check_page(project, lang, path.relative_to(folder).as_posix())
    return problems


def check_translations(config):
    """MkDocs hook (pre_build): fail the build on any problem, once per build."""
    from common import languages
    from mkdocs.exceptions import PluginError

    if not languages.first_pass(config):
        return  # one check per build, in the first (default language's) pass
    problems = check_project(t.project_from_config(config))
    if problems:
        raise PluginError(
            f"{len(problems)} problem(s) in the pages; fix each, then build again:\n"
            + "\n".join(str(problem) for problem in problems)
        )
