"""Which published version of each dataset a release holds: its rows next to the published counts.

Twitter re-issued the October 2018 files in February 2019, and for several later datasets the counts
Twitter or SIO announced differ by a few from the rows of the public files. Notebook 01 compares each
operation's users-file and tweet-file rows with every published count (the catalog's, plus the other
versions in `catalog_versions.yaml`, each with its source) and says which version the release matches.

Synthetic sample: its users files are written in full but its tweet files at `scale` of the real size,
so tweet rows are compared with `scale` x the published count, within SAMPLE_TOLERANCE (the generator
draws rows per day, so the total is close to, not exactly, the scaled count); accounts exactly.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd
import yaml

from helpers.data import catalog

VERSIONS_FILE = Path(__file__).with_name("catalog_versions.yaml")
KINDS = ("file", "announced", "published")
COUNTS = ("accounts", "tweets")
SAMPLE_TOLERANCE = 0.01
COLUMNS = ["op", "count", "version", "kind", "published", "source", "expected", "rows", "difference", "matches"]


@dataclass(frozen=True)
class Version:
    """One published set of counts for a dataset (None where that version gives no such count)."""

    version: str
    kind: str
    accounts: int | None
    tweets: int | None
    source: str


@functools.lru_cache(maxsize=1)
def _file() -> dict:
    data = yaml.safe_load(VERSIONS_FILE.read_text(encoding="utf-8")) or {}
    for key, entry in data.items():
        if catalog.lookup(key) is None:
            raise ValueError(f"{VERSIONS_FILE.name}: '{key}' is not a dataset key of catalog.csv")
        for v in [entry.get("catalog") or {}, *entry.get("others", [])]:
            if v and v.get("kind") not in KINDS:
                raise ValueError(f"{VERSIONS_FILE.name}: {key}: kind must be one of {', '.join(KINDS)}")
    return data


def known_versions(op: str) -> list[Version]:
    """The catalog's counts first (named as `catalog_versions.yaml` says), then the other published
    versions; [] for an operation not in the catalog."""
    d = catalog.lookup(op)
    if d is None:
        return []
    entry = _file().get(d.key, {})
    own = entry.get("catalog") or {}
    out = [Version(own.get("version", "published counts (release catalog)"), own.get("kind", "published"),
                   d.accounts, d.tweets, d.source)]
    out += [Version(str(v["version"]), str(v["kind"]), v.get("accounts"), v.get("tweets"), str(v["source"]))
            for v in entry.get("others", [])]
    return out


def release_rows(manifest: dict, ops: Sequence[str]) -> dict[str, dict[str, int | None]]:
    """Rows of each operation's users and tweet files (rows read = cached + quarantined: the file's own
    count, whatever was quarantined); None where the release has no such file."""
    out: dict[str, dict[str, int | None]] = {op: {"accounts": None, "tweets": None} for op in ops}
    for e in manifest.get("files", {}).values():
        if e.get("op") in out:
            name = "accounts" if e["table"] == "users" else "tweets"
            out[e["op"]][name] = (out[e["op"]][name] or 0) + int(e["rows_read"])
    return out


def compare(rows: dict[str, dict[str, int | None]], scale: float | None = None,
            tolerance: float = SAMPLE_TOLERANCE) -> pd.DataFrame:
    """One row per operation, published version and count: published, expected (the published count;
    for a synthetic sample's tweets, `scale` x it), rows in this release, difference, matches.

    `rows` is `release_rows(...)`; `scale` is None for real files (a match is an equal count). An
    operation not in the catalog gets one row without published counts."""
    records = []
    for op, found in rows.items():
        versions = known_versions(op)
        if not versions:
            records.append({"op": op, "count": "", "version": "not in the release catalog", "kind": "",
                            "source": "", "rows": found["tweets"]})
            continue
        for v in versions:
            for count in COUNTS:
                published = getattr(v, count)
                if published is None:
                    continue
                scaled = scale is not None and count == "tweets"
                expected = round(published * scale) if scaled else published
                n = found[count]
                diff: int | None = None
                ok: bool | None = None
                if n is not None:
                    diff = n - expected
                    ok = abs(diff) <= tolerance * expected if scaled else diff == 0
                records.append({"op": op, "count": count, "version": v.version, "kind": v.kind,
                                "published": published, "source": v.source, "expected": expected,
                                "rows": n, "difference": diff, "matches": ok})
    out = pd.DataFrame.from_records(records, columns=COLUMNS)
    for c in ("published", "expected", "rows", "difference"):
        out[c] = out[c].astype("Int64")
    out["matches"] = out["matches"].astype("boolean")
    return out


def verdict(table: pd.DataFrame, op: str, name: str | None = None) -> str:
    """One sentence: which published versions the operation's rows match (every count they give); the
    first file version matched is named as the one the release follows. `name` is the op's label."""
    name = name or op
    t = table[table["op"] == op]
    if t.empty or (t["version"] == "not in the release catalog").all():
        return f"{name} is not in the release catalog: there are no published counts to compare its rows with."
    compared = t[t["matches"].notna()]
    if compared.empty:
        return f"{name}: the release has none of the files the published counts describe."
    matched = [v for v, g in compared.groupby("version", sort=False) if bool(g["matches"].all())]
    if not matched:
        return f"{name} matches none of the published counts (the differences are in the table)."
    files = [v for v in matched if (t.loc[t["version"] == v, "kind"] != "announced").all()]
    first = files[0] if files else matched[0]
    lead = f"{name} follows the {first}" if files else f"{name} matches the {first}"
    others = [v for v in matched if v != first]
    return lead + (f" (it also matches: {'; '.join(others)})." if others else ".")


def sample_note(scale: float) -> str:
    """How a synthetic sample is compared (said once above the tables)."""
    return (f"Synthetic sample at scale {scale:g}: its users files are written in full and compared as they "
            f"are; its tweet files hold about {scale:g} of the real rows, so tweet rows are compared with "
            f"{scale:g} x the published count (a match: within {SAMPLE_TOLERANCE:.0%}).")


def sample_scale(manifest: dict) -> float | None:
    """The scale of a synthetic sample (from its marker in the manifest); None for real files."""
    if not manifest.get("synthetic"):
        return None
    scale = (manifest.get("sample") or {}).get("scale")
    return float(scale) if scale is not None else None
