"""Every claim computed on a release: `evaluate()` says, row by row, whether it matches, differs or cannot be
computed (and why).

Rules:
- A claim about a whole file (rows, retweets, shares of languages, top hashtags, ...) is computed over
  the whole file, whatever the run's date range. A dated claim (a year, a day, a window of days) is
  computed on UTC calendar days, and only when its whole window lies inside the run's start..end.
- On the synthetic sample (`helpers.synthetic.sample`), agreement is by construction and is no evidence: the
  statuses say so (`matches (by construction)`, `differs (synthetic)`). Counts of tweets-file rows are
  compared with the published value times the sample's scale; shares, ranks, years and users-file counts
  are not scaled (the sample writes every account at any scale).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from helpers.claims.scorecard.registry import Frames, NotComputable
from helpers.claims.scorecard.spec import Claim

MATCHES, DIFFERS, CANNOT = "matches", "differs", "cannot be computed"
SYNTHETIC_STATUS = {MATCHES: "matches (by construction)", DIFFERS: "differs (synthetic)", CANNOT: CANNOT}
STATUSES = (MATCHES, DIFFERS, CANNOT)
# A difference the source itself documents (claims.yaml `known_discrepancy`): Twitter's, not the run's nor the
# sample's. Its base status stays "differs" (counted as such), its wording says whose it is.
KNOWN_DISCREPANCY = "differs (known discrepancy of the source)"


# ------------------------------------------------------------------------------------- evaluation

def sample_scale(release) -> float | None:
    """The synthetic sample's scale (fraction of the real tweet volume); None for a real release."""
    if not release.synthetic:
        return None
    scale = (release.manifest.get("sample") or {}).get("scale")
    return float(scale) if scale else None


def _date_or_none(value) -> dt.date | None:
    return None if value is None else pd.Timestamp(value).date()


def _describe_window(start: dt.date, end: dt.date) -> str:
    if start == end:
        return str(start)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"the year {start.year}"
    return f"{start} to {end}"


def why_not(claim: Claim, op: str, release) -> str | None:
    """Why a claim cannot be computed on this release and run (None when it can)."""
    if claim.metric is None:
        return claim.reason
    if op not in release.manifest.get("ops", []):
        return f"the release holds no file for operation '{op}'"
    if op not in release.ops:
        return f"operation '{op}' is not in this run (parameter ops)"
    for table in claim.spec.tables:
        if not release.has(op, table):
            return f"the release holds no {table} file for operation '{op}'"
    window = claim.window
    if window is not None:
        lo, hi = _date_or_none(release.start), _date_or_none(release.end)
        outside = (lo is not None and window[1] < lo) or (hi is not None and window[0] > hi)
        partly = (lo is not None and window[0] < lo) or (hi is not None and window[1] > hi)
        if outside or partly:
            return (f"{_describe_window(*window)} is {'outside' if outside else 'only partly inside'} the date "
                    f"range {lo or 'start of data'} to {hi or 'end of data'}")
    return None


def _number(value) -> float:
    if value is None or value is pd.NA or value is pd.NaT:
        return float("nan")
    return float(value)


def evaluate(claims: list[Claim], release, frames: Frames | None = None,
             op_names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per claim: published, expected (published, scaled on the sample where it applies),
    computed, difference, status and the reason when it cannot be computed.

    `op_names` renames the claims' operations as the run does (parameter op_names, e.g. {iranian: iran}).
    """
    frames = frames if frames is not None else Frames(release)
    synthetic = bool(release.synthetic)
    scale = sample_scale(release)
    rows = []
    for c in claims:
        op = (op_names or {}).get(c.op, c.op)
        spec = c.spec
        scaled = bool(spec and spec.scales and scale is not None and scale != 1)
        expected = c.published * scale if scaled else c.published
        window = c.window
        row = {"id": c.id, "section": c.section, "op": op, "claim": c.claim, "source": ", ".join(c.source),
               "cite": c.cite, "metric": c.call, "helpers": ", ".join(spec.helper_names) if spec else "",
               "unit": spec.unit if spec else "", "window": (f"{window[0]}..{window[1]}" if window else ""),
               "printed": c.printed, "published": _number(c.published), "compare": c.compare,
               "scale": scale if scaled else float("nan"), "expected": _number(expected),
               "tolerance": c.tolerance.describe(spec.unit, scaled) if c.tolerance else "",
               "computed": float("nan"), "difference": float("nan"), "relative_difference": float("nan"),
               "status": CANNOT, "reason": "", "note": c.note,
               "noun": spec.noun if spec else "",
               "tolerance_reason": c.tolerance.reason if c.tolerance else "",
               "known_discrepancy": c.known_discrepancy}
        reason = why_not(c, op, release)
        if reason is None:
            try:
                value = _number(spec.fn(frames, op, **c.args))
                if math.isnan(value):
                    reason = "no value on this data"
            except NotComputable as exc:
                reason = str(exc)
        if reason is not None:
            row["reason"] = reason
        else:
            diff = value - expected
            if c.compare == "at_least":
                ok = value >= expected
            elif c.compare == "at_most":
                ok = value <= expected
            else:
                ok = abs(diff) <= c.tolerance.limit(expected, scaled) + 1e-12
            row.update(computed=value, difference=diff,
                       relative_difference=diff / expected if expected else float("nan"),
                       status=MATCHES if ok else DIFFERS)
        if row["status"] == DIFFERS and c.known_discrepancy:
            row["status"] = KNOWN_DISCREPANCY
        elif synthetic:
            row["status"] = SYNTHETIC_STATUS[row["status"]]
        rows.append(row)
    return pd.DataFrame(rows)


def base_status(status: str) -> str:
    """matches / differs / cannot be computed, whatever the synthetic wording."""
    return next(s for s in STATUSES if status.startswith(s))
