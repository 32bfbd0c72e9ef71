"""The self-check's script and stylesheet only where the self-check is.

They are listed in mkdocs.yml (extra_javascript, extra_css) so that the
theme loads them the usual way and the offline one-file edition finds them;
every other page drops the two tags, which saves their bytes on a first
visit to any other page. A page without them stops the build
(common/markup.py), naming it.
"""
from common import markup

STYLESHEET, SCRIPT = "assets/css/selfcheck.css", "assets/js/selfcheck.js"
WHAT = f'<link rel="stylesheet" href="…{STYLESHEET}"> and <script src="…{SCRIPT}"></script>'


def _ours(output):
    found = [t for t in markup.tags(output, "link")
             if t.attrs.get("rel") == "stylesheet" and t.attrs.get("href", "").endswith(STYLESHEET)]
    for tag in markup.tags(output, "script"):
        if tag.attrs.get("src", "").endswith(SCRIPT) and output.startswith("</script>", tag.end):
            tag.end += len("</script>")
            found.append(tag)
    return sorted(found, key=lambda t: t.start)


def only_on_check_page(output, page_name):
    if 'id="self-check"' in output:
        return output
    return markup.remove(output, markup.expect(_ours(output), page_name, WHAT, at_least=2))
