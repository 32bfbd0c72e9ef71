"""The self-check's rules: reading docs/selfcheck/rules.yml, checking it, and
scoring a set of answers.

rules.yml is the one place for the logic of the questionnaire (ids, areas,
risk points, which questions and steps do not apply after which answers,
which steps an answer calls for, when each step is done and where it links,
which phone system of the settings atlas an answer means). It is the same for
every language. The page's script (docs/assets/js/selfcheck.js)
applies the same rules, which the build hands it as JSON; `score` here is the
reference the tests compare the script with.
"""
import dataclasses
import difflib
import os
import re

import yaml
from mkdocs.exceptions import PluginError

LEVELS = ("lower", "medium", "higher")
MAX_RISK = 3
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LINK = re.compile(r"^[a-z0-9][a-z0-9-]*\.md#[a-z0-9][a-z0-9-]*$")
WHEN = ("now", "week", "read")
MAX_WEIGHT = 3
MAX_MINUTES = 60
MAX_NOW_MINUTES = 10  # a "now" step is done in about ten minutes


@dataclasses.dataclass(frozen=True)
class Option:
    id: str
    risk: int
    steps: tuple


@dataclasses.dataclass(frozen=True)
class Question:
    id: str
    area: str
    options: tuple  # of Option, in the order of rules.yml
    skip_if: tuple = ()  # of (question id, (option ids)): does not apply after those answers

    def option(self, option_id):
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


@dataclasses.dataclass(frozen=True)
class Area:
    id: str
    medium: int
    higher: int


@dataclasses.dataclass(frozen=True)
class Step:
    id: str
    link: str
    when: str = "week"  # one of WHEN
    minutes: object = None  # about how long a "now" step takes
    weight: int = 0
    atlas: tuple = ()  # atlas task ids whose paths the how-to shows
    skip_if: tuple = ()  # of (question id, (option ids)): never shown after those answers


@dataclasses.dataclass(frozen=True)
class System:
    id: str  # an atlas system id
    when: tuple  # of (question id, (option ids)): every one must match


@dataclasses.dataclass(frozen=True)
class Rules:
    show_now: int
    areas: tuple
    questions: tuple
    steps: tuple  # most important first
    systems: tuple = ()

    def step(self, step_id):
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def question(self, question_id):
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclasses.dataclass(frozen=True)
class Result:
    answered: int
    areas: dict  # area id -> level, or None when no question of the area is answered
    overall: object  # a level, or None when nothing is answered
    steps: tuple  # step ids in the order shown: "now", then "week", then "read"
    when: dict = dataclasses.field(default_factory=dict)  # step id -> "now", "week" or "read"
    applies: tuple = ()  # ids of the questions that apply after these answers
    system: object = None  # the atlas system id these answers mean, or None


def did_you_mean(word, choices):
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Reader:
    """Turns the parsed YAML into Rules, failing with messages that name the file and the id."""

    def __init__(self, name):
        self.name = name
        self.raw_skips = {}  # step id -> its skip_if, checked once the questions are read

    def fail(self, message):
        raise PluginError(f"{self.name}: {message}")

    def check_id(self, value, what):
        if not isinstance(value, str) or not ID.match(value):
            hint = ""
            if isinstance(value, bool):
                hint = ' YAML reads yes/no as true/false: write it in quotes, "yes" or "no".'
            self.fail(f"{what} id {value!r} is not valid: use lower-case letters, digits "
                      f"and hyphens, such as 'not-sure'.{hint}")
        return value

    def mapping(self, value, what):
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping of keys to values.")
        return value

    def integer(self, value, what, low, high):
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.fail(f"{what} must be a whole number from {low} to {high}, not {value!r}.")
        return value

    def read(self, data):
        data = self.mapping(data, "the file")
        unknown = set(data) - {"show_now", "areas", "systems", "steps", "questions"}
        if unknown:
            self.fail(f"unknown top-level key(s) {sorted(unknown)}; expected show_now, "
                      "areas, systems, steps and questions.")
        areas = self.read_areas(data.get("areas"))
        steps = self.read_steps(data.get("steps"))
        questions = self.read_questions(data.get("questions"), areas, steps)
        show_now = self.integer(data.get("show_now", 3), "show_now", 1, 3)
        systems = self.read_systems(data.get("systems", []), questions)
        steps = tuple(dataclasses.replace(
            s, skip_if=self.conditions(self.raw_skips.get(s.id), questions, f"step '{s.id}': skip_if"))
            for s in steps)
        rules = Rules(show_now, areas, questions, steps, systems)
        self.check_reachable(rules)
        return rules

    def conditions(self, raw, questions, what, before=None):
        """{question: [options]} as a tuple of (question id, (option ids)), checked.

        With `before`, the questions named must come before that question."""
        if raw is None:
            return ()
        raw = self.mapping(raw, what)
        ids = [q.id for q in questions]
        found = []
        for qid, options in raw.items():
            if qid not in ids:
                self.fail(f"{what} names question {qid!r}, which is not among the questions"
                          f"{did_you_mean(qid, ids)}.")
            if before is not None and ids.index(qid) >= before:
                self.fail(f"{what} names question '{qid}', which does not come before it: "
                          "a question can only depend on answers above it.")
            if not isinstance(options, list) or not options:
                self.fail(f"{what}: '{qid}' needs a list of option ids, such as [\"no\"].")
            want = [o.id for o in questions[ids.index(qid)].options]
            for option_id in options:
                if option_id not in want:
                    hint = ' (write "yes" and "no" in quotes)' if isinstance(option_id, bool) else ""
                    self.fail(f"{what}: question '{qid}' has no option {option_id!r}"
                              f"{did_you_mean(option_id, want)}{hint}.")
            found.append((qid, tuple(options)))
        return tuple(found)

    def read_systems(self, raw, questions):
        if not isinstance(raw, list):
            self.fail("'systems' must be a list, such as '- {id: ios, if: {maker: [iphone]}}'.")
        systems = []
        for item in raw:
            item = self.mapping(item, "each system")
            system_id = self.check_id(item.get("id"), "system")
            when = self.conditions(item.get("if"), questions, f"system '{system_id}': if")
            if not when:
                self.fail(f"system '{system_id}' needs 'if', the answers that mean this system.")
            systems.append(System(system_id, when))
        return tuple(systems)

    def read_areas(self, raw):
        if not isinstance(raw, list) or not raw:
            self.fail("'areas' must be a list, such as '- {id: phone, medium: 3, higher: 7}'.")
        areas, seen = [], set()
        for item in raw:
            item = self.mapping(item, "each area")
            area_id = self.check_id(item.get("id"), "area")
            if area_id in seen:
                self.fail(f"area '{area_id}' is listed twice.")
            seen.add(area_id)
            medium = self.integer(item.get("medium"), f"area '{area_id}': medium", 1, 100)
            higher = self.integer(item.get("higher"), f"area '{area_id}': higher", 1, 100)
            if higher <= medium:
                self.fail(f"area '{area_id}': 'higher' ({higher}) must be more than 'medium' ({medium}).")
            areas.append(Area(area_id, medium, higher))
        return tuple(areas)

    def read_steps(self, raw):
        raw = self.mapping(raw, "'steps'")
        if not raw:
            self.fail("'steps' is empty.")
        steps = []
        for step_id, body in raw.items():
            self.check_id(step_id, "step")
            body = self.mapping(body, f"step '{step_id}'")
            link = body.get("link")
            if not isinstance(link, str) or not LINK.match(link):
                self.fail(f"step '{step_id}': link {link!r} must name a page and a section "
                          "in the same language folder, such as 'protect.md#keyboard'.")
            unknown = set(body) - {"link", "when", "minutes", "weight", "atlas", "skip_if"}
            if unknown:
                self.fail(f"step '{step_id}': unknown key(s) {sorted(unknown)}; expected link, "
                          "when, minutes, weight, atlas and skip_if.")
            when = body.get("when")
            if when not in WHEN:
                self.fail(f"step '{step_id}': when must be one of {', '.join(WHEN)}, not {when!r}.")
            minutes = body.get("minutes")
            if when == "now" or minutes is not None:
                minutes = self.integer(minutes, f"step '{step_id}': minutes (about how long a "
                                       "'now' step takes)", 1,
                                       MAX_NOW_MINUTES if when == "now" else MAX_MINUTES)
            weight = self.integer(body.get("weight", 0), f"step '{step_id}': weight", 0, MAX_WEIGHT)
            tasks = body.get("atlas", [])
            if not isinstance(tasks, list):
                self.fail(f"step '{step_id}': atlas must be a list of atlas task ids, such as [keyboard-cloud].")
            for task in tasks:
                self.check_id(task, f"step '{step_id}': atlas task")
            self.raw_skips[step_id] = body.get("skip_if")
            steps.append(Step(step_id, link, when, minutes, weight, tuple(tasks)))
        return tuple(steps)

    def read_questions(self, raw, areas, steps):
        if not isinstance(raw, list) or not raw:
            self.fail("'questions' must be a list of questions.")
        area_ids = [a.id for a in areas]
        step_ids = [s.id for s in steps]
        questions, seen, skips = [], set(), []
        for item in raw:
            item = self.mapping(item, "each question")
            qid = self.check_id(item.get("id"), "question")
            if qid in seen:
                self.fail(f"question '{qid}' is listed twice.")
            seen.add(qid)
            area = item.get("area")
            if area not in area_ids:
                self.fail(f"question '{qid}': area {area!r} is not among the areas"
                          f"{did_you_mean(area, area_ids)}.")
            raw_options = self.mapping(item.get("options"), f"question '{qid}': options")
            if len(raw_options) < 2:
                self.fail(f"question '{qid}' needs at least two options.")
            options = []
            for option_id, body in raw_options.items():
                self.check_id(option_id, f"question '{qid}': option")
                body = self.mapping(body, f"question '{qid}', option '{option_id}'")
                risk = self.integer(body.get("risk"), f"question '{qid}', option '{option_id}': risk",
                                    0, MAX_RISK)
                called = body.get("steps", [])
                if not isinstance(called, list):
                    self.fail(f"question '{qid}', option '{option_id}': steps must be a list, "
                              "such as [keyboard, find-out].")
                for step_id in called:
                    if step_id not in step_ids:
                        self.fail(f"question '{qid}', option '{option_id}' calls for step "
                                  f"'{step_id}', which is not among the steps"
                                  f"{did_you_mean(step_id, step_ids)}.")
                options.append(Option(option_id, risk, tuple(called)))
            unknown = set(item) - {"id", "area", "options", "skip_if"}
            if unknown:
                self.fail(f"question '{qid}': unknown key(s) {sorted(unknown)}; expected id, area, "
                          "options and skip_if.")
            skips.append(item.get("skip_if"))
            questions.append(Question(qid, area, tuple(options)))
        questions = [
            dataclasses.replace(q, skip_if=self.conditions(raw, questions, f"question '{q.id}': skip_if",
                                                           before=i))
            for i, (q, raw) in enumerate(zip(questions, skips))
        ]
        empty = [a for a in area_ids if not any(q.area == a for q in questions)]
        if empty:
            self.fail(f"area '{empty[0]}' has no questions.")
        return tuple(questions)

    def check_reachable(self, rules):
        called = {s for q in rules.questions for o in q.options for s in o.steps}
        for step in rules.steps:
            if step.id not in called:
                self.fail(f"step '{step.id}' is not called for by any answer: add it to the "
                          "steps of some option, or remove it.")


def load(path, name=None):
    """Read and check rules.yml; `name` is how error messages call the file."""
    name = name or path
    if not os.path.isfile(path):
        raise PluginError(f"{name}: the self-check rules file is missing.")
    with open(path, encoding="utf-8") as f:
        try:
            data = yaml.safe_load(f)
        except yaml.YAMLError as error:
            raise PluginError(f"{name}: not valid YAML: {error}")
    return _Reader(name).read(data)


def level_for(points, area):
    if points >= area.higher:
        return "higher"
    if points >= area.medium:
        return "medium"
    return "lower"


def matches(conditions, answers):
    """True when any (question, options) pair of `conditions` matches `answers`."""
    return any(answers.get(qid) in options for qid, options in conditions)


def effective_answers(rules, answers):
    """The answers that count: in question order, dropping those to questions
    that do not apply after the answers above them. Returns (answers, applies)."""
    given, applies = {}, []
    for question in rules.questions:
        if matches(question.skip_if, given):
            continue
        applies.append(question.id)
        if question.id in answers:
            given[question.id] = answers[question.id]
    return given, tuple(applies)


def system_for(rules, answers):
    """The atlas system id the answers mean (the first match), or None."""
    for system in rules.systems:
        if all(answers.get(qid) in options for qid, options in system.when):
            return system.id
    return None


def score(rules, answers):
    """Levels and ranked steps for `answers`, a mapping of question id to option id."""
    unknown = set(answers) - {q.id for q in rules.questions}
    if unknown:
        raise KeyError(sorted(unknown)[0])
    for question_id, option_id in answers.items():
        rules.question(question_id).option(option_id)  # KeyError for an unknown option
    given, applies = effective_answers(rules, answers)
    points = {a.id: 0 for a in rules.areas}
    answered_in = {a.id: 0 for a in rules.areas}
    calls = {}  # step id -> [highest risk, number of answers]
    for question in rules.questions:
        option_id = given.get(question.id)
        if option_id is None:
            continue
        option = question.option(option_id)
        points[question.area] += option.risk
        answered_in[question.area] += 1
        for step_id in option.steps:
            best, count = calls.get(step_id, (-1, 0))
            calls[step_id] = (max(best, option.risk), count + 1)
    areas = {
        a.id: (level_for(points[a.id], a) if answered_in[a.id] else None)
        for a in rules.areas
    }
    levels = [LEVELS.index(level) for level in areas.values() if level]
    overall = LEVELS[max(levels)] if levels else None
    steps = {s.id: s for s in rules.steps}
    order = {s.id: i for i, s in enumerate(rules.steps)}
    shown = [s for s in calls if not matches(steps[s].skip_if, given)]
    ranked = sorted(shown, key=lambda s: (-(calls[s][0] + steps[s].weight), -calls[s][1], order[s]))
    when = {}
    for step_id in ranked:
        kind = steps[step_id].when
        if kind == "now" and sum(1 for w in when.values() if w == "now") >= rules.show_now:
            kind = "week"
        when[step_id] = kind
    in_order = tuple(s for group in WHEN for s in ranked if when[s] == group)
    return Result(sum(answered_in.values()), areas, overall, in_order, when, applies,
                  system_for(rules, given))


def as_json(rules):
    """The rules in the shape the page's script reads (wording is added by the renderer)."""
    def conditions(pairs):
        return {qid: list(options) for qid, options in pairs}

    return {
        "showNow": rules.show_now,
        "levels": list(LEVELS),
        "when": list(WHEN),
        "areas": [{"id": a.id, "medium": a.medium, "higher": a.higher} for a in rules.areas],
        "questions": [
            {"id": q.id, "area": q.area, "skipIf": conditions(q.skip_if),
             "options": [{"id": o.id, "risk": o.risk, "steps": list(o.steps)} for o in q.options]}
            for q in rules.questions
        ],
        "steps": [
            {"id": s.id, "when": s.when, "minutes": s.minutes, "weight": s.weight,
             "skipIf": conditions(s.skip_if)}
            for s in rules.steps
        ],
        "systems": [{"id": s.id, "if": conditions(s.when)} for s in rules.systems],
    }
