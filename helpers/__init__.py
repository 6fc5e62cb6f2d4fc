"""Helpers for the TrollTracker reproduction. Data flows down through the sub-packages, never back up:

- `data`: release folder (raw CSV, gz, zip) -> typed Parquet cache + manifest -> the columns asked for.
- `metrics`, `coordination`: loaded frames -> small tidy tables (one definition per concept).
- `present`: tidy tables -> figures, prose, HTML reports, CSV/JSON exports.
- `claims`: published numbers + the same metrics -> the scorecard and the comparison summary.
- `run`: parameters -> the notebook sequence run with papermill -> executed notebooks and reports.
- `synthetic`: a seed and a scale -> a synthetic release folder (stand-in, never evidence), read by `data`.

`paths` (where things live) and `errors` (errors a user can act on) are used by every layer.
An import goes only to a package earlier in this list (`synthetic` uses `data.schema` only); see
docs/architecture.md. The notebooks stay thin and call these modules; tests mirror them in `tests/unit/`.
"""

__version__ = "0.1.0"
