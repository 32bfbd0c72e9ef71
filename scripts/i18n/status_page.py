"""The translation status page, for translators who have only a browser.

Every build writes `site/translate/index.html` (postbuild/pipeline.py calls
write_page() once, before the CSP step): for every page and every translation, its
state (translated, outdated, missing; translations.py), and for each
outdated page the English changes since the version the translation follows,
as a diff of sentences, with the `source_hash` the translation should carry
once it is updated. Next to it, in `translate/files/<lang>/`, a copy of each
page's Markdown as it is now, to download and edit.

- The history walk is diff.py's (`make i18n-diff`): the same English version
  is found the same way. Without git history (a zip of the repository) the
  page says so and shows the states, which need no history; the build goes on.
- The page is written straight into site/, outside MkDocs' pages: it is not
  in the navigation, the search index or the sitemap, and the offline
  editions leave the whole translate/ folder out (editions/bundle.py).
- It keeps the site's promises: it carries the same Content-Security-Policy,
  referrer and DNS-prefetch meta tags as the site's home page (copied from the built
  page), has no script at all, and its only stylesheet is a file of its own
  (status_page.css, beside this module), so a CSP without 'unsafe-inline'
  suits it too. It names nothing outside the site.
- Its wording, in every language at once, is the `status_page` section of
  each language's interface strings, docs/i18n/ui.<lang>.yml.

Run alone (after a build): `PYTHONPATH=scripts python -m i18n.status_page`.
"""
import argparse
import difflib
import html
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path


from common import md_source
from common import project_config, ui_strings
from i18n import diff as i18n_diff
from i18n import translations as t

HERE = Path(__file__).resolve().parent
STYLESHEET = HERE / "status_page.css"
FOLDER = "translate"  # site/translate/: the page, its stylesheet, the Markdown copies
WORDING = "status_page"  # the section of docs/i18n/ui.<lang>.yml

_META = re.compile(
    r'<meta\s+(?:http-equiv="Content-Security-Policy"|name="referrer"|http-equiv="x-dns-prefetch-control")'
    r'\s[^>]*>', re.I)
# The site's icon, so that browsers do not ask for /favicon.ico (a 404).
ICON = '<link rel="icon" href="../assets/img/favicon.svg">'


# Only if the home page carries no such tags (it always should): nothing but
# this folder's own stylesheet, and no referrer.
FALLBACK_META = [
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'self\'; '
    'img-src \'self\'; base-uri \'none\'; form-action \'none\'">',
    '<meta name="referrer" content="no-referrer">',
    '<meta http-equiv="x-dns-prefetch-control" content="off">',
]

SIGN = {"delete": "\u2212", "insert": "+", "equal": " "}
STATE_SIGN = {t.TRANSLATED: "\u2713", t.OUTDATED: "!", t.MISSING: "\u2717", t.ORPHAN: "?"}


# --- sentences ----------------------------------------------------------------

# The end of a sentence: . ! or ? and any closing quotes, brackets or emphasis,
# then footnote references, then white space and more text.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]*_]*(?:\[\^[^\]\s]+\])*(?=\s+\S)")
_NOT_AN_END = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|cf|No|Mr|Mrs|Ms|Dr|St)|\b[A-Z])\.$")


def sentences(line):
    """A line of Markdown cut into sentences (each keeps its own text, indentation on the first)."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(line):
        if _NOT_AN_END.search(line[:match.start() + 1]):
            continue
        out.append(line[start:match.end()])
        start = match.end()
        while start < len(line) and line[start].isspace():
            start += 1
    out.append(line[start:])
    return [s.rstrip() for s in out if s.strip()]


@dataclass
class Unit:
    line: int  # 1-based line of the file
    text: str


def units(text):
    """Every sentence of the file, with its line number; blank lines leave none."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        found += [Unit(number, s) for s in sentences(line)]
    return found


@dataclass
class Hunk:
    heading: object  # md_source.Heading the change falls under, or None (front matter, top)
    rows: list  # (kind, pieces): kind is "equal", "delete" or "insert"; pieces [(changed, text)]


_WORD = re.compile(r"\w+|\s+|[^\w\s]")


def _tokens_matcher(old, new):
    return difflib.SequenceMatcher(None, _WORD.findall(old), _WORD.findall(new), autojunk=False)


def word_pieces(matcher):
    """Both sentences of a word matcher as [(changed, text)], the words that differ marked."""
    a, b = matcher.a, matcher.b
    old_pieces, new_pieces = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            old_pieces.append((changed, "".join(a[i1:i2])))
        if j2 > j1:
            new_pieces.append((changed, "".join(b[j1:j2])))
    return old_pieces, new_pieces


SIMILAR = 0.5  # how much of a sentence must stay for it to count as reworded, not replaced
MAX_PAIRS = 2500  # beyond this many comparisons in one block, show it without pairing


def replaced(olds, news):
    """Rows for a block of sentences taken out (olds) and put in (news).

    Each old sentence that was reworded is shown just above its new wording,
    with the words that changed marked; the pairs keep their order (like
    difflib.Differ, at the level of sentences). The rest are shown as taken
    out or put in."""
    def plain(kind, unit):
        return kind, [(False, unit.text)]

    if len(olds) * len(news) > MAX_PAIRS:
        return [plain("delete", u) for u in olds] + [plain("insert", u) for u in news]
    rows, next_new = [], 0
    for old in olds:
        best, best_ratio, best_matcher = None, SIMILAR, None
        for k in range(next_new, len(news)):
            matcher = _tokens_matcher(old.text, news[k].text)
            if matcher.ratio() >= best_ratio:
                best, best_ratio, best_matcher = k, matcher.ratio(), matcher
        if best is None:
            rows.append(plain("delete", old))
            continue
        rows += [plain("insert", u) for u in news[next_new:best]]
        before, after = word_pieces(best_matcher)
        rows += [("delete", before), ("insert", after)]
        next_new = best + 1
    return rows + [plain("insert", u) for u in news[next_new:]]


def sentence_diff(old_text, new_text, context=1):
    """The English changes as hunks of sentences, each under the heading it falls in."""
    old, new = units(old_text), units(new_text)
    matcher = difflib.SequenceMatcher(
        None, [u.text.strip() for u in old], [u.text.strip() for u in new], autojunk=False)
    heads = md_source.headings(new_text)
    hunks = []
    for group in matcher.get_grouped_opcodes(context):
        rows, first_line = [], None
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [("equal", [(False, u.text)]) for u in new[j1:j2]]
                continue
            if first_line is None:
                first_line = new[j1].line if j1 < len(new) else (new[-1].line if new else 1)
            rows += replaced(old[i1:i2], new[j1:j2])
        above = [h for h in heads if h.line <= (first_line or 1)]
        hunks.append(Hunk(above[-1] if above else None, rows))
    return hunks


# --- what the page says about each translation --------------------------------

@dataclass
class Entry:
    page: str
    lang: str
    state: object  # translations.State
    found: object = None  # (commit, date, old bytes) of the English version followed, or None
    hunks: list = None  # the changes, when found


def entries(project, history):
    """One Entry per page and translation language, with the changes where they can be shown."""
    out = {}
    for page in project.pages():
        for lang in project.translations:
            state = t.state_of(project, page, lang)
            entry = Entry(page, lang, state)
            if state.state == t.OUTDATED and state.reason == t.CHANGED and history != i18n_diff.NO_GIT:
                rel = os.path.relpath(project.path(project.default, page), project.root)
                entry.found = i18n_diff.find_version(project.root, rel, state.recorded)
                if entry.found:
                    old = entry.found[2].decode("utf-8", "replace").replace("\r\n", "\n")
                    new = project.path(project.default, page).read_text(encoding="utf-8").replace("\r\n", "\n")
                    entry.hunks = sentence_diff(old, new)
            out[page, lang] = entry
    return out


# --- HTML ---------------------------------------------------------------------

def load_wording(project):
    """{lang: {key: text}}, the default language first, then the translations (each
    language's interface strings, `status_page`; not the generated languages')."""
    return {code: ui_strings.read(project.docs_dir, code, project.root)[WORDING]
            for code in [project.default] + project.translations}


class Writer:
    def __init__(self, project, wording, names, tags, use_directory_urls):
        self.project = project
        self.wording = wording
        self.names = names  # {code: language name}
        self.tags = tags  # {code: the lang attribute its pages use, as zh-Hans}
        self.use_directory_urls = use_directory_urls

    def tag(self, lang):
        """The lang attribute for text in `lang`: the site's html_lang (zh-Hans) where it has one."""
        return html.escape(str(self.tags.get(lang, lang)))

    @staticmethod
    def text(value, **fields):
        """Escape `value`, fill in {fields} and turn `code` into <code>."""
        value = html.escape(str(value), quote=False)
        for name, field in fields.items():
            value = value.replace("{" + name + "}", html.escape(str(field), quote=False))
        return re.sub(r"`([^`]+)`", r"<code>\1</code>", value)

    def each(self, key, **fields):
        """(lang, HTML) for the wording of `key` in every language."""
        return [(lang, self.text(words[key], **fields)) for lang, words in self.wording.items() if key in words]

    def block(self, key, tag="p", cls="", **fields):
        attr = f' class="{cls}"' if cls else ""
        return "".join(f'<{tag} lang="{self.tag(lang)}"{attr}>{text}</{tag}>' for lang, text in self.each(key, **fields))

    def inline(self, key, **fields):
        return " <span class=\"sep\" aria-hidden=\"true\">\u00b7</span> ".join(
            f'<span lang="{self.tag(lang)}">{text}</span>' for lang, text in self.each(key, **fields))

    def url(self, lang, page):
        """The page on the site, relative to translate/index.html."""
        prefix = "" if lang == self.project.default else f"{lang}/"
        stem = page[:-3]
        if self.use_directory_urls:
            target = "" if stem == "index" else (stem[:-len("index")] if stem.endswith("/index") else stem + "/")
        else:
            target = stem + ".html"
        return html.escape(f"../{prefix}{target}" or "../")

    @staticmethod
    def anchor(page, lang):
        return html.escape(f"{lang}-{page[:-3].replace('/', '-')}")

    @staticmethod
    def file_url(lang, page):
        return html.escape(f"files/{lang}/{page}")

    def state_key(self, state):
        if state.state == t.OUTDATED and state.reason == t.UNMARKED:
            return "unmarked"
        return {t.TRANSLATED: "translated", t.OUTDATED: "outdated",
                t.MISSING: "missing", t.ORPHAN: "orphan"}[state.state]

    def state_label(self, state):
        return (f'<span class="state state-{state.state.replace(" ", "-")}">'
                f'<span class="sign" aria-hidden="true">{STATE_SIGN[state.state]}</span> '
                f'{self.inline(self.state_key(state))}</span>')

    def summary(self, found):
        langs = self.project.translations
        head = "".join(f'<th scope="col"><span lang="{self.tag(lang)}">{html.escape(self.names.get(lang, lang))}</span> '
                       f'(<code>{html.escape(self.project.label(lang, ""))}</code>)</th>' for lang in langs)
        rows = []
        for page in self.project.pages():
            cells = []
            for lang in langs:
                entry = found[page, lang]
                label = self.state_label(entry.state)
                if entry.state.state != t.TRANSLATED:
                    label = f'<a href="#{self.anchor(page, lang)}">{label}</a>'
                cells.append(f"<td>{label}</td>")
            rows.append(f'<tr><th scope="row"><code>{html.escape(page)}</code></th>{"".join(cells)}</tr>')
        return (f'<h2 id="summary">{self.inline("summary_title")}</h2>'
                f'<div class="table"><table><thead><tr><th scope="col">{self.inline("page")}</th>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    def sections_list(self, page):
        text = self.project.path(self.project.default, page).read_text(encoding="utf-8")
        items = []
        for h in md_source.headings(text):
            title = html.escape(("#" * h.level) + " " + h.title)
            if h.id:
                title += f" {{#{html.escape(h.id)}}}"
                title = f'<a href="{self.url(self.project.default, page)}#{html.escape(h.id)}" hreflang="{self.project.default}">{title}</a>'
            items.append(f"<li>{title}</li>")
        return f'<ul class="sections" lang="{self.tag(self.project.default)}">{"".join(items)}</ul>'

    def hash_box(self, key, value):
        return (self.block(key, cls="hash-label")
                + f'<pre class="hash"><code>{t.HASH_KEY}: {html.escape(value)}</code></pre>')

    def hunk(self, hunk):
        if hunk.heading is None:
            where = self.inline("front_matter")
        else:
            h = hunk.heading
            where = html.escape(("#" * h.level) + " " + h.title) + (f" {{#{html.escape(h.id)}}}" if h.id else "")
            where = f'<span lang="{self.tag(self.project.default)}">{where}</span>'
        rows = []
        for kind, pieces in hunk.rows:
            body = "".join(f'<strong class="changed">{html.escape(text, quote=False)}</strong>'
                           if changed and text.strip() else html.escape(text, quote=False)
                           for changed, text in pieces)
            tag = {"delete": "del", "insert": "ins"}.get(kind)
            if tag:
                body = f"<{tag}>{body}</{tag}>"
            rows.append(f'<li class="{kind}"><span class="sign" aria-hidden="true">{SIGN[kind]}</span>'
                        f'<span class="unit">{body}</span></li>')
        return (f'<div class="hunk"><p class="where"><span class="where-label">{self.inline("in_section")}</span> {where}</p>'
                f'<ol class="diff" lang="{self.tag(self.project.default)}">{"".join(rows)}</ol></div>')

    def detail(self, entry):
        page, lang, state = entry.page, entry.lang, entry.state
        default = self.project.default
        parts = [f'<section class="page" id="{self.anchor(page, lang)}" aria-labelledby="{self.anchor(page, lang)}-h">'
                 f'<h3 id="{self.anchor(page, lang)}-h"><code>{html.escape(page)}</code> {self.state_label(state)}</h3>']
        files, reads = [], []
        if self.project.path(lang, page).is_file():
            files.append(f'<a href="{self.file_url(lang, page)}" download="{html.escape(page.split("/")[-1])}" '
                         f'type="text/markdown">{self.inline("file_translation")}</a>')
        if self.project.path(default, page).is_file():
            files.append(f'<a href="{self.file_url(default, page)}" download="{html.escape(page.split("/")[-1])}" '
                         f'type="text/markdown">{self.inline("file_english")}</a>')
            reads.append(f'<a href="{self.url(lang, page)}" hreflang="{lang}">{self.inline("read_translation")}</a>')
            reads.append(f'<a href="{self.url(default, page)}" hreflang="{default}">{self.inline("read_english")}</a>')
        links = f'<p class="links"><span>{self.inline("files")}</span> ' + " | ".join(files) + "</p>"
        if reads:
            links += f'<p class="links"><span>{self.inline("read")}</span> ' + " | ".join(reads) + "</p>"
        parts.append(links)
        if state.state == t.ORPHAN:
            parts.append(self.block("orphan_text"))
        elif state.state == t.MISSING:
            parts.append(self.block("missing_text"))
            parts.append(self.hash_box("hash_new", state.current))
        elif state.reason == t.UNMARKED:
            parts.append(self.hash_box("hash_update", state.current))
            parts.append(self.block("unmarked_text") + self.sections_list(page))
        elif entry.found is None:
            parts.append(self.hash_box("hash_update", state.current))
            parts.append(self.block("not_found_text", hash=state.recorded) + self.sections_list(page))
        else:
            commit, date, _ = entry.found
            parts.append(self.hash_box("hash_update", state.current))
            parts.append(self.block("changes", commit=commit[:10], date=date))
            if entry.hunks:
                parts += [self.hunk(h) for h in entry.hunks]
            else:
                parts.append(self.block("spacing_only"))
        parts.append("</section>")
        return "".join(parts)

    def generated(self, lang, source):
        """A generated language (hant/): each page, converted from which
        source text, and reviewed or not (its review record)."""
        from hant import review

        names = {"language": self.names.get(lang, lang), "source": self.names.get(source, source)}
        table = f"docs/i18n/{lang.lower()}.yml"
        record = f"docs/i18n/{lang.lower()}-review.yml"
        rows = []
        for page in self.project.pages():
            if not (self.project.docs_dir / source / page).is_file():
                continue
            state = review.state_of(str(self.project.docs_dir), lang, source, page)
            label = self.inline("generated_" + state.state)
            reviewed = ""
            if state.entry:
                entry = state.entry
                reviewed = html.escape(f"{entry['date']} · {entry['reviewer']} · {t.HASH_KEY}: {entry['source_hash']}")
            rows.append(f'<tr><th scope="row"><a href="{self.url(lang, page)}" hreflang="{lang}"><code>{html.escape(page)}</code></a></th>'
                        f'<td><span class="state state-{state.state}">{label}</span></td>'
                        f'<td><code>{html.escape(state.current)}</code></td><td>{reviewed}</td></tr>')
        return (f'<h2 id="{html.escape(lang)}">{self.inline("generated_title", **names)}</h2>'
                f'{self.block("generated_intro", table=table, review=record, **names)}'
                f'<div class="table"><table><thead><tr><th scope="col">{self.inline("page")}</th>'
                f'<th scope="col">{self.inline("generated_state")}</th>'
                f'<th scope="col">{self.inline("generated_source")}</th>'
                f'<th scope="col">{self.inline("generated_review")}</th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>')

    def work(self, found, lang):
        name = self.names.get(lang, lang)
        todo = [found[page, lang] for page in self.project.pages() if found[page, lang].state.state != t.TRANSLATED]
        body = "".join(self.detail(entry) for entry in todo) or self.block("all_done")
        return f'<h2 id="{html.escape(lang)}">{self.inline("work_title", language=name)}</h2>{body}'

    def page(self, found, history, head_meta):
        how = []
        for index in range(len(self.wording[self.project.default]["how_steps"])):
            how.append("<li>" + " ".join(
                f'<span lang="{self.tag(lang)}">{self.text(words["how_steps"][index])}</span>'
                for lang, words in self.wording.items() if index < len(words.get("how_steps", []))) + "</li>")
        notice = ""
        if history == i18n_diff.NO_GIT:
            notice = f'<div class="notice" role="note">{self.block("no_history")}</div>'
        elif history == i18n_diff.SHALLOW:
            notice = f'<div class="notice" role="note">{self.block("shallow_history")}</div>'
        title = " \u00b7 ".join(words["title"] for words in self.wording.values())
        default = self.project.default
        return (
            f'<!doctype html>\n<html lang="{self.tag(default)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            + "".join(meta + "\n" for meta in head_meta)
            + f'<meta name="robots" content="noindex">\n'
            f'<title>{html.escape(title)}</title>\n'
            f'{ICON}\n<link rel="stylesheet" href="status.css">\n</head>\n<body>\n'
            f'<header><p class="home"><a href="{self.url(default, "index.md")}">{self.inline("home")}</a></p>'
            f'<h1>{self.inline("title")}</h1></header>\n<main>\n'
            f'{self.block("intro")}{notice}'
            f'<h2 id="how">{self.inline("how_title")}</h2><ol class="steps">{"".join(how)}</ol>'
            f'<div class="legend">{self.block("legend")}</div>\n'
            f'{self.summary(found)}\n'
            + "\n".join(self.work(found, lang) for lang in self.project.translations)
            + "".join(self.generated(lang, source) for lang, source in (self.project.generated or {}).items())
            + f'\n</main>\n<footer>{self.block("note")}</footer>\n</body>\n</html>\n'
        )


# --- writing it ---------------------------------------------------------------

def head_meta_of(site_dir, default_prefix="", home_html=None):
    """The CSP, referrer and DNS-prefetch meta tags of the built home page, as they are
    (`home_html`: its text, if the caller holds it, postbuild/pipeline.py)."""
    if home_html is not None:
        return _META.findall(home_html) or FALLBACK_META
    home = Path(site_dir) / default_prefix / "index.html"
    if not home.is_file():
        raise FileNotFoundError(f"{home}: the status page copies its CSP from the built home page")
    return _META.findall(home.read_text(encoding="utf-8")) or FALLBACK_META


def language_names_and_tags(project):
    """From mkdocs.yml: {code: language name} and {code: the lang attribute its
    pages use}, its interface strings' html_lang (zh-Hans)."""
    config = project_config.load(project.root / "mkdocs.yml")
    languages = project_config.i18n(config).get("languages") or []
    names = {lang["locale"]: lang.get("name", lang["locale"]) for lang in languages}
    tags = {code: ui_strings.for_language(config, code)["html_lang"] for code in names}
    return names, tags


def write(project, site_dir, use_directory_urls=False, home_html=None):
    """Write translate/ into `site_dir`; return the page's path."""
    site_dir = Path(site_dir)
    history = i18n_diff.missing_history(project.root)
    found = entries(project, history)
    names, tags = language_names_and_tags(project)
    writer = Writer(project, load_wording(project), names, tags, use_directory_urls)
    html_text = writer.page(found, history, head_meta_of(site_dir, home_html=home_html))
    folder = site_dir / FOLDER
    if folder.exists():
        shutil.rmtree(folder)
    for lang in [project.default] + project.translations:
        for page in project.pages():
            source = project.path(lang, page)
            if source.is_file():
                target = folder / "files" / lang / page
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STYLESHEET, folder / "status.css")
    path = folder / "index.html"
    path.write_text(html_text, encoding="utf-8")
    return path


def write_page(config, home_html=None):
    """A step of the post-build pipeline (postbuild/pipeline.py), once every language is built."""
    project = t.project_from_config(config)
    if not project.translations:
        return
    write(project, config.site_dir, bool(config.use_directory_urls), home_html)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", help="the built site (default: site)")
    args = parser.parse_args(argv)
    path = write(t.load_project(project_config.PROJECT), args.site_dir)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
