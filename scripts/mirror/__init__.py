"""Mirrors: copies of the site that volunteers host, and how anyone checks one.

- listing.py: docs/mirrors.yml (the known mirrors) read and checked, and the
  list as Markdown for the mirrors page and as plain text for downloads/;
- manifest.py: site/SHA256SUMS, the SHA-256 of every file of the site with
  the release's version and date, which `make release` signs;
- check.py: `make mirror-check URL=<address>`: fetches a mirror's signed
  manifest and every file it lists, and names what is missing, changed or extra;
- onion.py: `make build ONION=1`: a build with no clearnet address of the
  site's own left in it (for an onion service);
- page.py: the build hooks (the list on the mirrors page, the checks).
"""
