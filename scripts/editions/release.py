"""`make release SIGNING_KEY=<OpenSSH private key>`, its last step: publish
the signed editions on the site. `make release` runs, in this order and in
separate processes:

1. `make bundle` (the build and the editions, editions/bundle.py), in a make
   that does not know SIGNING_KEY;
2. `sh scripts/editions/sign.sh`: `ssh-keygen -Y sign -n phone-risk-check`
   signs dist/SHA256SUMS into dist/SHA256SUMS.sig and checks it at once
   against the project's `allowed_signers` (only ssh-keygen and dist/);
3. this module, which needs no key: it checks the signature again, with
   `ssh-keygen -Y verify` against `allowed_signers`, and only then gives
   site/downloads/ the files and their page, and links the trainers' pages
   to it (editions/downloads.py).

dist/ gets no copy of `allowed_signers`: a trainer writes their own from
the trainers' page (docs/<lang>/trainers.md), never from a download.
"""
import argparse
import sys
from pathlib import Path

from common import project_config
from editions import downloads, signing

NO_SIGNATURE = ("dist/SHA256SUMS.sig is missing: make release signs it (SIGNING_KEY=<path to the OpenSSH "
                "private key>; only the maintainers hold it, README.md: Releases)")


def release(site_dir, dist, config_file, allowed_signers=signing.ALLOWED_SIGNERS):
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
    return [sig, page / "index.html"]


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
    print(f"signed by {signing.project_fingerprint(args.allowed_signers)}")


if __name__ == "__main__":
    main()
