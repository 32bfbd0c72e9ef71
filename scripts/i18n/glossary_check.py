"""The glossary's "not this" words: a build check that a translation uses one
term per concept.

A translation's glossary (docs/<lang>/glossary.md) may give its terms table a
fourth column headed `不写` ("do not write"): the variants of that row's term
which the pages of that language do not use, separated by `、`. For example

    | vendor account | 厂商账号 | ...note... | 帐号、帐户 |

The preferred term is the first one in the row's second column (here 厂商账号;
where that cell gives two, the first). This module finds every avoided
variant in that language's pages (docs/<lang>/*.md, front matter included)
and in its atlas files (docs/atlas/<lang>/*.yml), and names the file, the
line and the term to use instead. The glossary page itself is not checked:
it is where the variants are listed.

Some text has to keep a variant, and is not checked:

- anything inside quotation marks “…” ‘…’ 「…」 『…』 or title marks 《…》:
  law and book titles, quoted source titles, and words the phone shows on
  screen, which the pages always quote (“安装未知应用”);
- in a footnote definition (`[^key]: ...`), anything inside straight double
  quotes as well (the source's own title), and every link address;
- in an atlas file, the values that copy the phone or the source: `path`,
  `search`, `keyboard`, and a source's `title`, `publisher`, `url`, `date`;
- a line carrying the marker `<!-- glossary-allow: 查验 -->` (in YAML:
  `# glossary-allow: 查验`) may use the variants it names there, separated by
  `、`. Use it for a rare sentence that must keep a variant and is not a
  quotation; say why in the same comment if it is not obvious.

Every Chinese page (the self-check's included) and every Chinese atlas file
is checked.
"""
import re
from dataclasses import dataclass
from pathlib import Path

from common import md_source
from i18n.lint import Problem

AVOID_HEADER = "不写"
SEPARATOR = "、"
GLOSSARY_PAGE = "glossary.md"

# Atlas values that copy the phone's own words or a source's: not checked.
ATLAS_LITERAL_KEYS = {"path", "search", "keyboard", "title", "publisher", "url", "date", "checked"}

_QUOTED = [
    re.compile(r"《[^《》\n]*》"),
    re.compile(r"“[^“”\n]*”"),
    re.compile(r"‘[^‘’\n]*’"),
    re.compile(r"「[^「」\n]*」"),
    re.compile(r"『[^『』\n]*』"),
]
_STRAIGHT_QUOTED = re.compile(r'"[^"\n]*"')
_LINK_TARGETS = [
    re.compile(r"\]\([^)\s]*\)"),
    re.compile(r"<https?://[^>\s]*>"),
    re.compile(r"https?://\S+"),
]
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:")
_ALLOW = re.compile(r"glossary-allow:\s*([^\n>]*?)\s*(?:-->|$)")
_YAML_KEY = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[\w-]+):(?:\s|$)")


@dataclass
class Rule:
    preferred: str
    english: str
    avoid: list
    line: int  # where the glossary lists it




def _cells(line):
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _first_form(cell):
    """'国家互联网信息办公室 / 网信办' gives the first; '(notes)' and quotes are dropped."""
    form = cell.split(" / ")[0]
    return re.sub(r"[(（][^)）]*[)）]", "", form).strip().strip("\"“”'")


def parse_rules(text, label="glossary.md"):
    """[Rule] from a glossary's table that has a column headed 不写.

    Raises ValueError naming the line for a row whose avoided variant is part
    of its own preferred term (the check would then flag every use of it).
    """
    rules, column, english_col, term_col = [], None, 0, 1
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.lstrip().startswith("|"):
            column = None
            continue
        row = _cells(line)
        if AVOID_HEADER in row:
            column = row.index(AVOID_HEADER)
            continue
        if column is None or all(set(cell) <= set("-: ") for cell in row):
            continue
        if len(row) <= column or not row[column]:
            continue
        preferred = _first_form(row[term_col])
        avoid = [word.strip() for word in row[column].split(SEPARATOR) if word.strip()]
        for word in avoid:
            if word in preferred:
                raise ValueError(
                    f"{label}:{number}: '{word}' in the {AVOID_HEADER} column is part of the "
                    f"row's own term '{preferred}'; the check would reject every use of it")
        rules.append(Rule(preferred, row[english_col], avoid, number))
    return rules


def _blank(text, pattern):
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def checked_text(line, footnote=False):
    """The line with everything the check skips blanked out (columns kept)."""
    for pattern in _LINK_TARGETS:
        line = _blank(line, pattern)
    if footnote:
        line = _blank(line, _STRAIGHT_QUOTED)
    for pattern in _QUOTED:
        line = _blank(line, pattern)
    return line


def _allowed(raw_line):
    match = _ALLOW.search(raw_line)
    if not match:
        return set()
    return {word.strip() for word in match.group(1).split(SEPARATOR) if word.strip()}


def _find(label, number, text, allowed, rules):
    """One problem per avoided variant found; a longer one hides the shorter
    one it contains (中国区 is reported once, not also as 国区)."""
    matches = []
    for rule in rules:
        for word in rule.avoid:
            if word in allowed:
                continue
            start = text.find(word)
            while start >= 0:
                matches.append((start, start + len(word), word, rule))
                start = text.find(word, start + 1)
    matches.sort(key=lambda m: (m[0] - m[1], m[0]))  # longest first
    taken, problems = [], []
    for start, end, word, rule in matches:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        problems.append((start, Problem(label, number, (
            f"'{word}': write '{rule.preferred}' instead (the glossary's term for "
            f"'{rule.english}'; if the words are a title or what the phone shows, quote "
            f"them; see the {AVOID_HEADER} column of {GLOSSARY_PAGE})"))))
    return [problem for _, problem in sorted(problems, key=lambda p: p[0])]


def check_markdown(label, text, rules):
    """Problems in one Markdown page: front matter, prose and footnotes."""
    raw = text.splitlines()
    problems = []
    for index, line in enumerate(md_source.prose_lines(text, keep_front_matter=True)):
        if not line:
            continue
        footnote = bool(_FOOTNOTE_DEF.match(line))
        problems += _find(label, index + 1, checked_text(line, footnote), _allowed(raw[index]), rules)
    return problems


def check_yaml(label, text, rules):
    """Problems in one atlas file: the values written in the site's own words."""
    problems = []
    key, key_indent = None, -1
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _YAML_KEY.match(line)
        indent = len(line) - len(stripped)
        if match:
            key, key_indent = match.group("key"), indent
            value = line[match.end():]
        elif indent > key_indent:
            value = line  # a continued value (>- or a long quoted string)
        else:
            continue
        if key in ATLAS_LITERAL_KEYS:
            continue
        problems += _find(label, number, checked_text(value), _allowed(line), rules)
    return problems


def check_language(docs_dir, lang):
    """The problems of one language's pages and atlas files (none without a glossary)."""
    docs_dir = Path(docs_dir)
    root = docs_dir.parent
    glossary = docs_dir / lang / GLOSSARY_PAGE
    if not glossary.is_file():
        return []
    rules = parse_rules(glossary.read_text(encoding="utf-8-sig"),
                        glossary.relative_to(root).as_posix())
    if not rules:
        return []
    problems = []
    files = [(p, check_markdown) for p in sorted((docs_dir / lang).rglob("*.md")) if p != glossary]
    files += [(p, check_yaml) for p in sorted((docs_dir / "atlas" / lang).glob("*.yml"))]
    for path, check in files:
        problems += check(path.relative_to(root).as_posix(), path.read_text(encoding="utf-8-sig"), rules)
    return problems


def check_glossary_terms(config):
    """MkDocs hook (pre_build): fail the build on a variant the glossary says not to use."""
    from common import languages
    from mkdocs.exceptions import PluginError

    if not languages.first_pass(config):
        return
    failing = []
    for lang in languages.all_codes(config)[1:]:
        try:
            failing += check_language(config.docs_dir, lang)
        except ValueError as error:
            raise PluginError(str(error))
    if failing:
        raise PluginError(
            f"{len(failing)} word(s) the glossary says not to use; fix each, then build again:\n"
            + "\n".join(str(problem) for problem in failing))
