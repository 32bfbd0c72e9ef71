"""The post-build pipeline (scripts/postbuild/pipeline.py): its order is
data, the CSP step stays last (a step registered after it stops the build,
and so does a page changed after it hashed the pages), each page is read
once and written once, and the tests share its list of the site's pages."""
from types import SimpleNamespace

import pytest

from postbuild import pipeline, site as site_model
from postbuild.pipeline import Pipeline, PipelineError, Step


def small_site(tmp_path):
    (tmp_path / "zh").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "translate").mkdir()
    for rel in ("index.html", "404.html", "zh/index.html", "assets/blank.html", "translate/index.html"):
        (tmp_path / rel).write_text(f"<p>{rel}</p>", encoding="utf-8")
    return SimpleNamespace(site_dir=str(tmp_path))


def test_the_site_pages_are_one_list_shared_with_the_tests(tmp_path, site, pages):
    small_site(tmp_path)
    assert site_model.reader_pages(tmp_path) == ["404.html", "index.html", "zh/index.html"]
    assert pages == site_model.reader_pages(site)


def test_the_declared_order_ends_with_the_csp():
    names = [step.name for step in pipeline.STEPS]
    assert names[-1] == "csp" and pipeline.STEPS[-1].last
    assert names.index("inline_css") < names.index("status_page") < names.index("csp")
    assert names.index("trim_theme_css") < names.index("inline_css")


def test_a_step_registered_after_the_csp_stops_the_build():
    late = Step("late", "changes a page", site=lambda site: None)
    with pytest.raises(PipelineError, match=r"'late' registered after 'csp', which must run last"):
        Pipeline(pipeline.STEPS + (late,))


def test_a_page_changed_after_hashing_stops_the_build(tmp_path):
    config = small_site(tmp_path)
    hashed = Pipeline([Step("csp", "hashes", site=lambda site: None, last=True)])
    hashed.run(config)
    hashed.check_unchanged()  # nothing changed: fine
    (tmp_path / "zh" / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"zh/index.html: changed after the post-build step 'csp'"):
        hashed.check_unchanged()


def test_each_page_is_read_once_and_written_once(tmp_path, monkeypatch):
    config = small_site(tmp_path)
    reads, writes = [], []
    real_read, real_write = site_model.Path.read_text, site_model.Path.write_text
    monkeypatch.setattr(site_model.Path, "read_text", lambda self, **k: reads.append(self.name) or real_read(self, **k))
    monkeypatch.setattr(site_model.Path, "write_text",
                        lambda self, text, **k: writes.append(self.name) or real_write(self, text, **k))

    def shout(page, shared):
        page.text = page.text.upper()

    def add(page, shared):
        page.text += shared

    steps = [Step("a", "", prepare=lambda site: None, page=shout),  # prepare None: the step has nothing to do
             Step("b", "", prepare=lambda site: "!", page=shout),
             Step("c", "", prepare=lambda site: "!", page=add),
             Step("d", "", site=lambda site: None)]
    Pipeline(steps).run(config)
    assert sorted(reads) == sorted(writes) == ["404.html", "index.html", "index.html"]
    assert (tmp_path / "zh" / "index.html").read_text(encoding="utf-8") == "<P>ZH/INDEX.HTML</P>!"
    assert (tmp_path / "assets" / "blank.html").read_text(encoding="utf-8") == "<p>assets/blank.html</p>"


def test_a_page_step_after_the_pages_were_written_stops_the_build(tmp_path):
    config = small_site(tmp_path)
    steps = [Step("a", "", prepare=lambda site: 1, page=lambda page, shared: None),
             Step("b", "", site=lambda site: None),
             Step("c", "", prepare=lambda site: 1, page=lambda page, shared: None)]
    with pytest.raises(PipelineError, match="page step 'c' comes after a whole-site step"):
        Pipeline(steps).run(config)


def test_the_site_scripts_ship_minified_and_still_parse(site):
    """minify_scripts: every script of docs/assets/js/ is in site/ without its
    comments, smaller, and still a script Node can parse; reading-safety.js
    keeps the words written into it before (the step's order)."""
    import gzip
    import shutil
    import subprocess

    from helpers import ROOT

    sources = sorted((ROOT / "docs" / "assets" / "js").glob("*.js"))
    assert sources
    node = shutil.which("node")
    for source in sources:
        built = site / "assets" / "js" / source.name
        text = built.read_text(encoding="utf-8")
        assert "/*" not in text and "\n//" not in text, f"{source.name}: comments left"
        assert len(gzip.compress(text.encode())) < 0.8 * len(gzip.compress(source.read_bytes())), source.name
        if node:
            subprocess.run([node, "--check", str(built)], check=True, capture_output=True, timeout=60)
    assert "READING_SAFETY_STRINGS" not in (site / "assets" / "js" / "reading-safety.js").read_text(encoding="utf-8")
    assert '"quick_exit"' in (site / "assets" / "js" / "reading-safety.js").read_text(encoding="utf-8")
