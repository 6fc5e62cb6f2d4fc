"""Loading for analysis: typed frames from the cache, only the columns and rows asked for.

A notebook that needs five columns of nine million rows reads five columns (Parquet is columnar), and a
date range is pushed down to the Parquet reader. List columns (hashtags, urls, mentions) are exploded by
Arrow into long tables, never through Python lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from helpers import ingest, schema
from helpers.errors import MissingTableError, ProjectError

_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype("pyarrow"),
                 pa.float64(): pd.Float64Dtype()}


# User ids repeat on every tweet of an account (9 million rows, a few thousand accounts): read as
# dictionaries they reach pandas as categoricals of the same strings, a fraction of the memory.
_PARQUET = ds.ParquetFileFormat(read_options=ds.ParquetReadOptions(dictionary_columns=list(schema.USER_ID_COLUMNS)))


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow -> pandas keeping ids as strings and counts as nullable integers (never float)."""
    return table.to_pandas(types_mapper=_PANDAS_TYPES.get, date_as_object=False)


def _utc_day(value) -> pd.Timestamp:
    """The UTC calendar day of a date, a date string or a timestamp (naive ones are taken as UTC)."""
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ProjectError(f"not a date: {value!r} (use YYYY-MM-DD)") from None
    if ts is pd.NaT:
        raise ProjectError(f"not a date: {value!r} (use YYYY-MM-DD)")
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return ts.normalize()


def _day_bounds(start, end) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """Inclusive calendar days in UTC -> [start 00:00, day after end 00:00)."""
    lo = _utc_day(start) if start is not None else None
    hi = _utc_day(end) + pd.Timedelta(days=1) if end is not None else None
    if lo is not None and hi is not None and lo >= hi:
        raise ProjectError(f"the date range is empty: start {lo.date()} is after end {hi.date() - dt.timedelta(days=1)}")
    return lo, hi


def _op_column(op: str, ops: list[str], rows: int) -> pd.Categorical:
    """The `op` column of one operation's rows, built as codes: ten million copies of 'ira' are
    never written out as text and factorized again."""
    return pd.Categorical.from_codes(np.full(rows, ops.index(op), dtype=np.int16), categories=ops)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows of several operations; categorical columns stay categorical (union of the categories)."""
    if len(frames) == 1:
        return frames[0]
    for col in frames[0].columns:
        if all(isinstance(f[col].dtype, pd.CategoricalDtype) for f in frames):
            cats = pd.api.types.union_categoricals([f[col] for f in frames]).categories
            for f in frames:
                f[col] = f[col].cat.set_categories(cats)
    return pd.concat(frames, ignore_index=True)


@dataclass
class ReleaseData:
    """An ingested release. `ops` keeps the order asked for; every frame carries an `op` column."""

    manifest: dict
    cache_dir: Path
    ops: list[str]
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def synthetic(self) -> bool:
        return bool(self.manifest.get("synthetic"))

    def has(self, op: str, table: str) -> bool:
        return f"{op}/{table}" in self.manifest["files"]

    def entry(self, op: str, table: str) -> dict:
        try:
            return self.manifest["files"][f"{op}/{table}"]
        except KeyError:
            raise MissingTableError(self.missing_message(op, table)) from None

    def missing_message(self, op: str, table: str) -> str:
        """Names the file to add as the operation's other files are named (before any renaming)."""
        in_name = next((e.get("source", {}).get("op_in_file_name") for e in self.manifest["files"].values()
                        if e.get("op") == op and e.get("source", {}).get("op_in_file_name")), op)
        return (f"The release has no {table} file for operation '{op}' "
                f"(expected {in_name}_{table}_csv_hashed.csv in {self.manifest['release_dir']}); "
                f"results that need it are left out for '{op}'.")

    def ops_with(self, table: str) -> list[str]:
        return [op for op in self.ops if self.has(op, table)]

    def columns(self, op: str, table: str) -> list[str]:
        return pq.read_schema(self.cache_dir / self.entry(op, table)["cache_file"]).names

    def arrow(self, op: str, table: str, columns: Sequence[str] | None = None,
              dated: bool = True) -> pa.Table:
        """One operation's table as Arrow, restricted to `columns` and (tweets) to the date range."""
        path = self.cache_dir / self.entry(op, table)["cache_file"]
        dataset = ds.dataset(path, format=_PARQUET)
        missing = [c for c in (columns or []) if c not in dataset.schema.names]
        if missing:
            raise ProjectError(f"{op}/{table} has no column(s) {', '.join(missing)}; "
                               f"available: {', '.join(dataset.schema.names)}")
        filt = None
        if table == "tweets" and dated:
            lo, hi = _day_bounds(self.start, self.end)
            t = ds.field("tweet_time")
            if lo is not None:
                filt = t >= pa.scalar(lo.to_pydatetime(), pa.timestamp("s", tz="UTC"))
            if hi is not None:
                cond = t < pa.scalar(hi.to_pydatetime(), pa.timestamp("s", tz="UTC"))
                filt = cond if filt is None else filt & cond
        return dataset.to_table(columns=list(columns) if columns else None, filter=filt)

    def _frame(self, table: str, ops: Iterable[str] | None, columns, dated: bool = True) -> pd.DataFrame:
        ops = list(ops) if ops is not None else self.ops
        present = [op for op in ops if self.has(op, table)]
        if not present:
            raise MissingTableError(" ".join(self.missing_message(op, table) for op in ops))
        frames = []
        for op in present:
            t = self.arrow(op, table, columns, dated=dated)
            f = to_pandas(t)
            f.insert(0, "op", _op_column(op, present, len(f)))
            frames.append(f)
        out = _concat(frames)
        out["op"] = pd.Categorical(out["op"], categories=present)
        return out

    def tweets(self, columns: Sequence[str] | None = None, ops: Iterable[str] | None = None,
               dated: bool = True) -> pd.DataFrame:
        """Tweets of the chosen operations within the date range (all columns if none named)."""
        return self._frame("tweets", ops, columns, dated)

    def users(self, columns: Sequence[str] | None = None, ops: Iterable[str] | None = None) -> pd.DataFrame:
        """Users-file rows; operations without a users file are left out (see `ops_with('users')`)."""
        return self._frame("users", ops, columns)

    def exploded(self, column: str, extra: Sequence[str] = (), ops: Iterable[str] | None = None,
                 dated: bool = True) -> pd.DataFrame:
        """One row per item of a list column (`hashtags`, `urls`, `user_mentions`), with `extra`
        columns repeated: a long table built in Arrow, so 9 million lists never become Python objects."""
        if column not in schema.LIST_COLUMNS:
            raise ProjectError(f"{column} is not a list column ({', '.join(schema.LIST_COLUMNS)})")
        frames = []
        ops = list(ops) if ops is not None else self.ops
        present = [op for op in ops if self.has(op, "tweets")]
        for op in present:
            t = self.arrow(op, "tweets", [column, *extra], dated=dated)
            lists = t.column(column).combine_chunks()
            parents = pc.list_parent_indices(lists)
            long = {c: t.column(c).take(parents) for c in extra}
            long["item"] = pc.list_flatten(lists)
            f = to_pandas(pa.table(long))
            f.insert(0, "op", _op_column(op, present, len(f)))
            frames.append(f)
        if not frames:
            raise MissingTableError(" ".join(self.missing_message(op, "tweets") for op in ops))
        out = _concat(frames)
        out["op"] = pd.Categorical(out["op"], categories=present)
        return out

    def quarantine_table(self) -> pd.DataFrame:
        """Quarantined rows per file and reason (op, table, reason, rows); see each file's quarantine CSV."""
        rows = [{"op": e["op"], "table": e["table"], "reason": reason, "rows": n,
                 "details": e["quarantine_file"]}
                for _, e in sorted(self.manifest["files"].items())
                for reason, n in sorted(e.get("quarantine_reasons", {}).items())]
        return pd.DataFrame(rows, columns=["op", "table", "reason", "rows", "details"])

    def damaged_table(self) -> pd.DataFrame:
        """Fields nulled in cached rows, per file, column and kind of reason (op, table, column, rows, why,
        details): each row was kept; `details` lists every field with its line and original text.
        For `user_mentions`, `rows` counts the entries dropped from their lists."""
        rows = [{"op": e["op"], "table": e["table"], "column": column, "rows": n, "why": why,
                 "details": e["damaged_file"]}
                for _, e in sorted(self.manifest["files"].items())
                for column, kinds in sorted(e.get("damaged_reasons", {}).items())
                for why, n in sorted(kinds.items())]
        return pd.DataFrame(rows, columns=["op", "table", "column", "rows", "why", "details"])

    def rows_with_damaged_fields(self) -> int:
        """Cached rows (all files) in which at least one field could not be read and was left empty."""
        return int(sum(e.get("rows_with_damaged_fields", 0) for e in self.manifest["files"].values()))

    def untimed_tweets(self) -> pd.DataFrame:
        """Cached tweets without a time (theirs could not be read), per op of `ops` (op, tweets).

        No date range and no timeline can place them, so a dated load leaves them out: this says how many.
        Read from the Parquet statistics (null counts), so no column is loaded."""
        counts = []
        for op in self.ops_with("tweets"):
            meta = pq.ParquetFile(self.cache_dir / self.entry(op, "tweets")["cache_file"]).metadata
            i = meta.schema.to_arrow_schema().get_field_index("tweet_time")
            # the ingest writes statistics for tweet_time (ingest._parquet_options): null counts are there
            n = sum(meta.row_group(g).column(i).statistics.null_count for g in range(meta.num_row_groups))
            counts.append({"op": op, "tweets": int(n)})
        return pd.DataFrame(counts, columns=["op", "tweets"])

    def file_table(self) -> pd.DataFrame:
        """The manifest as a table: one row per source file, with the row accounting."""
        rows = []
        for key, e in sorted(self.manifest["files"].items()):
            s = e["source"]
            rows.append({
                "op": e["op"], "table": e["table"], "file": s["name"], "bytes": s["size"],
                "sha256": s["sha256"], "schema": e["schema_variant"], "rows read": e["rows_read"],
                "rows cached": e["rows_cached"], "rows quarantined": e["rows_quarantined"],
                "parser": e["parser"],
            })
        return pd.DataFrame(rows)


def open_release(data_dir, ops: Sequence[str] | None = None, start=None, end=None,
                 cache_root: Path | None = None, rename: dict[str, str] | None = None,
                 progress: bool = True, log=print) -> ReleaseData:
    """Ingest the release if its cache is missing or stale (cheap otherwise) and open it for loading."""
    _day_bounds(start, end)  # a bad date range fails before any work
    manifest = ingest.ingest_release(data_dir, cache_root=cache_root, rename=rename, progress=progress,
                                     log=log)
    available = manifest["ops"]
    chosen = list(ops) if ops else available
    unknown = [op for op in chosen if op not in available]
    if unknown:
        raise ProjectError(f"operation(s) {', '.join(unknown)} not in the release "
                           f"{manifest['release_dir']} (it holds: {', '.join(available)})")
    return ReleaseData(manifest, Path(manifest["cache_dir"]), chosen, start, end)
