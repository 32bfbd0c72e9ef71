"""The self-check's logic is sound and the same in every language: every step
can be reached by some answer, every question and option has words in both
languages, every step leads to a section that exists in both built
languages, the scoring follows the rules documented in rules.yml, and the
build refuses wording or rules that disagree, naming the file and the id."""
import re
import shutil

import pytest
from mkdocs.exceptions import PluginError

from selfcheck.page import load_all
from selfcheck import rules as selfcheck_rules
from conftest import ROOT, build_site

DOCS = ROOT / "docs"
CODES = ["en", "zh"]


def load(docs=DOCS, root=ROOT):
    return load_all(str(docs), CODES, str(root))


@pytest.fixture(scope="module")
def checked():
    return load()


@pytest.fixture(scope="module")
def rules(checked):
    return checked[0]


# --- the real rules and wording ---------------------------------------------

def test_both_languages_have_words_for_every_question_option_and_step(checked):
    rules, wordings = checked
    for code in CODES:
        wording = wordings[code]
        assert set(wording.areas) == {a.id for a in rules.areas}, code
        for question in rules.questions:
            text = wording.questions[question.id]
            assert text.text and text.explanation, (code, question.id)
            assert list(text.options) == [o.id for o in question.options], (code, question.id)
            assert all(o.text for o in text.options.values()), (code, question.id)
        for step in rules.steps:
            assert wording.steps[step.id].title and wording.steps[step.id].reason, (code, step.id)


def test_the_questionnaire_covers_enough_ground(rules):
    assert len(rules.questions) >= 15
    assert {a.id for a in rules.areas} >= {"phone", "real-name", "vpn", "contacts"}
    not_sure = [q.id for q in rules.questions if any(o.id == "not-sure" for o in q.options)]
    assert len(not_sure) >= 10, "'not sure' should be a possible answer to most questions"
    assert any(s.link == "protect.md#find-out" for s in rules.steps)


def test_every_step_is_called_for_by_some_answer(rules):
    for step in rules.steps:
        callers = [
            (q.id, o.id) for q in rules.questions for o in q.options
            if step.id in selfcheck_rules.score(rules, {q.id: o.id}).steps
        ]
        assert callers, f"no answer calls for step '{step.id}'"


def test_not_sure_points_to_a_way_of_finding_out(rules):
    for question in rules.questions:
        for option in question.options:
            if option.id == "not-sure":
                assert option.steps, f"'{question.id}': 'not sure' calls for no step"


def test_every_area_can_be_lower_and_can_be_higher(rules):
    for area in rules.areas:
        questions = [q for q in rules.questions if q.area == area.id]
        safest = {q.id: min(q.options, key=lambda o: o.risk).id for q in questions}
        riskiest = {q.id: max(q.options, key=lambda o: o.risk).id for q in questions}
        assert selfcheck_rules.score(rules, safest).areas[area.id] == "lower", area.id
        assert selfcheck_rules.score(rules, riskiest).areas[area.id] == "higher", area.id


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_step_links_to_a_section_that_exists_in_the_built_site(site, rules, prefix):
    page = site / prefix / "check.html"
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'<a data-step="([^"]+)" href="([^"]+)"', html)
    assert {step for step, _ in links} == {s.id for s in rules.steps}
    wanted = {s.id: s.link.replace(".md#", ".html#") for s in rules.steps}
    for step, href in links:
        assert not href.startswith(("/", "http:", "https:", "file:")), f"{prefix}check.html: {href} is not relative"
        assert href == wanted[step], f"{prefix}check.html: step '{step}' links to {href}"
        target, anchor = href.split("#")
        target_html = (page.parent / target).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in target_html, f"{prefix}{target} has no section #{anchor}"


# --- the scoring, on a small rule set whose results can be worked out by hand --

SMALL_RULES = """
show_first: 2
areas:
  - {id: one, medium: 2, higher: 4}
  - {id: two, medium: 1, higher: 3}
steps:
  first-listed: {link: protect.md#updates}
  second-listed: {link: protect.md#keyboard}
  third-listed: {link: protect.md#find-out}
questions:
  - id: a
    area: one
    options:
      high: {risk: 3, steps: [third-listed]}
      low: {risk: 1, steps: [second-listed, first-listed]}
      none: {risk: 0}
  - id: b
    area: one
    options:
      "yes": {risk: 1, steps: [second-listed]}
      "no": {risk: 0}
  - id: c
    area: two
    options:
      "yes": {risk: 1, steps: [first-listed]}
      "no": {risk: 0}
"""


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "rules.yml"
    path.write_text(SMALL_RULES, encoding="utf-8")
    return selfcheck_rules.load(str(path))


def test_no_answers_means_no_level_and_no_steps(small):
    result = selfcheck_rules.score(small, {})
    assert result.answered == 0 and result.overall is None and result.steps == ()
    assert result.areas == {"one": None, "two": None}


def test_points_add_up_per_area_and_the_highest_area_sets_the_overall_level(small):
    result = selfcheck_rules.score(small, {"a": "low", "c": "no"})
    assert result.areas == {"one": "lower", "two": "lower"}  # 1 point, 0 points
    result = selfcheck_rules.score(small, {"a": "low", "b": "yes", "c": "no"})
    assert result.areas == {"one": "medium", "two": "lower"}  # 2 points reach 'medium'
    assert result.overall == "medium"
    result = selfcheck_rules.score(small, {"a": "high", "b": "yes", "c": "yes"})
    assert result.areas == {"one": "higher", "two": "medium"}  # 4 and 1 points
    assert result.overall == "higher" and result.answered == 3


def test_steps_rank_by_highest_risk_then_by_how_many_answers_then_by_list_order(small):
    # 'third-listed' is called by a risk-3 answer: first despite its place.
    assert selfcheck_rules.score(small, {"a": "high", "b": "yes"}).steps == ("third-listed", "second-listed")
    # Same risk (1): 'second-listed' is called twice, 'first-listed' once.
    assert selfcheck_rules.score(small, {"a": "low", "b": "yes"}).steps == ("second-listed", "first-listed")
    # Same risk, same count: the order of the steps list decides.
    assert selfcheck_rules.score(small, {"a": "low"}).steps == ("first-listed", "second-listed")


def test_an_answer_that_is_not_in_the_rules_is_refused(small):
    with pytest.raises(KeyError):
        selfcheck_rules.score(small, {"a": "maybe"})
    with pytest.raises(KeyError):
        selfcheck_rules.score(small, {"zzz": "yes"})


# --- the build refuses rules and wording that disagree ----------------------

@pytest.fixture
def copy(tmp_path):
    """A project folder holding copies of the rules and both check pages."""
    for rel in ("docs/selfcheck/rules.yml", "docs/en/check.md", "docs/zh/check.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    return tmp_path


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path, needle):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def refused(copy):
    with pytest.raises(PluginError) as error:
        load(copy / "docs", copy)
    return str(error.value)


def test_the_copies_pass_before_they_are_broken(copy):
    load(copy / "docs", copy)


def test_a_misspelt_question_id_is_named_with_file_line_and_suggestion(copy):
    page = copy / "docs/zh/check.md"
    edit(page, "{#vendor-account .question}", "{#vendor-acount .question}")
    message = refused(copy)
    assert message.startswith(f"docs/zh/check.md, line {line_of(page, 'vendor-acount')}:")
    assert "'vendor-acount'" in message and "did you mean 'vendor-account'" in message


def test_a_missing_question_is_named(copy):
    page = copy / "docs/zh/check.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("### 这个输入法开着云输入")
    end = text.index("### ", start + 4)
    page.write_text(text[:start] + text[end:], encoding="utf-8")
    message = refused(copy)
    assert message.startswith("docs/zh/check.md:") and "question 'cloud-input' is missing" in message


def test_an_extra_question_is_named(copy):
    page = copy / "docs/en/check.md"
    edit(page, "## Real name and phone number {#real-name .area}\n",
         "### Do you own a tablet? {#tablet .question}\n\nTablets too.\n\n- Yes {#yes}\n- No {#no}\n\n"
         "## Real name and phone number {#real-name .area}\n")
    message = refused(copy)
    assert message.startswith(f"docs/en/check.md, line {line_of(page, '{#tablet')}:")
    assert "question id 'tablet'" in message


def test_a_missing_option_is_named(copy):
    edit(copy / "docs/zh/check.md", "- 联想 {#lenovo}\n", "")
    message = refused(copy)
    assert message.startswith("docs/zh/check.md") and "no option 'lenovo'" in message


def test_a_misspelt_option_id_is_named(copy):
    page = copy / "docs/zh/check.md"
    edit(page, "- 小米 {#xiaomi}", "- 小米 {#xioami}")
    message = refused(copy)
    assert message.startswith(f"docs/zh/check.md, line {line_of(page, '{#xioami}')}:")
    assert "'xioami'" in message and "did you mean 'xiaomi'" in message


def test_a_step_without_text_is_named(copy):
    page = copy / "docs/zh/check.md"
    edit(page, "云输入法会在任何应用加密之前，就把你打的字发给输入法公司。\n", "")
    message = refused(copy)
    assert message.startswith(f"docs/zh/check.md, line {line_of(page, '{#keyboard .step}')}:")
    assert "step 'keyboard' has no text" in message


def test_a_word_that_loses_its_placeholder_is_named(copy):
    edit(copy / "docs/zh/check.md", "共 {total} 题，你已回答 {answered} 题。", "你已回答 {answered} 题。")
    message = refused(copy)
    assert "docs/zh/check.md" in message and "word 'answered'" in message and "{total}" in message


def test_a_language_without_its_check_page_is_named(copy):
    (copy / "docs/zh/check.md").unlink()
    message = refused(copy)
    assert message.startswith("docs/zh/check.md is missing")


def test_a_rule_calling_for_an_unknown_step_is_named(copy):
    edit(copy / "docs/selfcheck/rules.yml", "chinese-app: {risk: 2, steps: [keyboard]}",
         "chinese-app: {risk: 2, steps: [keybord]}")
    message = refused(copy)
    assert message.startswith("docs/selfcheck/rules.yml:")
    assert "'keyboard'" in message and "'keybord'" in message and "'chinese-app'" in message


def test_a_rule_naming_an_unknown_area_is_named(copy):
    edit(copy / "docs/selfcheck/rules.yml", "  - id: one-phone\n    area: vpn\n",
         "  - id: one-phone\n    area: vnp\n")
    message = refused(copy)
    assert message.startswith("docs/selfcheck/rules.yml:") and "'one-phone'" in message and "'vnp'" in message


def test_a_step_no_answer_calls_for_is_named(copy):
    edit(copy / "docs/selfcheck/rules.yml", "steps:\n", "steps:\n  orphan: {link: protect.md#updates}\n")
    message = refused(copy)
    assert message.startswith("docs/selfcheck/rules.yml:") and "step 'orphan'" in message


def test_an_unquoted_yes_is_explained(copy):
    edit(copy / "docs/selfcheck/rules.yml", '"yes": {risk: 2, steps: [separate-devices]}',
         "yes: {risk: 2, steps: [separate-devices]}")
    message = refused(copy)
    assert message.startswith("docs/selfcheck/rules.yml:") and 'in quotes' in message


def test_a_heading_that_lost_its_mark_is_named(copy):
    page = copy / "docs/zh/check.md"
    edit(page, "### 你平时主要用哪个输入法？ {#keyboard .question}", "### 你平时主要用哪个输入法？")
    message = refused(copy)
    assert message.startswith(f"docs/zh/check.md, line {line_of(page, '你平时主要用哪个输入法')}:")


def test_the_build_itself_stops_on_a_misspelt_id(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", "site", ".venv", ".pytest_cache", "__pycache__"))
    page = project / "docs/zh/check.md"
    edit(page, "{#cloud-input .question}", "{#cloud-imput .question}")
    result = build_site(tmp_path / "out", project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/zh/check.md, line {line_of(page, 'cloud-imput')}" in output
    assert "'cloud-imput'" in output and "did you mean 'cloud-input'" in output
