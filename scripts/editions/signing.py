"""SSH signatures of a release (`make release`), made and checked with
`ssh-keygen -Y`, which ships with OpenSSH on Windows 10/11, macOS, Linux
and in Termux, so readers need nothing else to check them.

The project's public key is in `allowed_signers` at the top of the
repository, in the format `ssh-keygen -Y verify` reads: the signer identity
(`IDENTITY`), then the key. The private key is never in the repository (see
README: Releases). Signatures use the namespace "file", the one OpenSSH
documents for signing files.
"""
import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

from common import project_config

ALLOWED_SIGNERS = project_config.PROJECT / "allowed_signers"
IDENTITY = "phone-risk-check"
NAMESPACE = "file"


class SigningError(Exception):
    pass


def public_keys(allowed_signers=ALLOWED_SIGNERS):
    """[(identity, key type, base64 key)] from an allowed_signers file (no options)."""
    keys = []
    for line in Path(allowed_signers).read_text(encoding="ascii").splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        if len(fields) < 3:
            raise SigningError(f"{allowed_signers}: a line needs an identity, a key type and a key: {line!r}")
        keys.append((fields[0], fields[1], fields[2]))
    if not keys:
        raise SigningError(f"{allowed_signers} holds no key")
    return keys


def fingerprint(key_base64):
    """The key's SHA256 fingerprint as `ssh-keygen -l` prints it (SHA256:...)."""
    digest = hashlib.sha256(base64.b64decode(key_base64)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def project_fingerprint(allowed_signers=ALLOWED_SIGNERS):
    """The fingerprint of the project's key (the first key for IDENTITY)."""
    for identity, _, key in public_keys(allowed_signers):
        if identity == IDENTITY:
            return fingerprint(key)
    raise SigningError(f"{allowed_signers} has no key for {IDENTITY!r}")


def _ssh_keygen():
    path = shutil.which("ssh-keygen")
    if not path:
        raise SigningError("ssh-keygen is not installed (it comes with OpenSSH)")
    return path


def sign(path, private_key):
    """Sign `path` with the OpenSSH private key; return the .sig file next to it."""
    path, private_key = Path(path), Path(private_key)
    if not private_key.is_file():
        raise SigningError(f"no private key at {private_key}")
    sig = path.with_name(path.name + ".sig")
    if sig.exists():
        sig.unlink()
    result = subprocess.run([_ssh_keygen(), "-q", "-Y", "sign", "-f", str(private_key), "-n", NAMESPACE, str(path)],
                            capture_output=True, text=True)
    if result.returncode != 0 or not sig.is_file():
        raise SigningError(f"ssh-keygen could not sign {path.name}: {result.stderr.strip()}")
    return sig


def verify(path, sig, allowed_signers=ALLOWED_SIGNERS, identity=IDENTITY):
    """True if `sig` is a good signature of `path` by `identity` in `allowed_signers`."""
    with open(path, "rb") as data:
        result = subprocess.run([_ssh_keygen(), "-Y", "verify", "-f", str(allowed_signers), "-I", identity,
                                 "-n", NAMESPACE, "-s", str(sig)], stdin=data, capture_output=True)
    return result.returncode == 0
