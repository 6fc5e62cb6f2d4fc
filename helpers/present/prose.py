"""Words computed from the data: number formats, and escaping so that data never becomes markup.

Tweet texts, hashtags, account names and domains were written by troll accounts. Anything taken from
the data and put into Markdown or HTML goes through `md()` or `html()` first.
"""

from __future__ import annotations

import html as _html
import math
import numbers
import re
import unicodedata

import pandas as pd

# Characters that change how Markdown (or MathJax in JupyterLab) renders text.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")
# In Markdown, these become HTML entities; the other specials are backslash-escaped (in one pass, so
# that an escape never touches the output of another).
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
# Bidirectional marks, overrides and isolates, zero-width and other invisible characters, line and
# paragraph separators, and control characters (but tab, line feed, carriage return): shown as
# visible code points instead.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
                        "\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str, ansi: bool = False) -> str:
    """Invisible and direction-changing characters shown as <U+XXXX>; with `ansi`, the escape
    character of terminal colours (in logs and tracebacks) is kept."""
    def show(m):
        ch = m.group()
        return ch if ansi and ch == "\x1b" else f"<U+{ord(ch):04X}>"
    return _INVISIBLE.sub(show, text)


def md(value) -> str:
    """Data as literal Markdown text: specials escaped, HTML escaped, invisible controls shown."""
    text = visible(str(value)).replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(lambda m: _MD_ENTITIES.get(m.group(1), "\\" + m.group(1)), text)


def html(value) -> str:
    """Data as literal HTML text."""
    return _html.escape(visible(str(value)), quote=True)


def safe_text(value: str) -> str:
    """Data for places that are neither Markdown nor HTML (figure labels): controls made visible,
    and matplotlib's mathtext `$` neutralised."""
    text = visible(str(value))
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return text.replace("$", r"\$")


def is_missing(x) -> bool:
    """None, NaN (any float type), pd.NA, NaT (pandas or numpy)."""
    if x is None:
        return True
    try:
        return bool(pd.api.types.is_scalar(x) and pd.isna(x))
    except (TypeError, ValueError):
        return False


def count(n) -> str:
    """12,345 (whole numbers with thousands separators); 'n/a' when missing (or infinite)."""
    if is_missing(n) or (isinstance(n, numbers.Real) and math.isinf(n)):
        return "n/a"
    return f"{int(round(n)):,}"


def pct(share, digits: int = 1) -> str:
    """A share in [0, 1] as '36.9%'; 'n/a' when missing. A share that is not zero never reads '0.0%'
    ('<0.1%'), and one that is not whole never reads '100.0%' ('>99.9%')."""
    if is_missing(share):
        return "n/a"
    text = f"{100 * share:.{digits}f}%"
    step = f"{10.0 ** -digits:.{digits}f}"
    if share > 0 and float(text[:-1]) == 0:
        return f"<{step}%"
    if share < 1 and float(text[:-1]) == 100:
        return f">{100 - float(step):.{digits}f}%"
    return text


def span(first, last) -> str:
    """Two days (or dates) as a span: "2016-06-16 to 2016-06-30", and one day once ("2016-06-23")."""
    return str(first) if str(first) == str(last) else f"{first} to {last}"


def plural(n, singular: str, plural: str | None = None) -> str:
    """'1 account', '3,667 accounts' ('n/a accounts' when missing): the noun agrees with the data."""
    word = singular if not is_missing(n) and n == 1 else (plural or singular + "s")
    return f"{count(n)} {word}"


def ratio(x, digits: int = 1) -> str:
    if is_missing(x) or (isinstance(x, numbers.Real) and math.isinf(x)):
        return "n/a"
    return f"{x:.{digits}f}\u00d7"


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
    if is_missing(a) or is_missing(b):
        return "not comparable"
    inexact = (isinstance(a, numbers.Real) and isinstance(b, numbers.Real)
               and not (isinstance(a, numbers.Integral) and isinstance(b, numbers.Integral)))
    if inexact:  # floats of any type: equal up to rounding
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


# ------------------------------------------------------------------------------ said once, used everywhere

SYNTHETIC_MARK = "SYNTHETIC SAMPLE: not evidence"   # on every figure drawn from the sample
SYNTHETIC_TITLE = "Synthetic sample, not evidence."


def synthetic_statement(sample: dict | None) -> str:
    """The one wording of "this is the synthetic sample, not evidence" (plain text: escape it with `md` or
    `html` where it goes), after SYNTHETIC_TITLE. `sample` is the manifest's record of the generator: the
    synthetic archive (helpers.synthetic.archive) is not calibrated, and says so."""
    sample = sample or {}
    generator = sample.get("generator", "helpers.synthetic.sample")
    if generator == "helpers.synthetic.archive":
        what = ("a generated stand-in for datasets of Twitter's archive, in each dataset's file names and format "
                "at its published size times the scale")
        calibration = ("its values are synthetic, not calibrated to anything, and the differences between "
                       "operations are drawn at random: they are not evidence.")
    else:
        what = "a generated stand-in for Twitter's October 2018 release"
        calibration = ("calibrated to published counts: agreement with them is by construction and is not "
                       "evidence.")
    return (f"Every number and figure here comes from {what} (generator {generator}, seed "
            f"{sample.get('seed', '?')}, scale {sample.get('scale', '?')}), {calibration} Run make reproduce "
            "DATA_DIR=/path/to/release on the real files for findings.")


def synthetic_figure_note(sample: dict | None) -> str:
    """The figures' short form of `synthetic_statement` (after SYNTHETIC_MARK, in the source line)."""
    if (sample or {}).get("generator") == "helpers.synthetic.archive":
        return "generated data, not calibrated: differences between operations are drawn at random"
    return "generated data calibrated to published counts"


ROUNDING_RULE = ("Shares are percentages rounded to one decimal place (a share above zero never reads 0.0%: "
                 "it reads <0.1%; one short of the whole never reads 100.0%: it reads >99.9%), and each share "
                 "says what it is a share of. Counts are whole numbers with thousands separators; ratios are "
                 "written with × (3.0× = three times); ≤ and ≥ bound a range.")
ROUNDING_RULE_SHORT = "Shares are rounded to one decimal place and say what they are a share of."   # page headers
