"""Run parameters: one YAML file of defaults (`params/default.yaml`), checked before any work starts.

The same checks run in `make reproduce` (before the first notebook) and at the top of every notebook
(for a student who edits the parameters cell in JupyterLab), so a misspelled name, an end date before
the start date or a top-N of zero fails at once, naming the parameter.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from helpers.claims.dates import parse_day
from helpers.data import operations
from helpers.errors import ParameterError
from helpers.paths import CACHE_DIR, FIGURES_DIR, PARAMS_DIR, REPORTS_DIR, SAMPLE_DIR, case_slug, resolve

DEFAULTS_FILE = PARAMS_DIR / "default.yaml"
FIGURE_FORMATS = ("png", "svg", "pdf")


class IsoDate(str):
    """A date on its way through papermill: its metadata (JSON) sees '2016-01-01', while
    `kernel.DateTranslator` writes `datetime.date(2016, 1, 1)` into the notebook."""

    @classmethod
    def of(cls, day: dt.date) -> IsoDate:
        return cls(day.isoformat())

    @property
    def date(self) -> dt.date:
        return parse_day(str(self), "a date parameter", ParameterError)


@dataclass(frozen=True)
class CaseStudy:
    """A window of days around an event, in one operation, with the days to highlight."""

    name: str
    op: str
    start: dt.date
    end: dt.date
    focus: tuple[dt.date, dt.date]
    hashtag: str | None = None

    @property
    def slug(self) -> str:
        """The case study's figure name after the notebook number (`paths.case_slug`: `case_mh17`)."""
        return case_slug(self.name)


@dataclass(frozen=True)
class Params:
    """Every parameter of the notebooks, typed. Field names are the YAML keys."""

    data_dir: str
    ops: list[str]
    shown_ops: list[str]          # operations the per-operation reports draw; empty: the shown_max largest
    shown_max: int                # with more operations loaded, the reports draw this many (largest first)
    op_names: dict[str, str]
    op_labels: dict[str, str]
    start: dt.date | None         # None: from each operation's first tweet (no default hides rows)
    end: dt.date | None           # None: to each operation's last tweet
    top_n: int
    languages: list[str]
    time_zones: dict[str, str]
    figure_formats: list[str]
    geopolitical_terms: dict[str, list[str]]  # concept -> its forms in the operations' languages
    regeneration_cutoff: dt.date
    case_studies: list[CaseStudy]
    figures_dir: str
    reports_dir: str
    cache_dir: str
    coordination_networks: list[str]
    coordination_window: int
    coordination_min_weight: int
    coordination_draws: int
    coordination_shift_hours: float
    coordination_fdr: float
    coordination_seed: int
    coordination_sweep_windows: list[int]
    coordination_sweep_weights: list[int]
    coordination_max_accounts: int | None
    engine_memory_limit: str
    engine_threads: int
    extra: dict = field(default_factory=dict, compare=False)

    # -- derived paths -------------------------------------------------------------------------
    @property
    def release_dir(self) -> Path:
        return resolve(self.data_dir, SAMPLE_DIR)

    @property
    def uses_sample(self) -> bool:
        return not str(self.data_dir).strip()

    @property
    def figures_path(self) -> Path:
        return resolve(self.figures_dir, FIGURES_DIR)

    @property
    def reports_path(self) -> Path:
        return resolve(self.reports_dir, REPORTS_DIR)

    @property
    def cache_path(self) -> Path:
        return resolve(self.cache_dir, CACHE_DIR)

    @property
    def windowed(self) -> bool:
        """True when the user narrowed the run to a date window (then every report says what fell out)."""
        return self.start is not None or self.end is not None

    def excludes(self, first: dt.date, last: dt.date) -> bool:
        """True when the days first..last lie wholly outside the run's date window."""
        return (self.start is not None and last < self.start) or (self.end is not None and first > self.end)

    def label(self, op: str) -> str:
        """The operation's label (`op_labels`, else the release catalog's: `operations.label`)."""
        return operations.label(op, self.op_labels)

    def time_zone(self, op: str) -> str:
        """The operation's home time zone (`time_zones`, else the catalog's, else UTC)."""
        return operations.time_zone(op, self.time_zones)

    def as_notebook_parameters(self) -> dict[str, Any]:
        """Values for papermill: plain YAML types, dates as `IsoDate` (see `kernel.DateTranslator`)."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}
        for name in ("start", "end", "regeneration_cutoff"):
            out[name] = None if out[name] is None else IsoDate.of(out[name])
        out["case_studies"] = [
            {k: v for k, v in (("name", c.name), ("op", c.op), ("start", IsoDate.of(c.start)),
                               ("end", IsoDate.of(c.end)), ("focus", [IsoDate.of(d) for d in c.focus]),
                               ("hashtag", c.hashtag)) if v is not None}
            for c in self.case_studies]
        return out


NAMES = tuple(f.name for f in fields(Params) if f.name != "extra")


def _date(name: str, value) -> dt.date:
    """A date parameter (`claims.dates.parse_day`, the one date parser), refused with the parameter's name."""
    return parse_day(value, f"parameter '{name}'", ParameterError)


def _optional_date(name: str, value) -> dt.date | None:
    """A date, or None for an empty value (YAML `start:` with nothing after it, or "")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _date(name, value)


def _str_list(name: str, value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ParameterError(f"parameter '{name}': expected a list (in YAML: [a, b]), got {value!r}")
    return [str(v) for v in value]


def _str_map(name: str, value) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ParameterError(f"parameter '{name}': expected a mapping (in YAML: {{a: b}}), got {value!r}")
    return {str(k): str(v) for k, v in value.items()}


def _term_map(name: str, value) -> dict[str, list[str]]:
    """Concept -> forms (in YAML: {Russia: [Russia, Россия, России]}); a plain list makes each term a
    concept of its own. A form must hold a letter: an empty one (or a bare '*' stem) would match every text."""
    if value is None:
        return {}
    if isinstance(value, (list, tuple)):
        value = {str(v): [str(v)] for v in value}
    if not isinstance(value, dict):
        raise ParameterError(f"parameter '{name}': expected a mapping of concept to forms (in YAML: "
                             f"{{Russia: [Russia, Россия, России]}}), got {value!r}")
    out = {}
    for concept, forms in value.items():
        forms = [forms] if isinstance(forms, str) else forms
        if not isinstance(forms, (list, tuple)) or not forms:
            raise ParameterError(f"parameter '{name}': concept '{concept}' needs a list of forms, got {forms!r}")
        forms = [str(f) for f in forms]
        empty = [f for f in forms if not f.strip().removesuffix("*").strip()]
        if empty:
            raise ParameterError(f"parameter '{name}': concept '{concept}' has an empty form {empty[0]!r}; "
                                 "give each form at least one letter")
        out[str(concept)] = forms
    return out


def _case_studies(value) -> list[CaseStudy]:
    if not isinstance(value, (list, tuple)):
        raise ParameterError("parameter 'case_studies': expected a list of mappings")
    out = []
    allowed = {"name", "op", "start", "end", "focus", "hashtag"}
    for i, item in enumerate(value):
        where = f"case_studies[{i}]"
        if not isinstance(item, dict):
            raise ParameterError(f"parameter '{where}': expected a mapping with name, op, start, end")
        unknown = set(item) - allowed
        if unknown:
            raise ParameterError(f"parameter '{where}': unknown key(s) {', '.join(sorted(unknown))} "
                                 f"(allowed: {', '.join(sorted(allowed))})")
        missing = {"name", "op", "start", "end"} - set(item)
        if missing:
            raise ParameterError(f"parameter '{where}': missing {', '.join(sorted(missing))}")
        start, end = _date(f"{where}.start", item["start"]), _date(f"{where}.end", item["end"])
        if end < start:
            raise ParameterError(f"parameter '{where}': end {end} is before start {start}")
        focus = item.get("focus") or [start, end]
        if not isinstance(focus, (list, tuple)) or len(focus) != 2:
            raise ParameterError(f"parameter '{where}.focus': expected [first day, last day]")
        f0, f1 = _date(f"{where}.focus", focus[0]), _date(f"{where}.focus", focus[1])
        if not (start <= f0 <= f1 <= end):
            raise ParameterError(f"parameter '{where}.focus': {f0}..{f1} must lie within {start}..{end}")
        out.append(CaseStudy(str(item["name"]), str(item["op"]), start, end, (f0, f1),
                             str(item["hashtag"]).lstrip("#") if item.get("hashtag") else None))
    return out


def check(values: dict[str, Any]) -> Params:
    """Typed, validated parameters from a mapping that must name only known parameters."""
    unknown = [k for k in values if k not in NAMES]
    if unknown:
        hints = []
        for k in unknown:
            close = difflib.get_close_matches(k, NAMES, n=1)
            hints.append(f"'{k}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        raise ParameterError(f"unknown parameter {', '.join(hints)}; known parameters: {', '.join(NAMES)}")
    missing = [k for k in NAMES if k not in values]
    if missing:
        raise ParameterError(f"missing parameter(s): {', '.join(missing)}")
    v = dict(values)
    start, end = _optional_date("start", v["start"]), _optional_date("end", v["end"])
    if start is not None and end is not None and end < start:
        raise ParameterError(f"parameter 'end' ({end}) is before parameter 'start' ({start})")
    top_n = v["top_n"]
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise ParameterError(f"parameter 'top_n': expected a whole number of at least 1, got {top_n!r}")
    formats = _str_list("figure_formats", v["figure_formats"])
    bad = [f for f in formats if f not in FIGURE_FORMATS]
    if bad or not formats:
        raise ParameterError(f"parameter 'figure_formats': {', '.join(bad) or 'empty'} not among "
                             f"{', '.join(FIGURE_FORMATS)}")
    zones = _str_map("time_zones", v["time_zones"])
    for op, zone in zones.items():
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ParameterError(f"parameter 'time_zones': '{zone}' (for {op}) is not a time zone name "
                                 "such as Europe/Moscow") from None
    ops = _str_list("ops", v["ops"])
    if len(set(ops)) != len(ops):
        raise ParameterError(f"parameter 'ops': an operation is listed twice: {ops}")
    shown = _str_list("shown_ops", v["shown_ops"])
    if len(set(shown)) != len(shown):
        raise ParameterError(f"parameter 'shown_ops': an operation is listed twice: {shown}")
    outside = [op for op in shown if ops and op not in ops]
    if outside:
        raise ParameterError(f"parameter 'shown_ops': {', '.join(outside)} not among the operations of "
                             f"parameter 'ops' ({', '.join(ops)})")
    for name in ("data_dir", "figures_dir", "reports_dir", "cache_dir"):
        if v[name] is not None and not isinstance(v[name], (str, Path)):
            raise ParameterError(f"parameter '{name}': expected a folder path, got {v[name]!r}")
    return Params(
        data_dir=str(v["data_dir"] or ""), ops=ops, shown_ops=shown,
        shown_max=_whole("shown_max", v["shown_max"], 1), op_names=_str_map("op_names", v["op_names"]),
        op_labels=_str_map("op_labels", v["op_labels"]), start=start, end=end, top_n=top_n,
        languages=_str_list("languages", v["languages"]), time_zones=zones, figure_formats=formats,
        geopolitical_terms=_term_map("geopolitical_terms", v["geopolitical_terms"]),
        regeneration_cutoff=_date("regeneration_cutoff", v["regeneration_cutoff"]),
        case_studies=_case_studies(v["case_studies"]), figures_dir=str(v["figures_dir"] or ""),
        reports_dir=str(v["reports_dir"] or ""), cache_dir=str(v["cache_dir"] or ""),
        **_coordination(v), **_engine(v),
    )


def _engine(v: dict) -> dict:
    """The out-of-core engine's memory limit (DuckDB's form: '1GB', '512MB') and threads, checked."""
    limit = str(v["engine_memory_limit"] or "").strip().replace(" ", "")
    if not re.fullmatch(r"\d+(\.\d+)?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", limit, re.I):
        raise ParameterError("parameter 'engine_memory_limit': expected an amount of memory such as 1GB or "
                             f"512MB, got {v['engine_memory_limit']!r}")
    return {"engine_memory_limit": limit, "engine_threads": _whole("engine_threads", v["engine_threads"], 1)}


def _whole(name: str, value, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise ParameterError(f"parameter '{name}': expected a whole number of at least {least}, got {value!r}")
    return value


def _coordination(v: dict) -> dict:
    """The coordination_* parameters of notebook 10, checked (network names, windows, rates)."""
    from helpers.coordination import NETWORKS
    nets = _str_list("coordination_networks", v["coordination_networks"])
    bad = [n for n in nets if n not in NETWORKS]
    if bad or not nets:
        raise ParameterError(f"parameter 'coordination_networks': {', '.join(bad) or 'empty'} not among "
                             f"{', '.join(NETWORKS)}")
    fdr, shift = v["coordination_fdr"], v["coordination_shift_hours"]
    if isinstance(fdr, bool) or not isinstance(fdr, (int, float)) or not 0 < fdr < 1:
        raise ParameterError(f"parameter 'coordination_fdr': expected a rate between 0 and 1, got {fdr!r}")
    if isinstance(shift, bool) or not isinstance(shift, (int, float)) or shift <= 0:
        raise ParameterError(f"parameter 'coordination_shift_hours': expected a positive number, got {shift!r}")
    windows = [_whole("coordination_sweep_windows", w, 0) for w in v["coordination_sweep_windows"] or []]
    weights = [_whole("coordination_sweep_weights", w, 1) for w in v["coordination_sweep_weights"] or []]
    return {"coordination_networks": nets,
            "coordination_window": _whole("coordination_window", v["coordination_window"], 0),
            "coordination_min_weight": _whole("coordination_min_weight", v["coordination_min_weight"], 1),
            "coordination_draws": _whole("coordination_draws", v["coordination_draws"], 1),
            "coordination_shift_hours": float(shift), "coordination_fdr": float(fdr),
            "coordination_seed": _whole("coordination_seed", v["coordination_seed"], 0),
            "coordination_sweep_windows": windows, "coordination_sweep_weights": weights,
            "coordination_max_accounts": (None if v["coordination_max_accounts"] is None else
                                          _whole("coordination_max_accounts", v["coordination_max_accounts"], 2))}


def read_yaml(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    if not path.is_file():
        raise ParameterError(f"parameters file {path} does not exist")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ParameterError(f"parameters file {path} is not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParameterError(f"parameters file {path}: expected a mapping of parameter names to values")
    return data


def defaults() -> dict[str, Any]:
    return read_yaml(DEFAULTS_FILE)


def from_file(path: str | Path | None = None, **overrides) -> Params:
    """Defaults, then the values of `path` (if any), then keyword overrides; checked."""
    values = defaults()
    if path is not None and Path(path).resolve() != DEFAULTS_FILE.resolve():
        user = read_yaml(path)
        unknown = [k for k in user if k not in NAMES]
        if unknown:
            check({**values, **user})  # raises, naming the unknown key
        values.update(user)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return check(values)


def from_namespace(namespace: dict[str, Any]) -> Params:
    """The parameters a notebook holds (its parameters cell, plus what papermill injected)."""
    return check({k: namespace[k] for k in NAMES if k in namespace})
