"""The words of the quick exit and the browser notice, written into the
built docs/assets/js/reading-safety.js (post-build, on site/ alone).

The script runs on every page of the site and, inlined, in the one-file
editions, which have no header bar to read words from; so it carries the
strings of every language (docs/i18n/ui.<lang>.yml: quick_exit,
quick_exit_title, browser_notice, browser_notice_hide) and picks the page's.
"""
import json
from pathlib import Path

from common import project_config, ui_strings

SCRIPT = "assets/js/reading-safety.js"
PLACEHOLDER = "/*READING_SAFETY_STRINGS*/{}"
KEYS = ("quick_exit", "quick_exit_title", "browser_notice", "browser_notice_hide")


def strings(raw_config):
    """{language: {key: text}} for every language the site builds."""
    found = {}
    for code, _prefix in project_config.languages(raw_config):
        ui = ui_strings.for_language(raw_config, code)
        found[code] = {key: " ".join(str(ui[key]).split()) for key in KEYS if ui.get(key)}
    return found


def fill_strings(config):
    path = Path(config.site_dir) / SCRIPT
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    if PLACEHOLDER not in text:
        raise ValueError(f"{SCRIPT}: the placeholder {PLACEHOLDER} is missing")
    raw = project_config.load(config.config_file_path)
    data = json.dumps(strings(raw), ensure_ascii=False, sort_keys=True)
    path.write_text(text.replace(PLACEHOLDER, data.replace("</", "<\\/")), encoding="utf-8")
