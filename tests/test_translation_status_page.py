"""A translator with only a browser can see, on the built site, which pages
need work and exactly what changed: the build writes translate/index.html,
listing every page's state in every translation, and for an outdated page
the English sentences taken out and put in (marked by a sign as well as by
colour) and the source_hash the translation should carry once updated.
Without git history the page says so and still shows the states, and the
build does not fail. The page keeps the site's promises (same CSP, no script,
nothing from outside, nothing stored) and stays out of the navigation, the
search index, the sitemap and the offline editions.

One copy of the project in git is built end to end (the fixture `history`);
the other states (a hash changed by hand, a shallow clone, no git at all)
ask the build's own step (i18n/status_page.write) for the page, which
writes, for the built copy, exactly what its build wrote."""
import html as html_lib
import json
import os
import re
import subprocess
import zipfile

import pytest

from helpers import LOADS, ROOT, axe_in_both_schemes, build_site, content_pages, visit_and_audit
from dev import local_site
from i18n import status_page, translations
from translation_project import PROBE_EN, copy_project, output, probe_zh, write

pytestmark = pytest.mark.slow  # builds or editions of its own (conftest.py)

PAGE = "translate/index.html"
PROBE = "i18n-probe.md"
OLD_SENTENCE = "Text inside the note."
NEW_SENTENCE = "Text inside the note, now with a second thought."
META = re.compile(r'<meta\s+(?:http-equiv="Content-Security-Policy"|name="referrer")\s[^>]*>')
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Volunteer", "GIT_AUTHOR_EMAIL": "volunteer@example.org",
    "GIT_COMMITTER_NAME": "Volunteer", "GIT_COMMITTER_EMAIL": "volunteer@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root, *args):
    env = dict(os.environ, **GIT_ENV, HOME=str(root.parent))
    result = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(root, message):
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def build(project, dest):
    result = build_site(dest, project)
    assert result.returncode == 0, output(result)[-3000:]
    return (dest / PAGE).read_text(encoding="utf-8")


def status_page_of(project, dest, home_html):
    """translate/index.html as the build's post-build step writes it for `project`
    (postbuild/pipeline.py: status_page), asked directly: `home_html` is the built
    home page it copies the site's policies from."""
    return status_page.write(translations.load_project(project), dest, home_html=home_html).read_text(
        encoding="utf-8")


def page_section(page_html, lang, page):
    """The part of the status page about one translation."""
    anchor = f'id="{lang}-{page[:-3]}"'
    assert anchor in page_html, f"no section for {lang}/{page}"
    return page_html.split(anchor, 1)[1].split("</section>", 1)[0]


def summary_state(page_html, page):
    """The state classes in the summary row of `page` (one per translation language)."""
    row = re.search(r"<tr><th scope=\"row\"><code>" + re.escape(page) + r"</code></th>(.*?)</tr>", page_html)
    assert row, f"{page} is not in the summary"
    return re.findall(r'class="state state-([\w-]+)"', row.group(1))


def text_of(fragment):
    return html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A copy of the project in git: a probe page translated and marked, then
    the English probe changed in a commit, and the Chinese glossary removed."""
    base = tmp_path_factory.mktemp("status-git")
    project = copy_project(base / "project")
    write(project, "en", PROBE, PROBE_EN)
    write(project, "zh", PROBE, probe_zh(PROBE_EN))
    git(project, "init", "-q", "-b", "main")
    commit(project, "Everything translated")
    write(project, "en", PROBE, PROBE_EN.replace(OLD_SENTENCE, NEW_SENTENCE))
    (project / "docs" / "zh" / "glossary.md").unlink()
    commit(project, "Probe: a new sentence; the Chinese glossary is gone")
    build(project, base / "site")
    return project, base


def home_of(base):
    """The built home page as the step gets it: before the last step (postbuild/csp.py)
    adds the hashes of its own inline code to its policy."""
    return re.sub(r" 'sha256-[^']+'", "", (base / "site" / "index.html").read_text(encoding="utf-8"))


def test_the_step_asked_directly_writes_what_the_build_wrote(history, tmp_path):
    """What makes the tests below, which ask the step directly, stand for a build."""
    project, base = history
    page = status_page_of(project, tmp_path / "site", home_of(base))
    assert page == (base / "site" / PAGE).read_text(encoding="utf-8")
    for path in (base / "site" / "translate").rglob("*"):
        if path.is_file():
            rel = path.relative_to(base / "site")
            assert (tmp_path / "site" / rel).read_bytes() == path.read_bytes(), rel


def test_after_an_english_change_the_translation_is_outdated_and_the_change_shown(history):
    project, base = history
    page = (base / "site" / PAGE).read_text(encoding="utf-8")
    assert summary_state(page, PROBE) == ["outdated"]
    assert summary_state(page, "index.md") == ["translated"]
    section = page_section(page, "zh", PROBE)
    removed = re.findall(r'<li class="delete"><span class="sign"[^>]*>(.)</span><span class="unit"><del>(.*?)</del>',
                         section)
    added = re.findall(r'<li class="insert"><span class="sign"[^>]*>(.)</span><span class="unit"><ins>(.*?)</ins>',
                       section)
    assert [(sign, text_of(text)) for sign, text in removed] == [("\u2212", "    " + OLD_SENTENCE)], section
    assert [(sign, text_of(text)) for sign, text in added] == [("+", "    " + NEW_SENTENCE)], section
    # within the reworded sentence, the words put in are in bold, nothing else
    assert re.findall(r'<strong class="changed">(.*?)</strong>', added[0][1]) == [", now with a second thought"]
    # labelled with the English heading it falls under, linked to it on the site
    assert "## First section {#first}" in text_of(section)
    # the hash the translation should carry: the English page as it is now
    now = translations.file_hash(project / "docs" / "en" / PROBE)
    assert f'<pre class="hash"><code>source_hash: {now}</code></pre>' in section
    # where to get the files, and the page on the site
    for href in re.findall(r'href="([^"#]+)', section):
        assert (base / "site" / "translate" / href).resolve().is_file(), href
    assert (base / "site" / "translate" / "files" / "zh" / PROBE).read_bytes() == \
        (project / "docs" / "zh" / PROBE).read_bytes()


def test_a_missing_translation_is_listed_as_missing(history):
    project, base = history
    page = (base / "site" / PAGE).read_text(encoding="utf-8")
    assert summary_state(page, "glossary.md") == ["missing"]
    section = page_section(page, "zh", "glossary.md")
    assert "Not translated yet" in text_of(section) and "还没有译文" in text_of(section)
    now = translations.file_hash(project / "docs" / "en" / "glossary.md")
    assert f"source_hash: {now}" in section
    assert 'href="files/en/glossary.md"' in section and "files/zh/glossary.md" not in section


def test_changing_the_source_hash_line_to_the_value_shown_marks_it_translated(history, tmp_path):
    """What a volunteer without tools does: edit the one line, send the file back."""
    project, base = history
    page = (base / "site" / PAGE).read_text(encoding="utf-8")
    shown = re.search(r"<code>source_hash: (\w+)</code>", page_section(page, "zh", PROBE)).group(1)
    path = project / "docs" / "zh" / PROBE
    before = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^source_hash: \w+$", f"source_hash: {shown}", before, flags=re.M),
                    encoding="utf-8")
    try:
        page = status_page_of(project, tmp_path / "site", home_of(base))
    finally:
        path.write_text(before, encoding="utf-8")
    assert summary_state(page, PROBE) == ["translated"]
    assert f'id="zh-{PROBE[:-3]}"' not in page


def test_a_shallow_clone_says_so(history, tmp_path):
    project, base = history
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", project.as_uri(), str(clone)], check=True,
                   capture_output=True)
    page = status_page_of(clone, tmp_path / "site", home_of(base))
    assert "shallow clone" in text_of(page) and "浅克隆" in text_of(page)
    assert summary_state(page, PROBE) == ["outdated"]
    section = page_section(page, "zh", PROBE)
    assert "<del>" not in section and "is not in this copy's history" in text_of(section)


def test_without_git_history_the_page_says_so_and_shows_the_states(history, probe_site, tmp_path):
    _, base = history
    # A build of a copy without .git does not fail and writes the page (conftest.py: probe_site).
    assert not (probe_site[0] / ".git").exists() and (probe_site[1] / PAGE).is_file()
    project = copy_project(tmp_path / "project")  # as from a zip: no .git
    write(project, "en", PROBE, PROBE_EN)
    write(project, "zh", PROBE, probe_zh(PROBE_EN, source_hash="0123456789ab"))
    (project / "docs" / "zh" / "glossary.md").unlink()
    env_before = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path)  # never find a repository above it
    try:
        page = status_page_of(project, tmp_path / "site", home_of(base))
    finally:
        if env_before is None:
            del os.environ["GIT_CEILING_DIRECTORIES"]
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = env_before
    assert "has no git history" in text_of(page) and "没有 git 历史记录" in text_of(page)
    assert summary_state(page, PROBE) == ["outdated"]
    assert summary_state(page, "glossary.md") == ["missing"]
    assert summary_state(page, "index.md") == ["translated"]
    section = page_section(page, "zh", PROBE)
    assert "<del>" not in section and "<ins>" not in section
    assert "section by section" in text_of(section)
    assert "## First section {#first}" in text_of(section)
    assert f"source_hash: {translations.source_hash(PROBE_EN)}" in section


# --- the real site ------------------------------------------------------------

def test_the_site_lists_every_page_in_every_translation(site):
    page = (site / PAGE).read_text(encoding="utf-8")
    project = translations.load_project(ROOT)
    for name in project.pages():
        expected = [translations.state_of(project, name, lang).state.replace(" ", "-")
                    for lang in project.translations]
        assert summary_state(page, name) == expected, name
    # the Chinese parts are tagged as the Chinese pages are (html_lang, docs/i18n/ui.zh.yml)
    assert 'lang="en"' in page and 'lang="zh-Hans"' in page
    assert not re.search(r'(?<![\w-])lang="zh"', page)


def test_the_page_has_the_sites_csp_no_script_and_nothing_from_outside(site):
    page = (site / PAGE).read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    # the site's policy; the hashes of inline scripts and styles are each page's own
    # (the home page has some, this page none)
    unhashed = [re.sub(r" 'sha256-[^']+'", "", tag) for tag in META.findall(home)]
    assert META.findall(page) == unhashed and len(META.findall(page)) == 2
    assert "'unsafe-inline'" not in " ".join(META.findall(page))
    assert "<script" not in page and "<style" not in page and " style=" not in page
    assert not LOADS.search(page)
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert sheets == ["status.css"] and (site / "translate" / "status.css").is_file()
    assert not re.search(r"(@import|url\()", (site / "translate" / "status.css").read_text(encoding="utf-8"))


def test_the_page_is_in_no_navigation_search_index_or_sitemap(site):
    for rel in content_pages(site):
        assert "translate/" not in (site / rel).read_text(encoding="utf-8"), f"{rel} links to it"
    for index in (site / "search" / "search_index.json", site / "zh" / "search" / "search_index.json"):
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        assert not [d for d in docs if "translate" in d["location"] or "Translation status" in d["title"]]
        assert "source_hash" not in index.read_text(encoding="utf-8")
    assert "translate" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_page_is_in_no_offline_edition(editions):
    made = list(editions.values())
    (archive,) = [path for path in made if path.suffix == ".zip"]
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
    assert names and not [name for name in names if "/translate/" in name]
    singles = [path for path in made if path.suffix == ".html"]
    from common import project_config

    languages = project_config.languages(project_config.load(ROOT / "mkdocs.yml"))
    assert len(singles) == 2 * len(languages)  # one full and one small file per language
    for path in singles:
        text = path.read_text(encoding="utf-8")
        assert "Translation status" not in text and "翻译进度" not in text and "translate/" not in text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_contacts_no_one_stores_nothing_and_fits_a_phone(make_context, origin, scheme):
    context, audit = make_context(color_scheme=scheme)
    page = context.new_page()
    visit_and_audit(page, audit, origin, [PAGE])
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"{PAGE} scrolls sideways: {width}"
    assert sorted(url for url in audit.requests if not url.startswith("data:")) == sorted([
        origin + PAGE, origin + "translate/status.css", origin + "assets/img/favicon.svg"])


def test_no_serious_or_critical_wcag_aa_problem(axe_page, axe_script, history):
    """On a page with changes shown and a missing translation, in both colour
    schemes (one load: helpers.axe_in_both_schemes)."""
    _, base = history
    page = axe_page("light")
    with local_site.serve(base / "site") as url:
        page.goto(url + PAGE)
        page.wait_for_load_state("load")
        assert page.locator("ol.diff li.delete").count() and page.locator("ol.diff li.insert").count()
        problems = axe_in_both_schemes(page, axe_script, PAGE)
    assert not problems, "\n".join(problems)
