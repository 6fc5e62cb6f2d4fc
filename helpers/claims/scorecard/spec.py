"""The claims file (`claims.yaml`, one entry per published number, made from docs/published-figures.md),
read and checked: `load_claims()` -> `Claim`s with their `Tolerance`.

Source tags ([G], [Z], [D1], ...) resolve to full references through helpers/present/references.yaml
(`helpers.present.references`); each claim's metric must be one of `registry.METRICS`, with its arguments.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from helpers.claims.dates import parse_day
from helpers.claims.scorecard.registry import METRICS, Metric
from helpers.errors import ProjectError
from helpers.present import references

CLAIMS_FILE = Path(__file__).parents[1] / "claims.yaml"

COMPARES = ("equal", "at_least", "at_most")
# An exact count compared with a scaled-down published value: the sample rounds each year's (or day's)
# scaled count, so allow that rounding, 0.5% or half a row, whichever is larger.
SCALED_EXACT_RELATIVE, SCALED_EXACT_ABSOLUTE = 0.005, 0.5

ID_PATTERN = re.compile(r"^[a-z0-9_]+(\.[A-Za-z0-9_]+)+$")
REQUIRED_FIELDS = ("id", "op", "metric", "args", "published", "printed", "compare", "tolerance", "claim",
                   "source", "cite")
OPTIONAL_FIELDS = ("note", "reason", "known_discrepancy")


class ClaimError(ProjectError):
    """The claims file is malformed (names the claim and the field)."""


# ----------------------------------------------------------------------------------------- claims

@dataclass(frozen=True)
class Tolerance:
    """How far a computed value may be from the published one and still match."""

    exact: bool
    relative: float = 0.0
    absolute: float = 0.0
    reason: str = ""          # why this size (the claims file's `tolerances` section)

    @classmethod
    def parse(cls, value, where: str, reasons: dict | None = None) -> Tolerance:
        """`exact` or {relative: r, absolute: a}; with `reasons` (the claims file's `tolerances`), a
        tolerance other than exact must be listed there with its reason."""
        if value == "exact":
            return cls(True)
        if isinstance(value, dict) and value and set(value) <= {"relative", "absolute"}:
            for k, v in value.items():
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < 1e12:
                    raise ClaimError(f"{where}: tolerance {k} must be a number >= 0, got {v!r}")
            key = tolerance_key(value)
            if reasons is not None and key not in reasons:
                raise ClaimError(f"{where}: tolerance {value} is not listed under 'tolerances' with its reason: "
                                 "add it there (why this size)")
            return cls(False, key[0], key[1], (reasons or {}).get(key, ""))
        raise ClaimError(f"{where}: tolerance must be 'exact' or {{relative: r, absolute: a}}, got {value!r}")

    def limit(self, expected: float, scaled: bool) -> float:
        """The largest difference that still matches."""
        if self.exact:
            return max(SCALED_EXACT_ABSOLUTE, SCALED_EXACT_RELATIVE * abs(expected)) if scaled else 0.0
        return max(self.absolute, self.relative * abs(expected))

    def describe(self, unit: str, scaled: bool) -> str:
        """The tolerance in words, unambiguous: of what a percentage is, and which bound wins."""
        if self.exact:
            return "exact (up to the rounding of the scaled sample: ±0.5% of the value)" if scaled else "exact"
        parts = []
        if self.relative:
            parts.append(f"±{100 * self.relative:g}% of the published value")
        if self.absolute:
            parts.append(f"±{100 * self.absolute:g} percentage points" if unit == "share" else f"±{self.absolute:g}")
        return " or ".join(parts) + (", whichever is larger" if len(parts) > 1 else "")


def tolerance_key(value: dict) -> tuple[float, float]:
    """(relative, absolute) of a tolerance mapping: how the `tolerances` section is matched."""
    return float(value.get("relative", 0.0)), float(value.get("absolute", 0.0))


def _tolerance_reasons(data: dict, where: str) -> dict | None:
    """The claims file's `tolerances` section: (relative, absolute) -> reason (None when there is none)."""
    if "tolerances" not in data:
        return None
    reasons = {}
    for i, raw in enumerate(data["tolerances"] or []):
        if not isinstance(raw, dict) or not str(raw.get("reason") or "").strip() or not set(raw) - {"reason"} \
                or not set(raw) - {"reason"} <= {"relative", "absolute"}:
            raise ClaimError(f"{where}: tolerances[{i}] must give relative and/or absolute and a reason, got {raw!r}")
        reasons[tolerance_key(raw)] = " ".join(str(raw["reason"]).split())
    return reasons


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    claim: str
    op: str
    metric: str | None
    args: dict
    published: float | None
    printed: str
    compare: str
    tolerance: Tolerance | None
    source: tuple[str, ...]
    cite: str
    note: str = ""
    reason: str = ""
    known_discrepancy: str = ""   # a difference the source itself documents (shown as such)

    @property
    def spec(self) -> Metric | None:
        return METRICS.get(self.metric) if self.metric else None

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """The UTC days the claim is about (None: a whole-file claim)."""
        spec = self.spec
        return spec.window(self.args) if spec and spec.window else None

    @property
    def call(self) -> str:
        """The metric with its arguments, as written in the claims file."""
        if not self.metric:
            return "none"
        args = ", ".join(f"{k}={v}" for k, v in self.args.items() if k != "terms")
        return f"{self.metric}({args})"


def _check_claim(raw, section: str, sources: set[str], where: str,  # noqa: C901 (a check per field)
                 reasons: dict | None = None) -> Claim:
    if not isinstance(raw, dict):
        raise ClaimError(f"{where}: expected a mapping, got {raw!r}")
    where = f"{where} ({raw.get('id', '?')})"
    missing = [k for k in REQUIRED_FIELDS if k not in raw]
    unknown = [k for k in raw if k not in REQUIRED_FIELDS + OPTIONAL_FIELDS]
    if missing or unknown:
        raise ClaimError(f"{where}: " + "; ".join(
            p for p in (f"missing {', '.join(missing)}" if missing else "",
                        f"unknown field(s) {', '.join(unknown)}" if unknown else "") if p))
    cid = raw["id"]
    if not isinstance(cid, str) or not ID_PATTERN.match(cid):
        raise ClaimError(f"{where}: id must look like 'section.what.op' (letters, digits, _), got {cid!r}")
    for k in ("claim", "op", "printed", "cite"):
        if not isinstance(raw[k], str) or not raw[k].strip():
            raise ClaimError(f"{where}: {k} must be non-empty text")
    tags = raw["source"]
    if not isinstance(tags, list) or not tags or any(t not in sources for t in tags):
        raise ClaimError(f"{where}: source must be a list of tags among {', '.join(sorted(sources))} "
                         f"(helpers/present/references.yaml), got {tags!r}")
    if raw["compare"] not in COMPARES:
        raise ClaimError(f"{where}: compare must be one of {', '.join(COMPARES)}, got {raw['compare']!r}")
    args = raw["args"]
    if not isinstance(args, dict):
        raise ClaimError(f"{where}: args must be a mapping")
    metric = raw["metric"]
    if metric is None:
        if not str(raw.get("reason") or "").strip():
            raise ClaimError(f"{where}: a claim without a metric needs a reason (why it is not recomputed)")
        if raw["tolerance"] is not None or raw["published"] is not None or args:
            raise ClaimError(f"{where}: a claim without a metric has no published number, args or tolerance")
        tolerance, published = None, None
    else:
        if metric not in METRICS:
            raise ClaimError(f"{where}: unknown metric {metric!r}; known: {', '.join(sorted(METRICS))}")
        spec = METRICS[metric]
        lacking = [a for a in spec.required if a not in args]
        extra = [a for a in args if a not in spec.required + spec.optional]
        if lacking or extra:
            raise ClaimError(f"{where}: metric {metric} takes {', '.join(spec.required + spec.optional) or 'no args'}"
                             f"; missing {lacking or 'none'}, unexpected {extra or 'none'}")
        given = raw["published"]
        if isinstance(given, bool) or not isinstance(given, (int, float)) or not math.isfinite(given):
            raise ClaimError(f"{where}: published must be a number, got {given!r}")
        published = float(given)
        tolerance = Tolerance.parse(raw["tolerance"], where, reasons)
        if spec.window:
            for k in ("start", "end"):
                if k in args:
                    args = {**args, k: parse_day(args[k], f"{where}: args.{k}", ClaimError)}
            if "start" in args and "end" in args and args["start"] > args["end"]:
                raise ClaimError(f"{where}: args.start is after args.end")
            if ("start" in args) != ("end" in args):
                raise ClaimError(f"{where}: give both args.start and args.end, or neither")
    return Claim(id=cid, section=section, claim=raw["claim"].strip(), op=raw["op"], metric=metric, args=args,
                 published=published, printed=raw["printed"], compare=raw["compare"], tolerance=tolerance,
                 source=tuple(tags), cite=raw["cite"], note=str(raw.get("note") or ""),
                 reason=str(raw.get("reason") or ""),
                 known_discrepancy=" ".join(str(raw.get("known_discrepancy") or "").split()))


# libyaml's safe loader where installed (7x faster on the 275 claims), the pure-Python one otherwise.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_claims_file(path: str | Path = CLAIMS_FILE) -> dict:
    """The claims file as YAML (claims by section), unchecked."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ClaimError(f"{path}: cannot read the claims file ({exc})") from None
    if not isinstance(data, dict) or "claims" not in data or not set(data) <= {"claims", "tolerances"}:
        raise ClaimError(f"{path.name}: expected the keys 'claims' and (optionally) 'tolerances' (source tags "
                         "resolve through helpers/present/references.yaml)")
    if not isinstance(data["claims"], dict):
        raise ClaimError(f"{path.name}: 'claims' maps sections to lists of claims")
    return data


def load_claims(path: str | Path = CLAIMS_FILE) -> list[Claim]:
    """Every claim of the claims file, checked (unique ids, known metrics and sources, tolerances)."""
    data = read_claims_file(path)
    known = references.known_tags()
    reasons = _tolerance_reasons(data, Path(path).name)
    out, seen = [], set()
    for section, items in data["claims"].items():
        if not isinstance(items, list):
            raise ClaimError(f"{path}: section {section!r} must hold a list of claims")
        for i, raw in enumerate(items):
            claim = _check_claim(raw, str(section), known, f"{Path(path).name}, {section}[{i}]", reasons)
            if claim.id in seen:
                raise ClaimError(f"{path}: claim id {claim.id!r} is used twice")
            seen.add(claim.id)
            out.append(claim)
    return out


@lru_cache(maxsize=1)
def sources(path: str | Path = CLAIMS_FILE) -> dict[str, list[dict]]:
    """Each source tag the claims use -> its full references (`helpers.present.references`), in order of use."""
    return references.records(t for c in load_claims(path) for t in c.source)
