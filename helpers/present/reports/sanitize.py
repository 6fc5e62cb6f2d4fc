"""The sanitiser every Markdown cell and every HTML or Markdown output of a report passes through.

Tweets, names and hashtags were written by troll accounts. The notebooks escape data values where they
insert them (`helpers.present.prose`, `tables.html_table`); on top of that `clean_html`, an allowlist
sanitizer, keeps what readers need (headings, paragraphs, lists, tables, figure captions and their anchors,
links to local pages and to http(s) sites) and turns anything else (`<script>`, `<img onerror=...>`,
`javascript:` links, styles, forms, frames) into visible, inert text or drops the attribute.
"""

from __future__ import annotations

import bleach

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul", "var",
})
_GLOBAL_ATTRIBUTES = {"class", "id", "title", "lang"}
_TAG_ATTRIBUTES = {
    "a": {"href"}, "ol": {"start", "reversed"}, "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"}, "details": {"open"}, "abbr": set(), "q": {"cite"},
}
# Links may go to local pages (relative URLs, #anchors), http(s) and mail; nothing else (javascript:,
# data:, vbscript:, file: ... are dropped by bleach's protocol check).
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    return name in _GLOBAL_ATTRIBUTES or name in _TAG_ATTRIBUTES.get(tag, ())


def clean_html(fragment) -> str:
    """HTML as readers may see it: allowed tags and attributes kept, anything else shown as text.

    Disallowed tags are escaped (a `<script>` shows as the text "<script>", it never runs), event
    handler and style attributes are dropped, links keep only local, http(s) and mailto targets, and
    comments go. Used for every Markdown cell and every HTML and Markdown output of a report.
    """
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return bleach.clean(text, tags=ALLOWED_TAGS, attributes=_allowed_attribute,
                        protocols=ALLOWED_PROTOCOLS, strip=False, strip_comments=True)
