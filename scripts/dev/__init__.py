"""Developers' tools, never part of the site.

- local_site.py: builds a site and serves it on loopback (tests, bench, screenshots);
- bench.py: `make bench`, page weight and paint times against stock Material;
- slow_link.py: bench's slow-link mode (emulated 400 kbit/s, 400 ms per request);
- screenshots.py: `make screenshots`, the phone screenshots in the README;
- vendored.py: where the vendored code in docs/assets/vendor/ comes from (PROVENANCE.yml,
  local.diff): `python -m dev.vendored check|update`.
"""
