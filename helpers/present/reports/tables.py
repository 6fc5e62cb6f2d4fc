"""Tables as escaped HTML: every header and cell through `prose.html`, numbers right-aligned, and readable:
headers in words (`labels.header`), language codes with their names, counts with thousands separators,
shares by the one rounding rule (`prose.pct`), bounds as ≤ and ≥.

Used by the notebooks (`Session.table`, the landing-page sections) and by the reports' own tables.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from helpers.present import labels, prose

_NUM = ' class="num"'
_LONG = ' class="long"'              # a cell holding a long unbroken token (a hash, a URL): may wrap anywhere
_LONG_TOKEN = re.compile(r"\S{40,}")
_NUMBER = re.compile(r"^\s*[<>\u2264\u2265]?[-+\u2212]?(\d[\d,]*)?(\.\d+)?(e[-+]?\d+)?\s*(%|x|\u00d7)?\s*$", re.I)
# Columns of years, hours, days ...: whole numbers shown without a thousands separator (2014, not 2,014).
_CALENDAR = re.compile(r"(^|[_ ])(year|years|cohort|hour|month|weekday|day|week)($|[_ ])", re.I)
# A bound written by the code ("<=10", ">=5") shown as readers write it ("≤10"); only a whole cell.
_BOUND = re.compile(r"^(<=|>=)\s*(?=[\d.,]+$)")


def default_float(x: float) -> str:
    """3 significant digits below 1,000, whole numbers with separators above (from 999.5, which three
    significant digits would show as '1e+03')."""
    if not math.isfinite(x):
        return "n/a"
    return f"{x:,.3g}" if abs(x) < 999.5 else f"{x:,.0f}"


def _cell_text(value, na_rep: str, float_format: Callable[[float], str], separators: bool = True) -> str:
    if prose.is_missing(value):
        return na_rep
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return float_format(float(value))
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}" if separators else str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return _BOUND.sub(lambda m: "\u2264" if m.group(1) == "<=" else "\u2265", str(value))


def _row_label(key, name, na_rep: str, fmt: Callable[[float], str]) -> str:
    """A row header: a column name of a transposed table in words (`labels.HEADERS`: "accounts in the users
    file", not `accounts_in_users_file`), anything else as a cell."""
    if isinstance(key, str) and key in labels.HEADERS:
        return labels.header(key)
    return _cell_text(key, na_rep, fmt, not _CALENDAR.search(str(name)))


def _is_share_column(name, values: list) -> bool:
    """A column of shares: named so, and holding only fractions (0 to 1)."""
    numbers_ = [v for v in values if not prose.is_missing(v)]
    return ("share" in str(name).lower() and bool(numbers_)
            and all(isinstance(v, (float, np.floating)) and 0 <= v <= 1 for v in numbers_))


def _column_texts(name, values: list, na_rep: str, fmt: Callable[[float], str], own_format: bool) -> list[str]:
    """The cells of one column as text: languages named, shares by the one rounding rule (unless the
    caller gave its own float format), counts separated, calendar numbers not."""
    if str(name) in labels.LANGUAGE_COLUMNS:
        return [na_rep if prose.is_missing(v) else labels.language(v) for v in values]
    if not own_format and _is_share_column(name, values):
        return [na_rep if prose.is_missing(v) else prose.pct(v) for v in values]
    separators = not _CALENDAR.search(str(name))
    return [_cell_text(v, na_rep, fmt, separators) for v in values]


def _numeric_like(value, text: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, numbers.Number):
        return True
    return bool(text.strip()) and bool(_NUMBER.match(text)) and any(ch.isdigit() for ch in text)


def _label(value) -> str:
    """A column or index name as header words (`labels.header`)."""
    return labels.header(value)


def html_table(frame: pd.DataFrame, index: bool = False, na_rep: str = "\u2013",
               float_format: Callable[[float], str] | None = None, classes: str = "data-table") -> str:
    """A table as escaped HTML: every header and cell through `prose.html` (markup escaped, invisible
    and direction-changing characters made visible); columns holding only numbers are right-aligned.
    Readable: headers in words, language codes named, counts separated, shares as percentages."""
    fmt = float_format or default_float
    columns = list(frame.columns)
    values = [list(frame.iloc[:, j]) for j in range(len(columns))]
    texts = [_column_texts(c, col, na_rep, fmt, float_format is not None) for c, col in zip(columns, values)]
    numeric = []
    for col, txt in zip(values, texts):
        present = [(v, t) for v, t in zip(col, txt) if not prose.is_missing(v) and t not in ("n/a", na_rep)]
        numeric.append(bool(present) and all(_numeric_like(v, t) for v, t in present))
    head = []
    if index:
        names = [n for n in frame.index.names]
        if not any(n is not None for n in names) and frame.columns.name is not None:
            names = [frame.columns.name] + [None] * (len(names) - 1)
        head += [f'<th scope="col">{prose.html(_label(n))}</th>' for n in names]
    head += [f'<th scope="col"{_NUM if num else ""}>{prose.html(_label(c))}</th>'
             for c, num in zip(columns, numeric)]
    rows = []
    for i in range(len(frame)):
        cells = []
        if index:
            key = frame.index[i]
            keys = key if isinstance(key, tuple) else (key,)
            cells += [f'<th scope="row">{prose.html(_row_label(k, n, na_rep, fmt))}</th>'
                      for k, n in zip(keys, frame.index.names)]
        cells += [f'<td{_NUM if num else _LONG if _LONG_TOKEN.search(txt[i]) else ""}>{prose.html(txt[i])}</td>'
                  for txt, num in zip(texts, numeric)]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="{prose.html(classes)}"><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
