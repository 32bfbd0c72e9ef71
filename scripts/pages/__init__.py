"""What a page gets while MkDocs builds it (during the build, page by page).

- content_gate.py: refuses markup in contributors' Markdown that could run, load
  from outside or mislead (called first, from on_page_markdown).
- project_key.py: the project's key line and fingerprint on the trainers' pages,
  from allowed_signers; a hand-written key fails the build;
- form_state.py: autocomplete="off" on every form control, so nothing the
  reader chose comes back after Back or a reload.
"""
