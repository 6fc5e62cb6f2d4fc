"""CSV for spreadsheet users: text that a spreadsheet would run as a formula is made inert.

Spreadsheet programs execute cells that start with `=`, `+`, `-`, `@` (and tab or carriage return): text
from troll accounts must never become a formula, so every text cell starting with one of them is prefixed
with an apostrophe (OWASP's advice). Here in `data/` because the ingest writes its quarantine and
damaged-fields files with it; `present.exports` writes the readers' tables with the same writer.
"""

from __future__ import annotations

import csv
import decimal
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers import files

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert; numbers and missing values unchanged.

    Anything else is written as its text, so it is checked as text (a list or an object whose text
    starts with '=' is neutralised too). Numbers stay numbers: -5 is a number, not a formula.
    """
    if value is None or isinstance(value, (bool, int, float, decimal.Decimal, np.number, np.bool_)):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return value


class SafeCsvWriter:
    """A csv.writer that neutralises formula-like text cells, for files opened in spreadsheets.

    Rows end in "\n", and a field holding a carriage return is quoted like one holding a line feed: the
    csv module quotes only the characters of its line terminator, so with "\n" a bare "\r" in a tweet
    went out unquoted and every reader (csv, pandas, a spreadsheet) broke the row there. Each row is
    written with "\r\n" as terminator to a buffer, then with "\n"."""

    def __init__(self, handle) -> None:
        self._handle = handle
        self._row = io.StringIO()
        self._writer = csv.writer(self._row, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")

    def writerow(self, row: Sequence) -> None:
        self._row.seek(0)
        self._row.truncate()
        self._writer.writerow([neutralise(v) for v in row])
        self._handle.write(self._row.getvalue()[:-2] + "\n")

    def writerows(self, rows: Iterable[Sequence]) -> None:
        for row in rows:
            self.writerow(row)


def write_frame(frame: pd.DataFrame, handle, header: bool = True, rows: int = 10_000) -> None:
    """A table's rows (after its column names, unless `header` is false) into an open text file, for
    spreadsheet users: text neutralised, missing values (None, NaN, NA, NaT) as empty cells. A file
    streamed in batches writes its header once, with the first batch. The values are made Python objects
    `rows` at a time (as pandas' own to_csv does), so a large table is not copied whole."""
    w = SafeCsvWriter(handle)
    if header:
        w.writerow([str(c) for c in frame.columns])
    for start in range(0, len(frame), rows):
        part = frame.iloc[start:start + rows]
        w.writerows(part.astype(object).where(part.notna(), "").itertuples(index=False, name=None))


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a table for spreadsheet users: UTF-8, header, neutralised text, atomically."""
    path = Path(path)
    with files.replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        write_frame(frame, f)
    return path
