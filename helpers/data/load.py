"""Loading for analysis: typed frames from the cache, only the columns and rows asked for.

A notebook that needs five columns of nine million rows reads five columns (Parquet is columnar), and a
date range is pushed down to the Parquet reader. List columns (hashtags, urls, mentions) are exploded by
Arrow into long tables, never through Python lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from helpers import paths
from helpers.data import catalog, ingest, release as rel, schema
from helpers.errors import MissingTableError, ProjectError

_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype("pyarrow"),
                 pa.float64(): pd.Float64Dtype()}


# User ids repeat on every tweet of an account (9 million rows, a few thousand accounts): read as
# dictionaries they reach pandas as categoricals of the same strings, a fraction of the memory.
_PARQUET = ds.ParquetFileFormat(read_options=ds.ParquetReadOptions(dictionary_columns=list(schema.USER_ID_COLUMNS)))


_FILTER_COLUMNS = ("tweet_time", "source_line")   # what the filters of `ReleaseData._scans` read


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
            # A column that is null in every row of one operation (a handful of tweets, none a retweet)
            # comes back with empty categories of another dtype: give every frame the same one first.
            dtypes = [f[col].cat.categories.dtype for f in frames if len(f[col].cat.categories)]
            if dtypes:
                for f in frames:
                    if f[col].cat.categories.dtype != dtypes[0]:
                        f[col] = f[col].cat.set_categories(f[col].cat.categories.astype(dtypes[0]))
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
    # window_counts per (start, end, ops): the header of a report, notebook 01's table and the untimed
    # count ask the same question; the tweet times of every operation are read once for all of them
    _counted: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _engine: Any = field(default=None, init=False, repr=False, compare=False)
    _engine_key: tuple = field(default=(), init=False, repr=False, compare=False)
    # the engine's memory limit and threads (the run's parameters; empty: the engine's safe defaults)
    engine_options: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def synthetic(self) -> bool:
        return bool(self.manifest.get("synthetic"))

    def entries(self, op: str, table: str) -> list[dict]:
        """The manifest entries of every part of an operation's table, in natural part order
        (`_2` before `_10`); empty when the release lacks the table."""
        found = [e for e in self.manifest["files"].values() if e.get("op") == op and e.get("table") == table]
        return sorted(found, key=lambda e: rel.part_sort_key(e.get("part", "")))

    def has(self, op: str, table: str) -> bool:
        return bool(self.entries(op, table))

    def entry(self, op: str, table: str) -> dict:
        """The table's manifest entry: the entry itself for a table in one file; for one in several
        parts, the row accounting summed over them (`parts` lists each part's entry)."""
        parts = self.entries(op, table)
        if not parts:
            raise MissingTableError(self.missing_message(op, table))
        if len(parts) == 1:
            return parts[0]
        reasons: dict[str, int] = {}
        for e in parts:
            for reason, n in e.get("quarantine_reasons", {}).items():
                reasons[reason] = reasons.get(reason, 0) + n
        total = {k: sum(e.get(k, 0) for e in parts)
                 for k in ("rows_read", "rows_cached", "rows_quarantined", "rows_with_damaged_fields")}
        return {"op": op, "table": table, "part": "", **total, "quarantine_reasons": dict(sorted(reasons.items())),
                "parts": parts}

    def missing_message(self, op: str, table: str) -> str:
        """Names the file to add as the operation's other files are named (before any renaming)."""
        in_name = next((e.get("source", {}).get("op_in_file_name") for e in self.manifest["files"].values()
                        if e.get("op") == op and e.get("source", {}).get("op_in_file_name")), op)
        return (f"The release has no {table} file for operation '{op}' "
                f"(expected {in_name}_{table}_csv_hashed.csv in the release folder "
                f"{paths.shown(self.manifest['release_dir'])}); "
                f"results that need it are left out for '{op}'.")

    def ops_with(self, table: str) -> list[str]:
        return [op for op in self.ops if self.has(op, table)]

    def _schema(self, op: str, table: str) -> pa.Schema:
        """The cached columns of the table: those of every part (parts may differ in extra columns)."""
        schemas = [pq.read_schema(self.cache_dir / e["cache_file"]) for e in self.entries(op, table)]
        if not schemas:
            raise MissingTableError(self.missing_message(op, table))
        return pa.unify_schemas(schemas) if len(schemas) > 1 else schemas[0]

    def columns(self, op: str, table: str) -> list[str]:
        return self._schema(op, table).names

    def _set_aside(self, entry: dict) -> pa.Array | None:
        """Lines of a part set aside as duplicates of an earlier part (None when there are none)."""
        across = entry.get(ingest.ACROSS) or {}
        if not across.get("duplicates"):
            return None
        lines = pq.read_table(self.cache_dir / across["lines_file"],
                              filters=[("cache_file", "==", entry["cache_file"])], columns=["source_line"])
        return lines.column(0).combine_chunks()

    def _scans(self, op: str, table: str, columns: Sequence[str] | None, dated: bool,
               dictionary: Sequence[str] = ()):
        """What `arrow` and `arrow_batches` read, one definition: the wanted columns, the full schema and per
        part (dataset, its columns, filter): the date range (tweets) and the lines set aside as duplicates
        of an earlier part."""
        full = self._schema(op, table)
        missing = [c for c in (columns or []) if c not in full.names]
        if missing:
            raise ProjectError(f"{op}/{table} has no column(s) {', '.join(missing)}; "
                               f"available: {', '.join(full.names)}")
        wanted = list(columns) if columns else full.names
        filt = None
        if table == "tweets" and dated:
            lo, hi = _day_bounds(self.start, self.end)
            t = ds.field("tweet_time")
            if lo is not None:
                filt = t >= pa.scalar(lo.to_pydatetime(), pa.timestamp("s", tz="UTC"))
            if hi is not None:
                cond = t < pa.scalar(hi.to_pydatetime(), pa.timestamp("s", tz="UTC"))
                filt = cond if filt is None else filt & cond
        fmt = _PARQUET if not dictionary else ds.ParquetFileFormat(read_options=ds.ParquetReadOptions(
            dictionary_columns=[*schema.USER_ID_COLUMNS, *dictionary]))
        parts = []
        for e in self.entries(op, table):
            dataset = ds.dataset(self.cache_dir / e["cache_file"], format=fmt)
            part_filter = filt
            aside = self._set_aside(e)
            if aside is not None:
                cond = ~ds.field("source_line").isin(aside)
                part_filter = cond if part_filter is None else part_filter & cond
            parts.append((dataset, [c for c in wanted if c in dataset.schema.names], part_filter,
                          self.cache_dir / e["cache_file"]))
        return wanted, full, parts

    @staticmethod
    def _complete(t: pa.Table, wanted: list[str], full: pa.Schema) -> pa.Table:
        """A part's rows with every wanted column: one another part has is nulls here."""
        for c in wanted:
            if c not in t.column_names:
                t = t.append_column(full.field(c), pa.nulls(t.num_rows, full.field(c).type))
        return t.select(wanted)

    def arrow(self, op: str, table: str, columns: Sequence[str] | None = None,
              dated: bool = True) -> pa.Table:
        """One operation's table as Arrow (all its parts, in order), restricted to `columns` and
        (tweets) to the date range; rows repeating an id of an earlier part are left out (quarantined)."""
        wanted, full, parts = self._scans(op, table, columns, dated)
        tables = [self._complete(dataset.to_table(columns=here, filter=f), wanted, full)
                  for dataset, here, f, _ in parts]
        if len(tables) == 1:
            return tables[0]
        return pa.concat_tables(tables, promote_options="permissive")

    def arrow_batches(self, op: str, table: str, columns: Sequence[str] | None = None,
                      rows: int = 1 << 20, dated: bool = True, dictionary: Sequence[str] = ()) -> Iterator[pa.Table]:
        """The rows of `arrow(op, table, columns, dated)`, in the same order, as tables of at most `rows`
        rows: memory bounded by a batch, not by the operation (a batch may be smaller, or empty). Columns
        named in `dictionary` come as Arrow dictionaries (same values): a column that repeats a few strings
        (screen names) is read several times faster so."""
        wanted, full, parts = self._scans(op, table, columns, dated, dictionary)
        for dataset, here, f, path in parts:
            # A pull reader, a row group at a time: Arrow's dataset scanner reads ahead of a slow consumer
            # (0.5 GB of texts at half scale); the filter is the same expression, applied to each batch.
            need = here + [c for c in _FILTER_COLUMNS if f is not None and c in dataset.schema.names
                           and c not in here]
            reader = pq.ParquetFile(path, read_dictionary=[c for c in need if c in (*schema.USER_ID_COLUMNS,
                                                                                    *dictionary)])
            for batch in reader.iter_batches(batch_size=int(rows), columns=need):
                t = pa.Table.from_batches([batch])
                yield self._complete(t.filter(f) if f is not None else t, wanted, full)

    @property
    def windowed(self) -> bool:
        return self.start is not None or self.end is not None

    def window_counts(self) -> pd.DataFrame:
        """Per operation: tweets in the cache, and how many fall before, inside and after the run's date
        window (plus those without a usable time), with each operation's first and last tweet.

        No window set: every dated tweet is inside. This is what every report states when a user narrows
        the run, so that no row leaves the analysis unsaid.
        """
        key = (self.start, self.end, tuple(self.ops))
        if key not in self._counted:
            self._counted[key] = self._count_window()
        return self._counted[key].copy()

    def engine(self, memory_limit: str | None = None, threads: int | None = None):
        """The out-of-core engine over this release's cache (`helpers.data.engine.Engine`): its
        operations and date window, opened once per window and operations (later calls return it)."""
        key = (self.start, self.end, tuple(self.ops))
        if self._engine is None or self._engine_key != key:
            self._engine_key = key
            from helpers.data import engine
            settings = engine.engine_settings(memory_limit or self.engine_options.get("memory_limit"),
                                              threads or self.engine_options.get("threads"))
            self._engine = engine.Engine.open(self, **settings)
        return self._engine

    def _count_window(self) -> pd.DataFrame:
        """Counted by the engine: no column of every tweet's time is read into the kernel."""
        return self.engine().window_counts(self.start, self.end)

    def _count_window_arrow(self) -> pd.DataFrame:
        """The former count, over Arrow columns of every tweet's time: kept as the engine's test oracle."""
        lo, hi = _day_bounds(self.start, self.end)
        rows = []
        for op in self.ops_with("tweets"):
            times = self.arrow(op, "tweets", ["tweet_time"], dated=False).column("tweet_time")
            undated = times.null_count
            before = int(pc.sum(pc.less(times, pa.scalar(lo.to_pydatetime(), times.type))).as_py() or 0) \
                if lo is not None else 0
            after = int(pc.sum(pc.greater_equal(times, pa.scalar(hi.to_pydatetime(), times.type))).as_py()
                        or 0) if hi is not None else 0
            first, last = pc.min(times).as_py(), pc.max(times).as_py()
            rows.append({"op": op, "tweets": len(times), "before": before,
                         "inside": len(times) - undated - before - after, "after": after, "undated": undated,
                         "first_tweet": pd.Timestamp(first) if first is not None else pd.NaT,
                         "last_tweet": pd.Timestamp(last) if last is not None else pd.NaT})
        return pd.DataFrame(rows, columns=["op", "tweets", "before", "inside", "after", "undated",
                                           "first_tweet", "last_tweet"])

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

    def _all_entries(self) -> list[dict]:
        """Every part of every table, by operation, table and natural part order."""
        return sorted(self.manifest["files"].values(),
                      key=lambda e: (e["op"], e["table"], rel.part_sort_key(e.get("part", ""))))

    def quarantine_table(self) -> pd.DataFrame:
        """Quarantined rows per part and reason (op, table, part, reason, rows, details: the quarantine
        CSV of that part; duplicates across parts are in the table's across-parts CSV)."""
        rows = []
        for e in self._all_entries():
            across = e.get(ingest.ACROSS) or {}
            for reason, n in sorted(e.get("quarantine_reasons", {}).items()):
                details = across["quarantine_file"] if reason.endswith(" across parts") else e["quarantine_file"]
                rows.append({"op": e["op"], "table": e["table"], "part": e.get("part", ""), "reason": reason,
                             "rows": n, "details": paths.shown(self.cache_dir / details, self.cache_dir)})
        return pd.DataFrame(rows, columns=["op", "table", "part", "reason", "rows", "details"])

    def damaged_table(self) -> pd.DataFrame:
        """Fields nulled in cached rows, per file, column and kind of reason (op, table, column, rows, why,
        details): each row was kept; `details` lists every field with its line and original text.
        For `user_mentions`, `rows` counts the entries dropped from their lists."""
        rows = [{"op": e["op"], "table": e["table"], "column": column, "rows": n, "why": why,
                 "details": paths.shown(self.cache_dir / e["damaged_file"], self.cache_dir)}
                for e in self._all_entries()
                for column, kinds in sorted(e.get("damaged_reasons", {}).items())
                for why, n in sorted(kinds.items())]
        return pd.DataFrame(rows, columns=["op", "table", "column", "rows", "why", "details"])

    def rows_with_damaged_fields(self) -> int:
        """Cached rows (all files) in which at least one field could not be read and was left empty."""
        return int(sum(e.get("rows_with_damaged_fields", 0) for e in self.manifest["files"].values()))

    def untimed_tweets(self) -> pd.DataFrame:
        """Cached tweets without a time (theirs could not be read), per op of `ops` (op, tweets).

        No date range and no timeline can place them, so a dated load leaves them out: this says how many
        (the `undated` column of `window_counts`, every part of a table counted once)."""
        counts = self.window_counts()
        return pd.DataFrame({"op": counts["op"], "tweets": counts["undated"].astype(int)})

    def file_table(self) -> pd.DataFrame:
        """The manifest as a table: one row per source file (each part of a table), with the row
        accounting (rows read = cached + quarantined, per part)."""
        rows = []
        for e in self._all_entries():
            s = e["source"]
            rows.append({
                "op": e["op"], "table": e["table"], "part": e.get("part", ""), "file": s["name"],
                "bytes": s["size"], "sha256": s["sha256"], "schema": e["schema_variant"],
                "rows read": e["rows_read"], "rows cached": e["rows_cached"],
                "rows quarantined": e["rows_quarantined"], "parser": e["parser"],
            })
        return pd.DataFrame(rows)


def open_release(data_dir: str | os.PathLike, ops: Sequence[str] | None = None,
                 start: dt.date | None = None, end: dt.date | None = None,
                 cache_root: Path | None = None, rename: dict[str, str] | None = None,
                 progress: bool = True, log: Callable[[str], Any] = print) -> ReleaseData:
    """Ingest the release if its cache is missing or stale (cheap otherwise) and open it for loading."""
    _day_bounds(start, end)  # a bad date range fails before any work
    manifest = ingest.ingest_release(data_dir, cache_root=cache_root, rename=rename, progress=progress,
                                     log=log)
    available = manifest["ops"]
    chosen = list(ops) if ops else catalog.disclosure_order(available)  # oldest disclosure first
    unknown = [op for op in chosen if op not in available]
    if unknown:
        raise ProjectError(f"operation(s) {', '.join(unknown)} not in the release "
                           f"{paths.shown(manifest['release_dir'])} (it holds: {', '.join(available)})")
    return ReleaseData(manifest, Path(manifest["cache_dir"]), chosen, start, end)
