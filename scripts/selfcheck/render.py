"""The self-check page as Markdown: the form, the "judge it yourself" lists,
the result section with every step's how-to, and the data the page's script
reads.

Everything is written as Markdown (with md_in_html blocks), so that MkDocs
itself resolves the step links for each language and the strict build fails
on a link to a missing page or section. Every step is written once, as a
`<details>` with its reason, its how-to (parts of which may be marked for some
phone systems only, data-on), the settings atlas's menu paths for each phone
system and task (hidden; the script shows the reader's, each task once per
result, as rules.yml's `boxes` say) and a link to the guide; without
JavaScript they are all listed in the result, and the script copies the ones
the answers call for into the groups of the plan.
"""
import html
import json
import re

from atlas import render as atlas_render
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
    "too-few": {"count"},
    "now-steps": set(),
    "week-steps": set(),
    "later-steps": set(),
    "read-steps": set(),
    "minutes": {"minutes"},
    "guide": set(),
    "all-steps": set(),
    "on-your-phone": {"phone", "task"},
    "skip": {"answers"},
    "skip-answer": {"question", "options"},
    "or": set(),
    "urgency-imminent": set(),
    "urgency-reach": set(),
    "unavailable": set(),
    "atlas-none": {"search"},
    "exit-file": set(),
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


def fill_html(template, **values):
    """`fill` for HTML: the template is escaped, the values are HTML already."""
    parts = re.split(r"\{([a-z]+)\}", template)
    return "".join(values[part] if i % 2 else attr(part) for i, part in enumerate(parts))


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
    minutes = ""
    if step.minutes:
        minutes = " (" + md_text(fill(wording.words["minutes"].text, minutes=step.minutes)) + ")"
    return f'[{title}]({step.link}){{: data-step="{step.id}" }}{minutes}'


def skip_note(question, wording):
    """"skip it if you answered …" for a question that does not always apply,
    naming each earlier question by its short label."""
    words = wording.words
    answers = words["or"].text.join(
        fill(words["skip-answer"].text, question=wording.questions[qid].short,
             options=words["or"].text.join(wording.questions[qid].options[o].text for o in options))
        for qid, options in question.skip_if
    )
    return md_text(fill(words["skip"].text, answers=answers))


def render_judge(area, questions, wording, rules):
    """The by-hand guide for one area: which answers add points, and which steps they call for."""
    steps = {s.id: s for s in rules.steps}
    lines = []
    for question in questions:
        groups = {}  # (risk, steps, urgency) -> option labels, in option order
        for option in question.options:
            if option.risk or option.steps:
                label = md_text(wording.questions[question.id].options[option.id].text)
                groups.setdefault((option.risk, option.steps, option.urgency), []).append(label)
        if not groups:
            continue
        skip = f" ({skip_note(question, wording)})" if question.skip_if else ""
        lines.append(f"- **{md_text(wording.questions[question.id].text)}**{skip}")
        for (risk, called, urgency), labels in groups.items():
            links = " · ".join(step_link(steps[s], wording) for s in called)
            mark = wording.words.get(f"urgency-{urgency}")
            first = f" (**{md_text(mark.text)}**)" if mark and links else ""
            lines.append(f"    - {' / '.join(labels)} **+{risk}**" + (f" → {links}{first}" if links else ""))
    how = md_text(fill(wording.words["judge-how"].text, medium=area.medium, higher=area.higher))
    return (
        '<details class="sc-judge" markdown="block">\n'
        f"<summary>{attr(wording.words['judge'].text)}</summary>\n\n"
        f"{how}\n\n" + "\n".join(lines) + "\n\n</details>"
    )


def atlas_systems(rules):
    """The atlas system ids the answers can lead to, once each, in rules order."""
    seen = []
    for system in rules.systems:
        if system.id not in seen:
            seen.append(system.id)
    return seen


def box_html(entry, labels, words):
    """One atlas entry as the self-check shows it. With a menu path: the path,
    the words to search for, any note, and the line saying when and where it
    was checked, for which version, with its source: the atlas's own line
    (atlas/render.checked_line, from its labels), as the phone-settings page
    shows it. With no known path: one plain line saying so, with the words
    to search for (and no source: a page that does not show the path is
    about something else)."""
    search = f"<strong>{attr(str(entry['search']))}</strong>"
    if not entry.get("path"):
        return f'<p class="sc-atlas-none">{fill_html(words["atlas-none"].text, search=search)}</p>\n'
    lines = []
    if entry.get("keyboard"):
        lines.append(f"<strong>{attr(labels['keyboard'])}</strong> {attr(str(entry['keyboard']))}")
    lines.append(f"<strong>{attr(labels['path'])}</strong> {attr(str(entry['path']))}")
    lines.append(f"{attr(labels['search'])} {search}")
    if entry.get("note"):
        lines.append(attr(str(entry["note"])))
    meta = atlas_render.checked_html(entry, labels)
    return "".join(f"<p>{line}</p>\n" for line in lines) + f'<p class="sc-atlas-meta">{meta}</p>\n'


def render_atlas(step, wording, rules, atlas):
    """For each phone system and each atlas task rules.yml's `boxes` may show
    under this step, that system's entry (hidden until the script shows it)."""
    tasks = []
    for box in rules.boxes:
        if box.step == step.id and box.task not in tasks:
            tasks.append(box.task)
    if not atlas or not tasks:
        return ""
    parts = []
    for system_id in atlas_systems(rules):
        system = atlas["systems"].get(system_id)
        if not system:
            continue
        for task in tasks:
            entry = system["entries"].get(task)
            if not entry:
                continue
            parts.append(
                f'<div class="sc-atlas" data-system="{attr(system_id)}" data-task="{attr(task)}" hidden>'
                f'<p class="sc-atlas-task">{attr(fill(wording.words["on-your-phone"].text, phone=system["short"], task=atlas["tasks"].get(task, task)))}</p>'
                + box_html(entry, atlas.get("labels", {}), wording.words).replace("\n", "") + "</div>")
    return "\n".join(parts)


def render_step(step, wording, rules, atlas=None):
    """One step as a <details>: title and minutes, reason, how-to, atlas paths, guide link."""
    text = wording.steps[step.id]
    minutes = ""
    if step.minutes:
        minutes = (f' <span class="sc-min">'
                   f'{attr(fill(wording.words["minutes"].text, minutes=step.minutes))}</span>')
    guide = f'[{md_text(wording.words["guide"].text)}]({step.link}){{: .sc-guide }}'
    return (
        f'<details class="sc-step" data-step="{attr(step.id)}" markdown="block">\n'
        f'<summary><span class="sc-title">{attr(text.title)}</span>{minutes}</summary>\n'
        f'<p class="sc-reason">{attr(text.reason)}</p>\n'
        + (f'<p class="sc-unavailable" data-on="{attr(" ".join(step.unavailable))}" hidden>'
           f'{attr(wording.words["unavailable"].text)}</p>\n' if step.unavailable else "") +
        f'<div class="sc-howto" markdown="block">\n\n{text.howto}\n\n</div>\n'
        + render_atlas(step, wording, rules, atlas) +
        f"\n\n{guide}\n\n</details>"
    )


def page_data(wording, rules):
    data = as_json(rules)
    data["areaNames"] = {a: wording.areas[a].text for a in wording.areas}
    for step in data["steps"]:
        step["title"] = wording.steps[step["id"]].title
    data["words"] = {w: wording.words[w].text for w in WORDS}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def render(wording, rules, atlas=None):
    """The Markdown of the whole check page: the introduction, then the check.

    `atlas` is the settings atlas of this language as atlas.data.load returns
    it (or None)."""
    words = {w: wording.words[w].text for w in WORDS}
    parts = [
        wording.intro,
        f'<p class="sc-exit-file" hidden>{attr(words["exit-file"])}</p>',
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
        '<div class="sc-out" markdown="block">',
        f'<p>{attr(words["result-nojs"])}</p>',
        '<div class="sc-store" markdown="block">',
        f'<p class="sc-store-title"><strong>{attr(words["all-steps"])}</strong></p>',
        *(render_step(s, wording, rules, atlas) for s in rules.steps),
        "</div>",
        "</div>",
        "</section>",
        f'<script type="application/json" id="self-check-data">{page_data(wording, rules)}</script>',
    ]
    return "\n\n".join(parts) + "\n"
