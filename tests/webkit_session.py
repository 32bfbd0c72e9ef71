"""What test_webkit.py needs to drive WebKit (the engine of every iPhone
browser and of WeChat on iOS): Debian's WebKitGTK through its WebDriver
(package webkit2gtk-driver: WebKitWebDriver, which runs the MiniBrowser
shipped with the library) and Selenium, on a phone-sized X screen of its own
(Xvfb, with matchbox-window-manager to fill the screen with the window), and
a logging proxy that every request of the browser goes through.

WebKitGTK's driver has no way to run a script before the page's own (no
BiDi, no init scripts) and no console log. So the audit script (helpers.py's
STORAGE_SPY, a trap for errors, policy violations and console.error, and a
record of `pageshow`) is a file of its own that the page loads first:
over HTTP the proxy adds its <script> tag to every page as it passes,
for file:// the test adds it to its own copy of the offline edition.

The proxy records every address asked for. Requests for the local site are
passed on to it; any other is answered 502 and never sent on. WebKit sends
requests for https:// addresses to its proxy as TLS rather than a plain
CONNECT request: the proxy records each such connection, but cannot see the
host inside it (one page per probe tells them apart where that matters).
"""
import contextlib
import glob
import http.client
import os
import re
import shutil
import socket
import socketserver
import subprocess
import threading
import time
import urllib.parse

from helpers import PHONE, STORAGE_SPY, STORAGE_STATE

# The phone of the other browser tests (PHONE, 360 x 780): MiniBrowser's header
# bar takes 38 px of the window, which the window manager makes screen-sized.
HEADER_BAR = 38
SCREEN = (PHONE["width"], PHONE["height"] + HEADER_BAR)
AUDIT_FILE = "__webkit_audit__.js"
# WebKit opens TLS to the proxy itself for an https:// address (an IP address:
# no server name), so the host it wanted is inside the encryption.
TLS_HIDDEN = "(an https:// address; its host is inside the encryption)"

DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
PACKAGES = {  # what each program comes from (scripts/dev/system_packages.sh installs them)
    "WebKitWebDriver": "webkit2gtk-driver",
    "Xvfb": "xvfb",
    "matchbox-window-manager": "matchbox-window-manager",
}

AUDIT_JS = STORAGE_SPY + r"""
(() => {
  const errors = [], shows = [];
  Object.defineProperty(window, "__pageErrors", { value: errors });
  Object.defineProperty(window, "__shows", { value: shows });
  const note = (what) => { try { errors.push(what + " @ " + location.pathname); } catch (e) {} };
  addEventListener("error", (e) => {
    const t = e.target;
    note(t && t !== window ? "failed to load " + (t.src || t.href || t.tagName) : "error: " + e.message);
  }, true);
  addEventListener("unhandledrejection", (e) => note("unhandled rejection: " + e.reason));
  document.addEventListener("securitypolicyviolation",
    (e) => note("blocked by the policy (" + e.violatedDirective + "): " + e.blockedURI), true);
  const error = console.error;
  console.error = function (...args) { note("console.error: " + args.join(" ")); return error.apply(this, args); };
  addEventListener("pageshow", (e) => shows.push(e.persisted));
})();
"""

# For execute_async_script: what is stored (helpers.py's STORAGE_STATE), the
# errors the trap saw, and whether the audit script ran at all.
READ_STATE = (
    "const done = arguments[arguments.length - 1];"
    f"({STORAGE_STATE})().then(state => done(Object.assign(state, {{"
    "  audited: Array.isArray(window.__pageErrors),"
    "  errors: window.__pageErrors ? [...window.__pageErrors] : [] })),"
    "  e => done({failed: String(e)}));"
)


def minibrowser():
    """WebKitGTK's MiniBrowser (in the library's package, found by the driver's session)."""
    found = os.environ.get("WEBKIT_BROWSER") or next(
        iter(sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"), reverse=True)), None)
    return found


def missing_programs():
    """The Debian packages whose programs are not on this machine."""
    need = []
    for program, package in PACKAGES.items():
        path = DRIVER if program == "WebKitWebDriver" else shutil.which(program)
        if not (path and os.access(path, os.X_OK)):
            need.append(package)
    if not minibrowser() and "webkit2gtk-driver" not in need:
        need.append("webkit2gtk-driver")
    return need


@contextlib.contextmanager
def phone_screen(width, height):
    """An X screen of its own (Xvfb picks a free display) with a window manager
    that gives the browser's window the whole screen; yields DISPLAY."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write)
    wm = None
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start: " + xvfb.stderr.read().decode(errors="replace")[-2000:])
        display = ":" + number
        wm = subprocess.Popen(["matchbox-window-manager", "-use_titlebar", "no"],
                              env=dict(os.environ, DISPLAY=display),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        yield display
    finally:
        for process in (wm, xvfb):
            if process:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def start_driver(display, proxy_address):
    """A WebKitGTK session at phone size whose every request goes to the proxy."""
    from selenium import webdriver
    from selenium.webdriver.common.proxy import Proxy, ProxyType
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    options = Options()
    options.binary_location = minibrowser()
    options.add_argument("--automation")
    proxy = Proxy()
    proxy.proxy_type = ProxyType.MANUAL
    proxy.http_proxy = proxy.ssl_proxy = proxy_address
    options.proxy = proxy
    service = Service(executable_path=DRIVER, env=dict(os.environ, DISPLAY=display),
                      log_output=subprocess.DEVNULL)
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(30)
    return driver


POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def with_audit_script(html, src):
    """The page with the audit script loaded first thing after its
    Content-Security-Policy (the script's tag stops the parser while it loads;
    before the policy, WebKit's preload scanner would meanwhile fetch what the
    policy forbids). A page whose policy allows no script of the site (the
    quick exit's neutral page: nothing to preload there) gets it before the
    policy. Added once."""
    if AUDIT_FILE in html:
        return html
    tag = f'<script src="{src}"></script>'
    policy = POLICY.search(html)
    if policy and "script-src 'self'" in policy.group(1):
        return html[:policy.end()] + tag + html[policy.end():]
    head = html.find("<head>")
    if head < 0:
        raise ValueError("no <head> in the page")
    head += len("<head>")
    return html[:head] + tag + html[head:]


def add_audit_script(folder):
    """Give every HTML page under `folder` (a copy) the audit script, for file://."""
    (folder / AUDIT_FILE).write_text(AUDIT_JS, encoding="utf-8")
    for page in folder.rglob("*.html"):
        rel = page.relative_to(folder)
        src = "../" * (len(rel.parts) - 1) + AUDIT_FILE
        page.write_text(with_audit_script(page.read_text(encoding="utf-8"), src), encoding="utf-8")


def server_name(hello):
    """The host name (SNI) in a TLS ClientHello, or None."""
    try:
        at = 5 + 4 + 2 + 32  # record header, handshake header, version, random
        at += 1 + hello[at]  # session id
        at += 2 + int.from_bytes(hello[at:at + 2], "big")  # cipher suites
        at += 1 + hello[at]  # compression methods
        end = at + 2 + int.from_bytes(hello[at:at + 2], "big")
        at += 2
        while at + 4 <= end:
            kind, size = int.from_bytes(hello[at:at + 2], "big"), int.from_bytes(hello[at + 2:at + 4], "big")
            if kind == 0:  # server_name: list length, name type, name length, name
                length = int.from_bytes(hello[at + 7:at + 9], "big")
                return hello[at + 9:at + 9 + length].decode("ascii", "replace")
            at += 4 + size
    except (IndexError, ValueError):
        pass
    return None


class LoggingProxy:
    """The browser's proxy: records every request; passes on those for the
    origin in `forward` (the local site, adding the audit script to its
    pages), answers every other with 502 without contacting anyone."""

    def __init__(self):
        self.seen = []  # every address asked for, in order ("METHOD url")
        self.forward = None  # "http://127.0.0.1:port/" of the site under test
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                proxy._handle(self)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

            def handle_error(self, request, client_address):
                pass  # a connection the browser drops early is normal here

        self._server = Server(("127.0.0.1", 0), Handler)
        self.address = "127.0.0.1:%d" % self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self):
        self._server.shutdown()
        self._server.server_close()

    def mark(self):
        """Where the record stands now, for `since`."""
        with self._lock:
            return len(self.seen)

    def since(self, mark):
        with self._lock:
            return self.seen[mark:]

    def outside(self, mark=0, allowed=()):
        """What was asked for since `mark` that does not start with one of `allowed`."""
        return [entry for entry in self.since(mark)
                if not entry.split(" ", 1)[1].startswith(tuple(allowed))]

    def _note(self, entry):
        with self._lock:
            self.seen.append(entry)

    def _handle(self, handler):
        conn = handler.connection
        first = conn.recv(1, socket.MSG_PEEK)
        if not first:
            return
        if first == b"\x16":  # TLS straight away: an https:// address
            name = server_name(conn.recv(16384))
            self._note("TLS " + (f"https://{name}/" if name else TLS_HIDDEN))
            return
        line = handler.rfile.readline(65537).decode("latin-1").strip()
        headers = {}
        while True:
            header = handler.rfile.readline(65537).decode("latin-1")
            if header in ("\r\n", "\n", ""):
                break
            name, _, value = header.partition(":")
            headers[name.strip().lower()] = value.strip()
        method, target = (line.split(" ") + ["", ""])[:2]
        if method == "CONNECT":
            target = "https://" + target + "/"
        self._note(f"{method} {target}")
        length = int(headers.get("content-length") or 0)
        if length:
            handler.rfile.read(length)
        forward = self.forward
        if forward and target.startswith(forward) and method in ("GET", "HEAD"):
            self._pass_on(handler, method, target, headers)
        else:
            handler.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def _pass_on(self, handler, method, target, headers):
        """The local site's answer, as its server gave it (less compression),
        with the audit script added to every page."""
        path = urllib.parse.urlsplit(target)
        if path.path == "/" + AUDIT_FILE:
            status, reason, body = 200, "OK", AUDIT_JS.encode()
            relay = {"Content-Type": "text/javascript"}
        else:
            upstream = http.client.HTTPConnection(path.hostname, path.port, timeout=30)
            upstream.request(method, path.path + (("?" + path.query) if path.query else ""),
                             headers={"Accept-Encoding": "identity"})
            response = upstream.getresponse()
            status, reason, body = response.status, response.reason, response.read()
            relay = {name: response.getheader(name) for name in ("Content-Type", "Last-Modified", "Date")
                     if response.getheader(name)}
            upstream.close()
            if relay.get("Content-Type", "").startswith("text/html") and status == 200 and method == "GET":
                body = with_audit_script(body.decode("utf-8"), "/" + AUDIT_FILE).encode("utf-8")
        head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in relay.items())
        head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        handler.wfile.write(head.encode("latin-1") + (body if method == "GET" else b""))
