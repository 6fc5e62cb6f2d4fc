"""CSV and JSON exports for other tools: tables for spreadsheet users (`write_csv`, from
`helpers.data.safecsv`, the writer of the ingest's quarantine and of the coordination evidence too: formula-like
text made inert) and JSON with plain values."""

from __future__ import annotations

import json
import os
from pathlib import Path

from helpers import files
from helpers.data.safecsv import write_csv

__all__ = ["write_csv", "write_json"]


def write_json(obj, path: str | os.PathLike) -> Path:
    """Write JSON deterministically (sorted keys, stable floats), atomically."""
    return files.write_text(path, json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n")
