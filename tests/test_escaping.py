"""Every string from mkdocs.yml and the interface strings is text on its way
into a page (issue 23, item 3): a copy of the project whose interface strings
(docs/i18n/ui.<lang>.yml), copyright and html_lang, in both languages, hold
markup and an attribute break-out builds, and every page,
one-file and small edition and downloads page shows each string as text: no
element or attribute of the string's making, the string itself readable.
Strings the theme writes as they are (site_name, site_description, palette
and navigation titles) are refused instead, naming the key."""
import re

import pytest
from bs4 import BeautifulSoup

from common import project_config
from helpers import build_site
from editions import downloads, single_file, small_edition
from pages import content_gate
from translation_project import copy_project, output

# Each string becomes KEY + this: markup, and a way out of an attribute.
PAYLOAD = '<i class="injected">x</i>" onfocus="alert(1)" autofocus data-x="'
KEYS = ["reviewed", "quick_exit", "quick_exit_title", "not_found_title", "not_found_text",
        "not_found_home", "other_text", "translation_missing", "translation_check", "translation_home",
        "bundle_edition", "bundle_contents", "bundle_back", "bundle_note", "bundle_start", "bundle_small",
        "bundle_small_note", "downloads_title", "downloads_intro", "downloads_verify", "downloads_key",
        "downloads_home", "downloads_size", "downloads_bytes", "copyright"]
# key -> built pages that show it
WHERE = {
    "reviewed": ["about.html", "zh/about.html"],
    "quick_exit": ["index.html", "zh/check.html", "404.html"],
    "quick_exit_title": ["index.html", "zh/check.html", "404.html"],
    "not_found_title": ["404.html", "zh/404.html"],
    "not_found_text": ["404.html", "zh/404.html"],
    "not_found_home": ["404.html", "zh/404.html"],
    "other_text": ["404.html", "zh/404.html"],
    "translation_missing": ["zh/about.html"],
    "translation_check": ["zh/about.html"],
    "translation_home": ["zh/about.html"],
    "copyright": ["index.html", "zh/index.html"],
}


def marked(key):
    return key.upper() + PAYLOAD


def yaml_value(text):
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("escaping") / "project")
    files = [project / "mkdocs.yml"] + [project / "docs" / "i18n" / f"ui.{code}.yml" for code in ("en", "zh")]
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    for key in KEYS:
        count = 0
        for path, text in texts.items():
            texts[path], found = re.subn(rf"^(\s*){key}: (?!>-).*$",
                                         lambda m, k=key: f"{m.group(1)}{k}: {yaml_value(marked(k))}", text, flags=re.M)
            count += found
        assert count >= 1, key
    zh = project / "docs" / "i18n" / "ui.zh.yml"
    texts[zh], count = re.subn(r"^(\s*)html_lang: .*$", lambda m: m.group(1) + "html_lang: " + yaml_value(
        'zh-Hans" onload="alert(1)'), texts[zh], flags=re.M)
    assert count == 1
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    (project / "docs" / "zh" / "about.md").unlink()  # built from English, with the notice
    return project


@pytest.fixture(scope="module")
def built(project, tmp_path_factory):
    site = tmp_path_factory.mktemp("escaping-site") / "site"
    result = build_site(site, project)
    assert result.returncode == 0, output(result)
    return site


def assert_inert(soup, where):
    assert soup.select(".injected") == [], f"{where}: markup from a string became an element"
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.startswith("on") or name in ("autofocus", "data-x")]
        assert not handlers, f"{where}: a string broke out of an attribute of <{element.name}>: {handlers}"


def shows(soup, text):
    """True if `text` is on the page as text or as an attribute's value."""
    if text in soup.get_text():
        return True
    return any(text in (v if isinstance(v, str) else " ".join(v))
               for element in soup.find_all(True) for v in element.attrs.values())


@pytest.mark.slow  # a build of its own (the fixture built)
def test_every_page_shows_the_strings_as_text(built):
    pages = [p for p in built.rglob("*.html") if not p.relative_to(built).as_posix().startswith("assets/")]
    for path in pages:
        assert_inert(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"), path.name)
    for key, rels in WHERE.items():
        for rel in rels:
            soup = BeautifulSoup((built / rel).read_text(encoding="utf-8"), "html.parser")
            assert shows(soup, marked(key)), f"{rel}: {key} is not shown as text"
    zh = (built / "zh" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans&quot; onload=&quot;alert(1)"' in zh


@pytest.mark.slow
@pytest.mark.parametrize("make", [single_file.render, small_edition.render])
def test_the_offline_editions_show_the_strings_as_text(project, built, make):
    config = project_config.load(project / "mkdocs.yml")
    for code, prefix in project_config.languages(config):
        soup = BeautifulSoup(make(built, config, code, prefix, "v1"), "html.parser")
        assert_inert(soup, f"{make.__module__} {code}")
        edition = ("bundle_small", "bundle_small_note") if make is small_edition.render else ("bundle_edition",)
        for key in edition + ("bundle_contents", "bundle_back", "bundle_note", "copyright"):
            assert shows(soup, marked(key)), f"{code}: {key}"


@pytest.mark.slow
def test_the_downloads_page_shows_the_strings_as_text(project, built):
    config = project_config.load(project / "mkdocs.yml")
    page = downloads.render_index(built, config, [("a<b>.html", "0" * 64)], {"a<b>.html": 1000}, "SHA256:x")
    soup = BeautifulSoup(page, "html.parser")
    assert_inert(soup, "downloads")
    for key in ("downloads_title", "downloads_intro", "downloads_verify", "downloads_key", "downloads_home",
                "downloads_size", "downloads_bytes"):
        assert shows(soup, marked(key)), key


@pytest.mark.parametrize("yaml_path,text", [
    ("site_name", 'site_name: "A</title><script>alert(1)</script>"'),
    ("site_description", "site_description: 'x\" onfocus=\"alert(1)'"),
])
def test_strings_the_theme_writes_as_they_are_are_refused(yaml_path, text):
    raw = project_config.parse(text + "\nplugins:\n  - i18n:\n      languages:\n        - locale: zh\n"
                               "          nav_translations:\n            Guides: '<b>x</b>'\n")
    with pytest.raises(content_gate.ContentError) as error:
        content_gate.check_config(raw)
    assert yaml_path in str(error.value)
    assert "plugins > i18n > languages > zh > nav_translations > Guides" in str(error.value)
