"""site/SHA256SUMS: the SHA-256 of every file of the built site, with the
release it belongs to, in the format `sha256sum -c` reads (it skips the
`#` lines). `make release` writes it and signs it into site/SHA256SUMS.sig,
as it signs dist/SHA256SUMS, so a mirror's copy can be checked file by file
against the project's key (check.py).

The first line names the release: `# Phone Risk Self-Check site, release
<version> (<date>)`. The version and date are mkdocs.yml's
`extra.bundle_version` and `extra.release_date`, set by hand for each
release; never the clock, so two builds of one commit give one manifest.
"""
import re
from pathlib import Path

from editions import bundle

NAME = "SHA256SUMS"
SIGNATURE = NAME + ".sig"
_HEADER = "# Phone Risk Self-Check site, release {version} ({date})"
_HEADER_RE = re.compile(r"^# Phone Risk Self-Check site, release (\S+) \((\d{4}-\d{2}-\d{2})\)$")


def listed(rel):
    """Whether a file of the site belongs in the manifest: every file but the
    manifest and the signatures (`*.sig`: a signature cannot be forged, and
    it is made after the list, so a list could not hold its own)."""
    return rel != NAME and not rel.endswith(".sig")


class ManifestError(Exception):
    pass


def site_files(site_dir):
    """Every file of the site that the manifest lists, as POSIX paths relative to it, sorted."""
    site_dir = Path(site_dir)
    return sorted(rel for rel in (p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
                  if listed(rel))


def text(site_dir, version, date):
    """The manifest of `site_dir` for release `version` of `date` (YYYY-MM-DD)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date)):
        raise ManifestError(f"the release date must be YYYY-MM-DD (mkdocs.yml: extra.release_date); found {date!r}")
    lines = [_HEADER.format(version=version, date=date)]
    for rel in site_files(site_dir):
        if any(c in rel for c in "\n\\"):
            raise ManifestError(f"a file name sha256sum cannot list: {rel!r}")
        lines.append(f"{bundle.sha256(Path(site_dir) / rel)}  {rel}")
    return "\n".join(lines) + "\n"


def write(site_dir, version, date):
    path = Path(site_dir) / NAME
    path.write_text(text(site_dir, version, date), encoding="utf-8")
    return path


def parse(manifest_text):
    """(version, date, {path: sha256}) from a manifest's text; ManifestError if malformed."""
    lines = manifest_text.splitlines()
    header = _HEADER_RE.match(lines[0]) if lines else None
    if not header:
        raise ManifestError("the manifest does not start with the release line "
                            "'# Phone Risk Self-Check site, release <version> (<date>)'")
    files = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([0-9a-f]{64}) [ *](.+)", line)
        if not match:
            raise ManifestError(f"line {number} of the manifest is not '<sha256>  <file>': {line!r}")
        rel = match.group(2)
        if rel.startswith("/") or ".." in rel.split("/"):
            raise ManifestError(f"line {number} names a file outside the site: {rel!r}")
        files[rel] = match.group(1)
    if not files:
        raise ManifestError("the manifest lists no file")
    return header.group(1), header.group(2), files
