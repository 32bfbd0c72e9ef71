"""The self-check's rules: reading docs/selfcheck/rules.yml, checking it, and
scoring a set of answers.

rules.yml is the one place for the logic of the questionnaire (ids, areas,
risk points, which steps an answer calls for, where each step links). It is
the same for every language. The page's script (docs/assets/js/selfcheck.js)
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


@dataclasses.dataclass(frozen=True)
class Rules:
    show_first: int
    areas: tuple
    questions: tuple
    steps: tuple  # most important first

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
    steps: tuple  # step ids, most important first


def did_you_mean(word, choices):
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Reader:
    """Turns the parsed YAML into Rules, failing with messages that name the file and the id."""

    def __init__(self, name):
        self.name = name

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
        unknown = set(data) - {"show_first", "areas", "steps", "questions"}
        if unknown:
            self.fail(f"unknown top-level key(s) {sorted(unknown)}; expected show_first, "
                      "areas, steps and questions.")
        areas = self.read_areas(data.get("areas"))
        steps = self.read_steps(data.get("steps"))
        questions = self.read_questions(data.get("questions"), areas, steps)
        show_first = self.integer(data.get("show_first", 5), "show_first", 1, 20)
        rules = Rules(show_first, areas, questions, steps)
        self.check_reachable(rules)
        return rules

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
            steps.append(Step(step_id, link))
        return tuple(steps)

    def read_questions(self, raw, areas, steps):
        if not isinstance(raw, list) or not raw:
            self.fail("'questions' must be a list of questions.")
        area_ids = [a.id for a in areas]
        step_ids = [s.id for s in steps]
        questions, seen = [], set()
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
            questions.append(Question(qid, area, tuple(options)))
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


def score(rules, answers):
    """Levels and ranked steps for `answers`, a mapping of question id to option id."""
    unknown = set(answers) - {q.id for q in rules.questions}
    if unknown:
        raise KeyError(sorted(unknown)[0])
    points = {a.id: 0 for a in rules.areas}
    answered_in = {a.id: 0 for a in rules.areas}
    calls = {}  # step id -> [highest risk, number of answers]
    for question in rules.questions:
        option_id = answers.get(question.id)
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
    given = [LEVELS.index(level) for level in areas.values() if level]
    overall = LEVELS[max(given)] if given else None
    order = {s.id: i for i, s in enumerate(rules.steps)}
    ranked = sorted(calls, key=lambda s: (-calls[s][0], -calls[s][1], order[s]))
    return Result(sum(answered_in.values()), areas, overall, tuple(ranked))


def as_json(rules):
    """The rules in the shape the page's script reads (wording is added by the renderer)."""
    return {
        "showFirst": rules.show_first,
        "levels": list(LEVELS),
        "areas": [{"id": a.id, "medium": a.medium, "higher": a.higher} for a in rules.areas],
        "questions": [
            {"id": q.id, "area": q.area,
             "options": [{"id": o.id, "risk": o.risk, "steps": list(o.steps)} for o in q.options]}
            for q in rules.questions
        ],
        "steps": [s.id for s in rules.steps],
    }
