#!/bin/sh
# `make release`, the signing steps: sign each file with the project's key
# into <file>.sig and check the signature at once against allowed_signers.
#
#   sh scripts/editions/sign.sh <private key> <allowed_signers> <file>...
#
# make release signs dist/SHA256SUMS with it, then (after the downloads page
# and the site's list of files are written, by Python that needs no key)
# site/downloads/mirrors.txt and site/SHA256SUMS. It needs only ssh-keygen
# and the files: the build's Python (every build dependency) runs in other
# processes and never sees the key or its path. The namespace is the
# project's own (also in scripts/editions/signing.py, NAMESPACE; a test
# checks they agree).
set -eu
NAMESPACE=phone-risk-check
IDENTITY=phone-risk-check

key=${1:-}
if [ -z "$key" ]; then
  echo "make release needs the project's signing key: make release SIGNING_KEY=<path to the OpenSSH" \
       "private key>. Only the maintainers hold it (README.md: Releases); make bundle makes the" \
       "editions unsigned." >&2
  exit 2
fi
signers=${2:?sign.sh <private key> <allowed_signers> <file>...}
shift 2
[ -f "$key" ] || { echo "make release: no private key at $key" >&2; exit 2; }
command -v ssh-keygen >/dev/null || { echo "make release: ssh-keygen is not installed (it comes with OpenSSH)" >&2; exit 2; }
[ $# -gt 0 ] || { echo "make release: sign.sh was given no file to sign" >&2; exit 2; }

for file in "$@"; do
  [ -f "$file" ] || { echo "make release: $file is missing" >&2; exit 2; }
  rm -f "$file.sig"
  ssh-keygen -q -Y sign -f "$key" -n "$NAMESPACE" "$file"
  if ! ssh-keygen -Y verify -f "$signers" -I "$IDENTITY" -n "$NAMESPACE" -s "$file.sig" \
       < "$file" >/dev/null 2>&1; then
    rm -f "$file.sig"
    echo "make release: the signature of $file does not verify against $signers: SIGNING_KEY is" \
         "not the key listed there for '$IDENTITY'" >&2
    exit 1
  fi
  echo "signed $file -> $file.sig (namespace $NAMESPACE)"
done
