"""Leave out of the built site what no reader ever downloads.

Material for MkDocs copies into every build:
- source maps (`*.map`, about 1.3 MB) for its bundle, search worker and
  stylesheets, which only developer tools ask for;
- the lunr stemmers and word splitters of some thirty languages (about
  1 MB, `wordcut.js` alone 680 kB), of which the search worker loads only
  those of the languages the search index is built for.

Both make the offline copy of the site bigger and slower to pass around.
This runs after the build (and so also under `make bundle`, which reuses the
build): it deletes the maps together with the `sourceMappingURL` comments that
point at them, and every lunr file the search worker cannot ask for. The rule
for which lunr files the worker loads mirrors Material's search worker
(src/templates/assets/javascripts/workers/search/main.ts); a wrong guess shows
up as a failing search test, not as a silent gap.
"""
import json
import os
import re

_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)\s*$")


def search_plugin(config):
    """The search plugin (registered as "material/search" or "search"), or None."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search":
            return plugin
    return None


def search_languages(config):
    """The languages the search index is built for, as the worker sees them."""
    index = os.path.join(config.site_dir, "search", "search_index.json")
    if os.path.isfile(index):
        with open(index, encoding="utf-8") as f:
            return list(json.load(f)["config"]["lang"])
    return list(search_plugin(config).config.lang or ["en"])


def lunr_files_needed(langs):
    """The files under assets/javascripts/lunr/ the worker loads for `langs`."""
    others = [lang for lang in langs if lang != "en"]
    if not others:
        return set()  # English is built into the worker
    needed = {"min/lunr.stemmer.support.min.js"}
    for lang in others:
        needed.add(f"min/lunr.{lang}.min.js")
        if lang == "ja":
            needed.add("tinyseg.js")
        if lang in ("hi", "th"):
            needed.add("wordcut.js")
    if len(langs) > 1:
        needed.add("min/lunr.multi.min.js")
    return needed


def drop_source_maps(site_dir):
    for folder, _, names in os.walk(site_dir):
        for name in names:
            path = os.path.join(folder, name)
            if name.endswith(".map"):
                os.remove(path)
            elif name.endswith((".js", ".css")):
                with open(path, "rb") as f:
                    data = f.read()
                trimmed = _MAP_COMMENT.sub(b"", data)
                if trimmed != data:
                    with open(path, "wb") as f:
                        f.write(trimmed)


def drop_unused_lunr(site_dir, langs):
    lunr = os.path.join(site_dir, "assets", "javascripts", "lunr")
    needed = lunr_files_needed(langs)
    for folder, _, names in os.walk(lunr):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.relpath(path, lunr).replace(os.sep, "/") not in needed:
                os.remove(path)
    if not needed and os.path.isdir(lunr):
        for folder, _, _ in sorted(os.walk(lunr), reverse=True):
            os.rmdir(folder)


def prune(config):
    drop_source_maps(config.site_dir)
    if search_plugin(config) is not None:
        drop_unused_lunr(config.site_dir, search_languages(config))
