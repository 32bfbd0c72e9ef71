"""SSH signatures of a release, checked with `ssh-keygen -Y verify`, which
ships with OpenSSH on Windows 10/11, macOS, Linux and in Termux, so readers
need nothing else to check them. (Signing itself is sign.sh, a shell step of
`make release` that needs only ssh-keygen and dist/: the key never meets the
build's Python.)

The project's public key is in `allowed_signers` at the top of the
repository: exactly one plain line, `phone-risk-check ssh-ed25519 <key>`, no
options, no comments (key_line() refuses anything else). A second line for
another key would let `ssh-keygen -Y verify` accept that key's signatures
while `ssh-keygen -l` shows the genuine fingerprint (issue 23). The private
key is never in the repository (README: Releases).

The trainers' pages show that line and its fingerprint from this file: a
page writes the markers KEY_LINE_MARKER and FINGERPRINT_MARKER, which
fill_key_markers() replaces at build time, and a page that carries any
other key or fingerprint fails the build (check_no_other_key).

Signatures use the namespace NAMESPACE ("phone-risk-check"), which no other
program's signatures use; releases up to EARLIER_NAMESPACE_UNTIL were signed
with OpenSSH's generic "file" (EARLIER_NAMESPACE), which the trainers' pages
still explain.
"""
import base64
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

from common import project_config

ALLOWED_SIGNERS = project_config.PROJECT / "allowed_signers"
IDENTITY = "phone-risk-check"
NAMESPACE = "phone-risk-check"
EARLIER_NAMESPACE = "file"
EARLIER_NAMESPACE_UNTIL = "2026.11.24"
KEY_LINE_MARKER = "PROJECT-KEY-LINE"
FINGERPRINT_MARKER = "PROJECT-KEY-FINGERPRINT"
_KEY_LINE = re.compile(r"(?P<identity>[a-z0-9-]+) (?P<type>ssh-ed25519) (?P<key>AAAA[A-Za-z0-9+/]+={0,2})")
# Anything that reads as an SSH public key or a SHA256 fingerprint.
_ANY_KEY = re.compile(r"(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+@openssh\.com)\s+AAAA[A-Za-z0-9+/=]+"
                      r"|AAAA[A-Za-z0-9+/]{40,}={0,2}|SHA256:[A-Za-z0-9+/]{43}")


class SigningError(Exception):
    pass


def key_line(allowed_signers=ALLOWED_SIGNERS):
    """The one line of allowed_signers, `IDENTITY ssh-ed25519 <key>`; anything else is refused."""
    text = Path(allowed_signers).read_bytes().decode("ascii")
    lines = text.split("\n")
    if len(lines) != 2 or lines[1] != "" or not _KEY_LINE.fullmatch(lines[0]):
        raise SigningError(f"{allowed_signers} must be exactly one line, `{IDENTITY} ssh-ed25519 <key>` and a "
                           "line break: no options, no comments, no second key (a second key would be "
                           "trusted by ssh-keygen -Y verify while ssh-keygen -l shows only the first)")
    match = _KEY_LINE.fullmatch(lines[0])
    if match.group("identity") != IDENTITY:
        raise SigningError(f"{allowed_signers}: the signer must be {IDENTITY!r}")
    base64.b64decode(match.group("key"), validate=True)
    return lines[0]


def public_keys(allowed_signers=ALLOWED_SIGNERS):
    """[(identity, key type, base64 key)]: the one key of allowed_signers."""
    return [tuple(key_line(allowed_signers).split())]


def fingerprint(key_base64):
    """The key's SHA256 fingerprint as `ssh-keygen -l` prints it (SHA256:...)."""
    digest = hashlib.sha256(base64.b64decode(key_base64)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def project_fingerprint(allowed_signers=ALLOWED_SIGNERS):
    """The fingerprint of the project's key."""
    return fingerprint(public_keys(allowed_signers)[0][2])


def fill_key_markers(markdown, allowed_signers=ALLOWED_SIGNERS):
    """A page's Markdown with the key line and its fingerprint in place of their markers."""
    return (markdown.replace(KEY_LINE_MARKER, key_line(allowed_signers))
            .replace(FINGERPRINT_MARKER, project_fingerprint(allowed_signers)))


def other_keys(markdown):
    """Every SSH key or SHA256 fingerprint written into a page's Markdown by hand."""
    return [match.group(0) for match in _ANY_KEY.finditer(markdown)]


def _ssh_keygen():
    path = shutil.which("ssh-keygen")
    if not path:
        raise SigningError("ssh-keygen is not installed (it comes with OpenSSH)")
    return path


def verify(path, sig, allowed_signers=ALLOWED_SIGNERS, identity=IDENTITY, namespace=NAMESPACE):
    """True if `sig` is a good signature of `path` by `identity` in `allowed_signers`."""
    with open(path, "rb") as data:
        result = subprocess.run([_ssh_keygen(), "-Y", "verify", "-f", str(allowed_signers), "-I", identity,
                                 "-n", namespace, "-s", str(sig)], stdin=data, capture_output=True)
    return result.returncode == 0
