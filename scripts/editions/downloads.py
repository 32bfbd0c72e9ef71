"""The downloads page of a release (`make release`), post-build work on site/
alone: site/downloads/ gets the files of dist/ (the editions, RELEASE, SHA256SUMS,
SHA256SUMS.sig) and an index.html in every language of the site, listing
each file with its size and full SHA-256, and the project's key line and
its fingerprint (no allowed_signers file to download: a trainer writes their
own from the trainers' page). The trainers' page of each
language then links to it, with the sizes.

The page keeps the site's promises: it carries the same
Content-Security-Policy and referrer policy as the built pages (copied from
the built home page, so the two cannot drift apart), has no script, and
loads only its own small stylesheet.

The editions are made before this runs and never contain downloads/ (a zip
cannot hold its own checksum): in them, the trainers' page shows the note
written in docs/<lang>/trainers.md (the element `#downloads-link`) instead
of a link. Its wording is in docs/i18n/ui.<lang>.yml (`downloads_*`).
"""
import html
import posixpath
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from common import project_config, ui_strings
from editions import bundle, signing

FOLDER = "downloads"
STYLESHEET = Path(__file__).resolve().parent / "downloads.css"
LINK_ID = "downloads-link"
TRAINERS_PAGE = "trainers.html"


class DownloadsError(Exception):
    pass


def listed_files(dist):
    """[(name, sha256)] from dist/SHA256SUMS, in its order."""
    files = []
    for line in (Path(dist) / "SHA256SUMS").read_text(encoding="ascii").splitlines():
        digest, name = line.split(None, 1)
        files.append((name.lstrip("*"), digest))
    return files


def size_text(size, strings):
    """`494 kB (493,996 bytes)`: kB of 1000 bytes, as file managers on phones show them."""
    return f"{size / 1000:,.0f} kB ({size:,} {strings['downloads_bytes']})"


def page_policies(site_dir):
    """The <meta> Content-Security-Policy and referrer tags of the built home page."""
    soup = BeautifulSoup((Path(site_dir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    referrer = soup.find("meta", attrs={"name": "referrer"})
    if csp is None or referrer is None:
        raise DownloadsError("the built home page has no Content-Security-Policy or referrer <meta>")
    return str(csp), str(referrer)


def _strings(config, lang):
    return ui_strings.for_language(config, lang)


def render_index(site_dir, config, files, sizes, fingerprint, key_line=""):
    """The downloads page: one section per language, each with the full list."""
    esc = html.escape
    langs = project_config.languages(config)
    csp, referrer = page_policies(site_dir)
    title = " · ".join(_strings(config, code)["downloads_title"] for code, _ in langs)
    out = [
        "<!doctype html>",
        f'<html lang="{esc(langs[0][0])}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        csp,
        referrer,
        f"<title>{esc(title)}</title>",
        '<link rel="stylesheet" href="downloads.css">',
        "</head>",
        "<body>",
        "<main>",
    ]
    for code, prefix in langs:
        strings = _strings(config, code)
        up = "../" + prefix
        out += [
            f'<section lang="{esc(code)}" id="{esc(code)}">',
            f'<h1>{esc(strings["downloads_title"])}</h1>',
            f'<p>{esc(strings["downloads_intro"])}</p>',
            f'<p><a href="{esc(up)}{TRAINERS_PAGE}#verify">{esc(strings["downloads_verify"])}</a>'
            f' · <a href="{esc(up)}index.html">{esc(strings["downloads_home"])}</a></p>',
            f'<p>{esc(strings["downloads_key"])}<br><code class="fingerprint">{esc(fingerprint)}</code></p>',
            f'<pre><code class="key-line">{esc(key_line)}</code></pre>' if key_line else "",
            '<ul class="files">',
        ]
        for name, digest in files:
            out.append(f'<li class="file"><p class="name"><a href="{esc(name)}" download>{esc(name)}</a></p>'
                       f'<p>{esc(strings["downloads_size"])}: {esc(size_text(sizes[name], strings))}</p>'
                       f'<p>SHA-256: <code class="hash">{esc(digest)}</code></p></li>')
        out += ["</ul>", "</section>"]
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def link_from_trainers_pages(site_dir, config, editions, sizes):
    """Replace the note `#downloads-link` on each language's trainers' page with a link and sizes."""
    esc = html.escape
    for code, prefix in project_config.languages(config):
        path = Path(site_dir) / prefix / TRAINERS_PAGE
        text = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        note = soup.find(id=LINK_ID)
        if note is None:
            raise DownloadsError(f"{prefix}{TRAINERS_PAGE} has no element #{LINK_ID} for the downloads link")
        strings = _strings(config, code)
        href = posixpath.relpath(f"{FOLDER}/index.html", posixpath.dirname(f"{prefix}{TRAINERS_PAGE}") or ".")
        items = "".join(f"<li><code>{esc(name)}</code>: {esc(size_text(sizes[name], strings))}</li>"
                        for name in editions)
        new = (f'<div id="{LINK_ID}" class="downloads-link"><p>{esc(strings["downloads_link"])} '
               f'<a href="{esc(href)}">{esc(strings["downloads_title"])}</a></p><ul>{items}</ul></div>')
        old = str(note)
        if old not in text:  # the parser normalised the markup; rewrite through the tree
            note.replace_with(BeautifulSoup(new, "html.parser"))
            text = str(soup)
        else:
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")


def publish(site_dir, dist, config, allowed_signers=signing.ALLOWED_SIGNERS):
    """Copy dist/ into site/downloads/ with its index page; link it from the trainers' pages."""
    site_dir, dist = Path(site_dir), Path(dist)
    sums = dist / "SHA256SUMS"
    sig = dist / "SHA256SUMS.sig"
    for needed in (sums, sig):
        if not needed.is_file():
            raise DownloadsError(f"{needed} is missing: run make release")
    editions = listed_files(dist)
    dest = site_dir / FOLDER
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name, _ in editions:
        shutil.copyfile(dist / name, dest / name)
    for path in (sums, sig, STYLESHEET):
        shutil.copyfile(path, dest / path.name)
    files = editions + [(path.name, bundle.sha256(dest / path.name)) for path in (sums, sig)]
    for name, digest in editions:
        if bundle.sha256(dest / name) != digest:
            raise DownloadsError(f"{name} does not match SHA256SUMS")
    sizes = {name: (dest / name).stat().st_size for name, _ in files}
    fingerprint = signing.project_fingerprint(allowed_signers)
    index = render_index(site_dir, config, files, sizes, fingerprint, signing.key_line(allowed_signers))
    (dest / "index.html").write_text(index, encoding="utf-8")
    link_from_trainers_pages(site_dir, config, [name for name, _ in editions], sizes)
    return dest
