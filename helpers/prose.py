"""Words computed from the data: number formats, and escaping so that data never becomes markup.

Tweet texts, hashtags, account names and domains were written by troll accounts. Anything taken from
the data and put into Markdown or HTML goes through `md()` or `html()` first.
"""

from __future__ import annotations

import html as _html
import math
import re
import unicodedata

# Characters that change how Markdown (or MathJax in JupyterLab) renders text.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")
# Bidirectional overrides/isolates and zero-width characters: shown as visible code points instead.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _visible(text: str) -> str:
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def md(value) -> str:
    """Data as literal Markdown text: specials escaped, HTML escaped, invisible controls shown."""
    text = _visible(str(value)).replace("\r", " ").replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\\<", "&lt;").replace("\\>", "&gt;").replace("\\&", "&amp;")


def html(value) -> str:
    """Data as literal HTML text."""
    return _html.escape(_visible(str(value)), quote=True)


def safe_text(value: str) -> str:
    """Data for places that are neither Markdown nor HTML (figure labels): controls made visible,
    and matplotlib's mathtext `$` neutralised."""
    text = _visible(str(value))
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return text.replace("$", r"\$")


def count(n) -> str:
    """12,345 (whole numbers with thousands separators); 'n/a' when missing."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "n/a"
    return f"{int(round(n)):,}"


def pct(share, digits: int = 1) -> str:
    """A share in [0, 1] as '36.9%'; 'n/a' when missing."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "n/a"
    return f"{100 * share:.{digits}f}%"


def ratio(x, digits: int = 1) -> str:
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return "n/a"
    return f"{x:.{digits}f}x"


def listing(items, conj: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (items already escaped by the caller)."""
    items = list(items)
    if not items:
        return "none"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def compare(a, b, more: str = "more", less: str = "fewer", same: str = "as many") -> str:
    """A comparative word chosen by the data, never hard-coded (numbers, dates, timestamps)."""
    def missing(x):
        return x is None or (isinstance(x, float) and math.isnan(x))
    if missing(a) or missing(b):
        return "not comparable"
    if isinstance(a, float) or isinstance(b, float):
        if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
            return same
    elif a == b:
        return same
    return more if a > b else less


def present(frame, shares=(), counts=(), dates=(), rename=None):
    """A copy of a table formatted for reading: shares as %, counts with separators, dates as days."""
    out = frame.copy()
    for c in shares:
        out[c] = [pct(v) for v in out[c]]
    for c in counts:
        out[c] = [count(v) for v in out[c]]
    for c in dates:
        out[c] = [v.strftime("%Y-%m-%d") if hasattr(v, "strftime") and v == v else "n/a" for v in out[c]]
    return out.rename(columns=rename or {})
