"""Helpers for the TrollTracker reproduction: ingest, load, metrics, plots, claims and reports.

The notebooks in `notebooks/` stay thin and call these modules; each module has its tests in `tests/`.
"""

__version__ = "0.1.0"
