"""Phone screenshots for the README: the home page and the self-check, in
English and Chinese, 360 by 780 CSS px at 1 device pixel per CSS px.

Builds the site (strict) into a temporary folder, serves it on loopback,
opens each page in Chromium as a phone would (light colour scheme, no
motion), and writes docs/assets/screenshots/<page>-<lang>.png. The PNGs go
through oxipng (lossless, requirements-dev.txt) to keep the repository small.
mkdocs.yml's exclude_docs keeps the folder out of the built site.

Run it with `make screenshots`, then look at every picture before committing.
"""
import sys
import tempfile
from pathlib import Path

from dev.local_site import CHROMIUM_ARGS, PHONE, ROOT, build, chromium_path, serve

OUT = ROOT / "docs" / "assets" / "screenshots"
SHOTS = [
    # (file name, page, what to show)
    ("home-en.png", "index.html", "top"),
    ("home-zh.png", "zh/index.html", "top"),
    ("check-en.png", "check.html", "questions"),
    ("check-zh.png", "zh/check.html", "questions"),
]


def optimise_png(data):
    """The same pixels in fewer bytes (oxipng, lossless; metadata stripped)."""
    import oxipng

    return oxipng.optimize_from_memory(data, level=4, strip=oxipng.StripChunks.safe())


def show(page, what):
    """Bring the part of the page worth showing into view."""
    if what == "questions":
        first = page.locator("#self-check fieldset").first
        if first.count():
            first.scroll_into_view_if_needed()
            page.evaluate("() => window.scrollBy(0, document.querySelector('#self-check fieldset')"
                          ".getBoundingClientRect().top - document.querySelector('.md-header').offsetHeight - 8)")
            page.locator("#self-check fieldset label").first.click()
    page.wait_for_timeout(300)


def main():
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screens-") as tmp:
        build(ROOT, Path(tmp) / "site")
        with serve(Path(tmp) / "site") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(
                    viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1,
                    color_scheme="light", reduced_motion="reduce")
                for name, path, what in SHOTS:
                    page = context.new_page()
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    show(page, what)
                    png = optimise_png(page.screenshot())
                    (OUT / name).write_bytes(png)
                    print(f"{name}: {len(png)} bytes", file=sys.stderr)
                    page.close()
            finally:
                browser.close()


if __name__ == "__main__":
    main()
