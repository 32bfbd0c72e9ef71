"""The site on this machine, for scripts that look at it in a browser
(bench.py, screenshots.py): a strict build into a folder, a quiet HTTP
server on loopback, and the Chromium to drive with Playwright."""
import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 360, "height": 780}
# Keep Chromium itself quiet (update checks, sync, component downloads), so
# every request seen comes from the page.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
]


def build(project, dest, strict=True):
    """Build the MkDocs project in `project` into `dest`; exit with its output if it fails."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "properdocs", "build", "--quiet", "--site-dir", str(dest)]
    if strict:
        cmd.append("--strict")
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"properdocs build failed in {project}:\n{result.stdout}{result.stderr}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# What hosts compress: text, not images that are compressed already.
TEXT_FILES = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")


class _GzipHandler(_QuietHandler):
    """Sends text files gzip-encoded (level 6) to a browser that accepts it,
    as a web host does, with the compressed length as Content-Length."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(TEXT_FILES) and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as f:
            data = gzip.compress(f.read(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(data)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection early (a page left mid-load) is normal here.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory, compress=False):
    """Serve `directory` on a free loopback port; yield its base URL.

    With `compress`, text files are sent gzip-encoded (as hosts do)."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(directory))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


NO_CHROMIUM = (
    "No Chromium found. On Debian or Ubuntu install it with 'sudo apt-get install "
    "chromium' (the .ci/run script does this), or point the CHROMIUM environment "
    "variable at a Chromium or Chrome binary. Playwright's own browser downloads "
    "are not used."
)


def find_chromium():
    """The Chromium to drive ($CHROMIUM, or the Debian package's binary), or None."""
    for path in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def chromium_path():
    """The Chromium to drive; exits with NO_CHROMIUM if there is none."""
    return find_chromium() or sys.exit(NO_CHROMIUM)
