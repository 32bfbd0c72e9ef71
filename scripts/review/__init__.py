"""Keeping the guides current: which pages are due for a re-check of their facts.

- due.py: `make review-due [MONTHS=6]`, the pages in every language whose
  front matter `reviewed:` date is older than a set number of months.

Its data: the `reviewed:` line of each page in docs/<lang>/ (the same date the
build shows under each page's title, pages/page_meta.py).
"""
