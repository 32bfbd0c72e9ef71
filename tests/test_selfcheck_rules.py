"""The self-check's logic is sound and the same in every language: every step
can be reached by some answer, every question, option and step (with its
how-to) has words in both languages, every step leads to a section that
exists in both built languages, the scoring follows the rules documented in
rules.yml (a plan: urgency first, at most three "now" and five "this week"
steps, the rest folded; questions and steps that do not apply are dropped;
no level before five answers), eight readers get the first three steps a
trainer would pick, a reader on HarmonyOS NEXT is never told to do now what
the phone cannot do, a reader with no VPN gets no VPN-law step unless a
phone check is possible, the phones and the atlas boxes map onto the
settings atlas (each box once, the keyboard box for the keyboard chosen),
and the build refuses wording or rules that disagree, naming the file and
the id."""
import random
import re
import shutil

import pytest
from mkdocs.exceptions import PluginError

from selfcheck.page import load_all
from selfcheck import rules as selfcheck_rules
from helpers import ROOT, build_site
from selfcheck_personas import FIRST, PERSONAS, WHY

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
            text = wording.steps[step.id]
            assert text.title and text.reason and text.howto, (code, step.id)


def test_the_questionnaire_covers_enough_ground(rules):
    assert len(rules.questions) >= 25
    assert {a.id for a in rules.areas} >= {"phone", "real-name", "vpn", "contacts"}
    ids = {q.id for q in rules.questions}
    assert ids >= {"number-region", "national-id", "in-app-browser", "family-wechat", "travel",
                   "chat-app", "e2e-backup", "anti-fraud-installed", "anti-fraud-asked"}
    assert {"mainland", "abroad", "hk-macau", "not-sure"} <= {o.id for o in rules.question("number-region").options}
    makers = {o.id for o in rules.question("maker").options}
    assert {"huawei", "huawei-next", "xiaomi", "oppo", "iphone"} <= makers
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


def test_an_answer_that_adds_no_risk_calls_for_no_step(rules):
    for question in rules.questions:
        for option in question.options:
            if option.risk == 0:
                assert not option.steps, f"'{question.id}': '{option.id}' adds nothing but calls {option.steps}"


def test_every_step_says_its_kind_and_the_plan_has_its_limits(rules):
    assert rules.show_now == 3 and rules.show_week == 5 and rules.level_after == 5
    assert rules.urgency == ("imminent", "reach", "everyday")
    for step in rules.steps:
        assert step.kind in ("act", "read"), step.id
        if step.kind == "read":
            assert step.minutes is None, step.id
    reading = {s.id for s in rules.steps if s.kind == "read"}
    assert {"one-number", "legal", "region", "national-id"} == reading, "explanations must not compete with actions"


def answer_sets(rules, count=40):
    chance = random.Random(20261202)
    sets = [{q.id: max(q.options, key=lambda o: o.risk).id for q in rules.questions}]
    for _ in range(count):
        sets.append({q.id: chance.choice(q.options).id for q in rules.questions if chance.random() < 0.7})
    return sets + list(PERSONAS.values())


def test_at_most_three_now_and_five_this_week_and_the_groups_come_in_order(rules):
    order = {"now": 0, "week": 1, "later": 2, "read": 3}
    for answers in answer_sets(rules):
        result = selfcheck_rules.score(rules, answers)
        whens = [result.when[s] for s in result.steps]
        assert whens.count("now") <= 3 and whens.count("week") <= 5, answers
        assert whens == sorted(whens, key=order.get), answers
        if "later" in whens:
            assert whens.count("week") == 5
        for step_id in result.steps:
            assert (result.when[step_id] == "read") == (rules.step(step_id).kind == "read")


def test_an_imminent_threat_comes_before_what_reaches_you_and_that_before_everyday_exposure(rules):
    everyday = {"chat-app": "wechat-qq", "keyboard": "maker", "cloud-input": "yes", "screen-lock": "no"}
    reach = dict(everyday, **{"account-region": "yes", "vendor-account": "yes"})
    result = selfcheck_rules.score(rules, reach)
    assert result.steps[0] == "vendor-cloud"
    imminent = dict(reach, **{"phone-check": "possible"})
    assert selfcheck_rules.score(rules, imminent).steps[:2] == ("phone-check", "vendor-cloud")
    for source in ("shared", "seller"):
        result = selfcheck_rules.score(rules, dict(reach, **{"vpn-source": source}))
        assert result.steps[0] == "app-sources" and result.when["app-sources"] == "now", source
    result = selfcheck_rules.score(rules, dict(reach, **{"vpn-source": "official", "vpn-operator": "domestic"}))
    assert result.steps[0] == "vpn-choice"


def test_no_overall_level_until_five_answers(rules):
    answers = {"maker": "xiaomi", "vendor-cloud": "yes", "keyboard": "maker", "cloud-input": "yes"}
    assert selfcheck_rules.score(rules, answers).overall is None
    assert selfcheck_rules.score(rules, dict(answers, **{"screen-lock": "no"})).overall == "higher"
    assert selfcheck_rules.score(rules, {"vendor-cloud": "yes"}).overall is None


def test_no_vendor_account_step_for_a_reader_who_is_not_signed_in(rules):
    for maker in rules.question("maker").options:
        result = selfcheck_rules.score(rules, {"maker": maker.id, "vendor-account": "no"})
        assert "vendor-account" not in result.steps, maker.id
        assert "vendor-account" not in selfcheck_rules.score(rules, {"maker": maker.id}).steps, maker.id


def test_a_reader_abroad_is_still_asked_about_a_mainland_number_on_their_accounts(rules):
    result = selfcheck_rules.score(rules, {"number-region": "abroad", "cn-number": "yes"})
    assert "cn-number" in result.applies and result.steps[0] == "cn-number"
    for region in ("mainland", "hk-macau", "not-sure"):
        assert "cn-number" not in selfcheck_rules.score(rules, {"number-region": region}).applies


def test_a_reader_abroad_is_never_told_to_get_a_separate_number(rules):
    riskiest = answer_sets(rules, 0)[0]
    assert "separate-number" in selfcheck_rules.score(rules, riskiest).steps
    for answers in answer_sets(rules):
        answers = dict(answers, **{"number-region": "abroad"})
        result = selfcheck_rules.score(rules, answers)
        assert "separate-number" not in result.steps
        for hidden in ("sim-real-name", "overseas-number", "number-wechat"):
            assert hidden not in result.applies


def test_a_question_that_does_not_apply_counts_for_nothing(rules):
    alone = selfcheck_rules.score(rules, {"keyboard": "apple-google"})
    both = selfcheck_rules.score(rules, {"keyboard": "apple-google", "cloud-input": "yes"})
    assert both.steps == alone.steps and both.areas == alone.areas and both.answered == 1
    assert "cloud-input" not in both.applies
    assert "keyboard" in selfcheck_rules.score(rules, {"keyboard": "maker", "cloud-input": "yes"}).steps


def test_no_server_operator_scores_zero(rules):
    for option in rules.question("vpn-operator").options:
        assert option.risk >= 1 and option.steps, option.id


def test_harmonyos_next_is_not_treated_as_android(rules):
    result = selfcheck_rules.score(rules, {"maker": "huawei-next"})
    assert result.system == "harmonyos-next"
    assert "app-store" not in result.applies  # AppGallery only: nothing to choose
    assert selfcheck_rules.score(rules, {"maker": "huawei"}).system == "harmonyos-4"
    assert {"secret-chats", "browser", "e2e-backup"} <= {
        s.id for s in rules.steps if "harmonyos-next" in s.unavailable}


def test_a_harmonyos_next_reader_is_never_told_to_do_now_what_the_phone_cannot_do(rules):
    for answers in answer_sets(rules, 80):
        answers = dict(answers, maker="huawei-next")
        result = selfcheck_rules.score(rules, answers)
        for step_id in result.steps:
            if result.when[step_id] == "now":
                assert "harmonyos-next" not in rules.step(step_id).unavailable, (step_id, answers)
    worst = dict(answer_sets(rules, 0)[0], maker="huawei-next")
    result = selfcheck_rules.score(rules, worst)
    assert result.when["secret-chats"] != "now" and result.when["browser"] != "now"


def test_unavailable_steps_say_what_to_do_instead_in_both_languages(checked):
    rules, wordings = checked
    for step in rules.steps:
        for system in step.unavailable:
            for code in CODES:
                howto = wordings[code].steps[step.id].howto
                marks = re.findall(r'\{: data-on="([^"]+)" \}', howto)
                assert any(system in m.split() for m in marks), (code, step.id, system)


def test_a_reader_with_no_vpn_gets_no_vpn_law_step_unless_a_phone_check_is_possible(rules):
    for answers in answer_sets(rules, 80):
        answers = dict(answers, **{"vpn-source": "none"})
        result = selfcheck_rules.score(rules, answers)
        if answers.get("phone-check") not in ("checked", "possible"):
            assert "legal" not in result.steps, answers
    assert "legal" in selfcheck_rules.score(rules, {"vpn-source": "none", "phone-check": "possible"}).steps


# The settings atlas's ids, as docs/atlas/atlas.yml lists them.
def _atlas_ids():
    import yaml

    data = yaml.safe_load((ROOT / "docs" / "atlas" / "atlas.yml").read_text(encoding="utf-8"))
    return set(data["systems"]), set(data["tasks"])


ATLAS_SYSTEMS, ATLAS_TASKS = _atlas_ids()


def test_phones_and_steps_map_onto_the_settings_atlas(rules):
    assert {s.id for s in rules.systems} <= ATLAS_SYSTEMS
    assert {b.task for b in rules.boxes} == ATLAS_TASKS, "every atlas task shows under some step"
    assert {s for step in rules.steps for s in step.unavailable} <= ATLAS_SYSTEMS
    system = lambda answers: selfcheck_rules.score(rules, answers).system  # noqa: E731
    assert system({"maker": "xiaomi", "phone-region": "no"}) == "hyperos-global"
    assert system({"maker": "xiaomi", "phone-region": "yes"}) == "hyperos-cn"
    assert system({"maker": "xiaomi"}) == "hyperos-cn"
    assert system({"maker": "iphone"}) == "ios"
    assert system({"maker": "other-android"}) is None and system({}) is None


def test_the_keyboard_box_follows_the_keyboard_chosen(rules):
    bundled = selfcheck_rules.score(rules, {"maker": "xiaomi", "keyboard": "maker", "cloud-input": "yes"})
    assert bundled.boxes["keyboard"] == ("keyboard-cloud",)
    installed = selfcheck_rules.score(rules, {"maker": "xiaomi", "keyboard": "chinese-app", "cloud-input": "yes"})
    assert "keyboard" in installed.steps and "keyboard" not in installed.boxes
    assert selfcheck_rules.score(rules, {"keyboard": "maker"}).boxes == {}  # no phone chosen: no paths


def test_no_box_is_shown_twice_in_a_result(rules):
    for answers in answer_sets(rules):
        result = selfcheck_rules.score(rules, dict(answers, maker="iphone"))
        tasks = [t for step in result.steps for t in result.boxes.get(step, ())]
        assert len(tasks) == len(set(tasks)), (answers, result.boxes)
        assert set(result.boxes) <= set(result.steps)
    result = selfcheck_rules.score(rules, {"maker": "iphone", "vendor-cloud": "yes", "e2e-backup": "no",
                                           "account-region": "no", "vendor-account": "yes"})
    assert [t for s in result.steps for t in result.boxes.get(s, ())].count("cloud-sync") == 1


# --- nine readers, and what a trainer would have them do first -------------
# A–D are the readers of issue 24; E–I are more: a low-risk reader abroad, a
# student abroad with a +86 number, a mainland reader with a "VPN" run by a
# mainland company, a Hong Kong reader about to cross into the mainland, a
# Hong Kong reader on WhatsApp whose chats are backed up to Google.
# The browser test (test_selfcheck_browser.py) takes each of them through the
# page in both languages.



@pytest.mark.parametrize("who", sorted(PERSONAS))
def test_each_reader_gets_the_first_steps_a_trainer_would_pick(rules, who):
    result = selfcheck_rules.score(rules, PERSONAS[who])
    assert WHY[who]
    assert list(result.steps[:3]) == FIRST[who], WHY[who]
    assert [result.when[s] for s in FIRST[who]] == ["now"] * len(FIRST[who])
    whens = list(result.when.values())
    assert whens.count("now") <= 3 and whens.count("week") <= 5
    if who == "A":
        assert result.system == "hyperos-cn" and "keyboard" not in result.boxes  # an app he installed
    if who == "B":
        assert "cn-number" in result.steps and "family-chats" in result.steps
        assert "separate-number" not in result.steps and "legal" not in result.steps
    if who == "C":
        assert result.boxes["phone-check"] == ("lockdown",)
    if who == "D":
        assert "legal" not in result.steps  # no VPN, no phone check
        assert result.when["secret-chats"] == "week" and result.when["browser"] == "week"
        assert result.boxes["keyboard"] == ("keyboard-cloud",)
    if who == "E":
        assert len(result.steps) <= 2 and result.overall in ("lower", "medium")
    if who == "H":
        assert "secret-chats" not in result.steps and "legal" in result.steps
    if who == "I":
        assert "secret-chats" not in result.steps  # WhatsApp is end to end already


def test_a_whatsapp_reader_is_pointed_to_its_backup_even_when_the_phones_backup_is_encrypted(rules):
    """WhatsApp's chat backup is its own copy in iCloud or a Google account:
    end-to-end encrypted only if the reader turns that on, whatever the
    phone's own backup does."""
    reader = {"maker": "other-android", "e2e-backup": "yes", "chat-app": "whatsapp"}
    result = selfcheck_rules.score(rules, reader)
    assert "e2e-backup" in result.steps and "secret-chats" not in result.steps
    assert "e2e-backup" not in selfcheck_rules.score(rules, dict(reader, **{"chat-app": "signal-secret"})).steps


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_step_links_to_a_section_that_exists_in_the_built_site(site, rules, prefix):
    page = site / prefix / "check.html"
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'<a data-step="([^"]+)" href="([^"]+)"', html)
    assert {step for step, _ in links} == {s.id for s in rules.steps}
    guides = re.findall(r'<details class="sc-step" data-step="([^"]+)">.*?<a class="sc-guide" href="([^"]+)"',
                        html, flags=re.S)
    assert [step for step, _ in guides] == [s.id for s in rules.steps]
    wanted = {s.id: s.link.replace(".md#", ".html#") for s in rules.steps}
    for step, href in links + guides:
        assert not href.startswith(("/", "http:", "https:", "file:")), f"{prefix}check.html: {href} is not relative"
        assert href == wanted[step], f"{prefix}check.html: step '{step}' links to {href}"
        target, anchor = href.split("#")
        target_html = (page.parent / target).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in target_html, f"{prefix}{target} has no section #{anchor}"


# --- the scoring, on a small rule set whose results can be worked out by hand --

SMALL_RULES = """
show_now: 1
areas:
  - {id: one, medium: 2, higher: 4}
  - {id: two, medium: 1, higher: 3}
level_after: 1
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


RANKED_RULES = """
show_now: 2
show_week: 1
level_after: 1
areas:
  - {id: one, medium: 2, higher: 4}
systems:
  - {id: ios, if: {a: [high]}}
  - {id: coloros, if: {a: [low]}}
boxes:
  - {task: keyboard-cloud, step: quick}
  - {task: keyboard-cloud, step: also-quick}
  - {task: lockdown, step: valuable, unless: {b: ["no"]}}
steps:
  quick: {link: protect.md#updates, minutes: 5}
  valuable: {link: protect.md#keyboard, minutes: 5, weight: 2}
  also-quick: {link: protect.md#screen-lock, minutes: 10}
  reading: {link: protect.md#find-out, kind: read}
  later: {link: protect.md#plan, skip_if: {b: ["no"]}}
  urgent: {link: protect.md#phone-check, unavailable: [coloros]}
questions:
  - id: a
    area: one
    options:
      high: {risk: 3, steps: [reading, quick, also-quick]}
      low: {risk: 1, steps: [valuable, later]}
  - id: b
    area: one
    skip_if: {a: [high]}
    options:
      "yes": {risk: 1, urgency: imminent, steps: [later, urgent]}
      "no": {risk: 0}
"""


@pytest.fixture
def ranked(tmp_path):
    path = tmp_path / "rules.yml"
    path.write_text(RANKED_RULES, encoding="utf-8")
    return selfcheck_rules.load(str(path))


def test_weight_lifts_a_step_and_the_plan_has_its_limits(ranked):
    result = selfcheck_rules.score(ranked, {"a": "high"})
    # risk 3 each; 'quick' is listed first; two for now, then reading
    assert result.steps == ("quick", "also-quick", "reading")
    assert result.when == {"quick": "now", "also-quick": "now", "reading": "read"}
    assert result.system == "ios"
    # the keyboard box once, under the first step shown that lists it
    assert result.boxes == {"quick": ("keyboard-cloud",)}


def test_urgency_comes_before_risk_and_unavailable_steps_are_never_now(ranked):
    result = selfcheck_rules.score(ranked, {"a": "low", "b": "yes"})
    # 'urgent' and 'later' are imminent (risk 1) and come before 'valuable'
    # (risk 1 + weight 2); 'urgent' cannot be done on coloros: not now.
    assert result.steps == ("later", "valuable", "urgent")
    assert result.when == {"later": "now", "valuable": "now", "urgent": "week"}
    assert result.boxes == {"valuable": ("lockdown",)}
    result = selfcheck_rules.score(ranked, {"a": "low"})
    assert result.steps == ("valuable", "later") and result.when["valuable"] == "now"


def test_skipped_questions_and_steps_count_for_nothing(ranked):
    result = selfcheck_rules.score(ranked, {"a": "high", "b": "yes"})
    assert result.answered == 1 and "later" not in result.steps and result.applies == ("a",)
    result = selfcheck_rules.score(ranked, {"a": "low", "b": "no"})
    assert "later" not in result.steps  # the step's own skip_if
    assert result.applies == ("a", "b") and result.system == "coloros"
    assert result.boxes == {}  # the box's own 'unless'


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
    edit(page, "{#vendor-account .question", "{#vendor-acount .question")
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
    edit(copy / "docs/zh/check.md", "- 联想（含摩托罗拉） {#lenovo}\n", "")
    message = refused(copy)
    assert message.startswith("docs/zh/check.md") and "no option 'lenovo'" in message


def test_a_misspelt_option_id_is_named(copy):
    page = copy / "docs/zh/check.md"
    edit(page, "- 小米（含 Redmi 红米） {#xiaomi}", "- 小米（含 Redmi 红米） {#xioami}")
    message = refused(copy)
    assert message.startswith(f"docs/zh/check.md, line {line_of(page, '{#xioami}')}:")
    assert "'xioami'" in message and "did you mean 'xiaomi'" in message


def step_body(page, step_id):
    text = page.read_text(encoding="utf-8")
    start = text.index("\n", text.index(f"{{#{step_id} .step}}")) + 1
    return text, start, text.index("\n### ", start) + 1


def test_a_step_without_text_is_named(copy):
    page = copy / "docs/zh/check.md"
    text, start, end = step_body(page, "keyboard")
    page.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    message = refused(copy)
    assert message.startswith(f"docs/zh/check.md, line {line_of(page, '{#keyboard .step}')}:")
    assert "step 'keyboard' has no text" in message


def test_a_step_without_its_how_to_is_named(copy):
    page = copy / "docs/en/check.md"
    text, start, end = step_body(page, "updates")
    reason = text[start:end].strip().split("\n\n")[0]
    page.write_text(text[:start] + "\n" + reason + "\n\n" + text[end:], encoding="utf-8")
    message = refused(copy)
    assert message.startswith(f"docs/en/check.md, line {line_of(page, '{#updates .step}')}:")
    assert "step 'updates' has no how-to" in message


def test_an_unknown_urgency_is_named(copy):
    edit(copy / "docs/selfcheck/rules.yml", "domestic: {risk: 3, urgency: imminent,",
         "domestic: {risk: 3, urgency: imminnent,")
    message = refused(copy)
    assert message.startswith("docs/selfcheck/rules.yml:") and "'domestic'" in message
    assert "did you mean 'imminent'" in message


def test_a_step_with_an_unknown_kind_is_named(copy):
    edit(copy / "docs/selfcheck/rules.yml", "region: {link: phone-makers.md#china-or-abroad, kind: read}",
         "region: {link: phone-makers.md#china-or-abroad, kind: later}")
    message = refused(copy)
    assert message.startswith("docs/selfcheck/rules.yml:") and "step 'region': kind" in message


def test_a_box_naming_an_unknown_step_is_named(copy):
    edit(copy / "docs/selfcheck/rules.yml", "{task: lockdown, step: phone-check}",
         "{task: lockdown, step: phone-chek}")
    message = refused(copy)
    assert message.startswith("docs/selfcheck/rules.yml:") and "did you mean 'phone-check'" in message


def test_a_question_that_hides_others_without_a_short_label_is_named(copy):
    page = copy / "docs/zh/check.md"
    edit(page, '{#keyboard .question short="输入法"}', "{#keyboard .question}")
    message = refused(copy)
    assert message.startswith(f"docs/zh/check.md, line {line_of(page, '{#keyboard .question}')}:")
    assert "'keyboard'" in message and "short" in message


def test_a_question_depending_on_a_later_answer_is_named(copy):
    edit(copy / "docs/selfcheck/rules.yml", "skip_if: {keyboard: [apple-google, offline]}",
         "skip_if: {updates: [soon]}")
    message = refused(copy)
    assert message.startswith("docs/selfcheck/rules.yml:")
    assert "question 'cloud-input'" in message and "'updates'" in message and "before" in message


def test_a_skip_naming_an_unknown_option_is_named(copy):
    edit(copy / "docs/selfcheck/rules.yml", "skip_if: {number-region: [abroad]}\n    options",
         "skip_if: {number-region: [abraod]}\n    options")
    message = refused(copy)
    assert message.startswith("docs/selfcheck/rules.yml:") and "'abraod'" in message
    assert "did you mean 'abroad'" in message


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
    edit(page, "### 你平时主要用哪个输入法？ {#keyboard .question short=\"输入法\"}", "### 你平时主要用哪个输入法？")
    message = refused(copy)
    assert message.startswith(f"docs/zh/check.md, line {line_of(page, '你平时主要用哪个输入法')}:")


@pytest.mark.slow
def test_the_build_itself_stops_on_a_misspelt_id(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".git", "site", ".venv", ".pytest_cache", "__pycache__", "node_modules", "dist", ".cache"))
    page = project / "docs/zh/check.md"
    edit(page, "{#cloud-input .question}", "{#cloud-imput .question}")
    result = build_site(tmp_path / "out", project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/zh/check.md, line {line_of(page, 'cloud-imput')}" in output
    assert "'cloud-imput'" in output and "did you mean 'cloud-input'" in output
