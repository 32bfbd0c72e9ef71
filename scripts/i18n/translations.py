"""Which pages are translated, and from which version of the English text.

This module owns the one fact the translator workflow rests on: a translated
page records, in its front matter, the English text it was translated from,

    source_hash: 3f2a9c1b7d4e

the first 12 hex digits of the SHA-256 of the English file's bytes (with
Windows line endings turned into plain ones first, so that a checkout on any
system hashes the same). Comparing that with the English file as it is now
tells, without git and in a fresh clone, whether the translation is still up
to date. `make i18n-status`, `make i18n-diff`, `make i18n-done` and the build
(the notice on an outdated page, the structure checks) all ask this module.

The hash is read from the text of the front matter, not through YAML: YAML
would turn a hash made only of digits into a number.

The settings atlas's files (docs/atlas/<language>/<file>.yml, see
scripts/atlas/) are tracked the same way, by the name "atlas/<file>.yml": a
translated atlas file records the English file's hash in a comment line
`# source_hash: 3f2a9c1b7d4e` among the comments at its top.
"""
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from common import project_config

HASH_KEY = "source_hash"
# The self-check page: its ids are checked by selfcheck.py, its notice links here.
SELF_CHECK_PAGE = "check.md"
HASH_LENGTH = 12

TRANSLATED = "translated"
OUTDATED = "outdated"
MISSING = "missing"
ORPHAN = "no English page"

# Why a page counts as outdated.
CHANGED = "changed"  # it records an English version, and English has changed since
UNMARKED = "unmarked"  # it records no English version at all

_BOM = b"\xef\xbb\xbf"
_FENCE = re.compile(rb"^(-{3}|\.{3})[ \t]*\r?\n?$")
_HASH_LINE = re.compile(
    r"^" + HASH_KEY + r"[ \t]*:[ \t]*[\"']?(?P<hash>[0-9A-Fa-f]*)[\"']?[ \t]*(?:#.*)?$"
)
_HASH_KEY_LINE = re.compile(r"^" + HASH_KEY + r"[ \t]*[:：]")


def source_hash(data):
    """The short hash of an English file's bytes (CRLF counted as LF)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    data = data.replace(b"\r\n", b"\n")
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def file_hash(path):
    return source_hash(Path(path).read_bytes())


def front_matter_lines(data):
    """(first, last) indexes of the lines between the front matter fences.

    `data` is the file's bytes split with keepends=True. Returns None when the
    file has no complete front matter (no `---` on the first line, or no
    closing `---` or `...` line).
    """
    if not data:
        return None
    first = data[0][len(_BOM):] if data[0].startswith(_BOM) else data[0]
    if not re.match(rb"^---[ \t]*\r?\n$", first):
        return None
    for index in range(1, len(data)):
        if _FENCE.match(data[index]):
            return 1, index
    return None


def recorded_hash(data):
    """The `source_hash` in a translated file's front matter (bytes).

    Returns (hash, line number); hash is "" when the line is there but holds
    no hash, and (None, None) when there is no such line.
    """
    lines = data.splitlines(keepends=True)
    bounds = front_matter_lines(lines)
    if bounds is None:
        return None, None
    for index in range(bounds[0], bounds[1]):
        text = lines[index].decode("utf-8", "replace").rstrip("\r\n")
        match = _HASH_LINE.match(text)
        if match:
            return match.group("hash").lower(), index + 1
    return None, None


def with_source_hash(data, new_hash):
    """The file's bytes with `source_hash: <new_hash>` set in its front matter.

    Only that one line changes (or is added just before the closing `---`);
    every other byte, line endings included, stays as it was. A file with no
    front matter gets one holding just that line.
    """
    lines = data.splitlines(keepends=True)
    newline = b"\r\n" if (lines and lines[0].endswith(b"\r\n")) else b"\n"
    entry = HASH_KEY.encode() + b": " + new_hash.encode()
    bounds = front_matter_lines(lines)
    if bounds is None:
        bom = _BOM if data.startswith(_BOM) else b""
        body = data[len(bom):]
        return bom + b"---" + newline + entry + newline + b"---" + newline + body
    first, closing = bounds
    for index in range(first, closing):
        if _HASH_KEY_LINE.match(lines[index].decode("utf-8", "replace")):
            ending = lines[index][len(lines[index].rstrip(b"\r\n")):] or newline
            lines[index] = entry + ending
            return b"".join(lines)
    before = lines[closing - 1] if closing > first else lines[0]
    if not before.endswith((b"\n", b"\r")):
        lines[closing - 1] = before + newline
    lines.insert(closing, entry + newline)
    return b"".join(lines)


ATLAS = "atlas"  # docs/atlas/<language>/<file>.yml: pages named "atlas/<file>.yml"
_YAML_HASH_LINE = re.compile(r"^#[ \t]*" + HASH_KEY + r"[ \t]*:[ \t]*(?P<hash>[0-9A-Fa-f]*)[ \t]*$")


def is_atlas(page):
    """True for a settings-atlas file ("atlas/ios.yml"), False for a page."""
    return page.startswith(ATLAS + "/") and page.endswith(".yml")


def recorded_yaml_hash(data):
    """The `# source_hash: ...` comment among the comment lines at the top of a
    YAML file: (hash, line number), or (None, None)."""
    for index, line in enumerate(data.splitlines()):
        text = line.decode("utf-8", "replace").lstrip("\ufeff").strip()
        if not text.startswith("#"):
            break
        match = _YAML_HASH_LINE.match(text)
        if match:
            return match.group("hash").lower(), index + 1
    return None, None


def with_yaml_source_hash(data, new_hash):
    """The YAML file's bytes with `# source_hash: <new_hash>` set: the line is
    changed in place, or added after the comment lines at the top."""
    lines = data.splitlines(keepends=True)
    newline = b"\r\n" if (lines and lines[0].endswith(b"\r\n")) else b"\n"
    entry = b"# " + HASH_KEY.encode() + b": " + new_hash.encode()
    _, number = recorded_yaml_hash(data)
    if number:
        line = lines[number - 1]
        lines[number - 1] = entry + (line[len(line.rstrip(b"\r\n")):] or newline)
        return b"".join(lines)
    at = 0
    while at < len(lines) and lines[at].lstrip(_BOM).strip().startswith(b"#"):
        at += 1
    if at and not lines[at - 1].endswith((b"\n", b"\r")):
        lines[at - 1] += newline
    lines.insert(at, entry + newline)
    return b"".join(lines)


def recorded_hash_of(page, data):
    """recorded_hash for a page, recorded_yaml_hash for an atlas file."""
    return recorded_yaml_hash(data) if is_atlas(page) else recorded_hash(data)


def with_source_hash_of(page, data, new_hash):
    return with_yaml_source_hash(data, new_hash) if is_atlas(page) else with_source_hash(data, new_hash)


@dataclass
class Project:
    """Where the pages of each language live."""

    root: Path
    docs_dir: Path
    default: str
    languages: list  # every language code, the default one first
    generated: dict = None  # {code: source code}: languages made from another at build time (hant/)

    @property
    def translations(self):
        """The languages people translate (not the default, not a generated one)."""
        return [code for code in self.languages if code != self.default and code not in (self.generated or {})]

    def path(self, lang, page):
        """The page's file; a generated language's is its source language's."""
        lang = (self.generated or {}).get(lang, lang)
        if is_atlas(page):
            return self.docs_dir / ATLAS / lang / page[len(ATLAS) + 1:]
        return self.docs_dir / lang / page

    def label(self, lang, page):
        """How a volunteer finds the file: its path from the project folder."""
        try:
            return self.path(lang, page).relative_to(self.root).as_posix()
        except ValueError:
            return self.path(lang, page).as_posix()

    def pages(self):
        """Every page name (such as "vpn.md") found in any language, sorted."""
        found = set()
        for lang in self.languages:
            folder = self.docs_dir / lang
            if folder.is_dir():
                found.update(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
        return sorted(found)

    def atlas_files(self):
        """Every settings-atlas file name ("atlas/ios.yml") found in any language, sorted."""
        found = set()
        for lang in self.languages:
            folder = self.docs_dir / ATLAS / lang
            if folder.is_dir():
                found.update(f"{ATLAS}/{p.name}" for p in folder.glob("*.yml"))
        return sorted(found)


def load_project(root):
    """Read the languages and docs folder from the project's mkdocs.yml."""
    root = Path(root).resolve()
    config = project_config.parse((root / "mkdocs.yml").read_text(encoding="utf-8"))
    docs_dir = root / (config.get("docs_dir") or "docs")
    default, codes = None, []
    for lang in project_config.i18n(config).get("languages") or []:
        codes.append(lang["locale"])
        if lang.get("default"):
            default = lang["locale"]
    if not codes:
        codes = ["en"]
    default = default or codes[0]
    codes.sort(key=lambda code: code != default)
    from hant import edition

    return Project(root=root, docs_dir=docs_dir, default=default, languages=codes,
                   generated=edition.generated(config))


def project_from_config(config):
    """The same Project, from inside an MkDocs build."""
    from common import languages
    from hant import edition

    return Project(
        root=Path(os.path.dirname(config.config_file_path)).resolve(),
        docs_dir=Path(config.docs_dir).resolve(),
        default=languages.default(config),
        languages=languages.all_codes(config),
        generated=edition.generated(config),
    )


@dataclass
class State:
    page: str
    lang: str
    state: str  # TRANSLATED, OUTDATED, MISSING or ORPHAN
    reason: str = ""  # CHANGED or UNMARKED for OUTDATED
    recorded: str = None  # the source_hash the translation records
    current: str = None  # the hash of the English file now


def state_of(project, page, lang):
    """How the `lang` version of `page` stands against the English page."""
    source = project.path(project.default, page)
    target = project.path(lang, page)
    if not source.is_file():
        return State(page, lang, ORPHAN if target.is_file() else MISSING)
    current = file_hash(source)
    if not target.is_file():
        return State(page, lang, MISSING, current=current)
    recorded, _ = recorded_hash_of(page, target.read_bytes())
    if not recorded:
        return State(page, lang, OUTDATED, UNMARKED, current=current)
    if recorded != current:
        return State(page, lang, OUTDATED, CHANGED, recorded=recorded, current=current)
    return State(page, lang, TRANSLATED, recorded=recorded, current=current)


def resolve_page(project, name):
    """Turn what a volunteer typed ("vpn", "vpn.md", "docs/zh/vpn.md") into a page name.

    Returns None when no language has such a page.
    """
    name = (name or "").strip().replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    if not name:
        return None
    docs = project.label(project.default, "x").rsplit("/", 2)[0] + "/"
    if name.startswith(docs):
        name = name[len(docs):]
    if name.endswith(".yml"):  # a settings-atlas file: atlas/ios.yml, atlas/zh/ios.yml or ios.yml
        parts = [part for part in name.split("/") if part]
        if parts and parts[0] == ATLAS:
            parts = parts[1:]
        if len(parts) == 2 and parts[0] in project.languages:
            parts = parts[1:]
        name = f"{ATLAS}/{parts[-1]}" if len(parts) == 1 else ""
        return name if name in project.atlas_files() else None
    for code in project.languages:
        if name.startswith(code + "/"):
            name = name[len(code) + 1:]
            break
    if not name.endswith(".md"):
        name += ".md"
    return name if name in project.pages() else None


def page_command(argv, description, command, run):
    """Shared command line of `make i18n-diff` and `make i18n-done`.

    Reads `PAGE [--lang CODE]`, finds the page and the translation language,
    and calls `run(project, page, lang)`, which returns (text, exit code).
    Mistakes in the arguments are explained, with an example, on stderr.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("page", nargs="?", default="")
    parser.add_argument("--lang", help="translation language (default: the only one there is)")
    args = parser.parse_args(argv)
    project = load_project(project_config.PROJECT)
    example = (
        "Which page? Give its file name, for example:\n"
        f"  make {command} PAGE=about.md\n"
        f"Pages: {' '.join(project.pages())}\n"
        f"Settings atlas files: {' '.join(project.atlas_files())}"
    )
    if not args.page.strip():
        print(example, file=sys.stderr)
        return 2
    page = resolve_page(project, args.page)
    if page is None:
        print(f"There is no page '{args.page}'.\n" + example, file=sys.stderr)
        return 2
    lang = args.lang or (project.translations[0] if len(project.translations) == 1 else None)
    if lang not in project.translations:
        print(f"Say which language with --lang, one of: {' '.join(project.translations)}", file=sys.stderr)
        return 2
    text, code = run(project, page, lang)
    print(text)
    return code
