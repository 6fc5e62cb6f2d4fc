"""The ingest's version, sizes and output columns, in one module.

Every step reads them as `limits.NAME` at call time, so a test can shrink a size for every step at once
(`monkeypatch.setattr(limits, "ROW_GROUP_ROWS", 3)`). `INGEST_VERSION` is bumped when parsing or the cache
layout changes: older caches are then rebuilt, never misread.
"""

from __future__ import annotations

# Bump when parsing or the cache layout changes: older caches are then rebuilt, never misread.
INGEST_VERSION = 3  # 3: damaged fields are nulled and listed, their rows kept
MANIFEST = "manifest.json"
BLOCK_BYTES = 4 << 20           # pyarrow block: every row must fit in one (faster and leaner than 16)
TYPE_BATCH_ROWS = 50_000        # decoded blocks are typed together, a few at a time
MAX_FIELD_BYTES = 1 << 20       # a field longer than 1 MiB is not a tweet: the row is quarantined
MAX_RECORD_BYTES = 64 << 20     # a row (or an open quote) longer than this is not held in memory
ROW_GROUP_ROWS = 128_000        # Parquet row group (memory: about three are held while writing)
EXACT_BATCH_ROWS = 50_000
READ_AHEAD_BLOCKS = 4           # decoded blocks waiting for the typing
QUARANTINE_COLUMNS = ("source_file", "line", "column", "reason", "record")
DAMAGED_COLUMNS = ("source_file", "line", "column", "original_text", "reason")


class _NeedExact(Exception):
    """The fast parser met something it cannot report row by row: use the exact parser."""
