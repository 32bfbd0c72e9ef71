#!/bin/sh
# `make release`, the signing step: sign dist/SHA256SUMS with the project's
# key and check the signature at once against allowed_signers.
#
#   sh scripts/editions/sign.sh <private key> <dist folder> <allowed_signers>
#
# It needs only ssh-keygen and the finished dist/: the build's Python (every
# build dependency) has run before it, in another process, and never sees
# the key or its path. The namespace is the project's own (also in
# scripts/editions/signing.py, NAMESPACE; a test checks they agree).
set -eu
NAMESPACE=phone-risk-check
IDENTITY=phone-risk-check

key=${1:-}
dist=${2:-dist}
signers=${3:-allowed_signers}
if [ -z "$key" ]; then
  echo "make release needs the project's signing key: make release SIGNING_KEY=<path to the OpenSSH" \
       "private key>. Only the maintainers hold it (README.md: Releases); make bundle makes the" \
       "editions unsigned." >&2
  exit 2
fi
[ -f "$key" ] || { echo "make release: no private key at $key" >&2; exit 2; }
[ -f "$dist/SHA256SUMS" ] || { echo "make release: $dist/SHA256SUMS is missing (make bundle makes it)" >&2; exit 2; }
command -v ssh-keygen >/dev/null || { echo "make release: ssh-keygen is not installed (it comes with OpenSSH)" >&2; exit 2; }

rm -f "$dist/SHA256SUMS.sig"
ssh-keygen -q -Y sign -f "$key" -n "$NAMESPACE" "$dist/SHA256SUMS"
if ! ssh-keygen -Y verify -f "$signers" -I "$IDENTITY" -n "$NAMESPACE" -s "$dist/SHA256SUMS.sig" \
     < "$dist/SHA256SUMS" >/dev/null 2>&1; then
  rm -f "$dist/SHA256SUMS.sig"
  echo "make release: the signature does not verify against $signers: SIGNING_KEY is not the key" \
       "listed there for '$IDENTITY'" >&2
  exit 1
fi
echo "signed $dist/SHA256SUMS -> $dist/SHA256SUMS.sig (namespace $NAMESPACE)"
