"""The self-check's script and stylesheet only where the self-check is.

They are listed in mkdocs.yml (extra_javascript, extra_css) so that the
theme loads them the usual way and the offline one-file edition finds them;
every other page drops the two tags, which saves their bytes on a first
visit to any other page.
"""
import re

_TAGS = re.compile(
    r'\s*(?:<link rel="stylesheet" href="[^"]*assets/css/selfcheck\.css">'
    r'|<script src="[^"]*assets/js/selfcheck\.js"(?: defer)?></script>)'
)


def only_on_check_page(output):
    if 'id="self-check"' in output:
        return output
    return _TAGS.sub("", output)
