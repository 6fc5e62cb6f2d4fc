"""The scorecard for readers and for other tools: values in the unit of their claim, the table shown in
notebook 09, the counts per section and status, the statement said first, and the JSON export.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from helpers import paths
from helpers.claims.scorecard.evaluation import (
    CANNOT,
    DIFFERS,
    KNOWN_DISCREPANCY,
    MATCHES,
    STATUSES,
    SYNTHETIC_STATUS,
    base_status,
)
from helpers.claims.scorecard.spec import sources
from helpers.data.manifest import files_table
from helpers.present import prose

# ------------------------------------------------------------------------------------ presentation

def in_unit(value: float, unit: str) -> str:
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


# The unit a difference is said in, by the claim's unit (counts: the metric's noun, e.g. accounts).
_DIFFERENCE_UNITS = {"share": ("percentage point", "percentage points"), "rank": ("place", "places"),
                     "year": ("year", "years"), "months": ("month", "months")}


def difference_in_unit(value: float, unit: str, noun: str = "") -> str:
    """A computed-minus-published difference in the claim's own unit: "+0.12 percentage points", "−5
    accounts", "+2 places", "+0.15 (ratio)"; "±0" when there is none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = f"{abs(100 * value):.2f}" if unit == "share" else in_unit(abs(value), unit)
    sign = "±" if not re.search(r"[1-9]", number) else "+" if value > 0 else "\u2212"
    one, many = _DIFFERENCE_UNITS.get(unit, (noun, noun))
    if unit == "ratio":
        return f"{sign}{number} (ratio)"
    word = one if number == "1" else many
    return f"{sign}{number} {word}".rstrip()


def verdict(row) -> str:
    """The difference column: for a one-sided claim ("at least", "at most") whether it holds or fails, for
    a two-sided one the difference in the claim's unit."""
    if math.isnan(row["computed"]):
        return "–"
    if row["compare"] in ("at_least", "at_most"):
        at_least = row["compare"] == "at_least"
        holds = row["computed"] >= row["expected"] if at_least else row["computed"] <= row["expected"]
        sign = {("at_least", True): "\u2265", ("at_least", False): "<", ("at_most", True): "\u2264",
                ("at_most", False): ">"}[(row["compare"], bool(holds))]
        return (f"{'holds' if holds else 'fails'}: {in_unit(row['computed'], row['unit'])} {sign} "
                f"{in_unit(row['expected'], row['unit'])}")
    return difference_in_unit(row["difference"], row["unit"], row.get("noun", ""))


def _published_cell(row) -> str:
    """The published words, what they are read as when they are not a plain number, and the scaled
    value compared on the sample."""
    words = {"at_least": "at least ", "at_most": "at most "}.get(row["compare"], "")
    text = row["printed"]
    if row["unit"] and (words or not re.fullmatch(r"[\d,.]+%?", text)):
        text += f" (read as {words}{in_unit(row['published'], row['unit'])})"
    if not math.isnan(row["scale"]):
        text += f"; \u00d7 {row['scale']:g} (sample scale) = {in_unit(row['expected'], row['unit'])}"
    return text


def _status_cell(row) -> str:
    """The status, with why a claim cannot be computed and whose a known discrepancy is."""
    status = row["status"] + (f": {row['reason']}" if row["reason"] else "")
    if row.get("known_discrepancy"):
        status += f". {row['known_discrepancy']}"
    return status


def _tolerance_cell(row) -> str:
    return row["tolerance"] + (f" ({row['tolerance_reason']})" if row.get("tolerance_reason") else "")


def present(table: pd.DataFrame) -> pd.DataFrame:
    """The scorecard for reading: claim, source, published, computed, difference (or holds/fails), status."""
    rows = []
    for _, r in table.iterrows():
        rows.append({"claim": r["claim"], "source": shown_tags(r["source"]), "published": _published_cell(r),
                     "computed": in_unit(r["computed"], r["unit"]), "difference": verdict(r),
                     "status": _status_cell(r)})
    return pd.DataFrame(rows, columns=["claim", "source", "published", "computed", "difference", "status"])


# Status -> (CSS class, legend words). Colours (report.css) are not the operations' colours.
STATUS_CLASSES = {MATCHES: ("st-matches", "the computed value is within the claim's tolerance (one-sided: holds)"),
                  DIFFERS: ("st-differs", "outside the tolerance (one-sided: fails)"),
                  KNOWN_DISCREPANCY: ("st-known", "differs where the source itself documents a discrepancy"),
                  CANNOT: ("st-cannot", "cannot be computed from these files (the reason is given)")}


def _status_class(status: str) -> str:
    if status == KNOWN_DISCREPANCY:
        return STATUS_CLASSES[KNOWN_DISCREPANCY][0]
    return STATUS_CLASSES[base_status(status)][0]


def html_view(table: pd.DataFrame) -> str:
    """The claim-by-claim scorecard as one HTML table readers can filter offline: a legend of the status
    colours, then toggles by status and by section (`<details>` elements; report.css hides the rows that no
    open toggle selects, with `:has()`: no script), then every claim with its tolerance and its reason.
    Every value is escaped here (`prose.html`)."""
    shown = present(table)
    sections = list(pd.unique(table["section"]))
    statuses = [s for s in STATUS_CLASSES if (table["status"].map(_status_class) == STATUS_CLASSES[s][0]).any()]
    legend = "".join(f'<li><span class="status {STATUS_CLASSES[s][0]}">{prose.html(s)}</span> '
                     f"{prose.html(STATUS_CLASSES[s][1])}</li>" for s in statuses)
    toggles = ('<div class="filters"><b>Show only</b> (click to select, again to clear; none selected shows all): '
               "statuses "
               + " ".join(f'<details class="flt fst {STATUS_CLASSES[s][0]}"><summary>{prose.html(s)}</summary>'
                          "</details>" for s in statuses)
               + "; sections " + " ".join(f'<details class="flt fsec fsec-{i}"><summary>{prose.html(sec)}</summary>'
                                          "</details>" for i, sec in enumerate(sections, 1)) + "</div>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("section", "claim", "source", "published", "computed",
                                                          "difference", "tolerance", "status"))
    rows = []
    for (_, r), (_, v) in zip(table.iterrows(), shown.iterrows()):
        cls = f"claim {_status_class(r['status'])} sec-{sections.index(r['section']) + 1}"
        note = f'<br><small>{prose.html(r["note"])}</small>' if r["note"] else ""
        rows.append(f'<tr class="{cls}"><td>{prose.html(r["section"])}</td><td>{prose.html(v["claim"])}{note}</td>'
                    f'<td>{prose.html(v["source"])}</td><td>{prose.html(v["published"])}</td>'
                    f'<td class="num">{prose.html(v["computed"])}</td><td class="num">{prose.html(v["difference"])}'
                    f'</td><td>{prose.html(_tolerance_cell(r))}</td><td><span class="status '
                    f'{_status_class(r["status"])}">{prose.html(v["status"])}</span></td></tr>')
    precision = ("<p>Shares here have two decimals, the precision of the published tables (the other reports "
                 "round shares to one decimal).</p>")
    return (f'<div class="scorecard-view"><ul class="legend">{legend}</ul>{precision}{toggles}'
            f'<figure class="table"><table class="data-table scorecard"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></figure></div>')


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
        return (f"{prose.SYNTHETIC_TITLE} {prose.synthetic_statement(release.manifest.get('sample'))} The sample "
                "was generated from the published figures, so the statuses say 'by construction'; counts of "
                "tweets are compared with the published value times the sample's scale.")
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
