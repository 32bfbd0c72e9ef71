"""Where the vendored code comes from, and what the project changed in it.

Each folder under docs/assets/vendor/ has a PROVENANCE.yml (the upstream
package: name, version, the registry's tarball address and hashes, licence)
and, when the project changed anything, local.diff: a unified diff from the
upstream files to the vendored ones (git's a/ and b/ prefixes; a file the
project added is a diff from /dev/null). PROVENANCE.yml lists every file of
the folder with the SHA-256 of the vendored file (`sha256`) and, for a file
that comes from the package, its path in the tarball (`upstream`) and the
SHA-256 of that original (`upstream_sha256`).

`check` proves, with no network: each vendored file has its recorded
SHA-256 (so an edit that is not recorded fails), reverse-applying local.diff
to it gives back a file with the upstream SHA-256 (so the diff is the whole
change), a file the project added comes back empty, and the folder holds no
file PROVENANCE.yml does not list.

    python -m dev.vendored check                      every vendored folder
    python -m dev.vendored update FOLDER --upstream DIR

`update` (after changing a vendored file, or moving to another upstream
version: CONTRIBUTING.md, "Vendored code") rewrites local.diff from the
unpacked tarball DIR (the folder that holds package/) and the hashes in
PROVENANCE.yml; the name, version and tarball lines are edited by hand.
"""
import argparse
import difflib
import hashlib
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "docs" / "assets" / "vendor"
RECORD = "PROVENANCE.yml"
DIFF = "local.diff"
NO_NEWLINE = "\\ No newline at end of file"
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class PatchError(ValueError):
    """local.diff does not apply exactly (no fuzz, no offset)."""


def digest(data):
    return hashlib.sha256(data).hexdigest()


def _lines(text):
    """Lines split at \\n only (as diff does), ends kept, so that a missing
    final newline survives."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def parse_diff(text):
    """{target file name: [hunks]} of a unified diff. A hunk is
    (new start, [(tag, line)]) with tag ' ', '-' or '+' and each line ending
    as in the file (no newline where the diff says so). The target is the
    +++ name less its b/ prefix; a file deleted upstream-side is not
    supported (vendored folders only keep or add files)."""
    files, current, hunk, lines = {}, None, None, text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    index, remaining = 0, [0, 0]  # old and new lines the current hunk still has to come
    while index < len(lines):
        line = lines[index]
        if hunk is not None and any(remaining) and line[:1] in (" ", "-", "+"):
            tag = line[0]
            remaining[0] -= tag != "+"
            remaining[1] -= tag != "-"
            if min(remaining) < 0:
                raise PatchError(f"local.diff line {index + 1}: more lines than the hunk's header says")
            hunk[1].append([tag, line[1:] + "\n"])
            index += 1
            continue
        if line.startswith("--- ") and index + 1 < len(lines) and lines[index + 1].startswith("+++ "):
            target = lines[index + 1][4:].split("\t")[0].strip()
            if target == "/dev/null":
                raise PatchError("local.diff deletes a file: a vendored folder only keeps or adds files")
            current = target[2:] if target.startswith("b/") else target
            if current in files:
                raise PatchError(f"local.diff changes {current} twice")
            files[current], hunk = [], None
            index += 2
            continue
        match = HUNK.match(line)
        if match:
            if current is None:
                raise PatchError(f"local.diff line {index + 1}: a hunk before any file header")
            old_len = int(match.group(2) or 1)
            new_start, new_len = int(match.group(3)), int(match.group(4) if match.group(4) is not None else 1)
            hunk, remaining = (new_start, [], old_len, new_len), [old_len, new_len]
            files[current].append(hunk)
            index += 1
            continue
        if hunk is not None and line == NO_NEWLINE and hunk[1]:
            hunk[1][-1][1] = hunk[1][-1][1][:-1]
        elif line.startswith(("diff ", "index ", "new file mode", "similarity", "old mode", "new mode")):
            pass  # git's extended header lines
        else:
            raise PatchError(f"local.diff line {index + 1} is not part of a unified diff: {line[:60]!r}")
        index += 1
    for name, hunks in files.items():
        for _, body, old_len, new_len in hunks:
            if (sum(tag != "+" for tag, _ in body), sum(tag != "-" for tag, _ in body)) != (old_len, new_len):
                raise PatchError(f"local.diff, {name}: a hunk's line counts do not match its header")
    return {name: [(start, [tuple(item) for item in body]) for start, body, _, _ in hunks]
            for name, hunks in files.items()}


def reverse(text, hunks):
    """The upstream file: `hunks` (of the diff upstream -> vendored)
    undone on the vendored `text`. Each hunk's new side must stand exactly
    where its header says (no fuzz, no offset); anything else raises
    PatchError."""
    new = _lines(text)
    out, position = [], 0  # position: index in `new` of the next line not yet copied
    for new_start, body in hunks:
        new_side = [line for tag, line in body if tag != "-"]
        old_side = [line for tag, line in body if tag != "+"]
        start = new_start - 1 if new_side else new_start  # diff numbers an empty side by the line before
        if start < position or new[start:start + len(new_side)] != new_side:
            raise PatchError(f"the hunk at line {new_start} does not match the vendored file")
        out += new[position:start] + old_side
        position = start + len(new_side)
    out += new[position:]
    return "".join(out)


def unified(name, old, new):
    """The diff of one file from `old` to `new` (text; None: the file does
    not exist upstream), git-style names, full hunks with 3 lines of context."""
    a, b = _lines(old or ""), _lines(new)
    if a == b:
        return ""
    out = []
    diff = difflib.unified_diff(a, b, "/dev/null" if old is None else f"a/{name}", f"b/{name}", n=3)
    for number, line in enumerate(diff):
        if number < 2:  # the --- and +++ header lines
            out.append(line.rstrip("\n") + "\n")
        elif line.endswith("\n"):
            out.append(line)
        else:
            out += [line + "\n", NO_NEWLINE + "\n"]
    return "".join(out)


def load(folder):
    record = yaml.safe_load((folder / RECORD).read_text(encoding="utf-8"))
    if not isinstance(record, dict) or not isinstance(record.get("files"), dict):
        raise ValueError(f"{folder / RECORD}: no files: mapping")
    return record


def check(folder):
    """Problems (strings) of one vendored folder; [] when all holds."""
    folder = Path(folder)
    where = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    problems = []
    try:
        record = load(folder)
    except (OSError, ValueError, yaml.YAMLError) as error:
        return [f"{where}: {error}"]
    for key in ("name", "version", "registry", "tarball", "tarball_sha1", "integrity", "licence"):
        if not record.get(key):
            problems.append(f"{where}/{RECORD}: `{key}` is missing")
    try:
        hunks = parse_diff((folder / DIFF).read_text(encoding="utf-8")) if (folder / DIFF).exists() else {}
    except PatchError as error:
        return problems + [f"{where}/{DIFF}: {error}"]
    files = record["files"]
    present = {p.name for p in folder.iterdir() if p.is_file()} - {RECORD, DIFF}
    for name in sorted(present - set(files)):
        problems.append(f"{where}/{name} is not listed in {RECORD}")
    for name in sorted(set(hunks) - set(files)):
        problems.append(f"{where}/{DIFF} changes {name}, which {RECORD} does not list")
    for name, entry in files.items():
        path = folder / name
        entry = entry or {}
        if not path.is_file():
            problems.append(f"{where}/{name} is listed in {RECORD} but missing")
            continue
        data = path.read_bytes()
        if digest(data) != entry.get("sha256"):
            problems.append(f"{where}/{name}: SHA-256 {digest(data)} is not the one {RECORD} records "
                            f"({entry.get('sha256')}): an edit not recorded in {DIFF} and {RECORD}? "
                            "(CONTRIBUTING.md, Vendored code)")
        try:
            original = reverse(data.decode("utf-8"), hunks.get(name, []))
        except (PatchError, UnicodeDecodeError) as error:
            problems.append(f"{where}/{DIFF} does not apply in reverse to {name}: {error}")
            continue
        if entry.get("upstream"):
            if digest(original.encode("utf-8")) != entry.get("upstream_sha256"):
                problems.append(f"{where}/{name}: reverse-applying {DIFF} gives a file whose SHA-256 "
                                f"{digest(original.encode('utf-8'))} is not upstream's "
                                f"({entry.get('upstream')}: {entry.get('upstream_sha256')})")
        elif original != "":
            problems.append(f"{where}/{name}: the project's own file (no upstream), but {DIFF} does not "
                            "add it whole (reverse-applying leaves something)")
    return problems


def folders():
    return sorted(path.parent for path in VENDOR.glob(f"*/{RECORD}"))


def update(folder, upstream_dir):
    """Rewrite local.diff and the hashes in PROVENANCE.yml of `folder` from
    the unpacked tarball `upstream_dir`. Returns the lines it changed."""
    folder, upstream_dir = Path(folder), Path(upstream_dir)
    record = load(folder)
    text = (folder / RECORD).read_text(encoding="utf-8")
    parts = []
    for name, entry in record["files"].items():
        entry = entry or {}
        new = (folder / name).read_text(encoding="utf-8")
        old = (upstream_dir / entry["upstream"]).read_text(encoding="utf-8") if entry.get("upstream") else None
        parts.append(unified(name, old, new))
        values = {"sha256": digest(new.encode("utf-8"))}
        if old is not None:
            values["upstream_sha256"] = digest(old.encode("utf-8"))
        for key, value in values.items():
            # the key's line inside this file's block: the first `key:` after `  name:`
            pattern = re.compile(rf"(^  {re.escape(name)}:\n(?:    .*\n)*?    {key}: )\S*$", re.M)
            text, count = pattern.subn(lambda m: m.group(1) + value, text, count=1)
            if not count:
                raise ValueError(f"{RECORD}: no `{key}:` line under {name}")
    diff = "".join(parts)
    if diff:
        (folder / DIFF).write_text(diff, encoding="utf-8")
    elif (folder / DIFF).exists():
        (folder / DIFF).unlink()
    (folder / RECORD).write_text(text, encoding="utf-8")
    return check(folder)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m dev.vendored", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check every folder under docs/assets/vendor/")
    up = sub.add_parser("update", help="rewrite local.diff and the hashes of one folder")
    up.add_argument("folder", type=Path)
    up.add_argument("--upstream", type=Path, required=True,
                    help="the unpacked npm tarball (the folder that holds package/)")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = [problem for folder in folders() for problem in check(folder)]
    else:
        problems = update(args.folder.resolve(), args.upstream)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("vendored files: as recorded")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
