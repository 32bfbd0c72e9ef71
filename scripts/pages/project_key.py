"""The project's signing key on the trainers' pages, from `allowed_signers`.

A page writes the markers PROJECT-KEY-LINE and PROJECT-KEY-FINGERPRINT
(editions/signing.py) where the key line and its fingerprint go; the build
fills them in from the repository's `allowed_signers`, so the two languages
cannot drift from the real key. A page that carries any SSH key or SHA256
fingerprint written by hand (a translator's "correction", an old key left in
a comment) fails the build, naming the file and line: a trainer compares
what the page shows, so it must be the real one and only that.
"""
from pathlib import Path

from mkdocs.exceptions import PluginError

from editions import signing
from pages import content_gate

TRAINERS_PAGE = "trainers.md"


def fill(markdown, page):
    """MkDocs on_page_markdown: refuse hand-written keys, fill in the markers."""
    name = "docs/" + page.file.src_uri
    found = signing.other_keys(markdown)
    if found:
        try:
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        except (OSError, TypeError):
            source = markdown
        where = [f"{name}:{content_gate.line_of(source, key) or '?'}: {key[:60]}" for key in found]
        raise PluginError(
            "a key or fingerprint written by hand; write " + signing.KEY_LINE_MARKER + " or "
            + signing.FINGERPRINT_MARKER + " instead (the build fills them in from allowed_signers):\n  "
            + "\n  ".join(where))
    if page.file.src_uri.split("/")[-1] == TRAINERS_PAGE:
        for marker in (signing.KEY_LINE_MARKER, signing.FINGERPRINT_MARKER):
            if marker not in markdown:
                raise PluginError(f"{name}: {marker} is missing; the trainers' page must show the project's "
                                  "key line and its fingerprint")
    try:
        return signing.fill_key_markers(markdown)
    except signing.SigningError as error:
        raise PluginError(str(error))
