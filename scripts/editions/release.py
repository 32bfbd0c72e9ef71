"""`make release SIGNING_KEY=<OpenSSH private key>`: sign the editions that
`make bundle` has just made, and publish them on the site.

1. `ssh-keygen -Y sign -n file` signs dist/SHA256SUMS into dist/SHA256SUMS.sig
   (editions/signing.py), and the signature is checked at once against the
   project's `allowed_signers`, so a release signed with any other key fails
   here rather than in a reader's hands;
2. dist/ gets a copy of `allowed_signers`, to travel with the files (a
   reader checks its fingerprint against one got another way);
3. site/downloads/ gets the files and their page, and the trainers' pages
   link to it (editions/downloads.py), and the list of mirrors, signed
   (downloads/mirrors.txt and .sig, mirror/listing.py);
4. last, site/SHA256SUMS lists every file of the site with the release's
   version and date, signed into site/SHA256SUMS.sig (mirror/manifest.py), so
   that any mirror can be checked file by file (make mirror-check).

Without a key it stops before doing anything, saying what it needs.
"""
import argparse
import shutil
import sys
from pathlib import Path

from common import project_config
from editions import downloads, signing
from mirror import listing, manifest

NO_KEY = ("make release needs the project's signing key: make release SIGNING_KEY=<path to the OpenSSH "
          "private key>. Only the maintainers hold it (README.md: Releases); `make bundle` makes unsigned "
          "editions without it.")


def release(site_dir, dist, key, config_file, allowed_signers=signing.ALLOWED_SIGNERS):
    if not key:
        raise signing.SigningError(NO_KEY)
    dist = Path(dist)
    sums = dist / "SHA256SUMS"
    if not sums.is_file():
        raise signing.SigningError(f"{sums} is missing: make release runs make bundle first")
    sig = signing.sign(sums, key)
    if not signing.verify(sums, sig, allowed_signers):
        sig.unlink()
        raise signing.SigningError(
            f"the signature does not verify against {allowed_signers}: SIGNING_KEY is not the key "
            f"listed there for {signing.IDENTITY!r}")
    shutil.copyfile(allowed_signers, dist / Path(allowed_signers).name)
    config = project_config.load(config_file)
    page = downloads.publish(site_dir, dist, config, allowed_signers)
    version = project_config.bundle_version(config)
    mirrors = page / "mirrors.txt"
    mirrors.write_text(listing.plain_text(listing.load(Path(config_file).parent / "docs"), version), encoding="utf-8")
    mirrors_sig = _signed(mirrors, key, allowed_signers)
    extra = config.get("extra") or {}
    try:
        listed = manifest.write(site_dir, version, extra.get("release_date"))
    except manifest.ManifestError as error:
        raise signing.SigningError(str(error)) from None
    listed_sig = _signed(listed, key, allowed_signers)
    return [sig, dist / Path(allowed_signers).name, page / "index.html", mirrors, mirrors_sig, listed, listed_sig]


def _signed(path, key, allowed_signers):
    sig = signing.sign(path, key)
    if not signing.verify(path, sig, allowed_signers):
        raise signing.SigningError(f"the signature of {path} does not verify against {allowed_signers}")
    return sig


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", default="site", help="the built site (default: site)")
    parser.add_argument("--dist", default="dist", help="the editions made by make bundle (default: dist)")
    parser.add_argument("--key", default="", help="the OpenSSH private key that signs the release")
    parser.add_argument("--config", default="mkdocs.yml", help="the MkDocs configuration file")
    parser.add_argument("--allowed-signers", default=str(signing.ALLOWED_SIGNERS),
                        help="the public key file readers check against (default: the repository's)")
    args = parser.parse_args(argv)
    try:
        made = release(Path(args.site_dir), Path(args.dist), args.key, Path(args.config), Path(args.allowed_signers))
    except (signing.SigningError, downloads.DownloadsError) as error:
        sys.exit(f"make release: {error}")
    for path in made:
        print(f"{path.stat().st_size:>9,} bytes  {path}")
    print(f"signed by {signing.project_fingerprint(args.allowed_signers)}")


if __name__ == "__main__":
    main()
