"""`make release`: SHA256SUMS is signed with `ssh-keygen -Y sign`, and the
checks printed on the trainers' page catch any change. With a throwaway key,
the signature verifies against an allowed_signers file built from it; one
changed byte in any file in dist/ makes the Linux commands of the trainers'
page fail (the very commands the page prints, read from it); the project's
key fingerprint is printed wherever a reader looks for it; and without a key
`make release` stops, saying what it needs."""
import re
import shutil
import subprocess
import zipfile

import pytest

from common import project_config
from common.md_source import split_front_matter
from helpers import ROOT
from editions import bundle, release, signing
from offline_editions import make_release, throwaway_key

pytestmark = [pytest.mark.slow,  # editions of its own (conftest.py)
              pytest.mark.skipif(not (shutil.which("ssh-keygen") and shutil.which("sha256sum")),
                                 reason="needs ssh-keygen and sha256sum")]

CONFIG = project_config.load(ROOT / "mkdocs.yml")
LANGS = [code for code, _ in project_config.languages(CONFIG)]


def section_code_blocks(lang, section_id):
    """The fenced code blocks of one section (`## ... {#id}` or `### ...`) of a trainers' page."""
    _, body = split_front_matter((ROOT / "docs" / lang / "trainers.md").read_text(encoding="utf-8"))[:2]
    match = re.search(r"^(#+) .*\{#" + re.escape(section_id) + r"\}\s*$", body, re.M)
    assert match, f"docs/{lang}/trainers.md has no section #{section_id}"
    level = len(match.group(1))
    rest = body[match.end():]
    end = re.search(r"^#{1,%d} " % level, rest, re.M)
    section = rest[:end.start()] if end else rest
    return [textwrap_dedent(code) for code in re.findall(r"^ *```[a-z]*\n(.*?)^ *```", section, re.M | re.S)]


def textwrap_dedent(text):
    import textwrap
    return textwrap.dedent(text)


def linux_commands(lang="en"):
    blocks = [b for b in section_code_blocks(lang, "verify-linux") if "ssh-keygen" in b or "sha256sum" in b]
    assert len(blocks) == 1, "the Linux section should print its commands in one block"
    return blocks[0]


def run_commands(commands, folder):
    """Run the page's commands as a reader would, stopping at the first that fails."""
    return subprocess.run(["bash", "-e", "-c", commands], cwd=folder, capture_output=True, text=True)


@pytest.fixture(scope="module")
def released(site, tmp_path_factory):
    return make_release(site, tmp_path_factory)


@pytest.fixture(scope="module")
def dist(released):
    return released[1]


def test_release_adds_the_signature_and_the_key_to_dist(dist):
    names = {path.name for path in dist.iterdir()}
    assert {"SHA256SUMS", "SHA256SUMS.sig", "allowed_signers"} <= names
    assert (dist / "SHA256SUMS.sig").read_text(encoding="ascii").startswith("-----BEGIN SSH SIGNATURE-----")


def test_signature_verifies_against_allowed_signers_built_from_the_key(released):
    _, dist, signers = released
    assert (dist / "allowed_signers").read_bytes() == signers.read_bytes()
    assert signing.verify(dist / "SHA256SUMS", dist / "SHA256SUMS.sig", signers)
    assert not signing.verify(dist / "SHA256SUMS", dist / "SHA256SUMS.sig", signing.ALLOWED_SIGNERS), \
        "a throwaway key must not pass as the project's key"


def test_every_language_prints_the_same_linux_commands():
    for lang in LANGS:
        assert linux_commands(lang) == linux_commands("en"), lang


def test_the_linux_commands_of_the_trainers_page_pass(dist):
    result = run_commands(linux_commands(), dist)
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'Good "file" signature for phone-risk-check' in result.stdout + result.stderr
    assert result.stdout.count(": OK") == len(bundle.names("v", LANGS)["single"]) * 2 + 1


def test_one_changed_byte_in_any_file_of_dist_makes_them_fail(dist, tmp_path):
    commands = linux_commands()
    for path in sorted(dist.iterdir()):
        copy = tmp_path / path.name
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(dist, copy)
        data = bytearray((copy / path.name).read_bytes())
        data[len(data) // 2] ^= 0x01
        (copy / path.name).write_bytes(bytes(data))
        result = run_commands(commands, copy)
        assert result.returncode != 0, f"one changed byte in {path.name} went unnoticed:\n{result.stdout}"


def test_a_key_other_than_the_projects_is_refused(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    dist = tmp_path / "dist"
    bundle.make_bundle(copy, dist)
    key, _ = throwaway_key(tmp_path)
    with pytest.raises(signing.SigningError, match="does not verify"):
        release.release(copy, dist, key, ROOT / "mkdocs.yml")  # against the repository's allowed_signers
    assert not (dist / "SHA256SUMS.sig").exists()


def test_release_without_a_key_stops_with_a_clear_message(tmp_path):
    with pytest.raises(signing.SigningError, match="SIGNING_KEY="):
        release.release(tmp_path, tmp_path, "", ROOT / "mkdocs.yml")
    if shutil.which("make"):
        result = subprocess.run(["make", "--no-print-directory", "release", "SIGNING_KEY="], cwd=ROOT,
                                capture_output=True, text=True)
        assert result.returncode != 0
        assert "SIGNING_KEY=<path to the OpenSSH private key>" in result.stderr
        assert "Only the maintainers hold it" in result.stderr


def test_make_bundle_leaves_no_signature_of_older_files(dist, tmp_path):
    again = tmp_path / "dist"
    shutil.copytree(dist, again)
    site_copy = dist.parent / "site"
    bundle.make_bundle(site_copy, again)
    assert not (again / "SHA256SUMS.sig").exists() and not (again / "allowed_signers").exists()


def test_the_project_key_is_one_public_key_and_no_private_key_is_in_the_repository():
    keys = signing.public_keys()
    assert [(identity, kind) for identity, kind, _ in keys] == [(signing.IDENTITY, "ssh-ed25519")]
    result = subprocess.run(["ssh-keygen", "-l", "-f", str(signing.ALLOWED_SIGNERS)], capture_output=True, text=True)
    assert signing.project_fingerprint() in result.stdout
    if (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True).stdout
        for name in filter(None, listed.split("\0")):
            path = ROOT / name
            if path.is_file() and path.stat().st_size < 2_000_000:
                assert not re.search(rb"-----BEGIN [A-Z ]*PRIVATE KEY-----", path.read_bytes()), \
                    f"{name} holds a private key"


def test_the_fingerprint_is_printed_in_readme_the_trainers_pages_and_the_zip(dist):
    fingerprint = signing.project_fingerprint()
    line = signing.ALLOWED_SIGNERS.read_text(encoding="ascii").strip()
    assert fingerprint in (ROOT / "README.md").read_text(encoding="utf-8")
    for lang in LANGS:
        page = (ROOT / "docs" / lang / "trainers.md").read_text(encoding="utf-8")
        assert fingerprint in page, lang
        assert line in section_code_blocks(lang, "verify")[1], f"{lang}: the allowed_signers line"
    names = bundle.names(project_config.bundle_version(CONFIG), LANGS)
    with zipfile.ZipFile(dist / names["zip"]) as archive:
        assert fingerprint in archive.read(names["folder"] + "/README.txt").decode("utf-8")
