"""The offline editions for trainers, made from a built site/ (`make bundle`),
and their signed release (`make release`).

- bundle.py: the zip of the whole site for file://, the one-file and small
  editions, RELEASE (version and date) and SHA256SUMS in dist/, byte-for-byte reproducible (what goes
  into the zip is decided here); `--neutral` for neutral names and titles;
- single_file.py, single_file.css, single_file.js: one self-contained HTML file
  per language, with the working self-check;
- small_edition.py: one small file per language, the self-check and the
  sections its steps lead to (reuses single_file.py);
- signing.py: checks of SSH signatures (`ssh-keygen -Y verify`), the project
  key's one line and fingerprint, and the markers that show them on the
  trainers' pages;
- sign.sh: `make release`'s signing step, ssh-keygen alone (the key never
  meets the build's Python);
- release.py: `make release`'s last step, checks the signature and publishes
  the downloads;
- downloads.py, downloads.css: site/downloads/ and its index page, and the
  link to it from the trainers' pages (post-build work on site/ alone).

Its data: the built site, `extra.bundle_version` and `extra.release_date` in
mkdocs.yml, the interface strings (docs/i18n/ui.<lang>.yml, common/ui_strings.py),
and the project's public key in `allowed_signers` at the top of the repository.
"""
