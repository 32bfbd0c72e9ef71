"""`make release`: SHA256SUMS (which lists RELEASE, the version and date) is
signed with `ssh-keygen -Y sign -n phone-risk-check` in a shell step of its
own (scripts/editions/sign.sh), and the checks printed on the trainers' page
catch any change. The page's commands write the trainer's own key file from
the key line the build fills in from `allowed_signers` (one plain line);
with a throwaway key in its place they pass, one changed byte makes them
fail, and the fake release of issue 23 (a release signed by another key,
with an allowed_signers holding the genuine line and the other key) fails
them as they stand on the built pages. A page with a hand-written key fails
the build; the key's path never reaches the build's Python."""
import re
import shutil
import subprocess
import textwrap
import zipfile
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from common import project_config
from common.md_source import split_front_matter
from helpers import ROOT
from editions import bundle, release, signing
from offline_editions import sign, throwaway_key
from pages import project_key

pytestmark = [pytest.mark.slow,  # editions of its own (conftest.py)
              pytest.mark.skipif(not (shutil.which("ssh-keygen") and shutil.which("sha256sum")),
                                 reason="needs ssh-keygen and sha256sum")]

CONFIG = project_config.load(ROOT / "mkdocs.yml")
LANGS = project_config.languages(CONFIG)
CODES = [code for code, _ in LANGS]
# Languages written by hand (a generated one, 繁體中文, has no Markdown of its own).
WRITTEN = [code for code in CODES if (ROOT / "docs" / code / "trainers.md").is_file()]


def section_code_blocks(lang, section_id):
    """The fenced code blocks of one section (`## ... {#id}` or `### ...`) of a trainers' page's Markdown."""
    _, body = split_front_matter((ROOT / "docs" / lang / "trainers.md").read_text(encoding="utf-8"))[:2]
    match = re.search(r"^(#+) .*\{#" + re.escape(section_id) + r"\}\s*$", body, re.M)
    assert match, f"docs/{lang}/trainers.md has no section #{section_id}"
    level = len(match.group(1))
    rest = body[match.end():]
    end = re.search(r"^#{1,%d} " % level, rest, re.M)
    section = rest[:end.start()] if end else rest
    return [textwrap.dedent(code) for code in re.findall(r"^ *```[a-z]*\n(.*?)^ *```", section, re.M | re.S)]


def linux_commands(lang="en", allowed_signers=signing.ALLOWED_SIGNERS):
    """The Linux block of the page, its markers filled as the build fills them."""
    blocks = [b for b in section_code_blocks(lang, "verify-linux") if "ssh-keygen" in b or "sha256sum" in b]
    assert len(blocks) == 1, "the Linux section should print its commands in one block"
    return signing.fill_key_markers(blocks[0], allowed_signers)


def built_linux_commands(site, prefix):
    """The Linux commands exactly as the built trainers' page shows them."""
    soup = BeautifulSoup((site / prefix / "trainers.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id="verify-linux")
    block = heading.find_next("pre")
    return block.get_text()


def run_commands(commands, folder, home):
    """Run the page's commands as a reader would, stopping at the first that fails."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    return subprocess.run(["bash", "-e", "-c", commands], cwd=folder, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def dist(released):
    return released[1]


def test_release_adds_the_signature_and_no_key_file_to_dist(dist):
    names = {path.name for path in dist.iterdir()}
    assert {"SHA256SUMS", "SHA256SUMS.sig", "RELEASE"} <= names
    assert "allowed_signers" not in names, "a key file in the download invites trainers to use it"
    assert (dist / "SHA256SUMS.sig").read_text(encoding="ascii").startswith("-----BEGIN SSH SIGNATURE-----")


def test_the_signed_list_covers_the_version_and_date(dist):
    text = (dist / "RELEASE").read_text(encoding="utf-8")
    assert project_config.bundle_version(CONFIG) in text and str(project_config.release_date(CONFIG)) in text
    assert re.search(r"^[0-9a-f]{64}  RELEASE$", (dist / "SHA256SUMS").read_text(encoding="ascii"), re.M)


def test_signature_verifies_with_its_key_and_namespace_only(released):
    _, dist, signers = released
    assert signing.verify(dist / "SHA256SUMS", dist / "SHA256SUMS.sig", signers)
    assert not signing.verify(dist / "SHA256SUMS", dist / "SHA256SUMS.sig", signers, namespace="file")
    assert not signing.verify(dist / "SHA256SUMS", dist / "SHA256SUMS.sig", signing.ALLOWED_SIGNERS), \
        "a throwaway key must not pass as the project's key"


def test_every_language_prints_the_same_linux_commands(site):
    for lang in WRITTEN:
        assert linux_commands(lang) == linux_commands("en"), lang
    for _, prefix in LANGS:  # the generated language too, as built
        assert built_linux_commands(site, prefix) == linux_commands("en"), prefix


def test_the_linux_commands_of_the_trainers_page_pass(released, tmp_path):
    _, dist, signers = released
    result = run_commands(linux_commands("en", signers), dist, tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert (f'Good "phone-risk-check" signature for phone-risk-check with ED25519 key '
            f"{signing.project_fingerprint(signers)}") in out
    assert result.stdout.count(": OK") == len(bundle.names("v", CODES)["single"]) * 2 + 2  # + zip + RELEASE
    assert project_config.bundle_version(CONFIG) in result.stdout, "cat RELEASE shows the version"
    assert (tmp_path / "phone-risk-check.signers").read_text() == signing.key_line(signers) + "\n"


def test_one_changed_byte_in_any_file_of_dist_makes_them_fail(released, tmp_path):
    _, dist, signers = released
    commands = linux_commands("en", signers)
    for path in sorted(dist.iterdir()):
        copy = tmp_path / path.name
        shutil.copytree(dist, copy)
        data = bytearray((copy / path.name).read_bytes())
        data[len(data) // 2] ^= 0x01
        (copy / path.name).write_bytes(bytes(data))
        result = run_commands(commands, copy, tmp_path)
        assert result.returncode != 0, f"one changed byte in {path.name} went unnoticed:\n{result.stdout}"


def fake_release(dist, folder):
    """Issue 23's fake: the files signed by another key, and an allowed_signers with the genuine
    line plus a line for that key (the namespace option keeps `ssh-keygen -l` quiet about it)."""
    fake = folder / "fake"
    shutil.copytree(dist, fake)
    key, other = throwaway_key(folder)
    other_key = other.read_text(encoding="ascii").split()[1:]
    signers = fake / "allowed_signers"
    signers.write_text(signing.key_line() + "\n" + f'phone-risk-check namespaces="phone-risk-check,file" '
                       f"{other_key[0]} {other_key[1]}\n", encoding="ascii")
    (fake / "SHA256SUMS.sig").unlink()
    subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", str(key), "-n", signing.NAMESPACE,
                    str(fake / "SHA256SUMS")], check=True)
    return fake, signers


def test_the_fake_release_of_issue_23_fails_the_instructions_as_written(site, dist, tmp_path):
    fake, signers = fake_release(dist, tmp_path)
    # The attack is real: with the key file that came with the download, the fake passes.
    assert signing.verify(fake / "SHA256SUMS", fake / "SHA256SUMS.sig", signers)
    listed = subprocess.run(["ssh-keygen", "-l", "-f", str(signers)], capture_output=True, text=True).stdout
    assert signing.project_fingerprint() in listed
    # The commands as the built trainers' pages print them (both languages) refuse it.
    for _, prefix in LANGS:
        commands = built_linux_commands(site, prefix)
        assert signing.key_line() in commands and "allowed_signers" not in commands, prefix
        result = run_commands(commands, fake, tmp_path)
        assert result.returncode != 0, f"{prefix}trainers.html passes a fake release:\n{result.stdout}"
        assert "Good" not in result.stdout + result.stderr


def test_a_key_other_than_the_projects_is_refused_by_the_signing_step(dist, tmp_path):
    copy = tmp_path / "dist"
    shutil.copytree(dist, copy)
    (copy / "SHA256SUMS.sig").unlink()
    key, _ = throwaway_key(tmp_path)
    result = sign(key, signing.ALLOWED_SIGNERS, copy / "SHA256SUMS")  # against the repository's allowed_signers
    assert result.returncode == 1 and "does not verify" in result.stderr
    assert not (copy / "SHA256SUMS.sig").exists()
    with pytest.raises(signing.SigningError, match="is missing"):
        release.release(tmp_path, copy, ROOT / "mkdocs.yml")


def test_the_publishing_step_refuses_a_signature_by_another_key(released, tmp_path):
    copy, dist, _ = released
    with pytest.raises(signing.SigningError, match="does not verify"):
        release.release(copy, dist, ROOT / "mkdocs.yml")  # the repository's key did not sign it


def test_release_without_a_key_stops_with_a_clear_message(tmp_path):
    result = sign("", signing.ALLOWED_SIGNERS, tmp_path / "SHA256SUMS")
    assert result.returncode == 2 and "SIGNING_KEY=<path to the OpenSSH private key>" in result.stderr
    if shutil.which("make"):
        result = subprocess.run(["make", "--no-print-directory", "release", "SIGNING_KEY="], cwd=ROOT,
                                capture_output=True, text=True)
        assert result.returncode != 0
        assert "SIGNING_KEY=<path to the OpenSSH private key>" in result.stderr
        assert "Only the maintainers hold it" in result.stderr


FAKE_TOOL = """#!/bin/sh
{ echo "--- $0 $*"; env; } >> "%s"
exit 0
"""


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_release_keeps_the_key_from_the_builds_python(tmp_path):
    """With a stand-in venv whose python and build tool only record what they get,
    `make release SIGNING_KEY=<path>`: neither sees the path, in arguments or environment."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "log"
    for tool in ("python", "mkdocs", "properdocs"):
        (venv / "bin" / tool).write_text(FAKE_TOOL % log)
        (venv / "bin" / tool).chmod(0o755)
    (venv / ".installed").touch()
    secret = tmp_path / "the-secret-key-path"
    secret.write_text("not a key")
    result = subprocess.run(["make", "--no-print-directory", "release", f"SIGNING_KEY={secret}", f"VENV={venv}"],
                            cwd=ROOT, capture_output=True, text=True)
    recorded = log.read_text()
    assert "build --strict" in recorded and "editions.bundle" in recorded, recorded[:2000]
    assert "editions.release" not in recorded, "the publishing step ran although signing failed"
    assert result.returncode != 0  # ssh-keygen cannot sign with "not a key"
    assert "the-secret-key-path" not in recorded


def test_sign_sh_and_signing_py_use_the_same_namespace_and_signer():
    script = (ROOT / "scripts/editions/sign.sh").read_text(encoding="utf-8")
    assert f"NAMESPACE={signing.NAMESPACE}\n" in script and f"IDENTITY={signing.IDENTITY}\n" in script
    assert signing.NAMESPACE != "file"


def test_make_bundle_leaves_no_signature_of_older_files(dist, tmp_path):
    again = tmp_path / "dist"
    shutil.copytree(dist, again)
    bundle.make_bundle(dist.parent / "site", again)
    assert not (again / "SHA256SUMS.sig").exists() and not (again / "allowed_signers").exists()


def test_allowed_signers_is_exactly_one_plain_line():
    text = signing.ALLOWED_SIGNERS.read_text(encoding="ascii")
    assert re.fullmatch(r"phone-risk-check ssh-ed25519 AAAA[A-Za-z0-9+/]+={0,2}\n", text), repr(text)
    assert signing.public_keys() == [tuple(text.split())]
    result = subprocess.run(["ssh-keygen", "-l", "-f", str(signing.ALLOWED_SIGNERS)], capture_output=True, text=True)
    assert signing.project_fingerprint() in result.stdout


@pytest.mark.parametrize("text", [
    "{line}\nphone-risk-check ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOther\n",  # a second key
    'phone-risk-check namespaces="file" {rest}\n',  # options
    "# the project's key\n{line}\n",  # a comment
    "{line}",  # no line break
    "{line}\r\n",
    "other-name {rest}\n",
])
def test_any_other_allowed_signers_is_refused(text, tmp_path):
    line = signing.key_line()
    path = tmp_path / "allowed_signers"
    path.write_text(text.format(line=line, rest=line.split(" ", 1)[1]), encoding="ascii", newline="")
    with pytest.raises(signing.SigningError):
        signing.key_line(path)


def test_no_private_key_is_in_the_repository():
    if (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True).stdout
        for name in filter(None, listed.split("\0")):
            path = ROOT / name
            if path.is_file() and path.stat().st_size < 2_000_000:
                assert not re.search(rb"-----BEGIN [A-Z ]*PRIVATE KEY-----", path.read_bytes()), \
                    f"{name} holds a private key"


def test_the_trainers_pages_show_the_key_line_and_fingerprint_from_allowed_signers(site, dist):
    fingerprint, line = signing.project_fingerprint(), signing.key_line()
    assert fingerprint in (ROOT / "README.md").read_text(encoding="utf-8")
    for code in WRITTEN:
        markdown = (ROOT / "docs" / code / "trainers.md").read_text(encoding="utf-8")
        assert signing.KEY_LINE_MARKER in markdown and signing.FINGERPRINT_MARKER in markdown, code
        assert signing.other_keys(markdown) == [], f"{code}: a key written by hand"
    for code, prefix in LANGS:
        soup = BeautifulSoup((site / prefix / "trainers.html").read_text(encoding="utf-8"), "html.parser")
        blocks = [pre.get_text().strip() for pre in soup.select("pre")]
        assert line in blocks and fingerprint in blocks, code
        found = set(signing.other_keys(soup.get_text()))
        assert found <= {fingerprint, line.split(" ", 1)[1]}, found
    names = bundle.names(project_config.bundle_version(CONFIG), CODES)
    with zipfile.ZipFile(dist / names["zip"]) as archive:
        assert fingerprint in archive.read(names["folder"] + "/README.txt").decode("utf-8")


def page(src_uri, path):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, abs_src_path=str(path)))


@pytest.mark.parametrize("change", [
    lambda md: md.replace("PROJECT-KEY-FINGERPRINT", "SHA256:" + "A" * 43, 1),
    lambda md: md.replace("PROJECT-KEY-LINE", "phone-risk-check ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + "B" * 43, 1),
    lambda md: md + "\n<!-- SHA256:pLZ/akmDoxoqY1bHg3nXEhXChsKSCDdkHpvCy1QLO3s -->\n",  # even the genuine one
    lambda md: md.replace("PROJECT-KEY-FINGERPRINT", "", 1),
])
def test_a_trainers_page_with_any_other_key_or_fingerprint_fails_the_build(change, tmp_path):
    path = tmp_path / "trainers.md"
    markdown = change((ROOT / "docs/zh/trainers.md").read_text(encoding="utf-8"))
    path.write_text(markdown, encoding="utf-8")
    with pytest.raises(PluginError, match="zh/trainers.md"):
        project_key.fill(markdown, page("zh/trainers.md", path))


def test_a_key_on_any_other_page_fails_the_build_naming_the_line(tmp_path):
    path = tmp_path / "about.md"
    markdown = "# About\n\nOur key:\n\n    SHA256:" + "C" * 43 + "\n"
    path.write_text(markdown, encoding="utf-8")
    with pytest.raises(PluginError, match=r"docs/en/about.md:5:"):
        project_key.fill(markdown, page("en/about.md", path))
