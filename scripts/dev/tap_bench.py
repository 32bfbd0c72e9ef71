"""The benchmark's tap mode (`make bench`, printed after the slow-link table):
how long a reader on a slow phone waits after a tap.

Every load: a fresh browser context (cold cache, the HTTP cache on),
Chromium at the phone viewport with the slow link of scripts/dev/slow_link.py
(Network.emulateNetworkConditions, 400 kbit/s, 400 ms per request) and the
CPU slowed down (Emulation.setCPUThrottlingRate, --cpu-slowdown, 6 by
default: a low-end phone), both set before the page is requested.

- Search: the page loads; `--read` seconds after its load event (the reader
  has started reading) the search button is tapped, the query put into the
  search box as one input event and a key pressed (the theme searches on
  key events). Figure: from the tap (the pointerdown event's own time
  stamp, so a busy main thread counts) to the frame after the first result
  item is put into the page. Our page and stock Material's twin are loaded
  interleaved (ours, stock, ours, stock...) so that a busy machine slows both
  alike; every run's pair gives a ratio, and the table shows the median and
  the spread. A Chinese page is compared with stock's English twin and an
  English query (stock has no Chinese).
- Self-check (check.html, ours only): after the load event and --read
  seconds, --check-taps taps, each on another answer of the first question
  (scrolled to the middle of the screen, then tapped where it is, as the
  search button is; found, scrolled to and waited for with plain
  evaluations: Playwright's locators and wait_for_function put its own
  script into the page, whose listeners would run inside every tap being
  measured). Figures: from each tap to the frame after the result changed
  (or, when the answer changed nothing, such as another maker of the same
  system, after the page had handled it), median and longest; and the
  longest main-thread task (PerformanceObserver, `longtask`) twice: every
  task that ran from the first tap to the end (including one already
  running when the tap came, such as the page load's tail), and only those
  that began after the first tap. What ran in the longest task is named
  from the Long Animation Frames API: the scripts that ran in it (file, how
  they were called, ms, of which forced style and layout), or "no script"
  when it was the browser's own work (style, layout, paint).

The page is watched by a script Playwright injects before any of the page's
own (the site's Content-Security-Policy does not apply to it); nothing is
added to the built site. Timings are printed, never asserted.
"""
import statistics
import sys

from dev.slow_link import KBIT_S, LATENCY_MS

CPU_SLOWDOWN = 6

WATCH = r"""
(() => {
  const t = window.__tap = { taps: [], shown: [], tasks: [], searchTap: null, result: null,
                             ready: null, load: null };
  addEventListener("load", () => { t.load = performance.now(); });
  // when the search worker says it is ready (its index built): the page's
  // scripts find this Worker as the browser's own
  const RealWorker = window.Worker;
  window.Worker = function (url, options) {
    const worker = new RealWorker(url, options);
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === 1 && t.ready === null) t.ready = performance.now();
    });
    return worker;
  };
  window.Worker.prototype = RealWorker.prototype;
  addEventListener("pointerdown", (event) => {
    if (event.target.closest && event.target.closest("label[for=__search]")) {
      if (t.searchTap === null) t.searchTap = event.timeStamp;
    } else {
      t.taps.push(event.timeStamp);
    }
  }, true);
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  new MutationObserver((records) => {
    if (t.searchTap !== null && t.result === null
        && document.querySelector(".md-search-result__item")) {
      t.result = -1;
      frame().then((now) => { t.result = now; });
    }
    if (t.taps.length > t.shown.length
        && records.some((r) => r.target.closest && r.target.closest("#self-check-result"))) {
      const i = t.taps.length - 1;
      t.shown[i] = -1;
      frame().then((now) => { t.shown[i] = now; });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  // An answer that leaves the result as it was (another maker of the same
  // system): the frame after the page has handled the change. The observer
  // above has had the page's own changes by then (a microtask later).
  addEventListener("change", () => {
    const i = t.taps.length - 1;
    queueMicrotask(() => {
      if (i >= 0 && t.shown[i] === undefined) {
        t.shown[i] = -1;
        frame().then((now) => { t.shown[i] = now; });
      }
    });
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) t.tasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { /* no Long Tasks API */ }
})();
"""


# What ran in the long frames (Long Animation Frames API), to name what ran
# in the longest task; after WATCH.
WATCH_FRAMES = r"""
(() => {
  const t = window.__tap;
  t.frames = [];
  try {
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        t.frames.push({ start: f.startTime, duration: f.duration, scripts: f.scripts.map((s) => ({
          start: s.startTime, duration: s.duration, forced: s.forcedStyleAndLayoutDuration,
          url: s.sourceURL, invoker: s.invoker, type: s.invokerType })) });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (e) { /* no Long Animation Frames API */ }
})();
"""


def _open(browser, url, phone, cpu_slowdown):
    context = browser.new_context(viewport=phone, is_mobile=True, has_touch=True, device_scale_factor=2)
    context.add_init_script(WATCH)
    context.add_init_script(WATCH_FRAMES)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = KBIT_S * 1000 / 8
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS, "downloadThroughput": rate, "uploadThroughput": rate})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    page.goto(url, wait_until="load", timeout=120_000)
    return context, page


def search_once(browser, url, query, phone, read, cpu_slowdown):
    """ms from the tap on the search button to the frame after the first result."""
    context, page = _open(browser, url, phone, cpu_slowdown)
    try:
        button = page.locator("label.md-header__button[for=__search]").first.bounding_box()
        page.wait_for_timeout(read * 1000)
        # Straight to the browser's input (no waiting for the box to be
        # ready, as Playwright's fill() would): the tap, the words as one
        # input event (as a phone keyboard's suggestion or a paste), and a
        # key, on which the theme searches.
        page.touchscreen.tap(button["x"] + button["width"] / 2, button["y"] + button["height"] / 2)
        page.keyboard.insert_text(query)
        page.keyboard.press("End")
        page.wait_for_function("() => window.__tap.result > 0", timeout=120_000, polling=100)
        t = page.evaluate("() => window.__tap")
        return {"ms": t["result"] - t["searchTap"],
                "ready": None if t["ready"] is None else t["ready"] - t["load"]}
    finally:
        context.close()


def _what_ran(frames, start, duration):
    """The scripts that ran in the task at `start` (ms) lasting `duration`,
    longest first: "file (how it was called) ms, forced style and layout ms"."""
    ran = {}
    for frame in frames:
        for script in frame["scripts"]:
            if start - 1 <= script["start"] <= start + duration:
                name = (script["url"] or "").split("?")[0].rsplit("/", 1)[-1] or "(no file)"
                how = script["invoker"] if script["type"] == "event-listener" else script["type"]
                key = f"{name} ({how})"
                took, forced = ran.get(key, (0, 0))
                ran[key] = (took + script["duration"], forced + script["forced"])
    named = [f"{key} {took:.0f} ms" + (f", {forced:.0f} forced style and layout" if forced >= 1 else "")
             for key, (took, forced) in sorted(ran.items(), key=lambda item: -item[1][0]) if took >= 5]
    if sum(took for took, _ in ran.values()) < duration / 4:
        named.append("no script for most of it (style, layout, paint)")
    return "; ".join(named[:3])


# Every question but the first answered (its first answer) before the taps,
# set from the page's script as one change: each tap then redraws a whole plan.
ANSWER_THE_REST = """() => {
  const form = document.getElementById("self-check");
  for (const question of form.querySelectorAll("fieldset.sc-q:not(#q-maker)")) {
    const first = question.querySelector("input[type=radio]");
    if (first) first.checked = true;
  }
  form.dispatchEvent(new Event("change", { bubbles: true }));
}"""


# The first question's answer for tap `i`, scrolled to the middle of the
# screen: where to tap. Plain evaluations, no Playwright locators or
# wait_for_function: those put Playwright's own script into the page, whose
# listeners then run inside every tap being measured.
PLACE = """(i) => {
  const labels = document.querySelectorAll("#q-maker .sc-opts label");
  const label = labels[i % labels.length];
  label.scrollIntoView({ block: "center" });
  const box = label.getBoundingClientRect();
  return [box.left + box.width / 2, box.top + box.height / 2];
}"""
SHOWN = """([i, timeout]) => new Promise((resolve, reject) => {
  const until = performance.now() + timeout;
  const check = () => {
    if (window.__tap.shown[i] > 0) resolve();
    else if (performance.now() > until) reject(new Error("no result after tap " + i));
    else setTimeout(check, 50);
  };
  check();
})"""


def check_once(browser, url, phone, read, cpu_slowdown, taps, answered=False):
    """{tap ms: [...], longest task ms from the first tap on, longest task
    ms begun after it, what ran in the longest} for `taps` answers; with
    `answered`, the other questions are answered first."""
    context, page = _open(browser, url, phone, cpu_slowdown)
    try:
        page.wait_for_timeout(read * 1000)
        if answered:
            page.evaluate(ANSWER_THE_REST)
            page.wait_for_timeout(1000)
        for i in range(taps):
            x, y = page.evaluate(PLACE, i)
            page.touchscreen.tap(x, y)
            page.evaluate(SHOWN, [i, 60_000])
        data = page.evaluate("() => window.__tap")
    finally:
        context.close()
    times = [shown - tap for tap, shown in zip(data["taps"], data["shown"])]
    first = data["taps"][0]
    tasks = [(duration, start) for start, duration in data["tasks"] if start + duration >= first]
    longest, at = max(tasks, default=(0, first))
    return {"taps": times, "longest_task": longest,
            "longest_task_after": max((d for d, start in tasks if start >= first), default=0),
            "longest_what": _what_ran(data.get("frames") or [], at, longest) if longest else ""}


def measure_search(browser, cases, runs, phone, read=0, cpu_slowdown=CPU_SLOWDOWN):
    """`cases`: [(label, ours_url, ours_query, stock_url, stock_query)].
    Returns {label: {"ours": [...], "stock": [...]}}, per run (interleaved):
    {"ms": tap to first result, "ready": when the worker was ready, ms after
    the load event}."""
    out = {case[0]: {"ours": [], "stock": []} for case in cases}
    for run in range(runs):
        for label, ours_url, ours_query, stock_url, stock_query in cases:
            print(f"  search {label} (run {run + 1}/{runs})", file=sys.stderr, flush=True)
            out[label]["ours"].append(search_once(browser, ours_url, ours_query, phone, read, cpu_slowdown))
            out[label]["stock"].append(search_once(browser, stock_url, stock_query, phone, read, cpu_slowdown))
    return out


def measure_check(browser, url, runs, taps, phone, read=0, cpu_slowdown=CPU_SLOWDOWN, answered=False):
    results = []
    for run in range(runs):
        print(f"  self-check taps (run {run + 1}/{runs})", file=sys.stderr, flush=True)
        results.append(check_once(browser, url, phone, read, cpu_slowdown, taps, answered))
    return results


def _spread(values):
    return f"{min(values):.0f}–{max(values):.0f}" if len(values) > 1 else f"{values[0]:.0f}"


def _ready(runs):
    values = [r["ready"] / 1000 for r in runs if r["ready"] is not None]
    return f"{statistics.median(values):.1f}" if values else "none"


def report_search(results, read, cpu_slowdown):
    print(f"Search, tap to first result: {KBIT_S} kbit/s, {LATENCY_MS} ms per request, "
          f"CPU slowed {cpu_slowdown}x (Emulation.setCPUThrottlingRate), cold cache, tap "
          f"{read:g} s after the load event; ours and stock interleaved. ms: median (min–max); "
          "ratio: median of the runs' ratios (min–max); index ready: when the search worker "
          "had built its index, s after the load event (median; none: no search worker, as on "
          "this site, whose search-lite.js reads small files of words instead).")
    print("| page, query | ours ms | stock ms | ratio ours / stock | index ready s, ours / stock |")
    print("|---|---|---|---|---|")
    for label, r in results.items():
        ours, stock = [x["ms"] for x in r["ours"]], [x["ms"] for x in r["stock"]]
        ratios = [a / b for a, b in zip(ours, stock) if b]
        print(f"| {label} | {statistics.median(ours):.0f} ({_spread(ours)}) "
              f"| {statistics.median(stock):.0f} ({_spread(stock)}) "
              f"| {statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) "
              f"| {_ready(r['ours'])} / {_ready(r['stock'])} |")
    print()


def report_check(label, results, taps, read, cpu_slowdown, answered=False):
    every = [t for r in results for t in r["taps"]]
    print(f"Self-check ({label}), tap on an answer to the updated result: CPU slowed {cpu_slowdown}x, "
          f"same link, {taps} taps per load from {read:g} s after the load event"
          f"{' (every other question answered first, so each tap redraws a whole plan)' if answered else ''}, "
          f"{len(results)} load(s). Longest main-thread task (PerformanceObserver longtask): the "
          "longest of the loads (each load's in brackets), of every task from the first tap on, and "
          "of those begun after it (without the page load's tail); what ran in the longest: Long "
          "Animation Frames API.")
    print("| page | median ms | longest ms | longest task ms, from the first tap | "
          "longest task ms, begun after it | what ran in the longest task |")
    print("|---|---|---|---|---|---|")
    worst = max(results, key=lambda r: r["longest_task"])
    per_load = lambda key: ", ".join(f"{r[key]:.0f}" for r in results)  # noqa: E731
    print(f"| {label} | {statistics.median(every):.0f} | {max(every):.0f} "
          f"| {worst['longest_task']:.0f} ({per_load('longest_task')}) "
          f"| {max(r['longest_task_after'] for r in results):.0f} ({per_load('longest_task_after')}) "
          f"| {worst['longest_what'] or '–'} |")
    print()


def languages(root):
    """The site's language codes (mkdocs.yml, the i18n plugin), the default first."""
    import yaml

    from dev.bench import _Loader

    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = plugin["i18n"].get("languages") or []
            codes = [lang["locale"] for lang in langs]
            default = next((lang["locale"] for lang in langs if lang.get("default")), codes[0])
            return [default] + [code for code in codes if code != default], default
    return ["en"], "en"


def run(browser, ours_base, stock_base, root, runs, reads, check_taps, phone, cpu_slowdown,
        search=True, check_answered=False, only=None):
    """Every measurement of this module, for bench.py: {"search": {read: results},
    "check": {read: {page: results}}, "load": (load averages before, after)};
    in every language of the site, or only those of `only` (codes)."""
    import os

    codes, default = languages(root)
    if only:
        codes = [code for code in codes if code in only]
    before = os.getloadavg()
    out = {"search": {}, "check": {}}
    for read in reads:
        if search:
            out["search"][read] = measure_search(browser, search_cases(ours_base, stock_base, codes, default),
                                                 runs, phone, read, cpu_slowdown)
        if check_taps:
            out["check"][read] = {}
            for code in codes:
                page = "check.html" if code == default else f"{code}/check.html"
                out["check"][read][page] = measure_check(browser, ours_base + page, runs, check_taps,
                                                         phone, read, cpu_slowdown, check_answered)
    out["load"] = (before, os.getloadavg())
    out["check_answered"] = check_answered
    return out


def report(results, runs, check_taps, cpu_slowdown):
    for read, found in results["search"].items():
        report_search(found, read, cpu_slowdown)
    for read, pages in results["check"].items():
        for page, checks in pages.items():
            report_check(page, checks, check_taps, read, cpu_slowdown, results.get("check_answered", False))
    before, after = results["load"]
    print(f"Machine load (1, 5, 15 min averages) before the tap measurements: "
          f"{' '.join(f'{x:.2f}' for x in before)}; after: {' '.join(f'{x:.2f}' for x in after)}.")
    print()


def main(argv=None):
    """Measure two built sites already on disk (quick runs while working):
    python -m dev.tap_bench OURS_DIR STOCK_DIR [--runs N] [--read S ...]
    [--check-taps N [--check-only] [--check-answered]]."""
    import argparse
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from dev.bench import REFUSE_OUTSIDE
    from dev.local_site import CHROMIUM_ARGS, PHONE, ROOT, chromium_path, serve

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("ours", type=Path)
    parser.add_argument("stock", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--read", type=float, nargs="+", default=[0])
    parser.add_argument("--check-taps", type=int, default=0)
    parser.add_argument("--cpu-slowdown", type=float, default=CPU_SLOWDOWN)
    parser.add_argument("--check-only", action="store_true", help="the self-check only, no search")
    parser.add_argument("--check-answered", action="store_true",
                        help="answer every other question before the self-check's taps")
    args = parser.parse_args(argv)
    with serve(args.ours, compress=True) as ours, serve(args.stock, compress=True) as stock, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                             args=CHROMIUM_ARGS + [REFUSE_OUTSIDE])
        try:
            results = run(browser, ours, stock, ROOT, args.runs, args.read, args.check_taps, PHONE,
                          args.cpu_slowdown, not args.check_only, args.check_answered)
        finally:
            browser.close()
    report(results, args.runs, args.check_taps, args.cpu_slowdown)


# The word searched for on each language's home page ("phone"); a language
# not listed here is searched for "VPN", which every page has.
QUERIES = {"en": "phone", "zh": "手机", "zh-hans": "手机", "zh-hant": "手機", "zh-tw": "手機", "zh-hk": "手機"}
STOCK_QUERY = QUERIES["en"]


def search_cases(ours_base, stock_base, codes=("en", "zh"), default="en"):
    """One search per language of the site (`codes`, from mkdocs.yml), on
    its home page, each against stock's English home page searched for the
    English word (stock has only English)."""
    cases = []
    for code in codes:
        page = "index.html" if code == default else f"{code}/index.html"
        query = QUERIES.get(code.lower(), "VPN")
        cases.append((f'{page}, "{query}"', ours_base + page, query, stock_base, STOCK_QUERY))
    return cases


if __name__ == "__main__":
    main()
