"""The self-check's wording: reading it from a language's check.md, and
checking it against the rules.

A check page is ordinary Markdown up to its first marked heading (the
introduction). From there on every heading carries a mark in curly braces
that says what it is, and the words under it belong to it:

    ## Area name {#area-id .area}
    ### Question text {#question-id .question}
    (or {#question-id .question short="Label"}: a short label, needed by a
    question whose answers hide later questions, for the note "skip it if…")
    Explanation, one or more paragraphs (Markdown, links allowed).
    - Option label {#option-id}
    ## Any title {.steps}
    ### Step title {#step-id .step}
    One short paragraph: why the step matters (plain text).
    Then the how-to: what to do, in Markdown (lists, links allowed).
    ## Any title {.words}
    - Text the check shows {#word-id}

HTML comments (<!-- -->) are ignored anywhere. The ids must match
docs/selfcheck/rules.yml exactly; `check` says which id is missing, extra or
misspelt, naming the file and the line.
"""
import dataclasses
import re

from mkdocs.exceptions import PluginError

from common.md_source import split_front_matter
from selfcheck.rules import ID, did_you_mean

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
MARKED = re.compile(r"^(.*?)[ \t]*\{:?([^{}]*)\}$")
ITEM = re.compile(r"^[ \t]*[-*+][ \t]+(.*?)[ \t]*\{#([^{}\s]*)\}[ \t]*$")
PLACEHOLDER = re.compile(r"\{([a-z]+)\}")
SHORT = re.compile(r'\bshort="([^"]*)"')
KINDS = {"area": 2, "question": 3, "steps": 2, "step": 3, "words": 2}
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclasses.dataclass
class Item:
    id: str
    text: str
    line: int


@dataclasses.dataclass
class QuestionWording:
    id: str
    area: str
    text: str
    line: int
    explanation: str = ""
    options: dict = dataclasses.field(default_factory=dict)  # id -> Item
    short: str = ""  # a short label for the skip notes of later questions


@dataclasses.dataclass
class AreaWording:
    id: str
    text: str
    line: int
    description: str = ""


@dataclasses.dataclass
class StepWording:
    id: str
    title: str
    line: int
    reason: str = ""
    howto: str = ""  # Markdown


@dataclasses.dataclass
class Wording:
    name: str  # the file, as error messages call it
    intro: str = ""
    areas: dict = dataclasses.field(default_factory=dict)
    questions: dict = dataclasses.field(default_factory=dict)
    steps: dict = dataclasses.field(default_factory=dict)
    words: dict = dataclasses.field(default_factory=dict)


def join_lines(lines):
    """Join wrapped lines of one paragraph; no space between two Chinese characters."""
    text = ""
    for line in (l.strip() for l in lines):
        if not line:
            continue
        if text and not (CJK.match(text[-1]) and CJK.match(line[0])):
            text += " "
        text += line
    return text


def without_comments(lines):
    """Yield (line number, line) for lines outside HTML comments; number counts from 1."""
    inside = False
    for number, line in enumerate(lines, 1):
        if inside:
            if "-->" in line:
                inside = False
                rest = line.split("-->", 1)[1]
                if rest.strip():
                    yield number, rest
            continue
        while "<!--" in line:
            before, after = line.split("<!--", 1)
            if "-->" in after:
                line = before + after.split("-->", 1)[1]
            else:
                inside = True
                line = before
                break
        if inside and not line.strip():
            continue
        yield number, line


class _Parser:
    def __init__(self, name, offset):
        self.w = Wording(name)
        self.offset = offset
        self.area = None
        self.section = None  # "areas", "steps" or "words"
        self.current = None  # what the plain lines belong to
        self.sections_seen = set()
        self.lines = []

    def fail(self, number, message):
        raise PluginError(f"{self.w.name}, line {number + self.offset}: {message}")

    def parse(self, body):
        intro, started = [], False
        for number, line in without_comments(body.splitlines()):
            heading = HEADING.match(line)
            mark = heading and MARKED.match(heading.group(2))
            if not started:
                if mark and self.kind(mark.group(2)):
                    started = True
                else:
                    intro.append(line)
                    continue
            if heading:
                self.finish()
                self.heading(number, heading, mark)
            else:
                self.lines.append((number, line))
        self.finish()
        self.w.intro = "\n".join(intro).strip() + "\n"
        return self.w

    @staticmethod
    def kind(attrs):
        kinds = [t[1:] for t in attrs.split() if t.startswith(".") and t[1:] in KINDS]
        return kinds[0] if kinds else None

    def heading(self, number, heading, mark):
        text = heading.group(2)
        kind = mark and self.kind(mark.group(2))
        if not kind:
            self.fail(number, f"the heading '{text}' has no mark such as {{#some-id .question}}. "
                      "From the first area on, every heading needs one; keep the marks "
                      "exactly as in the English page.")
        level = len(heading.group(1))
        if level != KINDS[kind]:
            self.fail(number, f"a .{kind} heading starts with {'#' * KINDS[kind]}, not {'#' * level}.")
        title = mark.group(1).strip()
        ids = [t[1:] for t in mark.group(2).split() if t.startswith("#")]
        if kind in ("steps", "words"):
            if kind in self.sections_seen:
                self.fail(number, f"there are two .{kind} sections; keep one.")
            self.sections_seen.add(kind)
            self.section, self.current = kind, None
            return
        if len(ids) != 1 or not ID.match(ids[0]):
            self.fail(number, f"the heading '{title}' needs exactly one id such as "
                      f"{{#some-id .{kind}}} (lower-case letters, digits, hyphens).")
        item_id = ids[0]
        if not title:
            self.fail(number, f"{kind} '{item_id}' has no text before its mark.")
        if kind == "area":
            self.section, self.area = "areas", item_id
            self.current = self.store("areas", AreaWording(item_id, title, number + self.offset))
        elif kind == "question":
            if self.section != "areas":
                self.fail(number, f"question '{item_id}' is not under an area heading "
                          "(## … {#area-id .area}).")
            short = SHORT.search(mark.group(2))
            self.current = self.store("questions", QuestionWording(
                item_id, self.area, title, number + self.offset,
                short=short.group(1).strip() if short else ""))
        elif kind == "step":
            if self.section != "steps":
                self.fail(number, f"step '{item_id}' is not in the steps section "
                          "(## … {.steps}).")
            self.current = self.store("steps", StepWording(item_id, title, number + self.offset))

    def store(self, where, item):
        table = getattr(self.w, where)
        if item.id in table:
            kind = where[:-1]
            self.fail(item.line - self.offset, f"{kind} '{item.id}' appears twice (first on line "
                      f"{table[item.id].line}); keep one.")
        table[item.id] = item
        return item

    def finish(self):
        """Give the plain lines collected since the last heading to what they belong to."""
        lines, self.lines = self.lines, []
        current = self.current
        if isinstance(current, QuestionWording):
            text = []
            for number, line in lines:
                item = ITEM.match(line)
                if item:
                    self.option(current, number, item)
                else:
                    text.append(line)
            current.explanation = "\n".join(text).strip()
        elif isinstance(current, AreaWording):
            current.description = "\n".join(l for _, l in lines).strip()
        elif isinstance(current, StepWording):
            # The first paragraph is the reason; the rest is the how-to.
            first, rest, seen_text = [], [], False
            for _, line in lines:
                if rest or (seen_text and not line.strip()):
                    rest.append(line)
                else:
                    seen_text = seen_text or bool(line.strip())
                    first.append(line)
            current.reason = join_lines(first)
            current.howto = "\n".join(rest).strip()
        elif self.section == "words":
            for number, line in lines:
                item = ITEM.match(line)
                if item:
                    self.word(number, item)
                elif line.strip():
                    self.fail(number, "in the words section every line is '- text {#word-id}'.")
        else:
            for number, line in lines:
                if line.strip():
                    self.fail(number, "this text belongs to no question or step, so it would "
                              "never be shown; move it into the introduction or remove it.")

    def option(self, question, number, item):
        label, option_id = item.group(1).strip(), item.group(2)
        if not ID.match(option_id):
            self.fail(number, f"question '{question.id}': option id '{option_id}' is not valid "
                      "(lower-case letters, digits, hyphens).")
        if option_id in question.options:
            self.fail(number, f"question '{question.id}': option '{option_id}' appears twice.")
        if not label:
            self.fail(number, f"question '{question.id}': option '{option_id}' has no label.")
        question.options[option_id] = Item(option_id, label, number + self.offset)

    def word(self, number, item):
        text, word_id = item.group(1).strip(), item.group(2)
        if not ID.match(word_id):
            self.fail(number, f"word id '{word_id}' is not valid (lower-case letters, digits, hyphens).")
        if word_id in self.w.words:
            self.fail(number, f"word '{word_id}' appears twice.")
        if not text:
            self.fail(number, f"word '{word_id}' has no text.")
        self.w.words[word_id] = Item(word_id, text, number + self.offset)


def parse(text, name):
    """Read the wording of one check page; `name` is how error messages call the file."""
    _, body, offset = split_front_matter(text, name)
    return _Parser(name, offset).parse(body)


def check(wording, rules, words_needed, reference):
    """Fail unless `wording` has text for exactly the ids of `rules` and `words_needed`.

    `words_needed` maps each word id to the set of {placeholders} its text must
    contain; `reference` names the page to compare with (the English one).
    """
    name = wording.name

    def fail(message, line=None):
        where = f"{name}, line {line}" if line else name
        raise PluginError(f"{where}: {message}")

    def same_ids(kind, have, want, how_to_add):
        for item_id, item in have.items():
            if item_id not in want:
                fail(f"{kind} id '{item_id}' is not in the self-check rules"
                     f"{did_you_mean(item_id, want)}. Ids must match docs/selfcheck/rules.yml "
                     f"and {reference} exactly.", item.line)
        for item_id in want:
            if item_id not in have:
                fail(f"{kind} '{item_id}' is missing. {how_to_add.format(id=item_id)} "
                     f"Compare with {reference}.")

    same_ids("area", wording.areas, [a.id for a in rules.areas],
             "Add a heading '## … {{#{id} .area}}' with its questions.")
    same_ids("question", wording.questions, [q.id for q in rules.questions],
             "Add a heading '### … {{#{id} .question}}' with an explanation and its options.")
    for question in rules.questions:
        text = wording.questions[question.id]
        if text.area != question.area:
            fail(f"question '{question.id}' is under area '{text.area}', but the rules put it "
                 f"in area '{question.area}'.", text.line)
        if not text.explanation:
            fail(f"question '{question.id}' has no explanation: write a short paragraph "
                 "between its heading and its options.", text.line)
        want = [o.id for o in question.options]
        for option_id, item in text.options.items():
            if option_id not in want:
                fail(f"question '{question.id}': option id '{option_id}' is not in the rules"
                     f"{did_you_mean(option_id, want)}.", item.line)
        for option_id in want:
            if option_id not in text.options:
                fail(f"question '{question.id}' has no option '{option_id}': add a line "
                     f"'- … {{#{option_id}}}' to its list.", text.line)
    needs_label = {qid for q in rules.questions for qid, _ in q.skip_if}
    for question_id in sorted(needs_label, key=[q.id for q in rules.questions].index):
        text = wording.questions[question_id]
        if not text.short:
            fail(f"question '{question_id}' needs a short label for the skip notes of the questions "
                 f"it hides: write short=\"…\" in its mark, such as "
                 f"{{#{question_id} .question short=\"…\"}}.", text.line)
    same_ids("step", wording.steps, [s.id for s in rules.steps],
             "Add a heading '### … {{#{id} .step}}' under the steps section, with a one-line reason.")
    for step in wording.steps.values():
        if not step.reason:
            fail(f"step '{step.id}' has no text: write its one-line reason under its heading.",
                 step.line)
        if not step.howto:
            fail(f"step '{step.id}' has no how-to: after its one-paragraph reason, leave an "
                 "empty line and write what to do (a short list).", step.line)
    same_ids("word", wording.words, list(words_needed), "Add a line '- … {{#{id}}}' to the words section.")
    for word_id, needed in words_needed.items():
        item = wording.words[word_id]
        found = set(PLACEHOLDER.findall(item.text))
        if found != set(needed):
            shown = ", ".join("{%s}" % p for p in sorted(needed)) or "none"
            fail(f"word '{word_id}' must contain the placeholders {shown}, copied as they are "
                 f"(found: {', '.join('{%s}' % p for p in sorted(found)) or 'none'}).", item.line)
