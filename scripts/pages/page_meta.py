"""Page metadata shown to readers: the "Last reviewed" date from front matter.

Every guide page carries `reviewed: YYYY-MM-DD` in its front matter. The date
is shown right under the page title, labelled in the page's language (the
label is `reviewed` in the language's docs/i18n/ui.<lang>.yml). A
malformed date fails the build with the file name. The label is escaped: text only.
"""
import datetime
import html as html_lib
import re

from mkdocs.exceptions import PluginError

_H1_END = re.compile(r"</h1>", re.IGNORECASE)


def review_date(page):
    """Return the page's review date as YYYY-MM-DD, or None if it has none."""
    value = page.meta.get("reviewed")
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise PluginError(
            f"{page.file.src_uri}: front matter 'reviewed: {value}' is not a "
            "date; write it as YYYY-MM-DD, for example 'reviewed: 2026-11-24'."
        )


def add_review_date(html, page, config):
    date = review_date(page)
    if date is None:
        return html
    label = html_lib.escape(str(config.extra["ui"]["reviewed"]))
    stamp = (
        f'<p class="page-reviewed">{label} '
        f'<time datetime="{date}">{date}</time></p>'
    )
    match = _H1_END.search(html)
    if not match:
        return stamp + html
    return html[: match.end()] + stamp + html[match.end():]
