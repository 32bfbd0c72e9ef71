"""Drop the <link rel="alternate" hreflang> tags from each page's <head>.

Material's script fetches `sitemap.xml` next to every alternate-language link
on each page load, to map pages between languages. Opened from file:// that
fetch is refused (an error on every page), and the other language's folder
has no sitemap of its own. The language switcher does not need it: its links
already point at the same page in the other language. The sitemap keeps the
hreflang alternates for search engines.
"""
import re

_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_alternate_links(output):
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    return _ALTERNATE.sub("", output[:head_end]) + output[head_end:]
