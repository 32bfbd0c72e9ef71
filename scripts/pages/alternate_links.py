"""Drop the <link rel="alternate" hreflang> tags from each page's <head>.

Material's script fetches `sitemap.xml` next to every alternate-language link
on each page load, to map pages between languages. Opened from file:// that
fetch is refused (an error on every page), and the other language's folder
has no sitemap of its own. The language switcher does not need it: its links
already point at the same page in the other language. The sitemap keeps the
hreflang alternates for search engines.

The theme writes one per language on every page: finding none stops the
build (common/markup.py), naming the page.
"""
from common import markup

WHAT = '<link rel="alternate" hreflang> in <head>'


def drop_alternate_links(output, page_name):
    head_end = output.find("</head>")
    if head_end < 0:
        return output
    head = output[:head_end]
    found = [t for t in markup.tags(head, "link") if t.attrs.get("rel") == "alternate" and "hreflang" in t.attrs]
    markup.expect(found, page_name, WHAT)
    return markup.remove(head, found) + output[head_end:]
