"""The self-check in a real browser (Chromium at phone size), over HTTP and
from file://. Answering changes the result, and the page's script scores
exactly as the rules say: a plan of at most three "now" and five "this
week" steps, the rest folded ("later", "to understand"), with no level
before five answers. Every link on the page (form, result, header, menu,
footer) stays in the page or opens a new tab, so following each leaves the
answers in place; opening every step's how-to changes neither the answers
nor the address. Eight readers get the first three steps a trainer would
pick, in both languages, with the menu paths of their own phone, each box
once, and on HarmonyOS NEXT what to do instead. Nothing is
stored, sent or put in the address while answering; the answers are gone
after a reload, after leaving and coming back (also from the back/forward
cache) and after "Clear my answers". Without JavaScript every question is
there with a by-hand guide and every step's how-to. Both languages ask the
same questions, and the Chinese page speaks Chinese."""
import html as html_lib
import random
import re

import pytest

from selfcheck.page import load_all
from selfcheck import rules as selfcheck_rules
from helpers import PHONE, ROOT, STORAGE_SPY, launch_chromium, stored_anything, wake_theme
from selfcheck_driver import SHOWN, answer, answer_at_once, every_step_open, tap
from selfcheck_personas import FIRST, PERSONAS, WHY

RULES, WORDING = load_all(str(ROOT / "docs"), ["en", "zh"], str(ROOT))
CHECKED = "document.querySelectorAll('#self-check input:checked').length"

SHOWN_RESULT = """() => {
  const out = document.querySelector('#self-check-result .sc-out');
  const overall = out.querySelector('.sc-overall');
  return {
    overall: overall && overall.dataset.level !== 'none' ? overall.dataset.level : null,
    areas: Object.fromEntries([...out.querySelectorAll('.sc-areas li')].map(li => [li.dataset.area, li.dataset.level])),
    steps: [...out.querySelectorAll('.sc-steps > li')].map(li => li.dataset.step),
    when: Object.fromEntries([...out.querySelectorAll('.sc-steps > li')].map(li => [li.dataset.step, li.dataset.when])),
    links: [...out.querySelectorAll('.sc-steps > li a.sc-guide')].map(a => a.getAttribute('href')),
    boxes: Object.fromEntries([...out.querySelectorAll('.sc-steps > li')]
      .map(li => [li.dataset.step, [...li.querySelectorAll('.sc-atlas:not([hidden])')].map(n => n.dataset.task)])
      .filter(([step, tasks]) => tasks.length)),
  };
}"""
ANSWERS = """() => [...document.querySelectorAll('#self-check input:checked')].map(i => i.name + '=' + i.value)"""


def riskiest():
    return {q.id: max(q.options, key=lambda o: o.risk).id for q in RULES.questions}


def safest():
    return {q.id: min(q.options, key=lambda o: o.risk).id for q in RULES.questions}


def expected(answers):
    """What the rules (scripts/selfcheck/rules.py) say the page must show:
    the area levels only once the overall level is shown."""
    result = selfcheck_rules.score(RULES, answers)
    return {
        "overall": result.overall,
        "areas": {area: level or "none" for area, level in result.areas.items()} if result.overall else {},
        "steps": list(result.steps),
        "when": dict(result.when),
        "boxes": {step: list(tasks) for step, tasks in result.boxes.items()},
    }


def shown(page):
    result = page.evaluate(SHOWN_RESULT)
    del result["links"]
    return result


def without_boxes(result):
    return {key: value for key, value in result.items() if key != "boxes"}


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
    assert page.locator(".sc-overall").get_attribute("data-level") == "none"  # one answer: no level yet
    assert page.locator(".sc-steps > li .sc-title").first.inner_text() == WORDING["en"].steps["vendor-cloud"].title
    answer(page, {"cloud-input": "yes", "overseas-number": "yes"})
    assert shown(page) == expected({"vendor-cloud": "yes", "cloud-input": "yes", "overseas-number": "yes"})
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert audit.console_errors == []


def test_the_script_scores_exactly_as_the_rules_say(make_context, server):
    """For the riskiest and safest answers, every reader's and ten random sets,
    the page shows what the rules say. The answers are set at once, as taps
    would set them (selfcheck_driver.answer_at_once): what is tested here is
    what the script makes of them; the taps are tested with every reader
    (test_each_reader_sees_the_first_steps_a_trainer_would_pick)."""
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
        answer_at_once(page, answers)
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
    """(question, option) of every radio button of the self-check's form, in page order."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one("form#self-check")
    return [(r["name"], r["value"]) for r in form.select('input[type="radio"]')]


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
    "Store", "Play",  # App Store, Google Play (glossary: 应用商店)
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

def links_in_form_and_result(page):
    """Every link of the form and the result, numbered (data-link-index), with
    its attributes, whether the reader can ever see it (not another phone's
    paths or how-to, not a question that does not apply) and its kind: where
    it leads (in the page, another page of the site, another site) and where
    it sits (the self-check's own parts around it, e.g. a step's how-to in the
    "later" fold, a question's explanation)."""
    return page.evaluate("""() => [...document.querySelectorAll('#self-check a[href], #self-check-result a[href]')]
        .map((a, i) => {
          a.dataset.linkIndex = i;
          const href = a.getAttribute('href');
          const places = [];
          for (let n = a.parentElement; n && !n.matches('#self-check, #self-check-result'); n = n.parentElement) {
            const part = [...n.classList].find(c => c.startsWith('sc-'));
            if (part) places.push(n.tagName.toLowerCase() + '.' + part);
          }
          const leads = href.startsWith('#') ? 'in-page' : /^[a-z][a-z0-9+.-]*:/i.test(href) ? 'outside' : 'site';
          return {i, href, target: a.getAttribute('target'), rel: a.getAttribute('rel') || '',
                  kind: [leads, a.className, ...places].join(' '),
                  shown: !a.closest('.sc-atlas[hidden], [data-on][hidden], fieldset[hidden]')};
        })""")


# A click on every link that leaves the page, in one evaluation, as the page's
# own scripts see it: a click event (bubbling, cancelable, as a tap makes)
# dispatched on each link, and a listener on window, added after every
# listener of the page's, that sees it last. For each link it notes whether the
# click got there (no script stopped it), whether a script cancelled what the
# link does, and the link's target and rel as they are then (after any script
# changed them); then it cancels the click itself, so that no tab opens. Any
# navigation of this page meanwhile (a script's location.href = ...) is noted
# and stopped. The real clicks that open real tabs are the test's sample below.
CLICK_EVERY_LINK = """async (indices) => {
  const seen = new Map(), navigations = [];
  const last = (event) => {
    const a = event.target.closest('a');
    seen.set(a, { prevented: event.defaultPrevented, target: a.getAttribute('target'),
                  rel: a.getAttribute('rel') || '' });
    event.preventDefault();
  };
  const navigate = (event) => {
    navigations.push(event.destination.url);
    if (event.cancelable) event.preventDefault();
  };
  window.addEventListener('click', last);
  navigation.addEventListener('navigate', navigate);
  const out = [];
  try {
    for (const i of indices) {
      const a = document.querySelector(`[data-link-index="${i}"]`);
      a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, view: window }));
      out.push({ i, href: a.getAttribute('href'), ...(seen.get(a) || { reached: false }) });
    }
    await new Promise((done) => setTimeout(done));  // what a script left for later
  } finally {
    window.removeEventListener('click', last);
    navigation.removeEventListener('navigate', navigate);
  }
  return { clicks: out, navigations };
}"""


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_link_in_the_form_and_the_result_stays_in_the_page_or_opens_a_new_tab(make_context, server, prefix):
    """Following a link of the form or the result never takes the page (and
    the answers) away: an in-page link stays in it, every other link opens a
    new tab without access to this one (target=_blank, rel=noopener), and no
    script changes that when the link is clicked. Every link's attributes,
    and a click on each as the page's scripts see it, are checked at once;
    every in-page link, and one link of each kind and place, is clicked as a
    reader taps, and the answers and the address stay."""
    page, audit = open_check(make_context, server, prefix)
    context = page.context
    tabs = []
    context.on("page", lambda tab: tabs.append(tab))
    answer(page, riskiest())
    every_step_open(page)
    page.locator("details.sc-judge > summary").first.click()
    before, url = page.evaluate(ANSWERS), page.url
    links = links_in_form_and_result(page)
    assert len(links) > 40
    leaving = [link for link in links if not link["href"].startswith("#")]
    for link in leaving:
        assert link["target"] == "_blank" and "noopener" in link["rel"].split(), link
    # a click on each, as the page's scripts see it
    clicked = page.evaluate(CLICK_EVERY_LINK, [link["i"] for link in leaving])
    assert clicked["navigations"] == [], "a click on a link took the page elsewhere"
    for click in clicked["clicks"]:
        assert click.get("reached", True), f"a script stopped the click on {click['href']}"
        assert not click["prevented"], f"a script cancelled the click on {click['href']}"
        assert click["target"] == "_blank" and "noopener" in click["rel"].split(), click
    assert tabs == [], "a script opened a tab"
    assert page.url == url and page.evaluate(ANSWERS) == before

    def follow(link):
        """Tap the link as a reader would (its folds opened first)."""
        node = page.locator(f'[data-link-index="{link["i"]}"]')
        node.evaluate("a => { for (let d = a.closest('details'); d; d = d.parentElement.closest('details')) d.open = true; }")
        if link["href"].startswith("#"):
            node.click()
        else:
            with context.expect_page() as opened:
                node.click()
            opened.value.close()
        assert page.url.split("#")[0] == url.split("#")[0], link
        assert page.evaluate(ANSWERS) == before, f"following {link['href']} lost the answers"

    # every in-page link, and the first link of each kind and place, as a reader taps them
    kinds = {}
    for link in links:
        if link["shown"] and (link["href"].startswith("#") or link["kind"] not in kinds):
            kinds.setdefault(link["kind"], link)
            follow(link)
    assert len(kinds) >= 8, sorted(kinds)
    # a menu path's source, in the box of the reader's phone (no box of the
    # riskiest answers' phone has one): another phone, the same way
    answer(page, {"maker": "iphone", "phone-region": "no"})
    before = page.evaluate(ANSWERS)
    sources = [link for link in links_in_form_and_result(page) if link["shown"] and "sc-atlas" in link["kind"]]
    assert sources, "no menu path with its source is shown"
    follow(sources[0])
    assert len(tabs) == len([link for link in [*kinds.values(), sources[0]] if not link["href"].startswith("#")])
    # (the audit's storage spy, injected twice into a noopener tab, complains there)
    assert [e for e in audit.console_errors if e.startswith(url)] == []
    # outside the site, only the pages of the outside links themselves were asked for (in their new tabs)
    followed = {link["href"] for link in links} | {sources[0]["href"]}
    assert [u for u in audit.outside if u not in followed] == []


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_header_menu_and_footer_links_open_a_new_tab_and_the_answers_stay(make_context, server, prefix):
    page, audit = open_check(make_context, server, prefix)
    answer(page, PERSONAS["A"])
    before, url = page.evaluate(ANSWERS), page.url
    outside = page.evaluate("""() => [...document.querySelectorAll('a[href]')]
        .filter(a => !a.closest('#self-check, #self-check-result') && !a.hasAttribute('data-quick-exit'))
        .filter(a => !a.getAttribute('href').startsWith('#') && a.href.split('#')[0] !== location.href.split('#')[0])
        .map(a => ({href: a.getAttribute('href'), target: a.target, rel: a.rel,
                    where: a.closest('header, nav, footer, .rs-bar') ? 'chrome' : 'other'}))""")
    assert len([link for link in outside if link["where"] == "chrome"]) >= 5
    for link in outside:
        assert link["target"] == "_blank" and "noopener" in link["rel"].split(), link
    # a footer link and the other language's link, followed as a reader would
    for selector in ("footer a.md-footer__link", "a.rs-lang"):
        node = page.locator(selector).first
        node.scroll_into_view_if_needed()
        with page.context.expect_page() as opened:
            node.click()
        opened.value.close()
        assert page.url == url and page.evaluate(ANSWERS) == before, selector
    # the one link that leaves in this tab is the quick exit
    assert page.locator("[data-quick-exit]").get_attribute("target") is None


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


def test_the_plan_shows_three_now_five_this_week_and_folds_the_rest(make_context, server):
    page, _ = open_check(make_context, server)
    answer(page, riskiest())
    result = page.evaluate(SHOWN_RESULT)
    whens = list(result["when"].values())
    assert result["steps"] and set(whens) == {"now", "week", "later", "read"}
    assert whens.count("now") == 3 and whens.count("week") == 5
    titles = page.eval_on_selector_all("#self-check-result h3.sc-group-title", "hs => hs.map(h => h.dataset.when)")
    assert titles == ["now", "week"]
    folds = page.locator("#self-check-result details.sc-fold")
    assert folds.evaluate_all("ds => ds.map(d => [d.dataset.when, d.open])") == [["later", False], ["read", False]]
    assert page.locator('.sc-steps[data-when="later"] > li').first.is_hidden()
    words = WORDING["en"].words
    text = page.locator("#self-check-result").inner_text()
    for word in ("now-steps", "week-steps", "later-steps", "read-steps"):
        assert words[word].text in text, word
    # the first step of the plan is close to the top of the result
    top = page.locator("#self-check-result").bounding_box()["y"]
    first = page.locator('.sc-steps[data-when="now"] > li').first.bounding_box()["y"]
    assert first - top < 2 * 780


WHOLE_RESULT = """() => ({
  out: document.querySelector('#self-check-result .sc-out').innerHTML,
  bar: (bar => bar.hidden ? null : bar.textContent)(document.querySelector('#self-check .sc-bar')),
  hidden: [...document.querySelectorAll('#self-check fieldset.sc-q')].filter(q => q.hidden).map(q => q.id),
})"""
# The questions shown (as Playwright's is_visible sees them), in one round trip.
VISIBLE_QUESTIONS = f"""() => [...document.querySelectorAll('#self-check fieldset.sc-q')]
  .filter({SHOWN}).map(q => q.id.slice(2))"""
SET_ANSWERS = """(answers) => {
  const form = document.getElementById('self-check');
  for (const pair of answers) {
    const [name, value] = pair.split('=');
    form.querySelector(`input[name="${name}"][value="${value}"]`).checked = true;
  }
  form.dispatchEvent(new Event('change', { bubbles: true }));
}"""


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_the_result_after_any_answers_is_the_same_as_a_fresh_one(make_context, server, prefix):
    """The script changes the result in place (only what differs from the
    last answer): after any run of answers, changed answers, opened steps and
    folds, and clearing, the result, the bar and the hidden questions are
    exactly what a fresh page shows for the same answers at once."""
    page, _ = open_check(make_context, server, prefix)
    fresh, _ = open_check(make_context, server, prefix)
    chance = random.Random(20261207 + len(prefix))
    questions = [q for q in RULES.questions if q.options]
    for turn in range(18):
        if turn == 12:
            page.locator("button.sc-clear").click()
        else:
            visible = set(page.evaluate(VISIBLE_QUESTIONS))
            question = chance.choice([q for q in questions if q.id in visible])
            answer(page, {question.id: chance.choice(question.options).id})
        now = page.evaluate(ANSWERS)
        fresh.reload()
        fresh.wait_for_load_state("load")  # and 'pageshow', where the script clears the form
        fresh.evaluate(SET_ANSWERS, now)
        assert page.evaluate(WHOLE_RESULT) == fresh.evaluate(WHOLE_RESULT), (turn, now)
        # the reader opens a step and a fold; the next answer closes them, as a fresh result has them
        summaries = page.locator("#self-check-result summary")
        for i in range(0, 2 * max(1, turn), max(1, turn)):
            if i < summaries.count():
                tap(page, summaries.nth(i))  # if it is shown


def test_no_level_until_five_answers(make_context, server):
    page, _ = open_check(make_context, server)
    answers = {"maker": "xiaomi", "vendor-cloud": "yes", "keyboard": "maker", "cloud-input": "yes"}
    answer(page, answers)
    assert page.locator(".sc-overall").get_attribute("data-level") == "none"
    assert page.locator(".sc-areas").count() == 0
    assert "5" in page.locator(".sc-bar-text").inner_text()
    answer(page, {"screen-lock": "no"})
    assert page.locator(".sc-overall").get_attribute("data-level") == "higher"
    assert shown(page) == expected(dict(answers, **{"screen-lock": "no"}))


@pytest.mark.parametrize("prefix", ["", "zh/"])
@pytest.mark.parametrize("who", sorted(PERSONAS))
def test_each_reader_sees_the_first_steps_a_trainer_would_pick(make_context, server, prefix, who):
    page, audit = open_check(make_context, server, prefix)
    answer(page, PERSONAS[who])
    result = shown(page)
    assert result == expected(PERSONAS[who])
    assert result["steps"][:3] == FIRST[who], WHY[who]
    assert [result["when"][s] for s in FIRST[who]] == ["now"] * len(FIRST[who])
    code = "zh" if prefix else "en"
    titles = page.locator('.sc-steps[data-when="now"] > li .sc-title').all_inner_texts()
    assert titles == [WORDING[code].steps[s].title for s in FIRST[who]]
    # no box twice, and only the reader's phone's
    tasks = [t for ts in result["boxes"].values() for t in ts]
    assert len(tasks) == len(set(tasks))
    system = selfcheck_rules.score(RULES, PERSONAS[who]).system
    systems = set(page.eval_on_selector_all("#self-check-result .sc-steps .sc-atlas:not([hidden])",
                                            "ns => ns.map(n => n.dataset.system)"))
    assert systems <= ({system} if system else set())
    if who == "B":
        assert page.locator("#q-cn-number").is_visible()
        assert page.locator("#q-overseas-number").is_hidden() and page.locator("#q-number-wechat").is_hidden()
    if who == "D":
        # what HarmonyOS NEXT cannot do waits, and says what to do instead
        every_step_open(page)
        chats = page.locator('#self-check-result li[data-step="secret-chats"]')
        assert chats.get_attribute("data-when") == "week"
        assert chats.locator(".sc-unavailable").is_visible()
        assert chats.locator('[data-on~="harmonyos-next"]').first.is_visible()
        assert "卓易通" in chats.inner_text()
        lock = page.locator('#self-check-result li[data-step="e2e-backup"]')
        assert lock.count() == 0  # a China-region account: the cloud step instead
    if who == "C":
        every_step_open(page)
        check = page.locator('#self-check-result li[data-step="phone-check"]')
        assert check.locator('.sc-howto [data-on="ios"]').is_visible()
        assert check.locator('.sc-howto [data-on~="coloros"]').is_hidden()
    if who == "A":
        every_step_open(page)
        keyboard = page.locator('#self-check-result li[data-step="keyboard"]')
        assert keyboard.locator(".sc-atlas:not([hidden])").count() == 0  # the Sogou app he installed
        check_step = page.locator('#self-check-result li[data-step="phone-check"]')
        assert check_step.count() == 0
    if who == "I":
        # WhatsApp's own backup setting, in the step on encrypted backups
        every_step_open(page)
        backup = page.locator('#self-check-result li[data-step="e2e-backup"]')
        assert any("WhatsApp" in t for t in backup.locator(".sc-howto li:visible").all_inner_texts())
    assert audit.console_errors == []


def test_a_source_about_something_else_is_not_shown_and_no_path_is_one_line(make_context, server, site):
    html = (site / "zh/check.html").read_text(encoding="utf-8")
    if 'class="sc-atlas"' not in html:
        pytest.skip("the settings atlas is not in this build yet")
    page, _ = open_check(make_context, server, "zh/")
    answer(page, {"maker": "xiaomi", "phone-region": "yes", "keyboard": "maker", "cloud-input": "yes"})
    every_step_open(page)
    box = page.locator('#self-check-result li[data-step="keyboard"] .sc-atlas:not([hidden])')
    assert box.count() == 1
    # no checked path on HyperOS (China): one plain line, no source, no "checked" line
    assert box.locator(".sc-atlas-none").count() == 1 and box.locator("a").count() == 0
    assert box.locator(".sc-atlas-meta").count() == 0
    # where a path is known: when and where it was checked, the version, the
    # source, three short sentences in the atlas pages' own words
    # (an iPhone: its paths come with the maker's own guide as source)
    page, _ = open_check(make_context, server, "zh/")
    answer(page, {"maker": "iphone", "phone-region": "no", "e2e-backup": "no", "contacts-access": "yes"})
    every_step_open(page)
    meta = page.locator("#self-check-result .sc-atlas:not([hidden]) .sc-atlas-meta")
    texts = meta.all_inner_texts()
    assert texts, "no box with a checked path was shown: the lines below would go unchecked"
    for text in texts:
        assert text.count("。") == 3 and text.endswith("。") and "。适用版本：" in text and "。来源：" in text, text
        assert "”，" in text and ", " not in text.split("”")[-1], text  # Chinese commas, as on the atlas pages
    settings = (site / "zh/settings.html").read_text(encoding="utf-8")
    lines = {html_lib.unescape(re.sub(r"<[^>]+>", "", line))
             for line in re.findall(r'<p class="atlas-meta">(.*?)</p>', settings, re.S)}
    assert set(texts) <= lines, set(texts) - lines  # word for word as on the phone-settings page


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


WHERE = ["file", "one-file", "small"]


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("code", ["en", "zh"])
def test_the_readers_get_the_same_first_steps_from_disk_and_in_the_offline_editions(
        browser, site, editions, where, code):
    """The same plan opened from file:// and in the one-file and small editions
    (where the check is a section of one HTML file), and nothing stored.

    One visit for all the readers, each after "Clear my answers" (after which
    the result is a fresh page's: test_the_result_after_any_answers_is_the_same_as_a_fresh_one).
    One reader taps the answers (another in each edition and language); the
    others' answers are set at once, as the taps would set them: the editions
    carry the same script and rules as the served page, where every reader
    taps (test_each_reader_sees_the_first_steps_a_trainer_would_pick); what
    can differ here is what the edition does to the page, which the taps of
    one reader meet on every question they answer."""
    from offline_editions import audited_context

    if where == "file":
        uri = (site / ("zh" if code == "zh" else "") / "check.html").as_uri()
        allowed = site.as_uri() + "/"
    else:
        ending = f"-{code}.html" if where == "one-file" else f"-{code}-small.html"
        uri = allowed = next(path for name, path in editions.items() if name.endswith(ending)).as_uri()
    tapping = sorted(PERSONAS)[2 * WHERE.index(where) + (code == "zh")]
    context, audit = audited_context(browser, allowed)
    try:
        page = context.new_page()
        page.goto(uri)
        page.wait_for_load_state("load")
        for who in sorted(PERSONAS):
            page.locator("button.sc-clear").click()
            assert page.evaluate(CHECKED) == 0
            (answer if who == tapping else answer_at_once)(page, PERSONAS[who])
            result, want = shown(page), expected(PERSONAS[who])
            assert result["steps"][:3] == FIRST[who], (where, code, who, WHY[who])
            if where == "small":  # without the menu paths of each phone (small_edition.py)
                result, want = without_boxes(result), without_boxes(want)
            assert result == want, (where, code, who)
        assert not stored_anything(audit.storage(page))
        assert audit.outside == [] and audit.console_errors == []
    finally:
        context.close()
