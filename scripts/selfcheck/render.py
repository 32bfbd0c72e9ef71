"""The self-check page as Markdown: the form, the "judge it yourself" lists,
the result section and the data the page's script reads.

Everything is written as Markdown (with md_in_html blocks), so that MkDocs
itself resolves the step links for each language and the strict build fails
on a link to a missing page or section. The script finds each step's link on
the page (the `data-step` links in the "judge it yourself" lists) instead of
carrying its own copy.
"""
import html
import json
import re

from selfcheck.rules import as_json

# The words the check shows besides questions and steps, with the
# {placeholders} each must keep. Every language's check.md lists them all.
WORDS = {
    "noscript": set(),
    "judge": set(),
    "judge-how": {"medium", "higher"},
    "see-result": set(),
    "bar": {"level", "answered", "total"},
    "clear": set(),
    "result": set(),
    "result-nojs": set(),
    "no-answers": set(),
    "answered": {"answered", "total"},
    "overall": {"level"},
    "not-answered": set(),
    "lower": set(),
    "medium": set(),
    "higher": set(),
    "first-steps": set(),
    "more-steps": set(),
    "no-steps": set(),
    "note": set(),
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def md_text(text):
    """Plain text made safe to put inside generated Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def attr(text):
    return html.escape(text, quote=True)


def fill(template, **values):
    return re.sub(r"\{([a-z]+)\}", lambda m: str(values[m.group(1)]), template)


def render_question(question, text):
    options = "\n".join(
        f'<label><input type="radio" name="{attr(question.id)}" value="{attr(o.id)}"> '
        f"<span>{attr(text.options[o.id].text)}</span></label>"
        for o in question.options
    )
    return (
        f'<fieldset class="sc-q" id="q-{attr(question.id)}" markdown="block">\n'
        f"<legend>{attr(text.text)}</legend>\n"
        f'<div class="sc-explain" markdown="block">\n\n{text.explanation}\n\n</div>\n'
        f'<div class="sc-opts">\n{options}\n</div>\n'
        "</fieldset>"
    )


def step_link(step, wording):
    title = md_text(wording.steps[step.id].title)
    return f'[{title}]({step.link}){{: data-step="{step.id}" }}'


def render_judge(area, questions, wording, rules):
    """The by-hand guide for one area: which answers add points, and which steps they call for."""
    steps = {s.id: s for s in rules.steps}
    lines = []
    for question in questions:
        groups = {}  # (risk, steps) -> option labels, in option order
        for option in question.options:
            if option.risk or option.steps:
                label = md_text(wording.questions[question.id].options[option.id].text)
                groups.setdefault((option.risk, option.steps), []).append(label)
        if not groups:
            continue
        lines.append(f"- **{md_text(wording.questions[question.id].text)}**")
        for (risk, called), labels in groups.items():
            links = " · ".join(step_link(steps[s], wording) for s in called)
            lines.append(f"    - {' / '.join(labels)} **+{risk}**" + (f" → {links}" if links else ""))
    how = md_text(fill(wording.words["judge-how"].text, medium=area.medium, higher=area.higher))
    return (
        '<details class="sc-judge" markdown="block">\n'
        f"<summary>{attr(wording.words['judge'].text)}</summary>\n\n"
        f"{how}\n\n" + "\n".join(lines) + "\n\n</details>"
    )


def page_data(wording, rules):
    data = as_json(rules)
    data["areaNames"] = {a: wording.areas[a].text for a in wording.areas}
    data["steps"] = [
        {"id": s.id, "title": wording.steps[s.id].title, "reason": wording.steps[s.id].reason}
        for s in rules.steps
    ]
    data["words"] = {w: wording.words[w].text for w in WORDS}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def render(wording, rules):
    """The Markdown of the whole check page: the introduction, then the check."""
    words = {w: wording.words[w].text for w in WORDS}
    parts = [
        wording.intro,
        f'<noscript><p class="sc-noscript">{attr(words["noscript"])}</p></noscript>',
        '<form id="self-check" class="sc" autocomplete="off" markdown="block">',
    ]
    for area in rules.areas:
        text = wording.areas[area.id]
        questions = [q for q in rules.questions if q.area == area.id]
        parts.append(f"## {text.text} {{#{area.id}}}")
        if text.description:
            parts.append(text.description)
        parts.extend(render_question(q, wording.questions[q.id]) for q in questions)
        parts.append(render_judge(area, questions, wording, rules))
    parts += [
        '<div class="sc-bar" hidden>\n<span class="sc-bar-text"></span>\n'
        f'<button type="button" class="sc-see">{attr(words["see-result"])}</button>\n</div>',
        f'<p class="sc-actions"><button type="reset" class="md-button sc-clear">'
        f'{attr(words["clear"])}</button></p>',
        "</form>",
        '<section id="self-check-result" class="sc-result" aria-live="polite" markdown="block">',
        f"## {md_text(words['result'])} {{#self-check-result-title}}",
        f'<div class="sc-out">\n<p>{attr(words["result-nojs"])}</p>\n</div>',
        "</section>",
        f'<script type="application/json" id="self-check-data">{page_data(wording, rules)}</script>',
    ]
    return "\n\n".join(parts) + "\n"
