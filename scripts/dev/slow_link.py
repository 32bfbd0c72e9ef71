"""The benchmark's slow-link mode (`make bench`, printed after the loopback table).

A reader on a throttled VPN link: Chromium's own network emulation, set
through the DevTools protocol (Network.emulateNetworkConditions: 400 kbit/s
each way, 400 ms added to every request), a server that gzip-encodes text
files as real hosts do (dev.local_site.serve(compress=True)), a phone
viewport and a cold cache (a fresh browser context for every load). This
site and stock Material are loaded interleaved (ours, stock, ours, stock...)
so that a busy machine slows both alike, and every figure is the median of
--slow-runs loads. Per page:

- text: when the article's first paragraph is drawn, from the Element Timing
  API (the page under test gets an `elementtiming` attribute on that <p> as
  it is parsed; nothing is added to the built site); if Chromium reports no
  entry, the first animation frame in which the paragraph has a box;
- FCP: first contentful paint;
- load: the page's load event (loadEventStart);
- bytes: what crossed the wire (Chromium's encodedDataLength, headers
  included), up to network idle.

Outside hosts are refused at once (as in the loopback table), so stock's
Google Fonts request costs it nothing here. Timings are printed, never asserted.
"""
import contextlib
import statistics
import sys

LATENCY_MS = 400
KBIT_S = 400
METRICS = ("text", "fcp", "load", "bytes")

# Injected before any page script (Playwright init script, so the page's
# Content-Security-Policy does not apply to it).
WATCH_FIRST_PARAGRAPH = r"""
(() => {
  const firstParagraph = () => {
    const article = document.querySelector("article") || document.querySelector(".md-content");
    if (!article) return null;
    for (const p of article.querySelectorAll("p")) {
      if (!p.className && p.textContent.trim()) return p;
    }
    return null;
  };
  window.__bench = { element: null, frame: null };
  let marked = false;
  const mark = () => {
    const p = firstParagraph();
    if (p && !marked) { p.setAttribute("elementtiming", "bench-first-p"); marked = true; }
    return p;
  };
  new MutationObserver(() => { if (!marked) mark(); })
    .observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.identifier === "bench-first-p" && window.__bench.element === null) {
          window.__bench.element = entry.renderTime || entry.loadTime;
        }
      }
    }).observe({ type: "element", buffered: true });
  } catch (e) { /* no Element Timing: the frame check below answers */ }
  const poll = (now) => {
    const p = mark();
    if (p && p.getClientRects().length && p.getBoundingClientRect().height > 0) {
      window.__bench.frame = now;
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();
"""

READ_TIMINGS = """() => {
  const nav = performance.getEntriesByType("navigation")[0] || {};
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const b = window.__bench || {};
  return { text: b.element ?? b.frame ?? null, fcp: fcp ? fcp.startTime : null,
           load: nav.loadEventStart || null };
}"""


def load_slow(browser, url, phone):
    """One cold load of `url` on the emulated link: {text, fcp, load, bytes}."""
    context = browser.new_context(viewport=phone, is_mobile=True, has_touch=True, device_scale_factor=2)
    context.add_init_script(WATCH_FIRST_PARAGRAPH)
    page = context.new_page()
    received = {}
    try:
        cdp = context.new_cdp_session(page)
        cdp.on("Network.loadingFinished",
               lambda e: received.__setitem__(e["requestId"], e.get("encodedDataLength", 0)))
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        rate = KBIT_S * 1000 / 8  # bytes per second
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": LATENCY_MS,
            "downloadThroughput": rate, "uploadThroughput": rate})
        page.goto(url, wait_until="load", timeout=90_000)
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=30_000)
        # the text entry can come a frame after load
        with contextlib.suppress(Exception):
            page.wait_for_function("() => window.__bench && (window.__bench.element ?? window.__bench.frame) !== null",
                                   timeout=5_000)
        timings = page.evaluate(READ_TIMINGS)
    finally:
        context.close()
    return dict(timings, bytes=sum(received.values()))


def measure(browser, cases, runs, phone):
    """`cases`: [(page, ours_url, stock_url)]. Returns {page: (ours, stock)} of medians."""
    samples = {page: ([], []) for page, _, _ in cases}
    for run in range(runs):
        for page, ours_url, stock_url in cases:
            print(f"  {page} (slow link, run {run + 1}/{runs})", file=sys.stderr, flush=True)
            for side, url in enumerate((ours_url, stock_url)):
                samples[page][side].append(load_slow(browser, url, phone))

    def median(loads):
        out = {}
        for key in METRICS:
            values = [load[key] for load in loads if load[key] is not None]
            out[key] = statistics.median(values) if values else None
        return out

    return {page: (median(ours), median(stock)) for page, (ours, stock) in samples.items()}


def _ms(value):
    return "none" if value is None else f"{value:.0f}"


def _ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "n/a"


def report(results, runs):
    print(f"Slow link: Chromium network emulation, {KBIT_S} kbit/s, {LATENCY_MS} ms per request, "
          f"gzip-encoded text, cold cache; median of {runs} interleaved load(s). "
          "ms from navigation start; kB on the wire (1000 bytes).")
    head = ["page", "text ms, ours / stock", "ratio", "FCP ms, ours / stock", "ratio",
            "load ms, ours / stock", "ratio", "kB, ours / stock", "ratio"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for page, (ours, stock) in results.items():
        cells = [page]
        for key in METRICS:
            if key == "bytes":
                cells.append(f"{ours[key] / 1000:.1f} / {stock[key] / 1000:.1f}")
            else:
                cells.append(f"{_ms(ours[key])} / {_ms(stock[key])}")
            cells.append(_ratio(ours[key], stock[key]))
        print("| " + " | ".join(cells) + " |")
    print()
