"""The offline editions for trainers, made from a built site/ (`make bundle`).

- bundle.py: the zip of the whole site for file://, the one-file editions and
  SHA256SUMS in dist/, byte-for-byte reproducible (what goes into the zip is
  decided here);
- single_file.py, single_file.css, single_file.js: one self-contained HTML file
  per language, with the working self-check.

Its data: the built site and `extra.bundle_version` / `extra.ui` in mkdocs.yml.
"""
