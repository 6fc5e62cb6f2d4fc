"""The Parquet cache as SQL views in DuckDB: aggregations run where the data lives, in bounded memory.

In: an opened release (`helpers.data.load.ReleaseData`: its manifest, cache folder, operations and date
window). Out: a DuckDB connection with one view per table (`tweets`, `users`), every part of every
operation's table under one `op` column, restricted exactly as `ReleaseData.arrow` restricts a load: the
run's date window on `tweet_time`, and the rows an earlier part already holds (duplicates across parts,
quarantined) left out. Nothing is read until a query runs, and a query reads only the columns it names.

Branch "engine" builds a general DuckDB engine; this module is the small piece the cross-operation
fingerprint needs (`register` takes a connection and returns the view names), so it can be swapped for
the engine's views without touching the SQL that uses them.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

from helpers.data import ingest, schema

DEFAULT_MEMORY = "1500MB"


def connect(memory_limit: str = DEFAULT_MEMORY, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a memory cap (it spills beyond it) whose clock is UTC: a session zone
    taken from the machine would move every day and hour boundary of a query."""
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET TimeZone = 'UTC'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def literal(text: str) -> str:
    """A SQL string literal (single quotes doubled): paths and operation names are data."""
    return "'" + str(text).replace("'", "''") + "'"


def _duckdb_type(t: pa.DataType) -> str:
    """The DuckDB type of a cache column, for the typed empty view of a table no operation has."""
    if pa.types.is_dictionary(t):
        return "VARCHAR"
    return {pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN", pa.float64(): "DOUBLE", pa.date32(): "DATE",
            pa.list_(pa.string()): "VARCHAR[]", pa.timestamp("s", tz="UTC"): "TIMESTAMPTZ"}.get(t, "VARCHAR")


def _part_sql(release, op: str, entry: dict, table: str, columns: list[str]) -> str:
    """One part of one operation's table: its rows, minus those set aside as duplicates of an earlier
    part, within the run's date window (tweets)."""
    path = release.cache_dir / entry["cache_file"]
    where = []
    across = entry.get(ingest.ACROSS) or {}
    if across.get("duplicates"):
        lines = release.cache_dir / across["lines_file"]
        where.append(f"source_line NOT IN (SELECT source_line FROM read_parquet({literal(lines.as_posix())}) "
                     f"WHERE cache_file = {literal(entry['cache_file'])})")
    if table == "tweets":
        lo, hi = window_bounds(release)
        if lo is not None:
            where.append(f"tweet_time >= TIMESTAMPTZ {literal(lo.isoformat())}")
        if hi is not None:
            where.append(f"tweet_time < TIMESTAMPTZ {literal(hi.isoformat())}")
    cols = ", ".join(f'"{c}"' for c in columns)
    sql = f"SELECT {literal(op)} AS op, {cols} FROM read_parquet({literal(path.as_posix())})"
    return sql + (" WHERE " + " AND ".join(where) if where else "")


def window_bounds(release) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The run's date window as [start 00:00 UTC, day after end 00:00 UTC), as every load applies it."""
    from helpers.data.load import _day_bounds
    return _day_bounds(release.start, release.end)


def register(con: duckdb.DuckDBPyConnection, release, tables=("tweets", "users"), prefix: str = "") -> dict:
    """Create a view per table over the cache of every operation of `release.ops` (all parts), with an `op`
    column first and the cache's release and derived columns (extra columns of a part are left out).
    Returns {table: view name}. An operation without the table adds no rows; a table no operation has
    is an empty view with the same columns."""
    names = {}
    for table in tables:
        cache = schema.cache_schema(table)
        columns = cache.names
        parts = [_part_sql(release, op, e, table, columns)
                 for op in release.ops for e in release.entries(op, table)]
        if not parts:
            typed = ", ".join(f'NULL::{_duckdb_type(f.type)} AS "{f.name}"' for f in cache)
            parts = [f"SELECT NULL::VARCHAR AS op, {typed} WHERE false"]
        name = f"{prefix}{table}"
        con.execute(f"CREATE OR REPLACE VIEW {name} AS " + "\nUNION ALL\n".join(parts))
        names[table] = name
    return names
