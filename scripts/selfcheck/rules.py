"""The self-check's rules: reading docs/selfcheck/rules.yml, checking it, and
scoring a set of answers.

rules.yml is the one place for the logic of the questionnaire (ids, areas,
risk points, which questions and steps do not apply after which answers,
which steps an answer calls for and how urgently, which steps a phone cannot
do, where each step links, which phone system of the settings atlas an
answer means and which atlas boxes each step shows). Its header explains how
a set of answers becomes a plan. It is the same for
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
WHEN = ("now", "week", "later", "read")  # the groups of a plan, in the order shown
KINDS = ("act", "read")
MAX_WEIGHT = 3
MAX_MINUTES = 60
DEFAULT_URGENCY = "everyday"


@dataclasses.dataclass(frozen=True)
class Option:
    id: str
    risk: int
    steps: tuple
    urgency: str = DEFAULT_URGENCY  # how urgent the steps it calls are for this reader


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
    kind: str = "act"  # one of KINDS: something to do, or to read and understand
    minutes: object = None  # about how long it takes, when known
    weight: int = 0
    unavailable: tuple = ()  # atlas system ids on which it cannot be done as written
    skip_if: tuple = ()  # of (question id, (option ids)): never shown after those answers


@dataclasses.dataclass(frozen=True)
class Box:
    """The menu paths of one atlas task, shown under one step (once per result)."""
    task: str
    step: str
    when: tuple = ()  # `if`: shown only when one of these answers is given
    unless: tuple = ()  # never shown when one of these answers is given


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
    show_week: int = 5
    level_after: int = 5
    urgency: tuple = ("imminent", "reach", "everyday")  # most urgent first
    boxes: tuple = ()  # of Box, in file order

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
    overall: object  # a level, or None until `level_after` questions are answered
    steps: tuple  # step ids in the order shown: "now", "week", "later", then "read"
    when: dict = dataclasses.field(default_factory=dict)  # step id -> one of WHEN
    applies: tuple = ()  # ids of the questions that apply after these answers
    system: object = None  # the atlas system id these answers mean, or None
    boxes: dict = dataclasses.field(default_factory=dict)  # step id -> atlas task ids shown under it


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
        known = {"show_now", "show_week", "level_after", "urgency", "areas", "systems", "boxes",
                 "steps", "questions"}
        unknown = set(data) - known
        if unknown:
            self.fail(f"unknown top-level key(s) {sorted(unknown)}; expected {', '.join(sorted(known))}.")
        urgency = data.get("urgency", ["imminent", "reach", "everyday"])
        if not isinstance(urgency, list) or not urgency or DEFAULT_URGENCY not in urgency:
            self.fail(f"'urgency' must list the urgencies, most urgent first, and include "
                      f"'{DEFAULT_URGENCY}' (the default), such as [imminent, reach, everyday].")
        for value in urgency:
            self.check_id(value, "urgency")
        self.urgency = tuple(urgency)
        areas = self.read_areas(data.get("areas"))
        steps = self.read_steps(data.get("steps"))
        questions = self.read_questions(data.get("questions"), areas, steps)
        show_now = self.integer(data.get("show_now", 3), "show_now", 1, 3)
        show_week = self.integer(data.get("show_week", 5), "show_week", 1, 5)
        level_after = self.integer(data.get("level_after", 5), "level_after", 1, len(questions))
        systems = self.read_systems(data.get("systems", []), questions)
        system_ids = [s.id for s in systems]
        steps = tuple(dataclasses.replace(
            s, skip_if=self.conditions(self.raw_skips.get(s.id), questions, f"step '{s.id}': skip_if"))
            for s in steps)
        for step in steps:
            for system_id in step.unavailable:
                if system_id not in system_ids:
                    self.fail(f"step '{step.id}': unavailable names system {system_id!r}, which is not "
                              f"among the systems{did_you_mean(system_id, system_ids)}.")
        boxes = self.read_boxes(data.get("boxes", []), questions, steps)
        rules = Rules(show_now, areas, questions, steps, systems, show_week, level_after,
                      self.urgency, boxes)
        self.check_reachable(rules)
        return rules

    def read_boxes(self, raw, questions, steps):
        if not isinstance(raw, list):
            self.fail("'boxes' must be a list, such as '- {task: keyboard-cloud, step: keyboard}'.")
        step_ids = [s.id for s in steps]
        boxes, seen = [], set()
        for item in raw:
            item = self.mapping(item, "each box")
            unknown = set(item) - {"task", "step", "if", "unless"}
            if unknown:
                self.fail(f"box {item!r}: unknown key(s) {sorted(unknown)}; expected task, step, if and unless.")
            task = self.check_id(item.get("task"), "box: atlas task")
            step = item.get("step")
            if step not in step_ids:
                self.fail(f"box '{task}' names step {step!r}, which is not among the steps"
                          f"{did_you_mean(step, step_ids)}.")
            if (task, step) in seen:
                self.fail(f"box '{task}' under step '{step}' is listed twice.")
            seen.add((task, step))
            boxes.append(Box(task, step,
                             self.conditions(item.get("if"), questions, f"box '{task}' ({step}): if"),
                             self.conditions(item.get("unless"), questions, f"box '{task}' ({step}): unless")))
        return tuple(boxes)

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
        keys = {"link", "kind", "minutes", "weight", "unavailable", "skip_if"}
        for step_id, body in raw.items():
            self.check_id(step_id, "step")
            body = self.mapping(body, f"step '{step_id}'")
            link = body.get("link")
            if not isinstance(link, str) or not LINK.match(link):
                self.fail(f"step '{step_id}': link {link!r} must name a page and a section "
                          "in the same language folder, such as 'protect.md#keyboard'.")
            unknown = set(body) - keys
            if unknown:
                hint = " ('when' is gone: the plan decides now, this week or later; use kind: read " \
                       "for a step to understand)" if "when" in unknown or "atlas" in unknown else ""
                self.fail(f"step '{step_id}': unknown key(s) {sorted(unknown)}; expected "
                          f"{', '.join(sorted(keys))}.{hint}")
            kind = body.get("kind", "act")
            if kind not in KINDS:
                self.fail(f"step '{step_id}': kind must be one of {', '.join(KINDS)}, not {kind!r}.")
            minutes = body.get("minutes")
            if minutes is not None:
                minutes = self.integer(minutes, f"step '{step_id}': minutes (about how long it takes)",
                                       1, MAX_MINUTES)
            weight = self.integer(body.get("weight", 0), f"step '{step_id}': weight", 0, MAX_WEIGHT)
            unavailable = body.get("unavailable", [])
            if not isinstance(unavailable, list):
                self.fail(f"step '{step_id}': unavailable must be a list of system ids, such as [harmonyos-next].")
            for system_id in unavailable:
                self.check_id(system_id, f"step '{step_id}': unavailable system")
            self.raw_skips[step_id] = body.get("skip_if")
            steps.append(Step(step_id, link, kind, minutes, weight, tuple(unavailable)))
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
                unknown = set(body) - {"risk", "steps", "urgency"}
                if unknown:
                    self.fail(f"question '{qid}', option '{option_id}': unknown key(s) {sorted(unknown)}; "
                              "expected risk, steps and urgency.")
                urgency = body.get("urgency", DEFAULT_URGENCY)
                if urgency not in self.urgency:
                    self.fail(f"question '{qid}', option '{option_id}': urgency {urgency!r} is not one of "
                              f"{', '.join(self.urgency)}{did_you_mean(urgency, self.urgency)}.")
                called = body.get("steps", [])
                if not isinstance(called, list):
                    self.fail(f"question '{qid}', option '{option_id}': steps must be a list, "
                              "such as [keyboard, find-out].")
                for step_id in called:
                    if step_id not in step_ids:
                        self.fail(f"question '{qid}', option '{option_id}' calls for step "
                                  f"'{step_id}', which is not among the steps"
                                  f"{did_you_mean(step_id, step_ids)}.")
                options.append(Option(option_id, risk, tuple(called), urgency))
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
    """Levels and the plan for `answers`, a mapping of question id to option id
    (the header of rules.yml describes the method; selfcheck.js does the same)."""
    unknown = set(answers) - {q.id for q in rules.questions}
    if unknown:
        raise KeyError(sorted(unknown)[0])
    for question_id, option_id in answers.items():
        rules.question(question_id).option(option_id)  # KeyError for an unknown option
    given, applies = effective_answers(rules, answers)
    points = {a.id: 0 for a in rules.areas}
    answered_in = {a.id: 0 for a in rules.areas}
    calls = {}  # step id -> [urgency rank (0 = most urgent), risk at that urgency, number of calls]
    for question in rules.questions:
        option_id = given.get(question.id)
        if option_id is None:
            continue
        option = question.option(option_id)
        points[question.area] += option.risk
        answered_in[question.area] += 1
        urgency = rules.urgency.index(option.urgency)
        for step_id in option.steps:
            rank, risk, count = calls.get(step_id, (len(rules.urgency), -1, 0))
            if urgency < rank or (urgency == rank and option.risk > risk):
                rank, risk = urgency, option.risk
            calls[step_id] = (rank, risk, count + 1)
    answered = sum(answered_in.values())
    areas = {
        a.id: (level_for(points[a.id], a) if answered_in[a.id] else None)
        for a in rules.areas
    }
    levels = [LEVELS.index(level) for level in areas.values() if level]
    overall = LEVELS[max(levels)] if levels and answered >= rules.level_after else None
    system = system_for(rules, given)
    steps = {s.id: s for s in rules.steps}
    order = {s.id: i for i, s in enumerate(rules.steps)}
    shown = [s for s in calls if not matches(steps[s].skip_if, given)]
    ranked = sorted(shown, key=lambda s: (calls[s][0], -(calls[s][1] + steps[s].weight),
                                          -calls[s][2], order[s]))
    groups = {group: [] for group in WHEN}
    for step_id in ranked:
        step = steps[step_id]
        if step.kind == "read":
            group = "read"
        elif len(groups["now"]) < rules.show_now and system not in step.unavailable:
            group = "now"
        elif len(groups["week"]) < rules.show_week:
            group = "week"
        else:
            group = "later"
        groups[group].append(step_id)
    in_order = tuple(s for group in WHEN for s in groups[group])
    when = {s: group for group in WHEN for s in groups[group]}
    return Result(answered, areas, overall, in_order, when, applies, system,
                  boxes_for(rules, in_order, given, system))


def boxes_for(rules, steps_shown, given, system):
    """Which atlas tasks' menu paths each shown step holds: each task once, under
    the first step (in the order shown) that lists it and whose conditions hold.
    Nothing without a phone system: the boxes show that system's paths."""
    if system is None:
        return {}
    used, boxes = set(), {}
    for step_id in steps_shown:
        for box in rules.boxes:
            if box.step != step_id or box.task in used:
                continue
            if box.when and not matches(box.when, given):
                continue
            if matches(box.unless, given):
                continue
            used.add(box.task)
            boxes.setdefault(step_id, []).append(box.task)
    return {step_id: tuple(tasks) for step_id, tasks in boxes.items()}


def as_json(rules):
    """The rules in the shape the page's script reads (wording is added by the renderer)."""
    def conditions(pairs):
        return {qid: list(options) for qid, options in pairs}

    return {
        "showNow": rules.show_now,
        "showWeek": rules.show_week,
        "levelAfter": rules.level_after,
        "urgency": list(rules.urgency),
        "levels": list(LEVELS),
        "when": list(WHEN),
        "areas": [{"id": a.id, "medium": a.medium, "higher": a.higher} for a in rules.areas],
        "questions": [
            {"id": q.id, "area": q.area, "skipIf": conditions(q.skip_if),
             "options": [{"id": o.id, "risk": o.risk, "urgency": o.urgency, "steps": list(o.steps)}
                         for o in q.options]}
            for q in rules.questions
        ],
        "steps": [
            {"id": s.id, "kind": s.kind, "minutes": s.minutes, "weight": s.weight,
             "unavailable": list(s.unavailable), "skipIf": conditions(s.skip_if)}
            for s in rules.steps
        ],
        "systems": [{"id": s.id, "if": conditions(s.when)} for s in rules.systems],
        "boxes": [{"task": b.task, "step": b.step, "if": conditions(b.when), "unless": conditions(b.unless)}
                  for b in rules.boxes],
    }
