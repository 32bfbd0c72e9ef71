"""`make mirror-check URL=<address>`: is this mirror a genuine, current copy?

1. fetches <address>/SHA256SUMS and <address>/SHA256SUMS.sig, and checks the
   signature with `ssh-keygen -Y verify` against the project's
   `allowed_signers` (from this repository, never from the mirror);
2. reads the release the manifest names and compares it with this
   repository's (mkdocs.yml: extra.bundle_version): an older release is
   reported, since a mirror can serve an old copy that is genuinely signed;
3. fetches every file the manifest lists (a progress bar on a terminal;
   at most --timeout seconds per file) and compares its SHA-256;
4. follows the links of every page it fetched to the mirror's own files:
   any that the manifest does not list and the mirror serves is "extra"
   (a page someone added).

With --save DIR (`make mirror-fetch`) every file that matches the signed
list is also written into DIR, with the list and its signature: a copy to
host as a new mirror, taken from the site or from any mirror that passes.

Exit status 0 only if the signature is good, the release is the newest, and
nothing is missing, changed or extra; every problem is named on its own
line. HTTP and HTTPS; an onion address through a SOCKS proxy (--socks
127.0.0.1:9050, as Tor Browser's or tor's is), which also resolves the name.
"""
import argparse
import hashlib
import posixpath
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import requests

from common import project_config
from editions import signing
from mirror import manifest

MAX_BYTES = 20 * 1000 * 1000  # no file of the site comes near this
_LINK_ATTRS = {"href", "src"}


class CheckError(Exception):
    """The mirror cannot be checked at all (no manifest, a bad signature)."""


class Fetcher:
    def __init__(self, timeout, socks=None):
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "mirror-check"
        self.session.trust_env = False  # only the proxy given here
        if socks:
            proxy = f"socks5h://{socks}"  # the proxy resolves names (onion addresses)
            self.session.proxies = {"http": proxy, "https": proxy}

    def get(self, url):
        """(status, bytes or None). A file that takes longer than the timeout in
        all, or is larger than MAX_BYTES, counts as not served (status None)."""
        deadline = time.monotonic() + self.timeout
        try:
            with self.session.get(url, stream=True, timeout=self.timeout, allow_redirects=False) as response:
                if response.status_code != 200:
                    return response.status_code, None
                chunks, size = [], 0
                for chunk in response.iter_content(1 << 16):
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > MAX_BYTES or time.monotonic() > deadline:
                        return None, None
                return 200, b"".join(chunks)
        except requests.RequestException:
            return None, None


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in _LINK_ATTRS and value:
                self.links.append(value)


def local_links(base, page_rel, html_text):
    """The site-relative paths of the files a page links to on the same mirror."""
    parser = _Links()
    try:
        parser.feed(html_text)
    except Exception:  # a broken page still had its files compared
        return set()
    page_url = urljoin(base, page_rel)
    found = set()
    for link in parser.links:
        url = urljoin(page_url, link.strip())
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not url.startswith(base):
            continue
        rel = unquote(parts.path[len(urlsplit(base).path):])
        rel = posixpath.normpath(rel) if rel else ""
        if rel in ("", "."):
            rel = "index.html"
        elif parts.path.endswith("/"):
            rel = rel + "/index.html"
        if not rel.startswith("../"):
            found.add(rel)
    return found


def verify_signature(manifest_bytes, signature_bytes, allowed_signers):
    with tempfile.TemporaryDirectory() as tmp:
        sig = Path(tmp) / manifest.SIGNATURE
        sig.write_bytes(signature_bytes)
        result = subprocess.run(
            ["ssh-keygen", "-Y", "verify", "-f", str(allowed_signers), "-I", signing.IDENTITY,
             "-n", signing.NAMESPACE, "-s", str(sig)],
            input=manifest_bytes, capture_output=True)
    return result.returncode == 0


def _version_key(version):
    return [int(p) if p.isdigit() else p for p in version.replace("-", ".").split(".")]


class Progress:
    def __init__(self, total, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.tty = stream.isatty()

    def step(self):
        self.done += 1
        if self.tty:
            filled = int(30 * self.done / max(self.total, 1))
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
        elif self.done % 100 == 0 or self.done == self.total:
            print(f"{self.done}/{self.total} files", file=self.stream)


def _write(folder, rel, data):
    path = Path(folder, *rel.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def check(url, allowed_signers, newest, timeout=30, socks=None, out=sys.stdout, progress=True, save=None):
    """Check the mirror at `url`; print a report; return the list of problems.
    With `save` (a folder), write every file that matches the list into it."""
    base = url if url.endswith("/") else url + "/"
    fetch = Fetcher(timeout, socks)
    status, listed = fetch.get(base + manifest.NAME)
    if listed is None:
        raise CheckError(f"{base}{manifest.NAME}: not served (HTTP status {status}); is this a mirror of the site?")
    status, sig = fetch.get(base + manifest.SIGNATURE)
    if sig is None:
        raise CheckError(f"{base}{manifest.SIGNATURE}: not served (HTTP status {status}); the copy cannot be checked")
    if not verify_signature(listed, sig, allowed_signers):
        raise CheckError(f"the signature of {base}{manifest.NAME} is not the project's key "
                         f"({signing.project_fingerprint(allowed_signers)}): do not trust this copy")
    try:
        version, date, files = manifest.parse(listed.decode("utf-8"))
    except (UnicodeDecodeError, manifest.ManifestError) as error:
        raise CheckError(f"{base}{manifest.NAME}: {error}") from None
    print(f"{base}: release {version} ({date}), signed with the project's key; {len(files)} files", file=out)
    if save:
        save = Path(save)
        _write(save, manifest.NAME, listed)
        _write(save, manifest.SIGNATURE, sig)

    problems = []
    if _version_key(version) < _version_key(newest):
        problems.append(f"old release: the mirror serves {version}, the newest is {newest}")
    bar = Progress(len(files)) if progress else None
    linked = set()
    for rel, digest in files.items():
        status, body = fetch.get(base + rel)
        if body is None:
            problems.append(f"missing: {rel} (HTTP status {status or 'none, or too slow'})")
        else:
            if hashlib.sha256(body).hexdigest() != digest:
                problems.append(f"changed: {rel}")
            elif save:
                _write(save, rel, body)
            if rel.endswith(".html"):  # a changed page's links too: that is where an added page is linked
                linked |= local_links(base, rel, body.decode("utf-8", "replace"))
        if bar:
            bar.step()
    for rel in sorted(r for r in linked - set(files) if manifest.listed(r)):
        status, body = fetch.get(base + rel)
        if body is not None:
            problems.append(f"extra: {rel} (served, linked from the site's pages, not in the signed list)")
    for line in problems:
        print(line, file=out)
    print("the mirror is a genuine copy of the newest release" if not problems
          else f"{len(problems)} problem(s): do not point readers at this mirror until they are fixed", file=out)
    if save and problems:
        print(f"{save}: incomplete or not the newest release; do not host it", file=out)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the mirror's address (the folder that holds index.html)")
    parser.add_argument("--socks", default="", help="host:port of a SOCKS proxy (for onion addresses)")
    parser.add_argument("--save", default="", help="also write every genuine file into this folder (a new mirror)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds allowed for each file (default 30)")
    parser.add_argument("--allowed-signers", default=str(signing.ALLOWED_SIGNERS),
                        help="the project's public key (default: this repository's allowed_signers)")
    parser.add_argument("--config", default=str(project_config.PROJECT / "mkdocs.yml"),
                        help="whose release is the newest (default: this repository's mkdocs.yml)")
    args = parser.parse_args(argv)
    if not args.url.startswith(("http://", "https://")):
        sys.exit("make mirror-check: URL must start with http:// or https://")
    if ".onion" in urlsplit(args.url).hostname and not args.socks:
        sys.exit("make mirror-check: an onion address needs a SOCKS proxy: SOCKS=127.0.0.1:9050 (tor)")
    newest = project_config.bundle_version(project_config.load(args.config))
    try:
        problems = check(args.url, args.allowed_signers, newest, args.timeout, args.socks or None,
                         save=args.save or None)
    except CheckError as error:
        sys.exit(f"make mirror-check: {error}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
