"""Mirrors anyone can check (scripts/mirror/): a release signs the list of
every file of the site (site/SHA256SUMS), and `make mirror-check` catches a
tampered copy served over HTTP: one changed byte, a missing file, an added
page, an older signed release, a list signed by another key; it passes the
faithful copy, and `make mirror-fetch` saves a copy that passes in turn. The
list of mirrors (docs/mirrors.yml) is checked, escaped, on the site and in the
editions; an onion build keeps no clearnet address of the site."""
import io
import shutil
import socket
import subprocess
import sys
import threading

import pytest

from common import project_config
from helpers import ROOT
from dev import local_site
from editions import signing
from mirror import check, listing, manifest, onion
from offline_editions import ssh_sign, throwaway_key

pytestmark = pytest.mark.skipif(not shutil.which("ssh-keygen"), reason="needs ssh-keygen")

NEWEST = project_config.bundle_version(project_config.load(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def released(released):
    """(the released site, its allowed_signers, the throwaway key), from the session's
    release (conftest.py: released)."""
    copy, dist, signers = released
    return copy, signers, signers.parent / "release-key"


def mirror_of(released, tmp_path):
    copy = tmp_path / "mirror"
    shutil.copytree(released[0], copy)
    return copy


def run_check(folder, signers, **kwargs):
    out = io.StringIO()
    with local_site.serve(folder) as url:
        problems = check.check(url + "", signers, NEWEST, timeout=20, out=out, progress=False, **kwargs)
    return problems, out.getvalue()


def test_the_release_lists_every_file_with_its_version_and_date(released):
    copy, signers, _ = released
    version, date, files = manifest.parse((copy / manifest.NAME).read_text(encoding="utf-8"))
    assert version == NEWEST and len(date) == 10
    on_disk = {p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()}
    assert set(files) == {r for r in on_disk if manifest.listed(r)}
    assert "downloads/mirrors.txt" in files and "index.html" in files and "zh/mirrors.html" in files
    assert signing.verify(copy / manifest.NAME, copy / manifest.SIGNATURE, signers)
    assert signing.verify(copy / "downloads" / "mirrors.txt", copy / "downloads" / "mirrors.txt.sig", signers)


def test_a_faithful_mirror_passes(released, tmp_path):
    problems, out = run_check(mirror_of(released, tmp_path), released[1])
    assert problems == [], out
    assert f"release {NEWEST}" in out and "genuine copy of the newest release" in out


def test_one_changed_byte_is_named(released, tmp_path):
    copy = mirror_of(released, tmp_path)
    page = copy / "zh" / "vpn.html"
    data = bytearray(page.read_bytes())
    data[len(data) // 2] ^= 1
    page.write_bytes(bytes(data))
    problems, out = run_check(copy, released[1])
    assert problems == ["changed: zh/vpn.html"], out


def test_a_missing_file_is_named(released, tmp_path):
    copy = mirror_of(released, tmp_path)
    (copy / "assets" / "css" / "site.css").unlink()
    problems, _ = run_check(copy, released[1])
    assert len(problems) == 1 and problems[0].startswith("missing: assets/css/site.css")


def test_an_added_page_is_named(released, tmp_path):
    copy = mirror_of(released, tmp_path)
    (copy / "fake.html").write_text("<p>harmful advice</p>", encoding="utf-8")
    index = copy / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</body>", '<a href="fake.html">x</a></body>'),
                     encoding="utf-8")
    problems, _ = run_check(copy, released[1])
    assert "changed: index.html" in problems
    assert any(p.startswith("extra: fake.html") for p in problems)


def test_an_older_signed_release_is_reported(released, tmp_path):
    copy = mirror_of(released, tmp_path)
    manifest.write(copy, "2000.01.01", "2000-01-01")
    (copy / manifest.SIGNATURE).unlink()
    ssh_sign(copy / manifest.NAME, released[2])
    problems, out = run_check(copy, released[1])
    assert problems == [f"old release: the mirror serves 2000.01.01, the newest is {NEWEST}"], out


def test_a_list_signed_by_another_key_is_refused(released, tmp_path):
    copy = mirror_of(released, tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    key, _ = throwaway_key(other)
    (copy / manifest.SIGNATURE).unlink()
    ssh_sign(copy / manifest.NAME, key)
    with pytest.raises(check.CheckError, match="not the project's key"):
        run_check(copy, released[1])


def test_the_command_names_the_changed_file_and_fails(released, tmp_path):
    copy = mirror_of(released, tmp_path)
    (copy / "check.html").write_bytes((copy / "check.html").read_bytes() + b" ")
    with local_site.serve(copy) as url:
        result = subprocess.run([sys.executable, "-m", "mirror.check", url, "--allowed-signers", str(released[1])],
                                cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "changed: check.html" in result.stdout


def test_fetch_saves_a_copy_that_passes(released, tmp_path):
    saved = tmp_path / "saved"
    problems, _ = run_check(mirror_of(released, tmp_path), released[1], save=saved)
    assert problems == []
    problems, out = run_check(saved, released[1])
    assert problems == [], out


def test_the_mirrors_list_is_checked_and_escaped(tmp_path):
    def load(text):
        (tmp_path / listing.FILE).write_text(text, encoding="utf-8")
        return listing.load(tmp_path)

    good = ('mirrors:\n  - {url: "https://m.example.org/x/", kind: web, run_by: "<b>Ann</b> & co",'
            ' since: 2026-12-01, last_checked: 2026-12-07}\n')
    mirrors = load(good)
    strings = {k: k for k in ("mirrors_none", "mirrors_address", "mirrors_kind", "mirrors_run_by",
                              "mirrors_since", "mirrors_checked", "mirrors_web", "mirrors_onion")}
    table = listing.table_html(mirrors, strings)
    assert "&lt;b&gt;Ann&lt;/b&gt; &amp; co" in table and "<b>" not in table
    for bad, message in [
        (good.replace("https://m.example.org/x/", "javascript:alert(1)"), "'url' must be"),
        (good.replace("https://m.example.org/x/", "https://m.example.org/x/?q=<script>"), "'url' must be"),
        (good.replace('"https://m.example.org/x/"', '"https://m.example.org/" onclick="x"'), "not valid YAML"),
        (good.replace("kind: web", "kind: onion"), "onion address is kind 'onion'"),
        (good.replace("2026-12-07", "soon"), "must be a date"),
        (good.replace("last_checked: 2026-12-07", "last_checked: 2026-11-01"), "before 'since'"),
        ("mirrors: {}\n", "needs a list"),
    ]:
        with pytest.raises(listing.MirrorsError, match=message):
            load(bad)


def test_the_list_is_on_the_site_and_in_every_edition(site, released):
    for prefix in ("", "zh/"):
        page = (site / prefix / "mirrors.html").read_text(encoding="utf-8")
        assert 'class="mirrors-none"' in page or 'class="mirrors"' in page
    copy = released[0]
    dist = copy.parent / "dist"
    for edition in dist.glob("*.html"):
        assert "mirrors-none" in edition.read_text(encoding="utf-8") or 'class="mirrors"' in edition.read_text(
            encoding="utf-8"), f"{edition.name} has no list of mirrors"


def test_an_onion_build_keeps_no_clearnet_address(tmp_path):
    site = tmp_path / "site"
    (site / "zh").mkdir(parents=True)
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (site / "index.html").write_text("<p>fine</p>", encoding="utf-8")
    onion.finish(site, ["m.example.org"])
    assert not (site / "sitemap.xml").exists()
    (site / "zh" / "mirrors.html").write_text('<a href="https://m.example.org/">x</a>', encoding="utf-8")
    (site / "about.html").write_text('<link rel="canonical" href="https://x/">', encoding="utf-8")
    with pytest.raises(onion.OnionError) as error:
        onion.finish(site, ["m.example.org"])
    assert "zh/mirrors.html: m.example.org" in str(error.value) and "about.html: a canonical link" in str(error.value)
    with pytest.raises(onion.OnionError, match="must not set site_url"):
        onion.check_config({"site_url": "https://example.org/"})


class _Socks5(threading.Thread):
    """A minimal SOCKS5 proxy on loopback (no authentication, CONNECT only) that
    records the host names it was asked for, as tor's would see them."""

    def __init__(self):
        super().__init__(daemon=True)
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self.asked = []

    def run(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    @staticmethod
    def _read(sock, n):
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def _serve(self, client):
        try:
            _, methods = self._read(client, 2)
            self._read(client, methods)
            client.sendall(b"\x05\x00")
            _, command, _, kind = self._read(client, 4)
            if kind == 3:  # a host name: the proxy resolves it (socks5h)
                host = self._read(client, self._read(client, 1)[0]).decode()
            else:
                host = socket.inet_ntoa(self._read(client, 4))
            port = int.from_bytes(self._read(client, 2), "big")
            self.asked.append(host)
            upstream = socket.create_connection(("127.0.0.1" if host == "mirror.test" else host, port))
            client.sendall(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + (0).to_bytes(2, "big"))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()
        except (OSError, ConnectionError):
            client.close()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def test_a_mirror_is_checked_through_a_socks_proxy_that_resolves_its_name(released, tmp_path):
    """As for an onion address: the name goes to the proxy unresolved (socks5h)."""
    proxy = _Socks5()
    proxy.start()
    out = io.StringIO()
    with local_site.serve(mirror_of(released, tmp_path)) as url:
        port = url.rstrip("/").rsplit(":", 1)[1]
        problems = check.check(f"http://mirror.test:{port}/", released[1], NEWEST, timeout=20, out=out,
                               progress=False, socks=f"127.0.0.1:{proxy.port}")
    proxy.server.close()
    assert problems == [], out.getvalue()
    assert proxy.asked and set(proxy.asked) == {"mirror.test"}
