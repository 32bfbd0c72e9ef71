"""`make bundle`: the offline editions for trainers. The same commit always
gives the same bytes; the zip holds the whole site, small enough to pass
around, with a README in both languages; SHA256SUMS matches the files; and
the unzipped site, opened from disk, contacts no one, stores nothing, and
its search and self-check work in both languages."""
import hashlib
import re
import shutil
import subprocess
import zipfile

import pytest

from editions import bundle, signing
from common import project_config
from dev import budgets
from helpers import ROOT, build_site, content_pages, search, stored_anything, visit_and_audit
from offline_editions import answer_a_question, audited_context

CONFIG = project_config.load(ROOT / "mkdocs.yml")
VERSION = project_config.bundle_version(CONFIG)
LANGS = [code for code, _ in project_config.languages(CONFIG)]
NAMES = bundle.names(VERSION, LANGS)


@pytest.fixture(scope="module")
def dist(editions):
    """The folder of the editions made once from this session's build (conftest.py)."""
    return next(iter(editions.values())).parent


@pytest.fixture(scope="module")
def unzipped(dist, tmp_path_factory):
    dest = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(dist / NAMES["zip"]) as archive:
        archive.extractall(dest)
    return dest / NAMES["folder"]


def test_dist_holds_the_zip_one_file_and_one_small_file_per_language_and_checksums(dist):
    expected = {NAMES["zip"], NAMES["sums"], NAMES["release"], *NAMES["single"].values(), *NAMES["small"].values()}
    assert {path.name for path in dist.iterdir()} == expected
    assert re.fullmatch(r"phone-risk-check-[0-9A-Za-z._-]+-offline\.zip", NAMES["zip"])


@pytest.mark.slow
def test_the_same_commit_gives_the_same_bytes(dist, tmp_path):
    """A second, independent build of the site and of the bundle: byte for byte the same."""
    result = build_site(tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    again = tmp_path / "dist"
    bundle.make_bundle(tmp_path / "site", again)
    for path in sorted(dist.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), f"{path.name} differs between two runs"


def test_zip_is_within_budget(dist):
    size = (dist / NAMES["zip"]).stat().st_size
    assert size <= budgets.MAX_BUNDLE_ZIP_BYTES, f"{size:,} bytes"


def test_zip_entries_are_sorted_with_fixed_times_and_permissions(dist):
    with zipfile.ZipFile(dist / NAMES["zip"]) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names[0] == NAMES["folder"] + "/README.txt"
    assert names[1:] == sorted(names[1:])
    assert all(name.startswith(NAMES["folder"] + "/") for name in names)
    assert {info.date_time for info in infos} == {bundle.ZIP_TIME}
    assert {(info.external_attr >> 16) & 0o777 for info in infos} == {0o644}


def test_zip_keeps_the_site_and_leaves_out_what_a_copy_on_disk_never_uses(site, dist):
    with zipfile.ZipFile(dist / NAMES["zip"]) as archive:
        kept = {name.split("/", 1)[1] for name in archive.namelist()}
    for rel in content_pages(site):
        if not rel.endswith("404.html"):
            assert rel in kept, f"{rel} is missing"
    assert {"index.html", "zh/index.html", "search/lite/docs.js", "zh/search/lite/docs.js",
            "assets/js/search-lite.js"} <= kept
    assert not [rel for rel in kept if rel.endswith((".map", "404.html", "search_index.json", "search_index.js"))]
    assert not [rel for rel in kept if rel.startswith("downloads/")]
    assert not kept & {"sitemap.xml", "sitemap.xml.gz"}
    # the build itself ships only the lunr files search loads (test_page_weight.py)
    lunr = "assets/javascripts/lunr/"
    built = {p.relative_to(site).as_posix() for p in (site / lunr).rglob("*") if p.is_file()}
    assert {rel for rel in kept if rel.startswith(lunr)} == built


def test_readme_says_how_to_open_it_in_english_and_chinese(dist):
    with zipfile.ZipFile(dist / NAMES["zip"]) as archive:
        readme = archive.read(NAMES["folder"] + "/README.txt").decode("utf-8")
    assert "open index.html" in readme and "zh/index.html" in readme and "Android" in readme
    assert "怎样打开" in readme and "安卓" in readme
    assert VERSION in readme
    assert signing.project_fingerprint() in readme
    assert all(name in readme for name in NAMES["single"].values())


def test_checksums_match_the_files(dist):
    lines = (dist / NAMES["sums"]).read_text(encoding="ascii").splitlines()
    listed = {}
    for line in lines:
        match = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line)
        assert match, f"not in sha256sum format: {line!r}"
        listed[match.group(2)] = match.group(1)
    assert set(listed) == {NAMES["zip"], NAMES["release"], *NAMES["single"].values(), *NAMES["small"].values()}
    for name, digest in listed.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.skipif(not shutil.which("sha256sum"), reason="no sha256sum on this machine")
def test_sha256sum_accepts_the_checksum_file(dist):
    result = subprocess.run(["sha256sum", "-c", NAMES["sums"]], cwd=dist, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_unzipped_site_opened_from_disk_contacts_no_one_and_stores_nothing(browser, unzipped):
    base = unzipped.as_uri() + "/"
    context, audit = audited_context(browser, base)
    try:
        visit_and_audit(context.new_page(), audit, base, content_pages(unzipped))
    finally:
        context.close()


@pytest.mark.parametrize("lang_prefix, words", [("", "phone"), ("zh/", "手机")])
def test_unzipped_site_searches_and_runs_the_self_check(browser, unzipped, lang_prefix, words):
    base = unzipped.as_uri() + "/"
    context, audit = audited_context(browser, base)
    try:
        page = context.new_page()
        page.goto(base + lang_prefix + "index.html")
        search(page, words).first.wait_for()
        page.goto(base + lang_prefix + "check.html")
        before, after = answer_a_question(page)
        assert before != after
        assert "?" not in page.url and "#" not in page.url
        assert not stored_anything(audit.storage(page))
        assert audit.outside == []
        assert audit.console_errors == []
    finally:
        context.close()
