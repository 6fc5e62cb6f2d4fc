"""Synthetic releases of any dataset of Twitter's archive, in that disclosure's file names and format.

`helpers.synthetic.sample` writes the calibrated October 2018 sample; this module writes, for any catalog dataset
key (`helpers.data.catalog`), synthetic rows (a few, or tens of millions) laid out as that disclosure published them
(`docs/releases.md`): file names (parts, folders of parts, per-year files, bucket
prefixes, shortened names, the users-file names of each period, zips) and column format:

- October 2018: 31 columns in the 2018 order, every field quoted, 64-hex hashes, `true/false`, empty
  coordinates, `[a, b]` lists;
- January 2019 to April 2020: 31 columns in the 2019 order, minimal quoting, base64 hashes ending in `=`,
  `['a', 'b']` lists, `absent` coordinates, `True/False`, counts as `0.0`;
- June 2020 onward: 30 columns (no `poll_choices`), every field quoted, `True/False` (`true/false` in the
  October 2020 files), `absent`; December 2021 files also write empty lists as `['']`.

Rows carry the catalog's main languages, an active period of a few years ending in the disclosure month,
posting hours around a peak hour in the catalog's home time zone, and a tweet count (given, or
`round(published tweets * scale)`, at least MIN_TWEETS). Each dataset also draws its own traits (retweet
and reply shares, hashed-account share, automated-client share, engagement level, peak hour: `traits`)
so that a synthetic archive has operations that differ and resemble each other. The values are synthetic,
not calibrated to anything: it is for testing the loader on every naming pattern and format, and for a
synthetic archive of all 48 datasets (`--ops all`) on which every notebook runs. The folder is marked
synthetic (`helpers.paths.SAMPLE_MARKER`). Deterministic for a seed.

The values are drawn in `helpers.synthetic.archive_rows`, a chunk of days at a time with numpy and Arrow
compute; this module lays them out: each chunk is formatted in the disclosure's Style and appended to the
file (part, year, zip member) it belongs to, so memory is bounded by the chunk, not the dataset (the
50-million-tweet archive of issue 16: `python -m benchmarks.archive`). The planted damage options
(`float_ids`, `duplicate_across_parts`, `camel_users`) work at any size; `float_ids` loops over the rows it
damages, so it is meant for small test archives.

    python -m helpers.synthetic.archive --out DIR --ops iran_201901_1,REA_0621 [--tweets N | --scale S] --seed 1
    python -m helpers.synthetic.archive --out data/archive --ops all --scale 0.0005     # `make sample ARCHIVE=1`
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from helpers.data import catalog
from helpers.data.schema import USER_COLUMNS
from helpers.files import replace_folder
from helpers.paths import SAMPLE_MARKER
from helpers.synthetic.archive_rows import (  # noqa: F401 (AUTOMATED_CLIENTS, MIN_TWEETS, traits: the API)
    AUTOMATED_CLIENTS,
    DEFAULT_TWEETS,
    MIN_TWEETS,
    chunks,
    traits,
    tweet_chunk,
    tweet_count,
    users_table,
)
from helpers.synthetic.sample import Style, csv_bytes, header_bytes, partial_folder

GENERATOR_VERSION = "3.1.0"   # bump whenever the output for given arguments changes
ALL = "all"                   # --ops all: every dataset of the catalog
DEFAULT_ARCHIVE_SCALE = 0.0005  # `make sample ARCHIVE=1`: about 108,000 tweets in 48 datasets
NOTE = ("Synthetic stand-in for datasets of Twitter's information-operations archive, written by "
        "helpers.synthetic.archive in each disclosure's file names and column format. No row is a real tweet "
        "or account; the values are not calibrated to anything. Not evidence.")

# How each dataset was split into files (releases.md, "File-name patterns"). Keys are dataset keys.
PARTS = {"iran_201901_1": [str(i) for i in range(1, 5)], "venezuela_201901_1": [str(i) for i in range(1, 4)],
         "china_082019_3": [f"part{i}" for i in range(1, 4)], "russia_052020": ["1", "2"]}
FOLDER_PARTS = {"saudi_arabia_112019": [str(i) for i in range(1, 10)],
                "sa_eg_ae_022020": [f"{i:02d}" for i in range(1, 11)],
                "serbia_022020": [f"{i:02d}" for i in range(1, 14)]}
ZIPPED_2019 = ("russia_201901_1", "bangladesh_201901_1", "venezuela_201901_2")
FLATTENED = {"egypt_022020": "hashed_2020_04"}        # browser-flattened bucket path
SHORTENED = ("GRU_202012",)                            # `..._tweets.csv` (as MCIF-TEST/omi has it)
HALF_YEARS_FROM = {"turkey_052020": 2016}              # `_2016_01`, `_2016_06` from this year on


@dataclass(frozen=True)
class FileSpec:
    """One file of a synthetic release: where it goes, what it holds."""

    path: str                   # below the release folder (POSIX); a .zip for zipped files
    table: str                  # tweets | users
    member: str | None = None   # name inside the zip
    part: str = ""              # part label (split of the tweets: parts, years, half-years)


def period(d: catalog.Dataset) -> str:
    """The column-format generation of a dataset: '2018', '2019' (to April 2020) or '2020' (June 2020 on)."""
    if d.release_month <= "2018-10":
        return "2018"
    return "2019" if d.release_month <= "2020-04" else "2020"


def style_of(d: catalog.Dataset) -> Style:
    """The file format of a dataset (helpers.synthetic.sample.Style; `true/false` in the October 2020 files)."""
    style = Style.of(period(d))
    if d.release_month == "2020-10":
        style = dataclasses.replace(style, true="true", false="false")
    return style


def _users_name(d: catalog.Dataset, i: int) -> str:
    """The users file's name in the dataset's period."""
    if d.release_month == "2021-02":
        return f"hashed_2020_12_{d.key}_{d.key}_users.csv"
    if d.release_month == "2021-12":
        prefix = "hashed_2021_12" if i % 2 else "2021_12"
        return f"{prefix}_{d.key}_{d.key}_users.csv"
    return f"{d.file_stem}_users_csv_hashed.csv"


def layout(d: catalog.Dataset, years: list[str], index: int = 0) -> list[FileSpec]:
    """The files of a dataset as its disclosure named them. `years` are the year (or half-year) labels of
    its tweets, for the per-year layouts; `index` alternates the two 2021 users-file names."""
    key, stem = d.key, d.file_stem
    users = FileSpec(_users_name(d, index), "users")
    if key in FOLDER_PARTS:
        folder = f"{stem}_tweets_csv_hashed"
        return [FileSpec(f"{folder}/{folder}_{p}.csv", "tweets", part=p) for p in FOLDER_PARTS[key]] + [users]
    if key in FLATTENED:
        flat = f"{FLATTENED[key]}_{key}_{key}"
        return [FileSpec(f"{flat}_tweets_csv_hashed/{stem}_tweets_csv_hashed.csv", "tweets"),
                FileSpec(f"{flat}_users_csv_hashed/{stem}_users_csv_hashed.csv", "users")]
    if key in PARTS:
        return [FileSpec(f"{stem}_tweets_csv_hashed_{p}.csv", "tweets", part=p) for p in PARTS[key]] + [users]
    if key in ZIPPED_2019:
        return [FileSpec(f"{key}_tweets_csv_hashed.zip", "tweets", member=f"{stem}_tweets_csv_hashed.csv"), users]
    if d.release_month == "2021-12" or key in HALF_YEARS_FROM:
        return [FileSpec(f"{stem}_tweets_csv_hashed_{y}.csv", "tweets", part=y) for y in years] + [users]
    if d.release_month == "2021-02":
        end = "tweets.csv" if key in SHORTENED else "tweets_csv_hashed.csv"
        return [FileSpec(f"hashed_2020_12_{key}_{key}_{end}", "tweets"), users]
    return [FileSpec(f"{stem}_tweets_csv_hashed.csv", "tweets"), users]


# ------------------------------------------------------------------------------------------ writing

CAMEL = {c: c.split("_")[0] + "".join(w.title() for w in c.split("_")[1:]) for c in USER_COLUMNS}


def per_year(d: catalog.Dataset) -> bool:
    """Whether the dataset's tweets are split by year (or half-year) rather than into fixed parts."""
    return d.release_month == "2021-12" or d.key in HALF_YEARS_FROM


def year_labels(times, half_from: int | None) -> np.ndarray:
    """Per-year file labels of `YYYY-MM-DD HH:MM` tweet times (Arrow strings): `2019`, or `2016_01` /
    `2016_06` for half-years from `half_from` on."""
    year = pc.utf8_slice_codeunits(times, 0, 4)
    labels = np.asarray(year.to_numpy(zero_copy_only=False), dtype=str)
    if half_from is not None:
        month = np.asarray(pc.cast(pc.utf8_slice_codeunits(times, 5, 7), pa.int64()))
        half = np.where(month <= 6, "_01", "_06")
        labels = np.where(labels.astype(np.int64) >= half_from, np.char.add(labels, half), labels)
    return labels


class _Sink:
    """One file of the release written chunk by chunk: a plain file, or a member streamed into a zip
    (zipfile's open(member, "w")); its SHA-256 and rows recorded when it is closed."""

    def __init__(self, folder: Path, spec: FileSpec, head: bytes, big: bool):
        self.path, self.spec, self.rows = folder / spec.path, spec, 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.sha = hashlib.sha256()
        if spec.member:
            self.zip = zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED)
            info = zipfile.ZipInfo(spec.member, date_time=(2020, 1, 1, 0, 0, 0))  # fixed: deterministic
            info.compress_type = zipfile.ZIP_DEFLATED
            self.fh = self.zip.open(info, "w", force_zip64=big)
        else:
            self.zip, self.fh = None, open(self.path, "wb")  # noqa: SIM115 (a sink: closed by close())
        self.write(head, 0)

    def write(self, data: bytes, rows: int) -> None:
        self.fh.write(data)
        if self.zip is None:
            self.sha.update(data)
        self.rows += rows

    def close(self) -> dict:
        self.fh.close()
        if self.zip is not None:   # the zip's own bytes (headers are rewritten on close): hashed when done
            self.zip.close()
            with open(self.path, "rb") as f:
                while block := f.read(1 << 24):
                    self.sha.update(block)
        return {"table": self.spec.table, "part": self.spec.part, "member": self.spec.member, "rows": self.rows,
                "sha256": self.sha.hexdigest()}


def plant_float_ids(table: pa.Table, first_row: int, every: int = 7) -> tuple[pa.Table, int]:
    """Writes the retweet ids of some rows (every `every`-th row of the dataset) in float form
    (`1.2486535429502566e+17`, as in MX_0621): the digits are lost, the row's own ids are intact. Returns
    the table and how many. A loop over the planted rows only: for small test archives."""
    ids = table.column("retweet_tweetid").to_pylist()
    rows = [k for k in range(-first_row % every, len(ids), every) if ids[k]]
    for k in rows:
        ids[k] = repr(float(ids[k]))
    column = table.column_names.index("retweet_tweetid")
    return table.set_column(column, "retweet_tweetid", pa.array(ids, pa.string())), len(rows)


def _file_runs(d: catalog.Dataset, table: pa.Table, first_row: int, n: int, fixed: list[FileSpec]):
    """(file key, start, stop) of the chunk's consecutive rows that go to one file: by year label for the
    per-year layouts, else the contiguous share of each fixed part (rows numbered in the dataset)."""
    if per_year(d):
        keys = year_labels(table.column("tweet_time"), HALF_YEARS_FROM.get(d.key))
    else:
        bounds = np.linspace(0, n, len(fixed) + 1).round().astype(np.int64)
        keys = np.searchsorted(bounds, first_row + np.arange(table.num_rows), side="right") - 1
    cuts = [0, *(np.flatnonzero(keys[1:] != keys[:-1]) + 1).tolist(), table.num_rows]
    return [(keys[a], a, b) for a, b in zip(cuts[:-1], cuts[1:])]


def write_dataset(folder: Path, d: catalog.Dataset, n_tweets: int, seed: int, index: int, camel_users: bool,
                  float_ids: bool, duplicate: bool) -> dict:
    """All files of one dataset, the tweets generated and appended chunk by chunk (memory bounded by the
    chunk); returns {relative path: {rows, sha256, table, part, member}} and planted damage."""
    style = style_of(d)
    users = users_table(d, n_tweets, seed, style)
    head = header_bytes(style.tweet_columns, style)
    fixed = [] if per_year(d) else [s for s in layout(d, [], index) if s.table == "tweets"]
    big = n_tweets > 2_000_000            # a zip member that may pass 4 GB needs zip64 headers from the start
    sinks: dict = {k: _Sink(folder, s, head, big) for k, s in enumerate(fixed)}
    planted, first, last_key = 0, None, None
    for chunk in chunks(d, n_tweets, seed):
        table = tweet_chunk(d, chunk, users, seed, style)
        if float_ids:
            table, k = plant_float_ids(table, chunk.first_row)
            planted += k
        if duplicate and first is None:   # a copy: a slice would keep the whole chunk alive
            first = pa.Table.from_pylist(table.slice(0, 1).to_pylist(), schema=table.schema)
        for key, a, b in _file_runs(d, table, chunk.first_row, n_tweets, fixed):
            if key not in sinks:
                sinks[key] = _Sink(folder, layout(d, [str(key)], index)[0], head, big)
            sinks[key].write(csv_bytes(table.slice(a, b - a), style, header=False), b - a)
            last_key = key
        del table                         # freed before the next chunk is drawn: one chunk in memory at a time
    duplicate_id = None
    if duplicate and sum(s.rows > 0 for s in sinks.values()) >= 2:
        # the first tweet of the first part repeated at the end of the last (the tweets are in time order)
        sinks[last_key].write(csv_bytes(first, style, header=False), 1)
        duplicate_id = first.column("tweetid")[0].as_py()
    specs = layout(d, sorted(str(k) for k in sinks) if per_year(d) else [], index)
    closed = {s.spec.path: s.close() for s in sinks.values()}
    files = {}
    for spec in specs:
        if spec.table == "users":
            header = tuple(CAMEL[c] for c in USER_COLUMNS) if camel_users else USER_COLUMNS
            data = header_bytes(header, style) + csv_bytes(users, style, header=False)
            (folder / spec.path).parent.mkdir(parents=True, exist_ok=True)
            (folder / spec.path).write_bytes(data)
            files[spec.path] = {"table": "users", "part": spec.part, "member": None, "rows": users.num_rows,
                                "sha256": hashlib.sha256(data).hexdigest()}
        else:
            files[spec.path] = closed[spec.path]
    return {"files": files, "format": period(d), "damage": {"float_ids": planted, "duplicate_tweetid": duplicate_id}}

def write_archive_sample(out_dir, ops, tweets: int | None = None, scale: float | None = None, seed: int = 1,
                         camel_users=(), float_ids=(), duplicate_across_parts=()) -> dict:
    """Write a synthetic release of the given catalog datasets into `out_dir` (replacing an earlier
    synthetic folder there, never anything else); returns the marker's content.

    `camel_users`, `float_ids`, `duplicate_across_parts`: dataset keys (or True for all) whose users file
    gets camelCase headers, whose retweet ids are partly in float form, whose last part repeats the first
    tweet of its first part."""
    if tweets is not None and scale is not None:
        raise ValueError("give tweets or scale, not both")
    keys = [k.strip() for k in (ops.split(",") if isinstance(ops, str) else ops) if k.strip()]
    if keys == [ALL]:
        keys = [d.key for d in catalog.datasets()]
    datasets = []
    for k in keys:
        d = catalog.lookup(k)
        if d is None:
            raise ValueError(f"{k!r} is not a dataset of the catalog (helpers/data/catalog.csv)")
        datasets.append(d)
    out, partial = partial_folder(out_dir)

    def chosen(option, d) -> bool:
        return option is True or d.key in option or d.op in option

    content = {"synthetic": True, "generator": "helpers.synthetic.archive", "generator_version": GENERATOR_VERSION,
               "seed": int(seed), "tweets": tweets, "scale": scale, "ops": {}, "complete": False, "note": NOTE}
    (partial / SAMPLE_MARKER).write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    for i, d in enumerate(datasets):
        content["ops"][d.op] = dict(
            key=d.key, release_month=d.release_month,
            **write_dataset(partial, d, tweet_count(d, tweets, scale), int(seed), i, chosen(camel_users, d),
                            chosen(float_ids, d), chosen(duplicate_across_parts, d)))
    content["complete"] = True
    (partial / SAMPLE_MARKER).write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    replace_folder(partial, out)
    return content


def main(argv=None) -> int:
    """Command line (see the module docstring)."""
    p = argparse.ArgumentParser(prog="python -m helpers.synthetic.archive", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="release folder to write (replaced if it is synthetic)")
    p.add_argument("--ops", required=True, help="comma-separated catalog dataset keys (or file stems), or 'all'")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--tweets", type=int, help=f"tweets per dataset (default {DEFAULT_TWEETS})")
    size.add_argument("--scale", type=float, help="fraction of each dataset's published tweet count")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--camel-users", default="", help="datasets whose users file has camelCase headers")
    p.add_argument("--float-ids", default="", help="datasets with some retweet ids in float form")
    p.add_argument("--duplicate-across-parts", default="", help="datasets whose last part repeats a tweet")
    a = p.parse_args(argv)

    def keys(text: str):
        return tuple(k.strip() for k in text.split(",") if k.strip())

    content = write_archive_sample(a.out, a.ops, a.tweets, a.scale, a.seed, keys(a.camel_users),
                                   keys(a.float_ids), keys(a.duplicate_across_parts))
    for op, info in content["ops"].items():
        rows = sum(f["rows"] for f in info["files"].values() if f["table"] == "tweets")
        print(f"{op}: {len(info['files'])} files, {rows:,} tweets ({info['format']} format)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
