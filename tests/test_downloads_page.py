"""The downloads page of a release (`make release`): site/downloads/ holds the
editions, RELEASE, SHA256SUMS and its signature, with an index
page in every language listing each file's size and full SHA-256 and the
key's fingerprint. It keeps the site's promises (same Content-Security-
Policy, nothing stored, no one contacted), the trainers' pages link to it
with the sizes, and the offline editions leave it out, showing a note."""
import hashlib
import re
import zipfile

import pytest
from bs4 import BeautifulSoup

from common import project_config
from helpers import ROOT, Audit, PHONE, stored_anything
from editions import bundle, downloads, signing

pytestmark = pytest.mark.slow  # builds or editions of its own (conftest.py)

CONFIG = project_config.load(ROOT / "mkdocs.yml")
LANGS = project_config.languages(CONFIG)
NAMES = bundle.names(project_config.bundle_version(CONFIG), [code for code, _ in LANGS])


@pytest.fixture(scope="module")
def folder(released):
    return released[0] / downloads.FOLDER


@pytest.fixture(scope="module")
def index(folder):
    return BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")


def editions():
    return [NAMES["zip"], *NAMES["single"].values(), *NAMES["small"].values()]


def test_the_folder_holds_every_file_of_dist_and_the_page(released, folder):
    _, dist, _ = released
    # and the signed list of mirrors (editions/release.py, mirror/listing.py)
    expected = {path.name for path in dist.iterdir()} | {"index.html", "downloads.css", "mirrors.txt",
                                                         "mirrors.txt.sig"}
    assert {path.name for path in folder.iterdir()} == expected
    for path in dist.iterdir():
        assert (folder / path.name).read_bytes() == path.read_bytes(), path.name


def test_each_language_lists_every_file_with_size_full_sha256_and_the_fingerprint(folder, index, released):
    signers = released[2]
    sections = index.select("main > section[lang]")
    assert [s["lang"] for s in sections] == [code for code, _ in LANGS]
    listed = set(editions()) | {"RELEASE", "SHA256SUMS", "SHA256SUMS.sig"}
    for section in sections:
        assert signing.project_fingerprint(signers) in section.get_text()
        rows = {}
        for row in section.select("li.file"):
            link = row.select_one("a[href]")
            rows[link["href"]] = row.get_text(" ", strip=True)
        assert set(rows) == listed
        for name, text in rows.items():
            data = (folder / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() in text, name
            assert f"{len(data):,}" in text, name
        verify = section.select_one('a[href$="trainers.html#verify"]')
        assert verify is not None and (folder / verify["href"].split("#")[0]).resolve().is_file()


def test_the_page_keeps_the_sites_policies_and_has_no_script(released, index):
    site = released[0]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    csp = lambda soup: soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]  # noqa: E731
    assert csp(index) == csp(home)
    assert index.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"
    assert not index.find("script")
    for element in index.select("[src], link[href]"):
        url = element.get("src") or element.get("href")
        assert not re.match(r"^[a-z]+:|^//", url), url


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_opened_in_a_browser_it_contacts_no_one_and_stores_nothing(browser, released, scheme):
    from dev import local_site

    site = released[0]
    with local_site.serve(site) as served:
        base = site.as_uri() + "/" if scheme == "file" else served
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        audit = Audit(context, [base])
        try:
            page = context.new_page()
            page.goto(base + "downloads/index.html")
            page.wait_for_load_state("load")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= page.viewport_size["width"], f"the page is {width}px wide on a phone"
            assert not stored_anything(audit.storage(page))
            assert audit.outside == [] and audit.console_errors == []
            assert any(url.endswith("downloads/downloads.css") for url in audit.requests)
        finally:
            context.close()


def test_the_trainers_pages_link_to_it_with_the_sizes(released, folder):
    site = released[0]
    for code, prefix in LANGS:
        page = site / prefix / downloads.TRAINERS_PAGE
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        block = soup.find(id=downloads.LINK_ID)
        link = block.select_one("a[href]")
        assert (page.parent / link["href"]).resolve() == (folder / "index.html").resolve(), code
        text = block.get_text(" ", strip=True)
        for name in editions():
            assert name in text and f"{(folder / name).stat().st_size:,}" in text, (code, name)


def test_the_editions_leave_it_out_and_show_a_note_instead(released):
    _, dist, _ = released
    with zipfile.ZipFile(dist / NAMES["zip"]) as archive:
        names = archive.namelist()
        assert not [n for n in names if "/downloads/" in n]
        for code, prefix in LANGS:
            html = archive.read(f"{NAMES['folder']}/{prefix}{downloads.TRAINERS_PAGE}").decode("utf-8")
            note = BeautifulSoup(html, "html.parser").find(id=downloads.LINK_ID)
            assert note is not None and note.get_text(strip=True), code
            assert not [a for a in note.select("a[href]") if "downloads" in a["href"]], code
    for name in NAMES["single"].values():
        soup = BeautifulSoup((dist / name).read_text(encoding="utf-8"), "html.parser")
        assert soup.find(id=downloads.LINK_ID) is not None, name
        assert "downloads/" not in str(soup.find(id=downloads.LINK_ID)), name
