"""What a page gets while MkDocs builds it (during the build, page by page).

- content_gate.py: refuses markup in contributors' Markdown that could run, load
  from outside or mislead (called first, from on_page_markdown).
"""
