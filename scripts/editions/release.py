"""`make release SIGNING_KEY=<OpenSSH private key>`, the publishing step
between the signatures; it needs no key. `make release` runs, in this order
and in separate processes:

1. `make bundle` (the build and the editions, editions/bundle.py), in a make
   that does not know SIGNING_KEY;
2. `sh scripts/editions/sign.sh`: `ssh-keygen -Y sign -n phone-risk-check`
   signs dist/SHA256SUMS into dist/SHA256SUMS.sig and checks it at once
   against the project's `allowed_signers` (only ssh-keygen and the file);
3. this module: it checks that signature again (`ssh-keygen -Y verify`),
   and only then gives site/downloads/ the files and their page and links
   the trainers' pages to it (editions/downloads.py), writes the list of
   mirrors (downloads/mirrors.txt, mirror/listing.py) and, last, the list
   of every file of the site with the release's version and date
   (site/SHA256SUMS, mirror/manifest.py);
4. `sh scripts/editions/sign.sh` again: signs downloads/mirrors.txt and
   site/SHA256SUMS (the manifest leaves out `*.sig` files, so it can be
   signed after it is written), so that any mirror can be checked file by
   file (make mirror-check).

dist/ gets no copy of `allowed_signers`: a trainer writes their own from
the trainers' page (docs/<lang>/trainers.md), never from a download.
"""
import argparse
import sys
from pathlib import Path

from common import project_config
from editions import downloads, signing
from mirror import listing, manifest

NO_SIGNATURE = ("dist/SHA256SUMS.sig is missing: make release signs it (SIGNING_KEY=<path to the OpenSSH "
                "private key>; only the maintainers hold it, README.md: Releases)")


def release(site_dir, dist, config_file, allowed_signers=signing.ALLOWED_SIGNERS):
    """Steps 3 of `make release` (see the module's docstring); returns the files it wrote."""
    dist = Path(dist)
    sums, sig = dist / "SHA256SUMS", dist / "SHA256SUMS.sig"
    if not sums.is_file():
        raise signing.SigningError(f"{sums} is missing: make release runs make bundle first")
    if not sig.is_file():
        raise signing.SigningError(NO_SIGNATURE)
    if not signing.verify(sums, sig, allowed_signers):
        raise signing.SigningError(
            f"{sig} does not verify against {allowed_signers} (signer {signing.IDENTITY!r}, namespace "
            f"{signing.NAMESPACE!r}): it was made with another key or for other files")
    config = project_config.load(config_file)
    page = downloads.publish(site_dir, dist, config, allowed_signers)
    version = project_config.bundle_version(config)
    mirrors = page / "mirrors.txt"
    mirrors.write_text(listing.plain_text(listing.load(Path(config_file).parent / "docs"), version), encoding="utf-8")
    try:
        listed = manifest.write(site_dir, version, project_config.release_date(config))
    except (manifest.ManifestError, ValueError) as error:
        raise signing.SigningError(str(error)) from None
    return [page / "index.html", mirrors, listed]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", default="site", help="the built site (default: site)")
    parser.add_argument("--dist", default="dist", help="the signed editions (default: dist)")
    parser.add_argument("--config", default="mkdocs.yml", help="the MkDocs configuration file")
    parser.add_argument("--allowed-signers", default=str(signing.ALLOWED_SIGNERS),
                        help="the public key file to check against (default: the repository's)")
    args = parser.parse_args(argv)
    try:
        made = release(Path(args.site_dir), Path(args.dist), Path(args.config), Path(args.allowed_signers))
    except (signing.SigningError, downloads.DownloadsError) as error:
        sys.exit(f"make release: {error}")
    for path in made:
        print(f"{path.stat().st_size:>9,} bytes  {path}")
    print("next: sign.sh signs downloads/mirrors.txt and SHA256SUMS of the site")


if __name__ == "__main__":
    main()
