"""`make review-due [MONTHS=6]`: pages whose facts are due for a re-check.

Every page records in its front matter the day its facts and sources were
last checked (`reviewed: 2026-11-24`; the site shows it under the title).
This lists every page, in every language, whose date is older than MONTHS
months (6 unless told otherwise), oldest first, and every page that has no
such date or one that is not a date. It only reads the pages: raising a
`reviewed:` date is for whoever has actually re-checked the page.
"""
import argparse
import calendar
import datetime
import sys

from common import md_source
from common import project_config
from i18n import translations as t

DEFAULT_MONTHS = 6


def months_before(day, months):
    """The same day of the month, `months` calendar months earlier (clamped to the month's end)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_in_months(then, today):
    months = (today.year - then.year) * 12 + today.month - then.month
    return months - (1 if today.day < then.day else 0)


def reviewed_date(path):
    """The page's `reviewed:` date, or a string saying why there is none."""
    try:
        meta, _, _ = md_source.split_front_matter(path.read_text(encoding="utf-8"), str(path))
    except ValueError:
        return "front matter is not valid YAML"
    value = meta.get("reviewed")
    if value is None:
        return "no reviewed: date"
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return f"reviewed: {value!r} is not a date (write it as YYYY-MM-DD)"


def due(project, today, months):
    """[(file label, date or reason)] of the pages due, oldest first, undated ones last."""
    cutoff = months_before(today, months)
    dated, undated = [], []
    # A generated language (zh-Hant) has no pages of its own: its source's are listed.
    written = [lang for lang in project.languages if lang not in (project.generated or {})]
    for page in project.pages():  # each page's languages together, English first
        for lang in written:
            path = project.path(lang, page)
            if not path.is_file():
                continue
            when = reviewed_date(path)
            if isinstance(when, str):
                undated.append((project.label(lang, page), when))
            elif when < cutoff:
                dated.append((project.label(lang, page), when))
    dated.sort(key=lambda item: item[1])  # a stable sort: same date, same order as above
    return cutoff, dated + undated


def report(project, today, months):
    cutoff, found = due(project, today, months)
    span = f"{months} month" + ("" if months == 1 else "s")
    if not found:
        return f"No page was last reviewed more than {span} ago (before {cutoff}): nothing is due."
    width = max(len(label) for label, _ in found)
    lines = [f"Pages last reviewed more than {span} ago (before {cutoff}), oldest first:", ""]
    for label, when in found:
        if isinstance(when, str):
            lines.append(f"  {label.ljust(width)}  {when}")
        else:
            age = age_in_months(when, today)
            lines.append(f"  {label.ljust(width)}  {when}  {age} month{'' if age == 1 else 's'} ago")
    lines += [
        "",
        f"{len(found)} page(s). Re-check each page's facts and sources, in every language together,",
        "then set its reviewed: date to the day you did (the same date in every language).",
        "Raise a date only when the page has actually been re-checked.",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", default=str(DEFAULT_MONTHS),
                        help=f"how old a review may be, in months (default {DEFAULT_MONTHS})")
    parser.add_argument("--today", help="count from this day (YYYY-MM-DD) instead of today")
    args = parser.parse_args(argv)
    try:
        months = int(str(args.months).strip() or DEFAULT_MONTHS)
        if months < 0:
            raise ValueError
    except ValueError:
        print(f"MONTHS must be a whole number of months, such as MONTHS=3; got '{args.months}'.",
              file=sys.stderr)
        return 2
    try:
        today = datetime.date.fromisoformat(args.today) if args.today else datetime.date.today()
    except ValueError:
        print(f"--today must be a date written YYYY-MM-DD; got '{args.today}'.", file=sys.stderr)
        return 2
    print(report(t.load_project(project_config.PROJECT), today, months))
    return 0


if __name__ == "__main__":
    sys.exit(main())
