"""The self-check in a real browser (Chromium at phone size), over HTTP and
from file://. Answering changes the result, and the page's script scores
exactly as the rules say, in three groups (now, this week, read) with at
most three "now" steps. Every link in the form and the result stays in the
page or opens a new tab, so following each leaves the answers in place;
opening every step's how-to changes neither the answers nor the address.
Three readers get sensible first steps in both languages. Nothing is
stored, sent or put in the address while answering; the answers are gone
after a reload, after leaving and coming back (also from the back/forward
cache) and after "Clear my answers". Without JavaScript every question is
there with a by-hand guide and every step's how-to. Both languages ask the
same questions, and the Chinese page speaks Chinese."""
import random
import re

import pytest

from selfcheck.page import load_all
from selfcheck import rules as selfcheck_rules
from helpers import PHONE, ROOT, STORAGE_SPY, launch_chromium, stored_anything, wake_theme
from selfcheck_personas import FIRST, PERSONAS

RULES, WORDING = load_all(str(ROOT / "docs"), ["en", "zh"], str(ROOT))
CHECKED = "document.querySelectorAll('#self-check input:checked').length"

SHOWN_RESULT = """() => {
  const out = document.querySelector('#self-check-result .sc-out');
  const overall = out.querySelector('.sc-overall');
  return {
    overall: overall ? overall.dataset.level : null,
    areas: Object.fromEntries([...out.querySelectorAll('.sc-areas li')].map(li => [li.dataset.area, li.dataset.level])),
    steps: [...out.querySelectorAll('.sc-steps > li')].map(li => li.dataset.step),
    when: Object.fromEntries([...out.querySelectorAll('.sc-steps > li')].map(li => [li.dataset.step, li.dataset.when])),
    links: [...out.querySelectorAll('.sc-steps > li a.sc-guide')].map(a => a.getAttribute('href')),
  };
}"""
ANSWERS = """() => [...document.querySelectorAll('#self-check input:checked')].map(i => i.name + '=' + i.value)"""


def riskiest():
    return {q.id: max(q.options, key=lambda o: o.risk).id for q in RULES.questions}


def safest():
    return {q.id: min(q.options, key=lambda o: o.risk).id for q in RULES.questions}


def answer(page, answers):
    """Tap each answer's label, as a reader would, in question order; questions
    an earlier answer has hidden are left alone (their answers would count for
    nothing)."""
    order = [q.id for q in RULES.questions]
    for question in sorted(answers, key=order.index):
        if page.locator(f"#q-{question}").is_hidden():
            continue
        page.locator(f'#q-{question} label:has(input[value="{answers[question]}"])').click()


def expected(answers):
    """What the rules (scripts/selfcheck/rules.py) say the page must show."""
    result = selfcheck_rules.score(RULES, answers)
    return {
        "overall": result.overall,
        "areas": {area: level or "none" for area, level in result.areas.items()},
        "steps": list(result.steps),
        "when": dict(result.when),
    }


def shown(page):
    result = page.evaluate(SHOWN_RESULT)
    del result["links"]
    return result


def open_check(make_context, base, prefix="", **kwargs):
    context, audit = make_context(**kwargs)
    page = context.new_page()
    page.goto(base + prefix + "check.html")
    page.wait_for_load_state("load")
    return page, audit


def test_answering_changes_the_result(make_context, origin):
    page, audit = open_check(make_context, origin)
    empty = WORDING["en"].words["no-answers"].text
    assert page.locator("#self-check-result").inner_text().count(empty) == 1
    answer(page, {"vendor-cloud": "yes"})
    assert empty not in page.locator("#self-check-result").inner_text()
    assert shown(page) == expected({"vendor-cloud": "yes"})
    assert page.locator(".sc-steps > li .sc-title").first.inner_text() == WORDING["en"].steps["vendor-cloud"].title
    answer(page, {"cloud-input": "yes", "overseas-number": "yes"})
    assert shown(page) == expected({"vendor-cloud": "yes", "cloud-input": "yes", "overseas-number": "yes"})
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert audit.console_errors == []


def test_the_script_scores_exactly_as_the_rules_say(make_context, server):
    page, _ = open_check(make_context, server)
    clear = page.locator("button.sc-clear")
    chance = random.Random(20261124)
    sets = [riskiest(), safest(), *PERSONAS.values()]
    for _ in range(10):
        sets.append({
            q.id: chance.choice(q.options).id
            for q in RULES.questions if chance.random() < 0.6
        })
    for answers in sets:
        clear.click()
        answer(page, answers)
        assert shown(page) == expected(answers), answers


def test_step_links_in_the_result_lead_to_the_guides(make_context, server):
    page, _ = open_check(make_context, server)
    answer(page, riskiest())
    links = page.evaluate(SHOWN_RESULT)["links"]
    by_step = {s.id: s.link.replace(".md#", ".html#") for s in RULES.steps}
    assert links == [by_step[s] for s in expected(riskiest())["steps"]]


def test_opposite_answers_give_different_advice(make_context, server):
    page, _ = open_check(make_context, server)
    answer(page, riskiest())
    worst = shown(page)
    page.locator("button.sc-clear").click()
    answer(page, safest())
    best = shown(page)
    assert worst["overall"] == "higher" and best["overall"] == "lower"
    assert worst["steps"] and worst["steps"] != best["steps"]
    if not best["steps"]:
        assert WORDING["en"].words["no-steps"].text in page.locator("#self-check-result").inner_text()


def test_answering_stores_nothing_sends_nothing_and_leaves_the_address_alone(make_context, origin):
    page, audit = open_check(make_context, origin)
    page.wait_for_load_state("networkidle")
    # The first touch loads the theme's script and stylesheet (the same files
    # for every reader, docs/assets/js/on-demand.js): let that happen first.
    wake_theme(page)
    page.wait_for_load_state("networkidle")
    address, history = page.url, page.evaluate("history.length")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    resources = page.evaluate("performance.getEntriesByType('resource').length")

    answer(page, riskiest())
    page.locator("button.sc-see").click()
    page.locator("button.sc-clear").click()
    answer(page, safest())
    page.wait_for_timeout(300)

    assert page.url == address and page.evaluate("location.href") == address
    assert page.evaluate("history.length") == history
    assert requests == [], f"requests while answering: {requests}"
    assert page.evaluate("performance.getEntriesByType('resource').length") == resources
    state = audit.storage(page)
    assert not stored_anything(state), state
    assert audit.outside == [] and audit.console_errors == []


def test_answers_are_gone_after_a_reload(make_context, origin):
    page, _ = open_check(make_context, origin)
    answer(page, riskiest())
    assert page.evaluate(CHECKED) == len(selfcheck_rules.score(RULES, riskiest()).applies)
    page.reload()
    page.wait_for_load_state("load")
    assert page.evaluate(CHECKED) == 0
    assert shown(page)["steps"] == [] and shown(page)["overall"] is None
    assert page.locator(".sc-bar").is_hidden()


def leave_for_another_page(page):
    """Leave the check page in this tab (the reader types an address or uses the site's menu)."""
    with page.expect_navigation():
        page.evaluate("location.href = 'protect.html'")


def test_answers_are_gone_after_leaving_and_coming_back(make_context, origin):
    page, _ = open_check(make_context, origin)
    answer(page, riskiest())
    leave_for_another_page(page)
    assert "protect.html" in page.url
    page.go_back()
    page.wait_for_load_state("load")
    assert page.url.endswith("check.html")
    assert page.evaluate(CHECKED) == 0
    assert shown(page)["overall"] is None


PAGESHOW_SPY = "window.__shows = []; addEventListener('pageshow', e => window.__shows.push(e.persisted));"


def test_answers_are_gone_when_the_page_comes_back_from_the_back_forward_cache(playwright_instance, server):
    browser = launch_chromium(playwright_instance, ignore_default_args=["--disable-back-forward-cache"])
    try:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        context.add_init_script(STORAGE_SPY)
        context.add_init_script(PAGESHOW_SPY)
        page = context.new_page()
        page.goto(server + "check.html")
        page.wait_for_load_state("load")
        answer(page, riskiest())
        assert page.evaluate(CHECKED) == len(selfcheck_rules.score(RULES, riskiest()).applies)
        leave_for_another_page(page)
        # A page restored from the cache fires no 'load', only 'pageshow'.
        page.go_back(wait_until="commit")
        page.wait_for_function("window.__shows && window.__shows.length >= 2")
        assert page.evaluate("window.__shows") == [False, True], "the page did not come from the back/forward cache"
        assert page.evaluate(CHECKED) == 0
        assert shown(page)["overall"] is None
        assert page.locator(".sc-bar").is_hidden()
        state = page.evaluate("""async () => ({
          localStorage: Object.keys(localStorage), sessionStorage: Object.keys(sessionStorage),
          cookie: document.cookie, indexedDB: (await indexedDB.databases()).map(d => d.name),
          caches: await caches.keys(), serviceWorkers: [], writes: [...window.__storageWrites] })""")
        assert not stored_anything(state), state
    finally:
        browser.close()


def test_the_clear_button_clears_answers_and_result(make_context, origin):
    page, _ = open_check(make_context, origin)
    answer(page, riskiest())
    assert page.locator(".sc-bar").is_visible()
    button = page.locator("button.sc-clear")
    assert button.is_visible() and button.inner_text() == WORDING["en"].words["clear"].text
    button.click()
    assert page.evaluate(CHECKED) == 0
    assert shown(page)["overall"] is None and shown(page)["steps"] == []
    assert WORDING["en"].words["no-answers"].text in page.locator("#self-check-result").inner_text()
    assert page.locator(".sc-bar").is_hidden()


def test_without_javascript_every_question_and_a_by_hand_guide_are_there(make_context, origin):
    page, audit = open_check(make_context, origin, java_script_enabled=False)
    words = WORDING["en"].words
    assert page.locator(".sc-noscript").inner_text() == words["noscript"].text
    assert page.locator("#self-check-result").inner_text().count(words["result-nojs"].text) == 1
    for question in RULES.questions:
        group = page.locator(f"fieldset#q-{question.id}")
        assert group.locator("legend").inner_text() == WORDING["en"].questions[question.id].text
        assert group.locator(".sc-explain").inner_text().strip()
        for option in question.options:
            label = group.locator(f'label:has(input[type=radio][name="{question.id}"][value="{option.id}"])')
            assert label.inner_text().strip() == WORDING["en"].questions[question.id].options[option.id].text
    judges = page.locator("details.sc-judge")
    assert judges.count() == len(RULES.areas)
    judges.first.locator("summary").click()
    assert judges.first.locator("a[data-step]").first.is_visible()
    linked = set(page.eval_on_selector_all("details.sc-judge a[data-step]", "as => as.map(a => a.dataset.step)"))
    assert linked == {s.id for s in RULES.steps}
    # every step's how-to is in the result, to open and read
    steps = page.locator("#self-check-result details.sc-step")
    assert steps.count() == len(RULES.steps)
    steps.first.locator("summary").click()
    assert steps.first.locator(".sc-howto").is_visible()
    page.locator("#q-maker label").first.click()
    assert page.locator("#q-maker input").first.is_checked()
    assert page.url.endswith("check.html")
    assert not stored_anything(audit.storage(page))


def radio_pairs(html):
    form = html[html.index('<form autocomplete="off" class="sc" id="self-check">'):]
    return re.findall(r'<input type="radio" name="([^"]+)" value="([^"]+)">', form[:form.index("</form>")])


def test_both_languages_ask_the_same_questions_with_the_same_ids(site):
    english = radio_pairs((site / "check.html").read_text(encoding="utf-8"))
    chinese = radio_pairs((site / "zh" / "check.html").read_text(encoding="utf-8"))
    assert english == chinese
    assert english == [(q.id, o.id) for q in RULES.questions for o in q.options]


# Names and technical terms that may stay in Latin letters on the Chinese page.
NAMES = {
    "OPPO", "vivo", "iPhone", "Pixel", "Apple", "iCloud", "QQ", "Gboard", "Trime", "Citizen", "Lab",
    "SIM", "Facebook", "Telegram", "WhatsApp", "Signal", "X", "VPN", "App", "JavaScript",
    "HarmonyOS", "NEXT", "EMUI", "Redmi", "realme", "iQOO", "UC", "Google", "ID",  # 面容 ID
}


def test_the_chinese_page_speaks_chinese(make_context, server):
    page, audit = open_check(make_context, server, prefix="zh/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    answer(page, riskiest())
    every_step_open(page)
    # The atlas's entries quote menus and sources as they are (tested with the atlas).
    page.evaluate("document.querySelectorAll('.sc-atlas').forEach(n => n.hidden = true)")
    text = page.locator("article").inner_text()
    words = WORDING["zh"].words
    for word in ("higher", "now-steps", "week-steps", "read-steps", "clear", "judge", "result"):
        assert words[word].text in text, word
    latin = set(re.findall(r"[A-Za-z][A-Za-z'-]*", text))
    assert latin <= NAMES, f"English on the Chinese page: {sorted(latin - NAMES)}"
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 2000
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert audit.console_errors == []


def test_print_shows_the_answers_and_the_steps_without_the_site_chrome(make_context, server):
    page, _ = open_check(make_context, server)
    answer(page, {"maker": "xiaomi", "vendor-cloud": "yes"})
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar").first.is_hidden()
    assert page.locator(".sc-bar").is_hidden() and page.locator("button.sc-clear").is_hidden()
    assert page.locator('#q-maker label:has(input[value="xiaomi"])').is_visible()
    assert page.locator('#q-maker label:has(input[value="huawei"])').is_hidden()
    assert page.locator('#q-keyboard label:has(input[value="chinese-app"])').is_visible()
    first = page.locator(".sc-steps > li").first
    assert first.is_visible() and first.locator(".sc-howto").is_visible(), "a printed step shows its how-to"


# --- the result holds everything, inside the page ---------------------------

def every_step_open(page):
    """Tap each step's title, as a reader would, until every step is open."""
    closed = page.locator("#self-check-result details.sc-step:not([open]) > summary")
    for _ in range(len(RULES.steps)):
        if not closed.count():
            break
        closed.first.click()


def links_in_form_and_result(page):
    return page.evaluate("""() => [...document.querySelectorAll('#self-check a[href], #self-check-result a[href]')]
        .map((a, i) => { a.dataset.linkIndex = i; return {i, href: a.getAttribute('href'),
          target: a.getAttribute('target'), rel: a.getAttribute('rel') || ''}; })""")


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_link_in_the_form_and_the_result_stays_in_the_page_or_opens_a_new_tab(make_context, server, prefix):
    page, audit = open_check(make_context, server, prefix)
    answer(page, riskiest())
    every_step_open(page)
    page.locator("details.sc-judge > summary").first.click()
    before, url = page.evaluate(ANSWERS), page.url
    links = links_in_form_and_result(page)
    assert len(links) > 40
    for link in links:
        if link["href"].startswith("#"):
            continue
        assert link["target"] == "_blank" and "noopener" in link["rel"].split(), link
    # Follow each in turn, as a reader would: the answers stay.
    context = page.context
    for link in links:
        node = page.locator(f'[data-link-index="{link["i"]}"]')
        if node.evaluate("a => !!a.closest('.sc-atlas[hidden]')"):
            continue  # another phone's menu paths: never shown to this reader
        if not node.is_visible():
            node.evaluate("a => a.closest('details').open = true")
        if link["href"].startswith("#"):
            node.click()
        else:
            with context.expect_page() as opened:
                node.click()
            opened.value.close()
        assert page.url.split("#")[0] == url.split("#")[0], link
        assert page.evaluate(ANSWERS) == before, f"following {link['href']} lost the answers"
    # (the audit's storage spy, injected twice into a noopener tab, complains there)
    assert [e for e in audit.console_errors if e.startswith(url)] == []
    # outside the site, only the pages of the outside links themselves were asked for (in their new tabs)
    followed = {link["href"] for link in links}
    assert [u for u in audit.outside if u not in followed] == []


def test_opening_every_step_changes_neither_the_answers_nor_the_address(make_context, origin):
    page, _ = open_check(make_context, origin)
    answer(page, riskiest())
    before, url, history = page.evaluate(ANSWERS), page.url, page.evaluate("history.length")
    shown_before = shown(page)
    every_step_open(page)
    opened = page.locator("#self-check-result details.sc-step[open]")
    assert opened.count() == len(shown_before["steps"]) > 0
    assert opened.first.locator(".sc-howto").is_visible()
    assert page.evaluate(ANSWERS) == before and shown(page) == shown_before
    assert page.url == url and page.evaluate("history.length") == history


def test_every_step_has_its_group_and_at_most_three_are_for_now(make_context, server):
    page, _ = open_check(make_context, server)
    answer(page, riskiest())
    result = page.evaluate(SHOWN_RESULT)
    assert result["steps"] and set(result["when"].values()) <= {"now", "week", "read"}
    assert all(result["when"][s] for s in result["steps"])
    assert list(result["when"].values()).count("now") <= 3
    titles = page.eval_on_selector_all("#self-check-result h3.sc-group-title", "hs => hs.map(h => h.dataset.when)")
    assert titles == [w for w in ("now", "week", "read") if w in result["when"].values()]
    words = WORDING["en"].words
    text = page.locator("#self-check-result").inner_text()
    assert words["now-steps"].text in text and words["week-steps"].text in text
    now = page.locator('.sc-steps[data-when="now"] > li')
    for i in range(now.count()):
        assert re.search(r"\d+ min", now.nth(i).locator("summary").inner_text()), "a 'now' step gives its minutes"


@pytest.mark.parametrize("prefix", ["", "zh/"])
@pytest.mark.parametrize("who", sorted(PERSONAS))
def test_three_readers_see_sensible_first_steps(make_context, server, prefix, who):
    page, audit = open_check(make_context, server, prefix)
    answer(page, PERSONAS[who])
    result = page.evaluate(SHOWN_RESULT)
    now = [s for s in result["steps"] if result["when"][s] == "now"]
    assert now == FIRST[who]
    if who == "abroad":
        assert "separate-number" not in result["steps"]
        assert page.locator("#q-overseas-number").is_hidden() and page.locator("#q-number-wechat").is_hidden()
    if who == "activist":
        assert "vendor-account" not in result["steps"]
        assert page.locator("#q-account-region").is_hidden()
    assert audit.console_errors == []


def test_the_readers_phone_gets_its_menu_paths_and_no_phone_gets_none(make_context, server, site):
    html = (site / "check.html").read_text(encoding="utf-8")
    if 'class="sc-atlas"' not in html:
        pytest.skip("the settings atlas is not in this build yet")
    page, _ = open_check(make_context, server)
    answer(page, {"cloud-input": "yes"})
    assert page.locator("#self-check-result .sc-atlas:visible").count() == 0
    answer(page, {"maker": "xiaomi", "phone-region": "no"})
    every_step_open(page)
    systems = set(page.eval_on_selector_all("#self-check-result .sc-atlas:not([hidden])",
                                            "ns => ns.map(n => n.dataset.system)"))
    assert systems == {"hyperos-global"}
    assert page.locator('#self-check-result li[data-step="keyboard"] .sc-atlas:visible').count() == 1
