"""The peer of our ingest: DuckDB's own CSV-to-Parquet conversion of the same files, one Parquet file each.

DuckDB as a user would run it: `COPY (SELECT * FROM read_csv(file, all_varchar=true)) TO out.parquet`,
its CSV sniffer choosing the dialect, its default threads and memory limit. Every column is read as text:
the sniffer's type guesses fail on some files of the archive (an id column it takes for numbers until a
hashed id appears) and typing nothing is the least work DuckDB can do. It does far less than our ingest
(no typing, no field checks, no quarantine or accounting, no manifest), so our ingest keeping pace with it
while doing all that is the claim `make bench` checks. Prints one JSON record.

    python -m benchmarks.duckdb_convert OUT_DIR FILE.csv [FILE.csv ...]
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import duckdb


def convert(con: duckdb.DuckDBPyConnection, path: Path, out_dir: Path) -> dict:
    started = time.perf_counter()
    target = out_dir / (path.stem + ".parquet")
    con.execute("COPY (SELECT * FROM read_csv(?, all_varchar = true)) TO '" + str(target).replace("'", "''")
                + "' (FORMAT parquet)", [str(path)])
    rows = con.execute("SELECT count(*) FROM read_parquet(?)", [str(target)]).fetchone()[0]
    return {"file": path.name, "bytes": path.stat().st_size, "rows": int(rows),
            "parquet_bytes": target.stat().st_size, "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir, paths = Path(args[0]), [Path(a) for a in args[1:]]
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    started = time.perf_counter()
    con = duckdb.connect(":memory:")
    files = [convert(con, p, out_dir) for p in paths]
    print(json.dumps({"files": files, "rows": sum(f["rows"] for f in files), "duckdb": duckdb.__version__,
                      "threads": con.execute("SELECT current_setting('threads')").fetchone()[0],
                      "bytes": sum(f["bytes"] for f in files), "seconds": time.perf_counter() - started}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
