"""CSV and JSON exports for other tools: tables for spreadsheet users (formula-like text made inert by
`helpers.data.safecsv`, the writer the ingest uses too) and JSON with plain values."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from helpers import files
from helpers.data.safecsv import SafeCsvWriter
from helpers.present import prose


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a table for spreadsheet users: UTF-8, header, neutralised text, atomically."""
    path = Path(path)
    with files.replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        w = SafeCsvWriter(f)
        w.writerow([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            w.writerow(["" if prose.is_missing(v) else v for v in row])
    return path


def write_json(obj, path: str | os.PathLike) -> Path:
    """Write JSON deterministically (sorted keys, stable floats), atomically."""
    return files.write_text(path, json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n")
