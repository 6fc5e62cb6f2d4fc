"""The out-of-core engine: DuckDB over the Parquet cache, so that counting never needs a frame of tweets.

A notebook that counts 10 million tweets by month does not need 10 million rows in its kernel: DuckDB
reads the cached Parquet files in streaming, spilling to a temporary folder inside the cache when a
grouping does not fit its memory limit, and returns the small table the figure draws. The metrics
(`helpers.metrics`) accept an `Engine` wherever they accept a frame and return the same tables.

Views of every engine (each with an `op` column; `ops` keeps the run's display order):

- `tweets`: the tweets of the chosen operations within the run's date window (the window is applied
  here, once: with no window every cached tweet, also those without a time), rows set aside as duplicates
  of an earlier part left out exactly as `ReleaseData.arrow` leaves them out. Derived column `kind`
  (`helpers.metrics.core.KINDS`, same precedence as `core.tweet_kind`).
- `tweets_all`: the same without the date window (for the window counts and whole-file claims).
- `users`: the users files of the operations that have one.
- `hashtags`, `urls`, `mentions`: one row per list item of the windowed tweets (op, tweetid, userid,
  tweet_time, year, item), like `ReleaseData.exploded`.

`Engine.of_frames` builds the same views over pandas frames (tests, small tables), so one SQL text serves
the cache and the hand-made frames of a unit test.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd
import pyarrow as pa

from helpers.errors import ProjectError
from helpers.files import process_alive

if TYPE_CHECKING:
    from helpers.data.load import ReleaseData

# Safe defaults for a laptop shared with a notebook kernel and a browser: DuckDB keeps at most this much
# in memory and spills the rest to disk (inside the cache folder); both are parameters of the run.
MEMORY_LIMIT = "1GB"
THREADS = 2
TEMP_FOLDER = "engine-tmp"
LIST_VIEWS = {"hashtags": "hashtags", "urls": "urls", "mentions": "user_mentions"}
# Same precedence as `core.tweet_kind`: retweet, reply, quote, original (0-3 index into core.KINDS).
KIND_SQL = ("CASE WHEN coalesce(is_retweet, false) THEN 'retweet' "
            "WHEN in_reply_to_tweetid IS NOT NULL OR in_reply_to_userid IS NOT NULL THEN 'reply' "
            "WHEN quoted_tweet_tweetid IS NOT NULL THEN 'quote' ELSE 'original' END")
_KIND_NEEDS = ("is_retweet", "in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid")
_counter = itertools.count()


def literal(value: str | Path) -> str:
    """A SQL string literal (quotes doubled): file paths and operation names are data, never SQL."""
    return "'" + str(value).replace("'", "''") + "'"


def _time_literal(ts: pd.Timestamp) -> str:
    return f"TIMESTAMPTZ {literal(ts.strftime('%Y-%m-%d %H:%M:%S+00'))}"


def window_sql(start, end, column: str = "tweet_time") -> str:
    """The SQL condition of UTC calendar days `start`..`end` (both included; None: open), or 'true'.
    The one translation of a date window into SQL (the run's window and case-study windows alike)."""
    from helpers.data.load import _day_bounds
    lo, hi = _day_bounds(start, end)
    parts = ([f"{column} >= {_time_literal(lo)}"] if lo is not None else []) + \
            ([f"{column} < {_time_literal(hi)}"] if hi is not None else [])
    return " AND ".join(parts) or "true"


_SPILL_FOLDERS: set[Path] = set()   # this process's, removed when it exits


def spill_folder(cache_dir: Path) -> Path:
    """This process's folder for DuckDB's spill files, inside the release's cache (`engine-tmp/<pid>`): one
    per process, so two kernels on one cache never share spill files. It is removed when the process exits;
    the folders of processes that are gone (a kernel killed in a query leaves its spill files) are removed
    when the next process takes its own. Process ids are this machine's: a cache shared by two machines
    keeps their folders apart only by chance of the ids (DuckDB needs a local disk for spills anyway)."""
    root = Path(cache_dir) / TEMP_FOLDER
    mine = root / str(os.getpid())
    if mine not in _SPILL_FOLDERS:
        for folder in (root.iterdir() if root.is_dir() else ()):
            if folder.name.isdigit() and folder != mine and not process_alive(int(folder.name)):
                shutil.rmtree(folder, ignore_errors=True)
        _SPILL_FOLDERS.add(mine)
        atexit.register(shutil.rmtree, mine, ignore_errors=True)
    return mine


def connect(memory_limit: str = MEMORY_LIMIT, threads: int = THREADS, temp_dir: Path | None = None
            ) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with bounded memory and threads; spills go to `temp_dir` (never the user's
    home or /tmp, which a laptop may keep in memory). Times are computed in UTC."""
    con = duckdb.connect(":memory:", config={"threads": int(threads), "memory_limit": str(memory_limit)})
    if temp_dir is not None:
        temp_dir.mkdir(parents=True, exist_ok=True)
        con.execute(f"SET temp_directory = {literal(temp_dir)}")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET preserve_insertion_order = false")  # every result is ordered explicitly
    return con


class Engine:
    """Views over one release (or over frames), scoped to some operations; `query` returns pandas."""

    def __init__(self, con: duckdb.DuckDBPyConnection, ops: Sequence[str], views: dict[str, str],
                 columns: dict[str, list[str]], having: dict[str, list[str]] | None = None):
        self.con = con
        self.ops = list(ops)
        self.views = dict(views)      # logical name (tweets, users, ...) -> view name in `con`
        self.columns = columns        # logical name -> its columns (also derived ones)
        # table (tweets, users) -> the operations of `ops` that have it (an empty file included)
        self.having = {t: [op for op in ops if op in found] for t, found in (having or {}).items()}

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def open(cls, release: ReleaseData, memory_limit: str = MEMORY_LIMIT, threads: int = THREADS) -> Engine:
        """The views over the cache of an ingested release, its operations and date window."""
        con = connect(memory_limit, threads, spill_folder(release.cache_dir))
        selects: dict[str, list[str]] = {"tweets_all": [], "users": []}
        for table, view in (("tweets", "tweets_all"), ("users", "users")):
            for op in release.ops_with(table):
                selects[view] += [_part_select(release, op, e) for e in release.entries(op, table)]
        eng = cls(con, release.ops, {}, {}, {t: release.ops_with(t) for t in ("tweets", "users")})
        for view, parts in selects.items():
            if parts:
                eng._create(view, " UNION ALL BY NAME ".join(parts))
        if "tweets_all" in eng.views:
            eng._derive_tweets(window_sql(release.start, release.end))
        return eng

    @classmethod
    def of_frames(cls, tweets: pd.DataFrame | None = None, users: pd.DataFrame | None = None,
                  memory_limit: str = MEMORY_LIMIT, threads: int = THREADS) -> Engine:
        """The same views over frames typed as `ReleaseData` returns them (the `op` categories give
        the order of operations, also those without rows). The frames are taken as one window."""
        con = connect(memory_limit, threads)
        ops = [op for f in (tweets, users) if f is not None for op in _ops_of(f)]
        having = {t: _ops_of(f) for t, f in (("tweets", tweets), ("users", users)) if f is not None}
        eng = cls(con, list(dict.fromkeys(ops)), {}, {}, having)
        for view, frame in (("tweets_all", tweets), ("users", users)):
            if frame is not None:
                name = f"frame_{view}_{next(_counter)}"
                table = _arrow_of(frame)
                con.register(name, table)
                eng._create(view, f"SELECT * FROM {name}")
        if "tweets_all" in eng.views:
            eng._derive_tweets("true")
        return eng

    def _create(self, logical: str, select: str) -> str:
        name = f"{logical}_{next(_counter)}"
        self.con.execute(f"CREATE VIEW {name} AS {select}")
        self.views[logical] = name
        self.columns[logical] = [r[0] for r in self.con.execute(f"DESCRIBE {name}").fetchall()]
        return name

    def _derive_tweets(self, window: str) -> None:
        """`tweets` (windowed, with `kind`) and the exploded list views on it."""
        have = self.columns["tweets_all"]
        kind = f", {KIND_SQL} AS kind" if all(c in have for c in _KIND_NEEDS) else ""
        self._create("tweets", f"SELECT *{kind} FROM {self.views['tweets_all']} WHERE {window}")
        keep = ", ".join(["op", *(c for c in ("tweetid", "userid", "tweet_time") if c in have)])
        year = ", year(tweet_time) AS year" if "tweet_time" in have else ""
        for logical, column in LIST_VIEWS.items():
            if column in have:
                self._create(logical, f"SELECT {keep}{year}, item FROM "
                                      f"(SELECT {keep}, unnest({column}) AS item FROM {self.views['tweets']})")

    # -- scoping -------------------------------------------------------------------------------
    def scoped(self, ops: Iterable[str] | None = None, start=None, end=None) -> Engine:
        """The same engine restricted to the rows of some operations and/or UTC days `start`..`end`
        (included) of the run's window: a case study's two weeks of one operation, without a copy of its
        rows. Like a frame filtered by rows, the operations (`ops`, the categories of `op`) stay those of
        the run: an operation left out has no rows, not no place."""
        ops = self.ops if ops is None else [op for op in ops]
        unknown = [op for op in ops if op not in self.ops]
        if unknown:
            raise ProjectError(f"operation(s) {', '.join(unknown)} not in this engine ({', '.join(self.ops)})")
        cond = f"op IN ({', '.join(literal(op) for op in ops) or 'NULL'})"
        eng = Engine(self.con, self.ops, {}, {}, self.having)
        for logical, name in self.views.items():
            window = window_sql(start, end) if logical != "users" and "tweet_time" in self.columns[logical] \
                else "true"
            if logical == "tweets_all":
                window = "true"
            eng._create(logical, f"SELECT * FROM {name} WHERE {cond} AND {window}")
        return eng

    def whole(self) -> Engine:
        """The same operations without the date window (`tweets` = every cached tweet): what a
        whole-file count needs (the scorecard's published totals), like `ReleaseData.tweets(dated=False)`."""
        eng = Engine(self.con, self.ops, {k: v for k, v in self.views.items() if k in ("tweets_all", "users")},
                     {k: v for k, v in self.columns.items() if k in ("tweets_all", "users")}, self.having)
        if "tweets_all" in eng.views:
            eng._derive_tweets("true")
        return eng

    def with_recoded(self, column: str, func: Callable[[Any], Any], name: str, table: str = "tweets") -> Engine:
        """A new column `name` on `table` (and the views derived from it): `func` of each distinct value of
        `column` (None for a missing one), called once per value, never per row (client classes)."""
        values = self.query(f"SELECT DISTINCT {column} AS v FROM {{{table}}}")["v"]
        mapped = pd.DataFrame({"v": values.astype(object).where(values.notna(), None)})
        mapped[name] = [func(None if v is None else v) for v in mapped["v"]]
        lut = f"lut_{next(_counter)}"
        self.con.register(lut, pa.Table.from_pandas(mapped, preserve_index=False))
        eng = Engine(self.con, self.ops, dict(self.views), dict(self.columns), self.having)
        eng._create(table, f"SELECT t.*, l.{name} FROM {self.views[table]} t LEFT JOIN {lut} l "
                           f"ON t.{column} IS NOT DISTINCT FROM l.v")
        return eng

    # -- reading -------------------------------------------------------------------------------
    def has(self, logical: str) -> bool:
        return logical in self.views

    def sql(self, text: str) -> str:
        """`text` with `{tweets}`, `{users}`, ... replaced by this engine's view names."""
        missing = [v for v in ("tweets", "tweets_all", "users", *LIST_VIEWS) if "{" + v + "}" in text
                   and v not in self.views]
        if missing:
            raise ProjectError(f"no {', '.join(missing)} table among the operations {', '.join(self.ops)}")
        return text.format(**self.views)

    def query(self, text: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run SQL (`{tweets}` etc. name the views) and return it typed as the loader types frames
        (ids as strings, counts as nullable integers)."""
        from helpers.data.load import to_pandas
        relation = self.con.sql(self.sql(text), params=list(params) if params else None)
        return to_pandas(_cache_times(relation.to_arrow_table()))

    def batches(self, text: str, rows: int = 1_000_000) -> Iterator[pd.DataFrame]:
        """The result of a query in frames of at most `rows` rows: for per-row work done in Python
        (URL -> domain) with memory bounded by the batch, not by the table. The result is kept in a
        temporary table of DuckDB (spilled beyond its memory limit), so that the connection is free for
        other queries between batches."""
        from helpers.data.load import to_pandas
        table = f"batches_{next(_counter)}"
        self.con.execute(f"CREATE TEMP TABLE {table} AS SELECT row_number() OVER () AS _row, * FROM "
                         f"({self.sql(text)})").fetchall()
        try:
            total = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            for first in range(0, total, rows):
                got = self.con.sql(f"SELECT * EXCLUDE (_row) FROM {table} WHERE _row > {first} "
                                   f"AND _row <= {first + rows}").to_arrow_table()
                yield to_pandas(_cache_times(got))
        finally:
            self.con.execute(f"DROP TABLE IF EXISTS {table}").fetchall()

    def items(self, logical: str) -> Items:
        """The long table of one list column (`hashtags`, `urls`, `mentions`): what the content metrics
        take in place of `ReleaseData.exploded(...)`."""
        if logical not in LIST_VIEWS:
            raise ProjectError(f"{logical} is not a list table ({', '.join(LIST_VIEWS)})")
        return Items(self, logical)

    def op_categorical(self, values: pd.Series) -> pd.Categorical:
        """An `op` column of a result as the loader's categorical (the run's order of operations)."""
        return pd.Categorical(values.astype(object), categories=self.ops)

    def window_counts(self, start=None, end=None) -> pd.DataFrame:
        """Per operation: tweets in the cache and how many fall before, inside and after UTC days
        `start`..`end`, without a time, and the first and last tweet (as `ReleaseData.window_counts`)."""
        from helpers.data.load import _day_bounds
        lo, hi = _day_bounds(start, end)
        before = f"count_if(tweet_time < {_time_literal(lo)})" if lo is not None else "0"
        after = f"count_if(tweet_time >= {_time_literal(hi)})" if hi is not None else "0"
        got = self.query(f"SELECT op, count(*) AS tweets, {before} AS before, {after} AS after, "
                         "count(*) - count(tweet_time) AS undated, min(tweet_time) AS first_tweet, "
                         "max(tweet_time) AS last_tweet FROM {tweets_all} GROUP BY op") \
            if self.has("tweets_all") else pd.DataFrame(columns=["op"])
        got = got.set_index("op")
        rows = []
        for op in self.having.get("tweets", []):  # an operation whose tweets file is empty: zeros
            r = got.loc[op] if op in got.index else None
            tweets, b, a, u = (int(r[c]) if r is not None else 0 for c in ("tweets", "before", "after", "undated"))
            rows.append({"op": op, "tweets": tweets, "before": b, "inside": tweets - u - b - a, "after": a,
                         "undated": u, "first_tweet": _timestamp(None if r is None else r["first_tweet"]),
                         "last_tweet": _timestamp(None if r is None else r["last_tweet"])})
        return pd.DataFrame(rows, columns=["op", "tweets", "before", "inside", "after", "undated",
                                           "first_tweet", "last_tweet"])


def _timestamp(value) -> pd.Timestamp:
    """A first/last tweet time as `ReleaseData.window_counts` states it (from a Python datetime, UTC)."""
    return pd.NaT if value is None or pd.isna(value) else pd.Timestamp(pd.Timestamp(value).to_pydatetime())


def _cache_times(table: pa.Table) -> pa.Table:
    """Times with a zone back at the cache's resolution (milliseconds; DuckDB hands out microseconds),
    so that a table from the engine and one from the frames have the same types."""
    for i, f in enumerate(table.schema):
        if pa.types.is_timestamp(f.type) and f.type.tz is not None and f.type.unit != "ms":
            table = table.set_column(i, f.name, table.column(i).cast(pa.timestamp("ms", tz=f.type.tz)))
    return table


def _arrow_of(frame: pd.DataFrame) -> pa.Table:
    """A frame typed as the loader types it, as Arrow: `op` as text, list columns as lists of strings
    (also when every list is empty, which Arrow alone would type as lists of nothing)."""
    lists = [c for c in frame.columns if c in LIST_VIEWS.values()]
    table = pa.Table.from_pandas(frame.drop(columns=lists).assign(op=frame["op"].astype(str)),
                                 preserve_index=False)
    for c in lists:
        values = [None if v is None else [None if x is None else str(x) for x in v] for v in frame[c]]
        table = table.append_column(c, pa.array(values, pa.list_(pa.string())))
    return table


def _ops_of(frame: pd.DataFrame) -> list[str]:
    op = frame["op"]
    return list(op.cat.categories) if isinstance(op.dtype, pd.CategoricalDtype) else list(pd.unique(op))


def _part_select(release: ReleaseData, op: str, entry: dict) -> str:
    """One cached part of an operation's table as SQL, rows set aside as duplicates of an earlier part
    left out (the across-parts lines file names them)."""
    from helpers.data import ingest
    path = release.cache_dir / entry["cache_file"]
    select = f"SELECT {literal(op)} AS op, * FROM read_parquet({literal(path)})"
    across = entry.get(ingest.ACROSS) or {}
    if across.get("duplicates"):
        lines = release.cache_dir / across["lines_file"]
        select += (f" WHERE source_line NOT IN (SELECT source_line FROM read_parquet({literal(lines)}) "
                   f"WHERE cache_file = {literal(entry['cache_file'])})")
    return select


def engine_settings(memory_limit: str | None = None, threads: int | None = None) -> dict[str, Any]:
    """The engine's memory limit and threads: the run's parameters, else the safe defaults (an
    environment variable TROLLTRACKER_ENGINE_MEMORY overrides the default for benchmarks)."""
    return {"memory_limit": memory_limit or os.environ.get("TROLLTRACKER_ENGINE_MEMORY", MEMORY_LIMIT),
            "threads": threads or THREADS}


class Items:
    """One list column's long table in an engine (one row per item: op, tweetid, userid, tweet_time,
    year, item): `ReleaseData.exploded` without the rows in the kernel."""

    def __init__(self, engine: Engine, logical: str):
        self.engine, self.logical = engine, logical

    @property
    def ops(self) -> list[str]:
        return self.engine.ops

    def scoped(self, ops: Iterable[str] | None = None, start=None, end=None) -> Items:
        """Some operations and/or UTC days `start`..`end` (both included) of this table."""
        return Items(self.engine.scoped(ops, start, end), self.logical)

    def query(self, text: str) -> pd.DataFrame:
        """SQL in which `{items}` names this long table (and `{tweets}` etc. the engine's views)."""
        return self.engine.query(text.replace("{items}", "{" + self.logical + "}"))

    def batches(self, text: str, rows: int = 1_000_000) -> Iterator[pd.DataFrame]:
        return self.engine.batches(text.replace("{items}", "{" + self.logical + "}"), rows)
