"""The Python requirements are pinned and hashed (issue 23, supply chain).

requirements-build.in, requirements.in and requirements-dev.in are edited by
hand; the .txt files beside them are generated from them by `make
requirements` (uv pip compile --generate-hashes) and installed with pip
--require-hashes, setuptools first, then the rest with --no-build-isolation
(so the one package that comes as source is built with the hashed setuptools,
not with build tools pip would fetch unchecked). Here:
every requirement the .txt files hold is pinned with == and carries at least
one SHA-256; they hold nothing else (no index address, no editable or URL
requirement, no option but --hash); every package an .in file pins is in its
.txt at that version, and the .txt names exactly the .in packages as asked
for directly (so a package removed from an .in file, or added to the .txt by
hand, is caught); a package two .txt files hold has one version; the
Makefile installs in that order, with --require-hashes, and the editable
scripts/ in a step of its own.
"""
import re

import pytest

from helpers import ROOT

PAIRS = [("requirements-build.in", "requirements-build.txt"), ("requirements.in", "requirements.txt"),
         ("requirements-dev.in", "requirements-dev.txt")]
NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
PIN = re.compile(rf"^({NAME})==([A-Za-z0-9.+!_-]+)$")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")


def normal(name):
    """A package name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def logical_lines(text):
    """(line number, text) of each logical line: backslash continuations
    joined, comments (# at the start or after white space) removed."""
    out, buf, start = [], "", None
    for number, raw in enumerate(text.splitlines(), 1):
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if start is None:
            start = number
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        buf += line
        if buf.strip():
            out.append((start, buf.strip()))
        buf, start = "", None
    assert not buf.strip(), "the file ends with a line continued by a backslash"
    return out


def parse_txt(path):
    """{normalised name: (version, [hashes])} of a generated file; fails on
    any line that is not a pinned requirement with hashes."""
    pins, problems = {}, []
    for number, line in logical_lines(path.read_text(encoding="utf-8")):
        requirement, _, rest = line.partition(" --hash=")
        rest = ("--hash=" + rest).split() if rest else []
        requirement, _, marker = requirement.partition(";")
        requirement = requirement.strip()
        match = PIN.match(requirement)
        if not match:
            problems.append(f"{path.name}:{number}: not a package pinned with ==: {line[:80]}")
            continue
        if not rest:
            problems.append(f"{path.name}:{number}: {requirement} has no --hash")
        bad = [word for word in rest if not HASH.match(word)]
        if bad:
            problems.append(f"{path.name}:{number}: {requirement}: not a sha256 hash: {bad[0][:80]}")
        name = normal(match.group(1))
        if name in pins:
            problems.append(f"{path.name}:{number}: {requirement} is listed twice")
        pins[name] = (match.group(2), rest)
    return pins, problems


def parse_in(path):
    """({normalised name: version}, [other files it reads]) of a hand-edited
    file; fails on a requirement that is not pinned with ==."""
    pins, files, problems = {}, [], []
    for number, line in logical_lines(path.read_text(encoding="utf-8")):
        if line.startswith(("-c ", "-r ")):
            files.append(line)
            continue
        match = PIN.match(line)
        if not match:
            problems.append(f"{path.name}:{number}: pin every package with == (and nothing else): {line[:80]}")
            continue
        pins[normal(match.group(1))] = match.group(2)
    return pins, files, problems


def asked_for_directly(path, source):
    """Normalised names whose '# via' annotation in a generated file names
    `-r <source>`: the packages the .in file asks for."""
    direct, current = set(), None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(rf"^({NAME})==", line)
        if match:
            current = normal(match.group(1))
        elif not line.startswith((" ", "\t")):
            current = None  # a comment or blank line outside an entry
        elif current and line.strip().startswith("#"):
            words = line.strip().lstrip("#").strip()
            words = words[len("via"):].strip() if words.startswith("via") else words
            if words == f"-r {source}":
                direct.add(current)
    return direct


def test_in_files_pin_every_package():
    problems = []
    for source, _ in PAIRS:
        _, files, found = parse_in(ROOT / source)
        problems += found
    assert not problems, "\n".join(problems)
    _, files, _ = parse_in(ROOT / "requirements-dev.in")
    assert files == ["-c requirements.txt"], (
        "requirements-dev.in is constrained by requirements.txt (and reads no other file)")


@pytest.mark.parametrize("generated", [txt for _, txt in PAIRS])
def test_generated_file_pins_and_hashes_everything(generated):
    pins, problems = parse_txt(ROOT / generated)
    assert not problems, "\n".join(problems)
    assert pins, f"{generated}: no requirement read: is the parser broken?"
    text = (ROOT / generated).read_text(encoding="utf-8")
    assert "make requirements" in text.splitlines()[1], (
        f"{generated} was not written by `make requirements` (its header names the command)")


@pytest.mark.parametrize("source,generated", PAIRS)
def test_generated_file_agrees_with_its_input(source, generated):
    wanted, _, _ = parse_in(ROOT / source)
    pins, _ = parse_txt(ROOT / generated)
    stale = {name: (version, pins.get(name, ("missing",))[0]) for name, version in wanted.items()
             if pins.get(name, (None,))[0] != version}
    assert not stale, (
        f"{source} and {generated} disagree (package: in {source}, in {generated}): {stale}. "
        "Run `make requirements` (CONTRIBUTING.md: Python requirements)")
    direct = asked_for_directly(ROOT / generated, source)
    assert direct == set(wanted), (
        f"{generated} names as asked for by {source}: {sorted(direct ^ set(wanted))} differ from "
        f"{source}. Run `make requirements`")


def test_shared_packages_have_one_version():
    pins = {txt: parse_txt(ROOT / txt)[0] for _, txt in PAIRS}
    versions = {}
    for txt, found in pins.items():
        for name, (version, _) in found.items():
            versions.setdefault(name, {})[txt] = version
    differ = {name: seen for name, seen in versions.items() if len(set(seen.values())) > 1}
    assert not differ, f"pinned differently in two files: {differ}"


def test_makefile_installs_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if re.search(r"pip install\b", line)]
    reading = [line for line in installs if "-r requirements" in line]
    assert [re.findall(r"-r (\S+)", line) for line in reading] == [
        ["requirements-build.txt"], ["requirements.txt", "requirements-dev.txt"]], (
        "setuptools alone first, then the rest")
    for line in reading:
        assert "--require-hashes" in line, f"installs without --require-hashes: {line}"
        assert "-e " not in line, f"an editable install cannot be hash-checked; give it its own step: {line}"
    assert "--no-build-isolation" in reading[1], (
        "without it pip builds jieba (PyPI has no wheel) with setuptools and wheel it fetches unchecked")
    editable = [line for line in installs if "-e scripts" in line]
    assert editable and all("--no-deps" in line and "--no-build-isolation" in line for line in editable), (
        "scripts/ is installed in its own step with --no-deps --no-build-isolation "
        "(it then fetches nothing unhashed)")
    assert installs.index(editable[0]) > installs.index(reading[1])
    assert "--generate-hashes" in makefile, "make requirements writes the hashes"
    for source, generated in PAIRS:
        assert f"{source} -o {generated}" in makefile, f"make requirements does not write {generated}"
    prerequisites = re.search(r"^\$\(VENV\)/\.installed:(.*)$", makefile, re.M).group(1).split()
    assert {txt for _, txt in PAIRS} <= set(prerequisites), "a changed .txt file reinstalls"


def test_checks_catch_a_broken_file(tmp_path):
    """The parser is not lenient: each kind of bad line is reported."""
    bad = tmp_path / "requirements.txt"
    bad.write_text(
        "# generated\n#    make requirements\n"
        "alpha==1.0 \\\n    --hash=sha256:" + "a" * 64 + "\n"
        "beta==2.0\n"
        "gamma>=3 \\\n    --hash=sha256:" + "b" * 64 + "\n"
        "delta==4 \\\n    --hash=md5:abc\n"
        "--extra-index-url https://example.invalid/simple\n"
        "-e ./somewhere\n",
        encoding="utf-8")
    pins, problems = parse_txt(bad)
    text = "\n".join(problems)
    assert "beta==2.0 has no --hash" in text
    assert "gamma>=3" in text
    assert "delta==4: not a sha256 hash" in text
    assert "--extra-index-url" in text
    assert "-e ./somewhere" in text
    assert set(pins) == {"alpha", "beta", "delta"}
    loose = tmp_path / "requirements.in"
    loose.write_text("foo\nbar>=1\nbaz==1.2  # fine\n", encoding="utf-8")
    wanted, _, problems = parse_in(loose)
    assert wanted == {"baz": "1.2"} and len(problems) == 2
