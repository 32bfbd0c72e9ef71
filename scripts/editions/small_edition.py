"""The small edition: one file per language with only the self-check and the
steps its answers lead to, small enough for chat apps (at most 150 KB,
tests/test_small_edition.py). It leaves out the footnotes (the sources),
which would take a quarter of its weight; the file says that the full
editions have them.

It is made from the built site like the one-file edition (single_file.py,
whose rewriting it reuses), and it knows nothing of the check page's
questions: it takes the page of the site's navigation whose form links its
answers to steps (`a[data-step]`, the "judge it yourself" lists) and keeps
that page whole, less the per-phone menu paths (one hidden block per phone
system in each step: the full editions have them). Where the steps carry
their own how-to (`details.sc-step`), the step links lead there; otherwise
the file adds from every other page only the sections those step links lead
to (a heading down to the next heading of the same rank), with no
footnotes. Links to anything else become plain text.

Chat apps often show a file without running its scripts; the "judge it
yourself" lists under each part of the check are enough to use it then.
"""
import re
from pathlib import Path

from editions import single_file

_HEADING = re.compile(r"^h([1-6])$")


class SmallEditionError(Exception):
    pass


def _rank(element):
    match = _HEADING.match(getattr(element, "name", None) or "")
    return int(match.group(1)) if match else None


def _top_block(element, article):
    while element.parent is not None and element.parent is not article:
        element = element.parent
    return element


def _section(article, anchor):
    """The top-level elements of the section that starts at `anchor`'s heading."""
    start = _top_block(anchor, article)
    rank = _rank(start)
    blocks = [start]
    if rank is None:
        return blocks
    for sibling in start.find_next_siblings():
        other = _rank(sibling)
        if other is not None and other <= rank:
            break
        if sibling.name == "div" and "footnote" in (sibling.get("class") or []):
            break
        blocks.append(sibling)
    return blocks


def keep_sections(page, anchors):
    """Trim a page's article to its title and the sections at `anchors`."""
    article = page.article
    children = [c for c in article.children if getattr(c, "name", None)]
    keep = set()
    h1 = article.find("h1")
    if h1 is not None:
        keep.add(id(_top_block(h1, article)))
    for note in article.select(".page-reviewed"):  # the "Last reviewed" date under the title
        keep.add(id(_top_block(note, article)))
    for anchor in anchors:
        element = article.find(id=anchor)
        if element is None:
            raise SmallEditionError(f"{page.name}: a step links to #{anchor}, which the page does not have")
        keep.update(id(block) for block in _section(article, element))
    for child in children:
        if id(child) not in keep:
            child.decompose()
    return page


def drop_footnotes(page):
    for element in page.article.select("div.footnote"):
        element.decompose()
    for ref in page.article.select("a.footnote-ref"):
        (ref.find_parent("sup") or ref).decompose()
    return page


def step_targets(check):
    """{page name: [anchors]} that the check page's step links lead to, in link order."""
    targets = {}
    for link in check.article.select("a[data-step][href]"):
        path, _, frag = link["href"].partition("#")
        if not path or single_file._SCHEME.match(path):
            continue
        anchors = targets.setdefault(path, [])
        if frag and frag not in anchors:
            anchors.append(frag)
    return targets


MIRRORS_PAGE, MIRRORS_SECTION = "mirrors.html", "list"


def collect(site_dir, prefix):
    """The check page whole, then the step sections of the pages it leads to, in nav order,
    then the list of mirrors."""
    index = (Path(site_dir) / prefix / "index.html").read_text(encoding="utf-8")
    names = single_file.nav_pages(index)
    pages = {name: single_file.read_page(site_dir, prefix, name) for name in names}
    check = single_file.check_page(pages.values())
    if check is None:
        raise SmallEditionError(f"{prefix or 'the default language'}: no page has a self-check form with step links")
    # The phone-by-phone menu paths (one hidden block per phone system in
    # each step) would double the file: the full editions have them.
    for block in check.article.select("div.sc-atlas[data-system]"):
        block.decompose()
    chosen = [check]
    steps = check.article.select("details.sc-step[data-step]")
    if steps:
        # Each step carries its own how-to: a step link leads to it, in the
        # file; the script keeps that list of every step (data-keep), after
        # the reader's own result.
        for step in steps:
            step["id"] = f"step-{step['data-step']}"
        for store in check.article.select(".sc-store"):
            store["data-keep"] = ""
        for link in check.article.select("a[data-step]"):
            link["href"] = f"#step-{link['data-step']}"
            for attr in ("target", "rel"):
                link.attrs.pop(attr, None)
    else:
        # A check page whose steps carry no how-to of their own: add the
        # guide sections its step links lead to.
        targets = step_targets(check)
        for name in names:
            if name in targets and name != check.name:
                chosen.append(keep_sections(pages[name], targets[name]))
    # Where other copies of the site are (docs/mirrors.yml): a reader holding
    # only this file can still find a live one.
    if MIRRORS_PAGE in pages:
        chosen.append(keep_sections(pages[MIRRORS_PAGE], [MIRRORS_SECTION]))
    return single_file.link_pages([drop_footnotes(page) for page in chosen], partial=True), index


def render(site_dir, config, lang, prefix, version, neutral=False):
    pages, index_html = collect(site_dir, prefix)
    # document() fails on an id used twice or an in-page link that leads nowhere
    return single_file.document(site_dir, config, lang, version, pages, index_html, neutral, small=True)


def write(site_dir, config, lang, prefix, version, dest, neutral=False):
    text = render(site_dir, config, lang, prefix, version, neutral)
    Path(dest).write_bytes(text.encode("utf-8"))
    return Path(dest)
