"""The floor for any ingest: pyarrow's streaming CSV reader alone over the tweets files.

Same reader settings as the project's fast parser (its block size, multithreaded, quoted line breaks
allowed, every column read as a string): no typing, no Parquet, no hashing, nothing written. Prints one
JSON record: rows, bytes and seconds per file and in total.

    python -m benchmarks.parse_limit FILE.csv [FILE.csv ...]
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv

try:  # the ingest's block size, whatever it is now
    from helpers.data.ingest.limits import BLOCK_BYTES
except ImportError:  # pragma: no cover
    BLOCK_BYTES = 16 << 20


def parse(path: Path) -> dict:
    started = time.perf_counter()
    with open(path, "rb") as f:
        header = next(csv.reader([f.readline().decode("utf-8").removeprefix("\ufeff")]))
        reader = pcsv.open_csv(
            f,
            read_options=pcsv.ReadOptions(column_names=header, block_size=BLOCK_BYTES, use_threads=True),
            parse_options=pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pcsv.ConvertOptions(column_types={c: pa.string() for c in header},
                                                strings_can_be_null=False, quoted_strings_can_be_null=False))
        rows = 0
        for batch in reader:
            rows += batch.num_rows
    return {"file": path.name, "bytes": path.stat().st_size, "rows": rows,
            "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    paths = [Path(a) for a in (sys.argv[1:] if argv is None else argv)]
    started = time.perf_counter()
    files = [parse(p) for p in paths]
    total = time.perf_counter() - started
    print(json.dumps({"files": files, "rows": sum(f["rows"] for f in files),
                      "bytes": sum(f["bytes"] for f in files), "seconds": total,
                      "block_bytes": BLOCK_BYTES}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
