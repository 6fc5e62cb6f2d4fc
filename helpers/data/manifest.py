"""The manifest's table of files read: one definition for every page, table and record that lists them.

In: a cache manifest (`ingest.ingest_release` returns it, `cache/<release>/manifest.json` holds it).
Out: one row per file part, in the manifest's order: op, table, file, bytes, sha256, rows_read,
rows_cached, rows_quarantined (rows read = cached + quarantined).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

FILE_COLUMNS = ("op", "table", "file", "bytes", "sha256", "rows_read", "rows_cached", "rows_quarantined")


def files_table(manifest: dict, ops: Iterable[str] | None = None) -> pd.DataFrame:
    """The files of `manifest` (of the operations `ops`, default all), sorted by their manifest key.

    Only `op` and the source's `name` are required: a field missing from an entry is left empty."""
    keep = None if ops is None else set(ops)
    rows = [{"op": e["op"], "table": e.get("table"), "file": e["source"]["name"], "bytes": e["source"].get("size"),
             "sha256": e["source"].get("sha256"), "rows_read": e.get("rows_read"), "rows_cached": e.get("rows_cached"),
             "rows_quarantined": e.get("rows_quarantined")}
            for _, e in sorted(manifest.get("files", {}).items()) if keep is None or e["op"] in keep]
    return pd.DataFrame(rows, columns=list(FILE_COLUMNS))
