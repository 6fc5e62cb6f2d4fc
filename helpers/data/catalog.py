"""The archive's datasets: what Twitter published, so that an operation found in a release folder gets
its label, attribution, disclosure month, home time zone and main languages.

In: `helpers/data/catalog.csv`, one row per hashed dataset of Twitter's information-operations archive
(48 datasets, 12 disclosures, October 2018 to December 2021), copied from the project's reference notes;
each row names its source (`source` column; the columns are described in `docs/releases.md`).
Out: `Dataset` records, looked up by the dataset key (`iran_201901_1`) or by the stem of its file names
(`russian_linked`), case-insensitively. Nothing here is computed from loaded data.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

CATALOG_FILE = Path(__file__).with_name("catalog.csv")
FIELDS = ("key", "release_month", "file_stem", "operation_label", "attributed_to", "accounts", "tweets",
          "csv_bytes", "home_time_zone", "main_languages", "source")


@dataclass(frozen=True)
class Dataset:
    """One dataset of the archive, as published (counts are the published ones, None where unknown)."""

    key: str                      # Twitter's dataset folder name, e.g. "iran_201901_1"
    release_month: str            # month of the public disclosure, "YYYY-MM"
    file_stem: str                # prefix of its tweet file names, e.g. "russian_linked"
    label: str                    # short human label, e.g. "Iran (Jan 2019)"
    attributed_to: str            # Twitter's / SIO's attribution, shortened
    accounts: int | None          # published account count (rows of the users file where known)
    tweets: int | None            # published tweet count
    csv_bytes: int | None         # uncompressed size of the tweet CSVs, where known
    home_time_zone: str           # IANA zone of the operators (a judgement; see docs/releases.md)
    main_languages: tuple[str, ...]  # tweet_language codes with >= 5% of tweets (empty: unknown)
    source: str                   # where the counts come from

    @property
    def op(self) -> str:
        """The operation name the project uses for this dataset (lower case, as file names are read)."""
        return self.key.lower()


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text else None


@functools.lru_cache(maxsize=1)
def datasets() -> tuple[Dataset, ...]:
    """Every dataset of the catalog, in disclosure order (the file's order within a month)."""
    with open(CATALOG_FILE, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != FIELDS:
            raise ValueError(f"{CATALOG_FILE.name}: expected the columns {', '.join(FIELDS)}")
        rows = list(reader)
    out = [Dataset(r["key"], r["release_month"], r["file_stem"], r["operation_label"], r["attributed_to"],
                   _int(r["accounts"]), _int(r["tweets"]), _int(r["csv_bytes"]), r["home_time_zone"],
                   tuple(x for x in r["main_languages"].split("|") if x), r["source"]) for r in rows]
    order = {d.key: i for i, d in enumerate(out)}
    return tuple(sorted(out, key=lambda d: (d.release_month, order[d.key])))


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, Dataset]:
    """Lower-cased key and file stem -> dataset (keys first: a key never loses to another's stem)."""
    index: dict[str, Dataset] = {}
    for d in datasets():
        index.setdefault(d.file_stem.lower(), d)
    for d in datasets():
        index[d.key.lower()] = d
    return index


def lookup(name: str) -> Dataset | None:
    """The dataset an operation name or file stem stands for (`russian_linked` -> russia_201901_1)."""
    return _index().get(name.strip().lower())


def disclosure_order(ops: list[str]) -> list[str]:
    """Operations ordered by disclosure (catalog order); operations not in the catalog last, by name."""
    rank = {d.op: i for i, d in enumerate(datasets())}

    def key(op: str):
        d = lookup(op)
        return (0, rank[d.op], op) if d is not None else (1, 0, op)

    return sorted(ops, key=key)
