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
change), a file the project added is removed whole by it, and the folder
holds no file PROVENANCE.yml does not list.

The diff is read and written by git (`git apply --reverse` on a temporary
copy, `git diff --no-index`), outside any repository and with the user's
git configuration shut out, so every clone gets the same result.

    python -m dev.vendored check                      every vendored folder
    python -m dev.vendored update FOLDER --upstream DIR

`update` (after changing a vendored file, or moving to another upstream
version: CONTRIBUTING.md, "Vendored code") rewrites local.diff from the
unpacked tarball DIR (the folder that holds package/) and the hashes in
PROVENANCE.yml; the name, version and tarball lines are edited by hand.
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "docs" / "assets" / "vendor"
RECORD = "PROVENANCE.yml"
DIFF = "local.diff"


class PatchError(ValueError):
    """git could not read or apply local.diff."""


def digest(data):
    return hashlib.sha256(data).hexdigest()


def git(args, cwd, ok=(0,)):
    """Run git in `cwd` (a temporary folder) as if no repository and no
    configuration existed: no repository found above it, no system or user
    settings (apply.whitespace=fix, diff.noprefix, colour... would change
    the result). Returns stdout; another exit code raises PatchError with
    git's own message."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_CEILING_DIRECTORIES=str(Path(cwd).parent), LC_ALL="C")
    try:
        done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise PatchError("git is not installed (the check runs `git apply`)") from error
    if done.returncode not in ok:
        message = done.stderr.decode("utf-8", "replace").strip() or f"git exited with {done.returncode}"
        raise PatchError(" / ".join(line for line in message.splitlines() if line.strip()))
    return done.stdout


def changed_files(diff_path):
    """The files a diff changes, by their names after the a/ and b/
    prefixes (`git apply --numstat`: reads the diff, applies nothing)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = git(["apply", "--numstat", "-z", str(Path(diff_path).resolve())], cwd=tmp)
    names = []
    for entry in out.decode("utf-8").split("\0"):
        if entry:
            names.append(entry.split("\t", 2)[2])
    return names


def originals(folder, names, diff_path):
    """{name: upstream text, or None where the diff created the file} of
    the files `names` of `folder`, rebuilt on a temporary copy by
    `git apply --reverse` of `diff_path` (None: no diff), file by file;
    and {name: git's message} for each file the diff does not take back."""
    texts, errors = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "files"
        work.mkdir()
        for name in names:
            shutil.copyfile(folder / name, work / name)
        if diff_path is not None:
            for name in changed_files(diff_path):
                if name not in names:
                    continue
                try:
                    # exact context (no fuzz); --include: only this file's part
                    git(["apply", "--reverse", "--whitespace=nowarn", f"--include={name}",
                         str(Path(diff_path).resolve())], cwd=work)
                except PatchError as error:
                    errors[name] = str(error)
        for name in names:
            if name not in errors:
                path = work / name
                texts[name] = path.read_bytes() if path.exists() else None
    return texts, errors


def unified(name, old, new):
    """The diff of one file from `old` to `new` (bytes; None: the file does
    not exist upstream), as `git diff --no-index` writes it, named a/NAME
    and b/NAME; "" when they are the same."""
    with tempfile.TemporaryDirectory() as tmp:
        for side, data in (("a", old), ("b", new)):
            if data is not None:
                (Path(tmp) / side).mkdir()
                (Path(tmp) / side / name).write_bytes(data)
        # named as given, a/NAME b/NAME; a new file from inside b/, so that
        # git writes its usual `diff --git a/NAME b/NAME` over `--- /dev/null`
        cwd, names = tmp, ["--no-prefix", "--", f"a/{name}", f"b/{name}"]
        if old is None:
            cwd, names = Path(tmp) / "b", ["--src-prefix=a/", "--dst-prefix=b/", "--", os.devnull, name]
        out = git(["diff", "--no-index", "--no-color", "--no-ext-diff", "--no-textconv", *names], cwd=cwd, ok=(0, 1))
    return out.decode("utf-8")


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
    diff = folder / DIFF if (folder / DIFF).exists() else None
    try:
        changed = changed_files(diff) if diff else []
    except PatchError as error:
        return problems + [f"{where}/{DIFF} is not a diff git can read: {error}"]
    files = record["files"]
    present = {p.name for p in folder.iterdir() if p.is_file()} - {RECORD, DIFF}
    for name in sorted(present - set(files)):
        problems.append(f"{where}/{name} is not listed in {RECORD}")
    for name in sorted(set(changed) - set(files)):
        problems.append(f"{where}/{DIFF} changes {name}, which {RECORD} does not list")
    listed = []
    for name, entry in files.items():
        if not (folder / name).is_file():
            problems.append(f"{where}/{name} is listed in {RECORD} but missing")
            continue
        listed.append(name)
        data = (folder / name).read_bytes()
        if digest(data) != (entry or {}).get("sha256"):
            problems.append(f"{where}/{name}: SHA-256 {digest(data)} is not the one {RECORD} records "
                            f"({(entry or {}).get('sha256')}): an edit not recorded in {DIFF} and {RECORD}? "
                            "(CONTRIBUTING.md, Vendored code)")
    texts, errors = originals(folder, listed, diff)
    for name in listed:
        entry = files[name] or {}
        if name in errors:
            problems.append(f"{where}/{name}: `git apply --reverse` of {DIFF} fails on it: {errors[name]}")
        elif entry.get("upstream"):
            original = texts[name]
            if original is None or digest(original) != entry.get("upstream_sha256"):
                found = "removes it" if original is None else f"gives a file whose SHA-256 {digest(original)}"
                problems.append(f"{where}/{name}: reverse-applying {DIFF} {found}, not upstream's "
                                f"({entry.get('upstream')}: {entry.get('upstream_sha256')})")
        elif texts[name] is not None:
            problems.append(f"{where}/{name}: the project's own file (no upstream), but {DIFF} does not "
                            "add it whole (reverse-applying leaves it in place)")
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
        new = (folder / name).read_bytes()
        old = (upstream_dir / entry["upstream"]).read_bytes() if entry.get("upstream") else None
        parts.append(unified(name, old, new))
        values = {"sha256": digest(new)}
        if old is not None:
            values["upstream_sha256"] = digest(old)
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
