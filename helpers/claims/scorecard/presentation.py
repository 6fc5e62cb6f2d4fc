"""The scorecard for readers and for other tools: values in the unit of their claim, the table shown in
notebook 09, the counts per section and status, the statement said first, and the JSON export.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from helpers import paths
from helpers.claims.scorecard.evaluation import DIFFERS, MATCHES, STATUSES, SYNTHETIC_STATUS, base_status
from helpers.claims.scorecard.spec import sources
from helpers.data.manifest import files_table

# ------------------------------------------------------------------------------------ presentation

def fmt(value: float, unit: str) -> str:
    """A value in the unit of its claim: 12,345; 36.90%; 2015; 1.52."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "share":
        return f"{100 * value:.2f}%"
    if unit == "ratio":
        return f"{value:,.2f}"
    if unit == "count" and abs(value - round(value)) > 1e-9:
        return f"{value:,.2f}" if abs(value) < 1 else f"{value:,.1f}"
    return f"{value:,.0f}" if unit == "count" else f"{value:.0f}"


def fmt_difference(value: float, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{abs(100 * value):.2f} pp" if unit == "share" else fmt(abs(value), unit)
    zero = not re.search(r"[1-9]", text)
    return ("±" if zero else "+" if value > 0 else "−") + text


def _published_cell(row) -> str:
    """The published words, what they are read as when they are not a plain number, and the scaled
    value compared on the sample."""
    words = {"at_least": "at least ", "at_most": "at most "}.get(row["compare"], "")
    text = row["printed"]
    if row["unit"] and (words or not re.fullmatch(r"[\d,.]+%?", text)):
        text += f" (read as {words}{fmt(row['published'], row['unit'])})"
    if not math.isnan(row["scale"]):
        text += f"; × {row['scale']:g} (sample scale) = {fmt(row['expected'], row['unit'])}"
    return text


def present(table: pd.DataFrame) -> pd.DataFrame:
    """The scorecard for reading: claim, source, published, computed, difference, status (with reason)."""
    rows = []
    for _, r in table.iterrows():
        status = r["status"] + (f": {r['reason']}" if r["reason"] else "")
        rows.append({"claim": r["claim"], "source": shown_tags(r["source"]), "published": _published_cell(r),
                     "computed": fmt(r["computed"], r["unit"]),
                     "difference": fmt_difference(r["difference"], r["unit"]),
                     "status": status})
    return pd.DataFrame(rows, columns=["claim", "source", "published", "computed", "difference", "status"])


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Claims per section and status (in the order of the claims file), with a total row."""
    base = table.assign(_status=table["status"].map(base_status))
    counts = base.groupby(["section", "_status"], sort=False).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(STATUSES), fill_value=0).reindex(pd.unique(table["section"]))
    counts.columns.name = None
    counts.insert(0, "claims", counts.sum(axis=1))
    counts.loc["all claims"] = counts.sum()
    if table["status"].str.contains("synthetic|by construction").any():
        counts = counts.rename(columns={MATCHES: SYNTHETIC_STATUS[MATCHES], DIFFERS: SYNTHETIC_STATUS[DIFFERS]})
    return counts.reset_index().rename(columns={"index": "section"})


def headline(table: pd.DataFrame, release) -> str:
    """The statement, then how many claims got each status (for the landing page)."""
    counts = table["status"].value_counts()
    order = [SYNTHETIC_STATUS[s] if release.synthetic else s for s in STATUSES]
    parts = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in order)
    return f"{statement(release)} {len(table)} claims: {parts}."


def file_versions(release) -> pd.DataFrame:
    """The files compared: operation, table, name, size in bytes, SHA-256 (Twitter re-issued the October
    2018 files in February 2019, so two copies of the same name can differ)."""
    return files_table(release.manifest, release.ops)[["op", "table", "file", "bytes", "sha256"]]


def statement(release) -> str:
    """The scorecard's first line: on the sample, that agreement is by construction; on a real release,
    which file versions were compared."""
    if release.synthetic:
        sample = release.manifest.get("sample") or {}
        return (f"Synthetic sample (helpers.synthetic.sample, seed {sample.get('seed', '?')}, scale "
                f"{sample.get('scale', '?')}): it was generated from the published figures, so agreement here is "
                "by construction and is not evidence; the statuses say so. Counts of tweets are compared with "
                "the published value times the sample's scale.")
    files = "; ".join(f"{r.file} ({r.bytes:,} bytes, SHA-256 {r.sha256})" for r in file_versions(release).itertuples())
    return (f"Files compared: {files}. Twitter re-issued the October 2018 files in February 2019; these sizes and "
            "hashes say which version this scorecard describes.")


def data_record(release) -> dict:
    """What was compared, for the JSON export."""
    return {"release_dir": paths.shown(release.manifest.get("release_dir") or "?"),
            "synthetic": bool(release.synthetic),
            "sample": release.manifest.get("sample") if release.synthetic else None,
            "ops": list(release.ops), "start": str(release.start) if release.start else None,
            "end": str(release.end) if release.end else None,
            "files": file_versions(release).to_dict("records")}


def records(table: pd.DataFrame) -> list[dict]:
    """The rows as plain JSON values (missing numbers as null)."""
    out = []
    for row in table.to_dict("records"):
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else
                        v.item() if isinstance(v, np.generic) else v) for k, v in row.items()})
    return out


def export(table: pd.DataFrame, release) -> dict:
    """The JSON document: statement, data compared, sources, and one record per claim."""
    return {"statement": statement(release), "data": data_record(release), "sources": sources(),
            "statuses": list(STATUSES), "claims": records(table)}


def shown_tags(tags: str) -> str:
    """The source column for readers: "G, Z" -> "[G], [Z]", tags as the References block lists them."""
    return ", ".join(f"[{t.strip()}]" for t in str(tags).split(",") if t.strip())
