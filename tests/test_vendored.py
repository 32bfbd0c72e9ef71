"""The vendored iframe-worker shim records where it comes from (issue 23,
supply chain): docs/assets/vendor/iframe-worker/PROVENANCE.yml names the npm
package, version and tarball, and the SHA-256 of each upstream file and of
each vendored file; local.diff is the project's whole change. All checked
here with no network (scripts/dev/vendored.py): the upstream file is
rebuilt by reverse-applying local.diff to a copy of the vendored one with
`git apply --reverse`, and must have the recorded SHA-256, so any edit that
is not recorded fails.
"""
import hashlib
import random
import shutil

import pytest
import yaml

from dev import vendored
from helpers import ROOT

SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker"
# iframe-worker 1.0.4's shim/index.js, as the npm registry serves it in
# https://registry.npmjs.org/iframe-worker/-/iframe-worker-1.0.4.tgz; kept
# here too, so that rewriting PROVENANCE.yml alone cannot move the baseline.
UPSTREAM_SHIM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"


def test_the_shim_is_as_recorded():
    assert SHIM in vendored.folders()
    assert vendored.check(SHIM) == []


def test_the_record_names_the_upstream_release():
    record = yaml.safe_load((SHIM / "PROVENANCE.yml").read_text(encoding="utf-8"))
    assert record["name"] == "iframe-worker"
    assert record["tarball"] == (f"https://registry.npmjs.org/iframe-worker/-/iframe-worker-"
                                 f"{record['version']}.tgz")
    assert record["integrity"].startswith("sha512-") and record["licence"].startswith("MIT")
    assert record["files"]["shim.js"]["upstream"] == "package/shim/index.js"
    assert record["files"]["shim.js"]["upstream_sha256"] == UPSTREAM_SHIM_SHA256
    # the folder's own files, each listed (scope.js is the project's own)
    listed = set(record["files"])
    assert listed == {p.name for p in SHIM.iterdir()} - {"PROVENANCE.yml", "local.diff"}
    assert record["files"]["scope.js"]["upstream"] is None


def test_rebuilt_original_is_upstreams():
    """Spelled out, not through check(): the reverse-applied shim hashes to
    the upstream SHA-256, scope.js is removed (upstream has none), the
    licence is left as it is; the vendored folder itself is not touched."""
    before = {p.name: p.read_bytes() for p in SHIM.iterdir()}
    texts, errors = vendored.originals(SHIM, ["shim.js", "scope.js", "LICENSE.txt"], SHIM / "local.diff")
    assert errors == {}
    assert hashlib.sha256(texts["shim.js"]).hexdigest() == UPSTREAM_SHIM_SHA256
    assert texts["shim.js"] != before["shim.js"] and b'data-worker="${e}"' not in texts["shim.js"]
    assert texts["scope.js"] is None and texts["LICENSE.txt"] == before["LICENSE.txt"]
    assert {p.name: p.read_bytes() for p in SHIM.iterdir()} == before


@pytest.fixture
def copy(tmp_path):
    folder = tmp_path / "iframe-worker"
    shutil.copytree(SHIM, folder)
    assert vendored.check(folder) == []
    return folder


def rehash(folder, name):
    """Record a file's new SHA-256 in PROVENANCE.yml, as a careless update would."""
    record = folder / "PROVENANCE.yml"
    text = record.read_text(encoding="utf-8")
    old = yaml.safe_load(text)["files"][name]["sha256"]
    new = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    record.write_text(text.replace(f"sha256: {old}", f"sha256: {new}", 1), encoding="utf-8")


def test_an_unrecorded_edit_fails(copy):
    shim = copy / "shim.js"
    shim.write_text(shim.read_text(encoding="utf-8").replace('"*"', '"https://example.invalid"'), encoding="utf-8")
    problems = vendored.check(copy)
    assert any("shim.js: SHA-256" in p and "not the one PROVENANCE.yml records" in p for p in problems), problems


def test_an_edit_with_only_its_hash_recorded_fails(copy):
    """A new sha256 without the change in local.diff: the diff no longer
    takes the file back to upstream's."""
    shim = copy / "shim.js"
    shim.write_text(shim.read_text(encoding="utf-8").replace("this.iframe.remove()", "void 0"), encoding="utf-8")
    rehash(copy, "shim.js")
    problems = vendored.check(copy)
    assert problems and all("SHA-256" not in p or "upstream" in p or "apply" in p for p in problems), problems
    assert any("shim.js" in p for p in problems)


def test_an_edit_to_scope_js_fails_even_when_rehashed(copy):
    scope = copy / "scope.js"
    scope.write_text(scope.read_text(encoding="utf-8") + "fetch('https://example.invalid/');\n", encoding="utf-8")
    assert any("scope.js" in p for p in vendored.check(copy))
    rehash(copy, "scope.js")
    assert any("scope.js" in p for p in vendored.check(copy))


def test_an_unlisted_file_and_a_missing_diff_fail(copy):
    (copy / "extra.js").write_text("1;\n", encoding="utf-8")
    assert any("extra.js is not listed" in p for p in vendored.check(copy))
    (copy / "extra.js").unlink()
    (copy / "local.diff").unlink()
    problems = vendored.check(copy)
    assert any("shim.js: reverse-applying" in p for p in problems), problems
    assert any("scope.js: the project's own file" in p for p in problems), problems


def test_a_wrong_diff_fails(copy):
    """local.diff edited by hand (a changed line, a cut hunk, one that no
    longer parses): check names the file it fails on, or the diff."""
    diff = copy / "local.diff"
    good = diff.read_text(encoding="utf-8")
    diff.write_text(good.replace("+  self.remove();", "+  self.hidden = true;"), encoding="utf-8")
    problems = vendored.check(copy)
    assert any(p.startswith(f"{copy}/scope.js: `git apply --reverse`") for p in problems), problems
    diff.write_text(good.replace('var p=new URL("scope.js",document.currentScript.src).href;', ""), encoding="utf-8")
    problems = vendored.check(copy)
    assert any(p.startswith(f"{copy}/shim.js: `git apply --reverse`") for p in problems), problems
    diff.write_text(good.replace("\n+(() => {\n", "\n(() => {\n"), encoding="utf-8")
    problems = vendored.check(copy)
    assert any("local.diff is not a diff git can read" in p for p in problems), problems


def test_update_records_an_edit(copy, tmp_path):
    """`update` from the upstream files writes a diff and hashes that check."""
    upstream = tmp_path / "unpacked"
    (upstream / "package" / "shim").mkdir(parents=True)
    texts, _ = vendored.originals(copy, ["shim.js"], copy / "local.diff")
    (upstream / "package" / "shim" / "index.js").write_bytes(texts["shim.js"])
    shutil.copy(copy / "LICENSE.txt", upstream / "package" / "LICENSE")
    shim = copy / "shim.js"
    shim.write_text(shim.read_text(encoding="utf-8") + "// a recorded local note\n", encoding="utf-8")
    assert vendored.check(copy)
    assert vendored.update(copy, upstream) == []
    assert "+// a recorded local note" in (copy / "local.diff").read_text(encoding="utf-8")


def random_text(rng, lines):
    words = ["alpha", "beta", "gamma", "delta", "", "  indented", "tab\there", "中文", "-- dash", "++ plus", "@@ at"]
    return "\n".join(rng.choice(words) + str(rng.randrange(5)) for _ in range(lines))


@pytest.mark.parametrize("seed", range(12))
def test_what_update_writes_check_takes_back(seed, tmp_path):
    """unified() and originals() (git diff, git apply --reverse) on random
    texts: several hunks, files with and without a final newline, empty
    files, lines that read like a diff's own ("--- x", "++ y", "@@ z")."""
    rng = random.Random(seed)
    old = random_text(rng, rng.randrange(0, 40)) + rng.choice(["", "\n"])
    lines = old.split("\n")
    for _ in range(rng.randrange(1, 6)):
        at = rng.randrange(0, len(lines) + 1)
        action = rng.choice(["insert", "delete", "change"])
        if action == "insert":
            lines[at:at] = [f"++ new {rng.randrange(100)}" for _ in range(rng.randrange(1, 4))]
        elif lines:
            at = min(at, len(lines) - 1)
            lines[at:at + rng.randrange(1, 3)] = [] if action == "delete" else [f"-- changed {rng.randrange(100)}"]
    new = "\n".join(lines) + rng.choice(["", "\n"])
    diff = vendored.unified("f.txt", old.encode(), new.encode())
    assert (diff == "") == (old == new)
    (tmp_path / "f.txt").write_text(new, encoding="utf-8")
    (tmp_path / "local.diff").write_text(diff, encoding="utf-8")
    texts, errors = vendored.originals(tmp_path, ["f.txt"], (tmp_path / "local.diff") if diff else None)
    assert errors == {} and texts["f.txt"] == old.encode()


def test_git_settings_do_not_reach_the_check(copy, tmp_path, monkeypatch):
    """A contributor's git configuration (here: whitespace fixing, no
    prefixes, colour) and a repository around the copy change nothing."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[apply]\n\twhitespace = fix\n[diff]\n\tnoprefix = true\n"
                                     "[color]\n\tui = always\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "nowhere"))
    assert vendored.check(copy) == []
    assert vendored.unified("f", b"a \n", b"b \n").startswith("diff --git a/f b/f\n")


def test_not_published():
    """PROVENANCE.yml and local.diff stay out of the site (mkdocs.yml
    exclude_docs, read the way ProperDocs reads it); the shim and its licence
    are published."""
    import pathspec

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(config["exclude_docs"].splitlines())
    files = {p.name: f"assets/vendor/iframe-worker/{p.name}" for p in SHIM.iterdir()}
    assert spec.match_file(files["PROVENANCE.yml"]) and spec.match_file(files["local.diff"])
    assert not any(spec.match_file(files[name]) for name in ("shim.js", "scope.js", "LICENSE.txt"))
