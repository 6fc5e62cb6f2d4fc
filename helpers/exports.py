"""CSV and JSON exports for other tools. Spreadsheet programs execute cells that start with `=`, `+`,
`-`, `@` (and tab or carriage return): text from troll accounts must never become a formula, so every
text cell starting with one of them is prefixed with an apostrophe (OWASP's advice)."""

from __future__ import annotations

import csv
import decimal
import json
import os
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers import prose

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
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
    """A csv.writer that neutralises formula-like text cells, for files opened in spreadsheets."""

    def __init__(self, handle):
        self._writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")

    def writerow(self, row: Sequence) -> None:
        self._writer.writerow([neutralise(v) for v in row])

    def writerows(self, rows: Iterable[Sequence]) -> None:
        for row in rows:
            self.writerow(row)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a table for spreadsheet users: UTF-8, header, neutralised text, atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = SafeCsvWriter(f)
        w.writerow([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            w.writerow(["" if prose.is_missing(v) else v for v in row])
    os.replace(tmp, path)
    return path


def write_json(obj, path: str | os.PathLike) -> Path:
    """Write JSON deterministically (sorted keys, stable floats), atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)
    return path
