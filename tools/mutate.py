"""`make mutate`: mutation testing (mutmut) of the layers whose bugs would change a published number or
let markup through, one module at a time, each against its own fast tests only (never the slow notebook
or browser tests). Writes docs/mutation-results.json (the measured counts, kept between runs so that one
module can be measured again alone) and docs/mutation-testing.md (the table).

Each module runs in a scratch copy (build/mutate/<name>/: helpers/, tests/ and a pyproject.toml whose
[tool.mutmut] section names the module and its tests), so the working tree is never mutated and the
modules never share mutmut's state. Time-outs are mutmut's own: a mutant is stopped after
TIMEOUT_MULTIPLIER times the clean run of the tests that cover it (never a wall-clock threshold here).

    python tools/mutate.py                 every module, smallest first
    python tools/mutate.py prose fields    only these (the others keep their last measured rows)
    python tools/mutate.py --docs          only rewrite docs/mutation-testing.md from the results
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "mutate"
RESULTS = ROOT / "docs" / "mutation-results.json"
DOC = ROOT / "docs" / "mutation-testing.md"
TIMEOUT_MULTIPLIER = 10.0
# The killer tests run with every module: the five survivors of issue 17, and the module's own file
# (`test_mutation_killers_<last word of the module name>.py`). Not the other modules' files: mutmut runs
# every selected test that reaches a mutated function, and e.g. the takeaways' tests reach the field typing
# through the frames they build (seconds per mutant, for nothing).
KILLERS = "tests/**/test_mutation_killers_{}.py"
SURVIVORS = "survivors"
ALSO_COPY = ("params", "notebooks", "docs")  # read by tests: default parameters, notebook cells, published figures

# data.ingest is measured on its accounting and cache-validity functions (the scope: rows read =
# cached + quarantined, duplicates within a file and across parts, damaged-field counts, which cache entry
# may be reused, what is left in the cache folder), against the tests of test_ingest.py about those (each
# ingests a tiny release; the parser, SIGKILL and lock tests are left out: every mutant would rerun them).
_INGEST = "tests/unit/data/test_ingest.py::test_"
INGEST_TESTS = [_INGEST + t for t in (
    "cache_is_reused_when_nothing_changed", "cache_is_rebuilt_when_a_source_changes",
    "an_edit_that_keeps_size_and_mtime_is_not_detected_until_the_mtime_moves",
    "cache_is_rebuilt_when_its_parquet_file_is_damaged", "force_reingests",
    "cache_of_an_older_ingest_version_is_rebuilt",
    "accounting_identity_is_in_the_manifest", "duplicate_ids_are_kept_once_and_counted",
    "ids_with_leading_zeros_are_not_duplicates_of_the_plain_id", "duplicate_users_are_detected_by_hashed_id",
    "manifest_has_one_entry_per_part_and_forgets_a_removed_part")]
# (the ingest is a package now: these functions live in ingest/cache.py; `reason_kind` moved to outputs.py)
INGEST_FUNCTIONS = ["helpers.data.ingest.cache." + f for f in (
    "x_ingest_release*", "x_ingest_file*", "x__still_valid*", "x_read_manifest*",
    "x_write_manifest*", "x_cache_dir_for*", "x__manifest_header*", "x__remove_unreferenced*", "x__as_part*",
    "x__within_file*", "x__with_across*", "x__across_reason*", "x__settle_duplicates_across_parts*",
    "x__across_files_present*", "x__duplicates_across*", "x__write_across_quarantine*",
    "x__quarantine_duplicates*", "x__dedupe_key*", "x\u01c1_Quarantine\u01c1*", "x\u01c1_DamagedFields\u01c1*")]

# modules split into several files share their killer file (default: the key's last part)
KILLER_NAMES = {"reports.tables": "reports", "claims.scorecard.spec": "scorecard",
                "claims.scorecard.evaluation": "scorecard"}

# name -> (module file, its fast tests, the functions mutated (mutmut name globs; None = all))
MODULES: dict[str, tuple[str, list[str], list[str] | None]] = {
    "prose": ("helpers/present/prose.py", ["tests/unit/present/test_prose.py"], None),
    "reports (sanitiser, tables)": ("helpers/present/reports/sanitize.py", ["tests/unit/present/test_reports.py"],
                                    None),
    "reports.tables": ("helpers/present/reports/tables.py", ["tests/unit/present/test_reports.py"], None),
    "metrics.clients": ("helpers/metrics/clients.py", ["tests/unit/metrics/test_metrics_clients.py"], None),
    "metrics.engagement": ("helpers/metrics/engagement.py", ["tests/unit/metrics/test_metrics_engagement.py"], None),
    "metrics.timeline": ("helpers/metrics/timeline.py", ["tests/unit/metrics/test_metrics_timeline.py"], None),
    "metrics.accounts": ("helpers/metrics/accounts.py", ["tests/unit/metrics/test_metrics_accounts.py"], None),
    "metrics.core": ("helpers/metrics/core.py", ["tests/unit/metrics/test_metrics_core.py"], None),
    "claims.takeaways": ("helpers/claims/takeaways.py", ["tests/unit/claims/test_metrics_summary.py"], None),
    "metrics.content": ("helpers/metrics/content.py", ["tests/unit/metrics/test_metrics_content.py"], None),
    "data.fields": ("helpers/data/fields.py", ["tests/unit/data/test_fields.py"], None),
    # release: not test_discovery_patterns.py (each of its tests ingests a release: minutes per mutant)
    "data.release": ("helpers/data/release.py", ["tests/unit/data/test_release.py"], None),
    # ingest: its fast tests only (the SIGKILL, lock and cache-rebuild tests write whole caches; every one of
    # ingest's mutants would rerun them), and the accounting and cache-validity functions of the issue
    "data.ingest": ("helpers/data/ingest/cache.py", INGEST_TESTS, INGEST_FUNCTIONS),
    # the scorecard package: the claim file's checks (spec) and the metric adapters (registry), evaluation
    "claims.scorecard": ("helpers/claims/scorecard/registry.py", ["tests/unit/claims/test_claims.py"], None),
    "claims.scorecard.spec": ("helpers/claims/scorecard/spec.py", ["tests/unit/claims/test_claims.py"], None),
    "claims.scorecard.evaluation": ("helpers/claims/scorecard/evaluation.py",
                                    ["tests/unit/claims/test_claims.py"], None),
}

# Surviving mutants that no test can kill because they do not change behaviour: name -> why.
EQUIVALENT: dict[str, str] = {
    "helpers.present.prose.x_compare__mutmut_14": "`and` -> `or` between the two Real checks: differs only for a float "
    "against a number that is not Real (a Decimal), which no metric returns",
    "helpers.present.prose.x_compare__mutmut_23": "drops rel_tol=1e-9, which is math.isclose's default",
    "helpers.present.prose.x_compare__mutmut_30": "`>` -> `>=`: equal values returned `same` above, so a == b never "
                                                  "gets here",
    "helpers.present.prose.x_html__mutmut_4": "drops quote=True, which is html.escape's default",
    "helpers.present.reports.x_clean_html__mutmut_9": "strip=None: bleach reads it as false, its default (escape, "
                                                      "not strip)",
    "helpers.present.reports.x_clean_html__mutmut_14": "drops protocols=, whose value equals bleach's default (http, "
                                                       "https, "
    "mailto); the javascript:/data: tests would see any widening",
    "helpers.present.reports.x_clean_html__mutmut_15": "drops strip=False, bleach's default",
    "helpers.present.reports.x_clean_html__mutmut_16": "drops strip_comments=True, bleach's default",
    "helpers.present.reports.x_html_table__mutmut_55": "`head +=` -> `head =`: head is still the empty list here, so "
    "assigning and extending give the same list",
    "helpers.present.reports.x_html_table__mutmut_77": "`cells +=` -> `cells =`: cells is still the empty list here, "
    "so assigning and extending give the same list",
    "helpers.present.prose.x_is_missing__mutmut_7": "the except branch is unreachable: is_scalar guards pd.isna, which "
    "returns a bool for every scalar",
    "helpers.metrics.clients.x__class_of__mutmut_3": "`name or 'XXXX'`: classify passes labelled() values, never None; "
    "_class_of(None) fills only recode's slot for missing codes, which labelled() leaves empty",
    "helpers.metrics.clients.x_automated_share__mutmut_12": "observed=None is read as False by pandas 3, the value "
    "written",
    "helpers.metrics.clients.x_automated_share__mutmut_14": "observed dropped (pandas 3: True): class_shares has a row "
    "for every op and class, so every op is observed",
    "helpers.metrics.clients.x_automated_share__mutmut_20": "observed=True: class_shares has a row for every op and "
    "class, so every op is observed",
    "helpers.metrics.clients.x_automated_share__mutmut_23": "min_count=2: each op has exactly the two automation "
    "classes, whose shares are both NaN (no tweets) or both numbers",
    "helpers.metrics.clients.x_class_shares__mutmut_15": "observed=None is read as False by pandas 3, the value "
    "written",
    "helpers.metrics.clients.x_class_shares__mutmut_28": "observed=None in a transform: one total per row whatever "
    "observed says",
    "helpers.metrics.clients.x_class_shares__mutmut_30": "observed dropped in a transform: one total per row whatever "
    "observed says",
    "helpers.metrics.clients.x_class_shares__mutmut_33": "observed=True in a transform: one total per row whatever "
    "observed says",
    "helpers.metrics.clients.x_class_shares__mutmut_41": "astype(None) is float64, the dtype of the division already",
    "helpers.metrics.clients.x_class_shares__mutmut_46": "`totals >= 0`: a zero total gives 0 / 0, NaN, the same as "
    "the masked total",
    "helpers.metrics.engagement.x_ccdf__mutmut_10": "to_numpy(dtype=None): the counts are Int64 and dropna() left no "
    "missing value, so numpy gives int64 anyway",
    "helpers.metrics.engagement.x_ccdf__mutmut_3": "observed=None (pandas 3: False) adds the ops without tweets, whose "
    "empty counts are skipped",
    "helpers.metrics.engagement.x_ccdf__mutmut_5": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.engagement.x_ccdf__mutmut_8": "observed=False adds the ops without tweets, whose empty counts are "
    "skipped",
    "helpers.metrics.engagement.x_concentration__mutmut_7": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.engagement.x_concentration__mutmut_12": "to_numpy(dtype=None): Int64 counts after fillna(0) have "
    "no missing value, so numpy gives int64 anyway",
    "helpers.metrics.engagement.x_concentration__mutmut_30": "round to 10 digits, not 9: they differ only when the "
    "floating error of top_tweets * tweets exceeds 1e-10, i.e. a top of more than ~450,000 tweets (the largest "
    "dataset's 1% is ~90,000)",
    "helpers.metrics.engagement.x_concentration__mutmut_38": "observed on a groupby by userid, which is text, not "
    "categorical: no effect",
    "helpers.metrics.engagement.x_concentration__mutmut_40": "observed on a groupby by userid, which is text, not "
    "categorical: no effect",
    "helpers.metrics.engagement.x_concentration__mutmut_44": "observed on a groupby by userid, which is text, not "
    "categorical: no effect",
    "helpers.metrics.engagement.x_lorenz__mutmut_17": "observed=None (pandas 3: False) adds the ops without tweets, "
    "which are skipped (no curve)",
    "helpers.metrics.engagement.x_lorenz__mutmut_19": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.engagement.x_lorenz__mutmut_22": "observed=False adds the ops without tweets, which are skipped "
    "(no curve)",
    "helpers.metrics.engagement.x_lorenz__mutmut_25": "to_numpy(dtype=None): Int64 counts after fillna(0) have no "
    "missing value, so numpy gives int64 anyway",
    "helpers.metrics.engagement.x_top_accounts__mutmut_11": "sort kind: pandas ignores `kind` when sorting on several "
    "columns (lexsort, stable)",
    "helpers.metrics.engagement.x_top_accounts__mutmut_14": "sort kind: pandas ignores `kind` when sorting on several "
    "columns (lexsort, stable)",
    "helpers.metrics.engagement.x_top_accounts__mutmut_24": "sort kind: pandas ignores `kind` when sorting on several "
    "columns (lexsort, stable)",
    "helpers.metrics.engagement.x_top_accounts__mutmut_25": "sort kind: pandas ignores `kind` when sorting on several "
    "columns (lexsort, stable)",
    "helpers.metrics.engagement.x_top_accounts__mutmut_36": "observed in a cumcount: one number per row whatever "
    "observed says",
    "helpers.metrics.engagement.x_top_accounts__mutmut_38": "observed in a cumcount: one number per row whatever "
    "observed says",
    "helpers.metrics.engagement.x_top_accounts__mutmut_41": "observed in a cumcount: one number per row whatever "
    "observed says",
    "helpers.metrics.engagement.x_totals__mutmut_7": "observed=None is read as False by pandas 3, the value written",
    "helpers.metrics.engagement.x_zero_share__mutmut_3": "observed=None is read as False by pandas 3, the value "
    "written",
    "helpers.metrics.engagement.x_zero_share__mutmut_20": "to_numpy(dtype=None, na_value=nan) of Int64 counts is "
    "float64 when a count is missing, int64 else: > 0 and == 0 answer alike",
    "helpers.metrics.engagement.x_zero_share__mutmut_21": "na_value=None with dtype=float: pandas still writes NaN",
    "helpers.metrics.engagement.x_zero_share__mutmut_22": "dtype dropped: float64 when a count is missing, int64 else: "
    "> 0 and == 0 answer alike",
    "helpers.metrics.engagement.x_zero_share__mutmut_23": "na_value dropped with dtype=float: pandas writes NaN for a "
    "missing value",
    "helpers.metrics.engagement.x_account_totals__mutmut_14": "to_numpy(dtype=None): Int64 counts after fillna(0) have "
    "no missing value, so numpy gives int64 anyway",
    "helpers.metrics.engagement.x_account_totals__mutmut_21": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.timeline.x__period__mutmut_2": "tz_convert(None) converts to UTC and drops the zone, 'utc' is the "
    "same zone: the same naive UTC times",
    "helpers.metrics.timeline.x__period__mutmut_4": "tz_convert(None) converts to UTC and drops the zone, 'utc' is the "
    "same zone: the same naive UTC times",
    "helpers.metrics.timeline.x_daily__mutmut_29": "tz_convert(None) converts to UTC and drops the zone, 'utc' is the "
    "same zone: the same naive UTC times",
    "helpers.metrics.timeline.x_daily__mutmut_33": "tz_convert(None) converts to UTC and drops the zone, 'utc' is the "
    "same zone: the same naive UTC times",
    "helpers.metrics.timeline.x_yearly__mutmut_9": "tz_convert(None) converts to UTC and drops the zone, 'utc' is the "
    "same zone: the same naive UTC times",
    "helpers.metrics.timeline.x_yearly__mutmut_13": "tz_convert(None) converts to UTC and drops the zone, 'utc' is the "
    "same zone: the same naive UTC times",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_79": "sort kind: pandas ignores `kind` when sorting on "
    "several columns (lexsort, stable) (keys are op and period at least)",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_81": "sort kind: pandas ignores `kind` when sorting on "
    "several columns (lexsort, stable) (keys are op and period at least)",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_82": "sort kind: pandas ignores `kind` when sorting on "
    "several columns (lexsort, stable) (keys are op and period at least)",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_83": "sort kind: pandas ignores `kind` when sorting on "
    "several columns (lexsort, stable) (keys are op and period at least)",
    "helpers.metrics.timeline.x_peaks__mutmut_19": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_22": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_33": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_34": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_64": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_67": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_75": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_peaks__mutmut_76": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_33": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_53": "names of the MultiIndex of wanted pairs: isin compares "
    "values, not names",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_54": "names of the MultiIndex of wanted pairs: isin compares "
    "values, not names",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_69": "sort of the regrouping: the result is sorted by the "
    "same keys next",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_72": "sort of the regrouping: the result is sorted by the "
    "same keys next",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_74": "sort of the regrouping: the result is sorted by the "
    "same keys next",
    "helpers.metrics.timeline.x_counts_by_period__mutmut_71": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.timeline.x_daily__mutmut_11": "freq 'd' is pandas's alias of 'D'",
    "helpers.metrics.timeline.x_daily__mutmut_4": "freq=None with start and end: pandas's default, daily",
    "helpers.metrics.timeline.x_daily__mutmut_7": "freq dropped with start and end: pandas's default, daily",
    "helpers.metrics.timeline.x_daily__mutmut_43": "`|` for `&`: in_window above already kept only the rows of these "
    "days",
    "helpers.metrics.timeline.x_daily__mutmut_56": "observed before a reindex on every op and day: the same counts, "
    "zeros filled",
    "helpers.metrics.timeline.x_daily__mutmut_58": "observed before a reindex on every op and day: the same counts, "
    "zeros filled",
    "helpers.metrics.timeline.x_daily__mutmut_63": "observed before a reindex on every op and day: the same counts, "
    "zeros filled",
    "helpers.metrics.timeline.x_hour_profile__mutmut_6": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.timeline.x_peaks__mutmut_29": "op order of the peak sort: one row per op and value is kept (the "
    "first by tweets, then period) whatever the order of the groups",
    "helpers.metrics.timeline.x_peaks__mutmut_30": "value order of the peak sort: one row per op and value is kept "
    "(the first by tweets, then period) whatever the order of the groups",
    "helpers.metrics.timeline.x_peaks__mutmut_4": "observed on op and value: a combination without tweets has no peak "
    "row, so the inner merge drops it",
    "helpers.metrics.timeline.x_peaks__mutmut_6": "observed on op and value: a combination without tweets has no peak "
    "row, so the inner merge drops it",
    "helpers.metrics.timeline.x_peaks__mutmut_9": "observed on op and value: a combination without tweets has no peak "
    "row, so the inner merge drops it",
    "helpers.metrics.timeline.x_peaks__mutmut_50": "merge on=None: the shared columns are op and the value column, the "
    "keys written",
    "helpers.metrics.timeline.x_peaks__mutmut_52": "merge on dropped: the shared columns are op and the value column, "
    "the keys written",
    "helpers.metrics.timeline.x_working_hours_share__mutmut_5": "observed: the op column of hour_profile is text, not "
    "categorical",
    "helpers.metrics.timeline.x_working_hours_share__mutmut_7": "observed: the op column of hour_profile is text, not "
    "categorical",
    "helpers.metrics.timeline.x_working_hours_share__mutmut_10": "observed: the op column of hour_profile is text, not "
    "categorical",
    "helpers.metrics.timeline.x_working_hours_share__mutmut_18": "zone of the second row: one zone per op, on all its "
    "168 rows",
    "helpers.metrics.timeline.x_yearly__mutmut_39": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.timeline.x_yearly__mutmut_57": "astype(None) is float64, the dtype of the division already",
    "helpers.metrics.accounts.x__day_after__mutmut_8": "'utc' for 'UTC': the same zone",
    "helpers.metrics.accounts.x__day_after__mutmut_12": "'utc' for 'UTC': the same zone",
    "helpers.metrics.accounts.x_active_after__mutmut_11": "Series(None, dtype=Int64) is all missing, as Series(pd.NA, "
    "dtype=Int64)",
    "helpers.metrics.accounts.x_active_after__mutmut_14": "Series(index=..., dtype=Int64) without data is all missing, "
    "as with pd.NA",
    "helpers.metrics.accounts.x_active_after__mutmut_12": "a one-value all-missing Series without the index: assign "
    "aligns it, every row missing",
    "helpers.metrics.accounts.x_active_after__mutmut_15": "a one-value all-missing Series without the index: assign "
    "aligns it, every row missing",
    "helpers.metrics.accounts.x_active_after__mutmut_35": "dropna=None: pandas reads it as false, the value written",
    "helpers.metrics.accounts.x_active_after__mutmut_37": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_active_after__mutmut_57": "astype(None) is float64, the dtype of the division already",
    "helpers.metrics.accounts.x_activity__mutmut_5": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_binned__mutmut_16": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_binned__mutmut_21": "astype(None) of the Int64 counts is float64, as astype(float)",
    "helpers.metrics.accounts.x_binned__mutmut_33": "right=True is pd.cut's default",
    "helpers.metrics.accounts.x_binned__mutmut_37": "reindex fill: value_counts of a categorical cut already lists "
    "every bin (0 where empty)",
    "helpers.metrics.accounts.x_binned__mutmut_39": "reindex fill: value_counts of a categorical cut already lists "
    "every bin (0 where empty)",
    "helpers.metrics.accounts.x_binned__mutmut_40": "reindex fill: value_counts of a categorical cut already lists "
    "every bin (0 where empty)",
    "helpers.metrics.accounts.x_busiest_years__mutmut_22": "years from 0: the windows before the first year hold 0 "
    "accounts, never the maximum",
    "helpers.metrics.accounts.x_busiest_years__mutmut_29": "two more years after the last: windows there hold fewer "
    "accounts, never more; ties go to the earlier window",
    "helpers.metrics.accounts.x_busiest_years__mutmut_32": "one more year after the last: windows there hold fewer "
    "accounts, never more; ties go to the earlier window",
    "helpers.metrics.accounts.x_busiest_years__mutmut_6": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_busiest_years__mutmut_41": "min_periods=None: rolling's default is the window size, "
    "the value written",
    "helpers.metrics.accounts.x_busiest_years__mutmut_43": "min_periods dropped: rolling's default is the window size, "
    "the value written",
    "helpers.metrics.accounts.x_busiest_years__mutmut_44": "`break` for `continue`: unreachable, the years always hold "
    "one full window",
    "helpers.metrics.accounts.x_cohort_activity__mutmut_34": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_cohort_activity__mutmut_5": "tz_convert(None) converts to UTC and drops the zone, "
    "'utc' is the same zone: the same naive UTC times",
    "helpers.metrics.accounts.x_cohort_activity__mutmut_9": "tz_convert(None) converts to UTC and drops the zone, "
    "'utc' is the same zone: the same naive UTC times",
    "helpers.metrics.accounts.x_created__mutmut_27": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_created_per_year__mutmut_5": "created's default frequency is 'Y', the value written",
    "helpers.metrics.accounts.x_ecdf__mutmut_10": "astype(None) of the Int64 counts is float64, as astype(float)",
    "helpers.metrics.accounts.x_ecdf__mutmut_3": "observed=None (pandas 3: False) adds the ops without rows, which are "
    "skipped",
    "helpers.metrics.accounts.x_ecdf__mutmut_5": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.accounts.x_ecdf__mutmut_8": "observed=False adds the ops without rows, which are skipped",
    "helpers.metrics.accounts.x_tweets_after__mutmut_8": "observed=None is read as False by pandas 3, the value "
    "written",
    "helpers.metrics.core.x__label__mutmut_4": "`v is pd.NA and ...`: pd.NA never reaches _label, recode passes "
    "missing values as None",
    "helpers.metrics.core.x_in_window__mutmut_9": "'utc' for 'UTC': the same zone",
    "helpers.metrics.core.x_in_window__mutmut_17": "'utc' for 'UTC': the same zone",
    "helpers.metrics.core.x_kind_counts__mutmut_13": "observed=None is read as False by pandas 3, the value written",
    "helpers.metrics.core.x_overview__mutmut_76": "`len(t) or True`: the mean of an empty selection is NaN anyway, "
    "without a warning",
    "helpers.metrics.core.x_overview__mutmut_84": "`len(t) or True`: the mean of an empty selection is NaN anyway, "
    "without a warning",
    "helpers.metrics.core.x_overview__mutmut_92": "`len(t) or True`: the mean of an empty selection is NaN anyway, "
    "without a warning",
    "helpers.metrics.core.x_rank_within__mutmut_8": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.core.x_retweet_share__mutmut_2": "astype(None) is float64, the dtype of the mean already",
    "helpers.metrics.core.x_retweet_share__mutmut_4": "observed=None is read as False by pandas 3, the value written",
    "helpers.metrics.core.x_top_values__mutmut_17": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.core.x_tweet_kind__mutmut_25": "to_numpy(dtype=None) of a boolean column without missing values "
    "(filled) is bool",
    "helpers.metrics.core.x_rank_within__mutmut_11": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.core.x_rank_within__mutmut_17": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.core.x_rank_within__mutmut_18": "sort kind: pandas ignores `kind` when sorting on several columns "
    "(lexsort, stable)",
    "helpers.metrics.core.x_rank_within__mutmut_24": "observed in a cumcount: one number per row whatever observed "
    "says",
    "helpers.metrics.core.x_rank_within__mutmut_26": "observed in a cumcount: one number per row whatever observed "
    "says",
    "helpers.metrics.core.x_rank_within__mutmut_27": "observed in a cumcount: one number per row whatever observed "
    "says",
    "helpers.metrics.core.x_recode__mutmut_2": "astype('category') of a categorical column is the same column",
    "helpers.metrics.core.x_recode__mutmut_21": "np.array of Python ints is int64 without dtype= as well",
    "helpers.metrics.core.x_recode__mutmut_23": "np.array of Python ints is int64 without dtype= as well",
    "helpers.metrics.core.x_share_table__mutmut_10": "observed in a transform: one total per row whatever observed "
    "says",
    "helpers.metrics.core.x_share_table__mutmut_12": "observed in a transform: one total per row whatever observed "
    "says",
    "helpers.metrics.core.x_share_table__mutmut_13": "observed in a transform: one total per row whatever observed "
    "says",
    "helpers.metrics.core.x_share_table__mutmut_18": "astype(None) is float64, the dtype of the division already",
    "helpers.metrics.core.x_share_table__mutmut_21": "`totals >= 0`: a zero total gives 0 / 0, NaN, the same as the "
    "masked total",
    "helpers.metrics.content.x_top_items__mutmut_14": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.content.x_top_items__mutmut_29": "observed=None in a transform: one total per row whatever "
    "observed says",
    "helpers.metrics.content.x_top_items__mutmut_31": "observed dropped in a transform: one total per row whatever "
    "observed says",
    "helpers.metrics.content.x_top_items__mutmut_32": "observed=False in a transform: one total per row whatever "
    "observed says",
    "helpers.metrics.content.x_top_items__mutmut_38": "astype(None) is float64, the dtype of the division already",
    "helpers.metrics.content.x_top_domains__mutmut_22": "astype(None) is float64, the dtype of the division already",
    "helpers.metrics.content.x_top_domains__mutmut_26": "astype(None) is float64, as astype(float): the divisor is "
    "float either way",
    "helpers.metrics.content.x_term_counts__mutmut_6": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.content.x_term_counts__mutmut_49": "zero_copy_only=None is falsy, as False: a copy is allowed "
    "either way",
    "helpers.metrics.content.x_term_counts__mutmut_81": "`n or True`: sizes come from groupby(observed=True).size(), "
    "so every n is at least 1",
    "helpers.metrics.content.x_item_per_day__mutmut_4": "freq=None: date_range with start and end and no periods "
    "defaults to daily ('D')",
    "helpers.metrics.content.x_item_per_day__mutmut_7": "freq dropped: date_range with start and end and no periods "
    "defaults to daily ('D')",
    "helpers.metrics.content.x_item_per_day__mutmut_30": "tz_convert(None) converts to UTC and drops the zone; "
    "tz_localize(None) of naive times is a no-op",
    "helpers.metrics.content.x_item_per_day__mutmut_34": "'utc' for 'UTC': the same zone",
    "helpers.metrics.content.x_item_per_day__mutmut_45": "observed=None (False): unobserved ops get zero counts, "
    "which the reindex onto ops x days fills with zero anyway",
    "helpers.metrics.content.x_item_per_day__mutmut_47": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.content.x_item_per_day__mutmut_52": "observed=False: unobserved ops get zero counts, which the "
    "reindex onto ops x days fills with zero anyway",
    "helpers.metrics.content.x_casefold_equal__mutmut_7": "to_numpy(dtype=None) of isin's result (bool, never "
    "missing) is bool",
    "helpers.metrics.content.x__on_every_core__mutmut_3": "`<= 2`: two items run in order instead of on two threads; "
    "map keeps the order, same results",
    "helpers.metrics.content.x__on_every_core__mutmut_4": "`< 3`: two items run in order instead of on two threads; "
    "map keeps the order, same results",
    "helpers.metrics.content.x__on_every_core__mutmut_6": "max_workers=None: the pool's own default size; map keeps "
    "the order, same results",
    "helpers.metrics.content.x__on_every_core__mutmut_7": "`cpu_count() and 1`: one worker thread; map keeps the "
    "order, same results",
    "helpers.metrics.content.x__on_every_core__mutmut_8": "`or 2` only when os.cpu_count() is None; the pool size "
    "never changes results",
    "helpers.metrics.content.x__arrow_strings__mutmut_6": "type=None: a column of str and missing values infers "
    "string (null if all missing, cast to string next); mixed str/number raises either way",
    "helpers.metrics.content.x__arrow_strings__mutmut_8": "type dropped: a column of str and missing values infers "
    "string (null if all missing, cast to string next); mixed str/number raises either way",
    "helpers.metrics.content.x_domain_reach__mutmut_5": "observed=None is read as False by pandas 3, the value written",
    "helpers.metrics.content.x_top_items_over_time__mutmut_5": "tz_convert(None) converts to UTC and drops the zone; "
    "tz_localize(None) of naive times is a no-op",
    "helpers.metrics.content.x_top_items_over_time__mutmut_9": "'utc' for 'UTC': the same zone",
    "helpers.metrics.content.x_top_items_over_time__mutmut_25": "observed=None (False): zero totals for unobserved "
    "ops, which the left merge from the observed rows never picks",
    "helpers.metrics.content.x_top_items_over_time__mutmut_27": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.content.x_top_items_over_time__mutmut_34": "observed=False: zero totals for unobserved ops, "
    "which the left merge from the observed rows never picks",
    "helpers.metrics.content.x_top_items_over_time__mutmut_58": "observed dropped (pandas 3: True), the value written",
    "helpers.metrics.content.x_top_items_over_time__mutmut_75": "on=None merges on the common columns, op and period: "
    "the keys written",
    "helpers.metrics.content.x_top_items_over_time__mutmut_78": "on dropped: merges on the common columns, op and "
    "period, the keys written",
    "helpers.metrics.content.x_top_items_over_time__mutmut_79": "inner for left merge: every (op, period) of per has "
    "a total (per counts a subset of the non-missing rows) and both keep per's order",
    "helpers.metrics.content.x_top_items_over_time__mutmut_91": "on=None merges on the common columns, op and item: "
    "the keys written",
    "helpers.metrics.content.x_top_items_over_time__mutmut_93": "on dropped: merges on the common columns, op and "
    "item, the keys written",
    "helpers.data.fields.x__parse_time_rowwise__mutmut_4": (
        "if_else with None for the null string scalar: Arrow casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_12": (
        "pa.scalar(None, None) is a null of type null, which if_else casts to the string type: same result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_14": (
        "pa.scalar(None) is a null of type null, which if_else casts to the string type: same result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_54": (
        "if_else with None for the null timestamp: Arrow casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_67": (
        "pa.scalar(None, None), a null of type null, cast by if_else to the timestamp type: same result"),
    "helpers.data.fields.x__parse_time_rowwise__mutmut_69": (
        "pa.scalar(None), a null of type null, cast by if_else to the timestamp type: same result"),
    "helpers.data.fields.x_parse_geo__mutmut_24": (
        "if_else with None for the null string scalar: Arrow casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x_parse_geo__mutmut_28": (
        "pa.scalar(None, None), a null of type null, cast by if_else to string: same result"),
    "helpers.data.fields.x_parse_geo__mutmut_30": (
        "pa.scalar(None), a null of type null, cast by if_else to string: same result"),
    "helpers.data.fields.xǁ_Damageǁnulled__mutmut_4": (
        "if_else with None: Arrow casts the null to the column's type (damaged columns are never "
        "dictionaries), same result"),
    "helpers.data.fields.xǁ_Damageǁnulled__mutmut_11": (
        "pa.scalar(None, None), a null of type null, cast by if_else to the column's type: same result"),
    "helpers.data.fields.xǁ_Damageǁnulled__mutmut_13": (
        "pa.scalar(None), a null of type null, cast by if_else to the column's type: same result"),
    "helpers.data.fields.x__check_mentions__mutmut_8": (
        "required=None (falsy) only admits empty entries, and parse_list never gives an empty entry"),
    "helpers.data.fields.x__check_mentions__mutmut_14": (
        "required=False only admits empty entries, and parse_list never gives an empty entry"),
    "helpers.data.fields.x__check_mentions__mutmut_18": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x__check_mentions__mutmut_20": (
        "zero_copy_only=True: list_parent_indices gives integers without nulls, which numpy takes without a "
        "copy"),
    "helpers.data.fields.x__check_mentions__mutmut_22": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x__check_mentions__mutmut_28": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x__check_mentions__mutmut_38": (
        "astype(None) gives float rows, which listing() casts back to int64 with the other rows"),
    "helpers.data.fields.x__check_mentions__mutmut_58": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x__check_mentions__mutmut_60": (
        "float offsets (numpy's default): ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x_parse_geo__mutmut_41": (
        "a null here comes only from text that is not a number (cast from a null); such a value is invalid "
        "through `shaped` whatever in_range says"),
    "helpers.data.fields.xǁ_Problemsǁ__init____mutmut_1": (
        "self.n is never read"),
    "helpers.data.fields.xǁ_Problemsǁ__init____mutmut_10": (
        "-2 for -1 as the 'no problem' mark: rows() and add() only ask for a negative value"),
    "helpers.data.fields.xǁ_Problemsǁadd__mutmut_7": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.xǁ_Problemsǁ__init____mutmut_5": (
        "np.full(n, -1, dtype=None) takes the fill value's type, an integer, as int32 does for these indexes"),
    "helpers.data.fields.xǁ_Problemsǁ__init____mutmut_8": (
        "np.full(n, -1) takes the fill value's type, an integer, as int32 does for these indexes"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_7": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_22": (
        "np.full(n, -1, dtype=None) takes the fill value's type, an integer, as int32 does for these indexes"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_25": (
        "np.full(n, -1) takes the fill value's type, an integer, as int32 does for these indexes"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_26": (
        "the initial reason index of a row is overwritten before it is read (only rows seen damaged are read)"),
    "helpers.data.fields.xǁ_Damageǁadd__mutmut_27": (
        "the initial reason index of a row is overwritten before it is read (only rows seen damaged are read)"),
    "helpers.data.fields.xǁ_Damageǁlisting__mutmut_33": (
        "numpy reads the sort kind case-insensitively: 'STABLE' is 'stable'"),
    "helpers.data.fields.x__one_array__mutmut_1": (
        "combine_chunks of a one-chunk column gives the same values as chunk(0)"),
    "helpers.data.fields.x_type_batch__mutmut_40": (
        "required=None lets an empty required id pass check_id, but the empty check before it has already "
        "given that row its (first) reason"),
    "helpers.data.fields.x_type_batch__mutmut_75": (
        "the values passed to problem() are read only for a row's own ids; a count is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_79": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_89": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_93": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_103": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_107": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_114": (
        "dates parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_115": (
        "dates parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_120": (
        "dates parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_121": (
        "dates parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_126": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_130": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_171": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_175": (
        "the values passed to problem() are read only for a row's own ids; this column is never one (damaged "
        "fields show the column's text)"),
    "helpers.data.fields.x_type_batch__mutmut_154": (
        "coordinates parsed once per distinct value or all at once: the same result (a speed shortcut; both "
        "paths are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_155": (
        "coordinates parsed once per distinct value or all at once: the same result (a speed shortcut; both "
        "paths are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_162": (
        "coordinates parsed once per distinct value or all at once: the same result (a speed shortcut; both "
        "paths are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_163": (
        "coordinates parsed once per distinct value or all at once: the same result (a speed shortcut; both "
        "paths are tested to agree)"),
    "helpers.data.fields.x_type_batch__mutmut_150": (
        "a column of nulls of type null is cast to float64 with the other columns (target schema)"),
    "helpers.data.fields.x_type_batch__mutmut_152": (
        "a column of nulls of type null is cast to float64 with the other columns (target schema)"),
    "helpers.data.fields.x_type_batch__mutmut_196": (
        "text and category columns swap encodings, and the cast to the cache schema at the end gives each its"
        " type back (same values)"),
    "helpers.data.fields.x_type_batch__mutmut_218": (
        "numpy stores None in a bool array as False"),
    "helpers.data.fields.x_type_batch__mutmut_243": (
        "pa.array infers int64 from the int64 line numbers, and the cast to the cache schema would fix any "
        "other"),
    "helpers.data.fields.x_type_batch__mutmut_245": (
        "pa.array infers int64 from the int64 line numbers, and the cast to the cache schema would fix any "
        "other"),
    "helpers.data.fields.x_type_batch__mutmut_250": (
        "a column of nulls of type null is cast to the column's type just below"),
    "helpers.data.fields.x_type_batch__mutmut_252": (
        "a column of nulls of type null is cast to the column's type just below"),
    "helpers.data.fields.x_type_batch__mutmut_256": (
        "pa.Table.from_arrays(..., schema=target) casts each array to its field's type itself: the explicit "
        "cast is a safety net"),
    "helpers.data.fields.x_parse_date__mutmut_15": (
        "if_else with None for the null string scalar: Arrow casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x_parse_date__mutmut_19": (
        "pa.scalar(None, None), a null of type null, cast by if_else to string: same result"),
    "helpers.data.fields.x_parse_date__mutmut_21": (
        "pa.scalar(None), a null of type null, cast by if_else to string: same result"),
    "helpers.data.fields.x_nullify_empty__mutmut_1": (
        "with nulls in a string column the bitmap path is taken: Arrow's invert/equal kernels leave 0 in the "
        "value bits of null slots (pyarrow as pinned), so those slots stay null: same result (a null never "
        "comes from the CSV readers, which give empty strings)"),
    "helpers.data.fields.x_nullify_empty__mutmut_2": (
        "an empty array or one with nulls takes the bitmap path: with nulls in a string column the bitmap "
        "path is taken: Arrow's invert/equal kernels leave 0 in the value bits of null slots (pyarrow as "
        "pinned), so those slots stay null: same result (a null never comes from the CSV readers, which give "
        "empty strings)"),
    "helpers.data.fields.x_nullify_empty__mutmut_4": (
        "a one-value array takes the if_else path instead of the bitmap path: same values"),
    "helpers.data.fields.x_nullify_empty__mutmut_7": (
        "if_else with None: Arrow casts the null to the string type, same result"),
    "helpers.data.fields.x_nullify_empty__mutmut_13": (
        "pa.scalar(None, None), a null of type null, cast by if_else to the string type: same result"),
    "helpers.data.fields.x_nullify_empty__mutmut_15": (
        "pa.scalar(None), a null of type null, cast by if_else to the string type: same result"),
    "helpers.data.fields.x_parse_date__mutmut_42": (
        "if_else with None: Arrow casts the null to the timestamp type, same result"),
    "helpers.data.fields.x_parse_date__mutmut_53": (
        "pa.scalar(None, None), a null of type null, cast by if_else to the timestamp type: same result"),
    "helpers.data.fields.x_parse_date__mutmut_55": (
        "pa.scalar(None), a null of type null, cast by if_else to the timestamp type: same result"),
    "helpers.data.fields.x_nullify_empty__mutmut_22": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_23": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_25": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_26": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_27": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_28": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_29": (
        "`present` is a fresh compute result, whose offset is always 0: the to_numpy branch is never taken, "
        "and both branches give the same bitmap when it is"),
    "helpers.data.fields.x_nullify_empty__mutmut_30": (
        "`present` is a fresh compute result, whose offset is always 0: this branch is never taken"),
    "helpers.data.fields.x__split_lists__mutmut_11": (
        "no list looks bracketed, so every batch takes the general path (trim, then strip the brackets by "
        "regex), which gives the same items as the shortcut"),
    "helpers.data.fields.x__split_lists__mutmut_16": (
        "no list looks bracketed, so every batch takes the general path (trim, then strip the brackets by "
        "regex), which gives the same items as the shortcut"),
    "helpers.data.fields.x__split_lists__mutmut_51": (
        "a list column without a data buffer holds no text: neither b'' nor b'XXXX' holds an odd separator"),
    "helpers.data.fields.x__split_lists__mutmut_85": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x__split_lists__mutmut_86": (
        "zero_copy_only=True: the parent indices are integers without nulls, which numpy takes without a copy"),
    "helpers.data.fields.x__split_lists__mutmut_89": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x__split_lists__mutmut_91": (
        "float offsets (numpy's default): ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x__parse_count__mutmut_1": (
        "None for the null string: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_2": (
        "pa.scalar(None, None) for the null string: if_else casts a null to the other argument's type, same "
        "result"),
    "helpers.data.fields.x__parse_count__mutmut_4": (
        "pa.scalar(None) for the null string: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_19": (
        "None for the null string: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_43": (
        "None for the null string: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_74": (
        "None for the null float: if_else casts a null to the other argument's type, same result"),
    "helpers.data.fields.x__parse_count__mutmut_78": (
        "pa.scalar(None, None), a null of type null: if_else casts it to float64, same result"),
    "helpers.data.fields.x__parse_count__mutmut_80": (
        "pa.scalar(None), a null of type null: if_else casts it to float64, same result"),
    "helpers.data.fields.x_parse_time__mutmut_12": (
        "is_in casts the value set to the lengths' type (int32): int64 lengths 16 and 19 match the same "
        "values"),
    "helpers.data.fields.x_parse_time__mutmut_14": (
        "is_in casts the value set to the lengths' type (int32): int64 lengths 16 and 19 match the same "
        "values"),
    "helpers.data.fields.x_parse_time__mutmut_30": (
        "a null of another type for the null string: if_else casts it to string, same result"),
    "helpers.data.fields.x_parse_time__mutmut_39": (
        "a null of another type for the null string: if_else casts it to string, same result"),
    "helpers.data.fields.x_parse_time__mutmut_41": (
        "a null of another type for the null string: if_else casts it to string, same result"),
    "helpers.data.fields.x_parse_time__mutmut_35": (
        "`shape` is null only where the text is null, and there both branches of if_else give null"),
    "helpers.data.fields.x_parse_time__mutmut_38": (
        "`shape` is null only where the text is null, and there both branches of if_else give null"),
    "helpers.data.fields.x__fields_agree__mutmut_30": (
        "`ok` is null only where the text or the parsed value is null; there the callers keep a null "
        "whichever branch is taken"),
    "helpers.data.fields.x__fields_agree__mutmut_33": (
        "`ok` is null only where the text or the parsed value is null; there the callers keep a null "
        "whichever branch is taken"),
    "helpers.data.fields.x_parse_count__mutmut_3": (
        "no value passes the digit check, so every one goes through the regex path (COUNT_PLAIN: the same 1 "
        "to 18 digits): same result"),
    "helpers.data.fields.x_parse_count__mutmut_14": (
        "where the 'mostly plain digits' shortcut starts: either path gives the same values (a speed "
        "shortcut; tested to agree value by value)"),
    "helpers.data.fields.x_parse_count__mutmut_15": (
        "where the 'mostly plain digits' shortcut starts: either path gives the same values (a speed "
        "shortcut; tested to agree value by value)"),
    "helpers.data.fields.x_parse_count__mutmut_16": (
        "where the 'mostly plain digits' shortcut starts: either path gives the same values (a speed "
        "shortcut; tested to agree value by value)"),
    "helpers.data.fields.x_parse_count__mutmut_20": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x_parse_count__mutmut_26": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_27": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_32": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_33": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_59": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_60": (
        "counts parsed once per distinct value or all at once: the same result (a speed shortcut; both paths "
        "are tested to agree)"),
    "helpers.data.fields.x_parse_count__mutmut_42": (
        "the rows not plain are null in the base instead of 0; both are replaced by their parsed values just "
        "below"),
    "helpers.data.fields.x_check_id__mutmut_22": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_23": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_24": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_25": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_26": (
        "where the 'mostly hashes' shortcut starts: both paths check the same values against the same pattern"
        " (a speed shortcut; tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_43": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x_check_id__mutmut_49": (
        "hashes checked once per distinct value or all at once: the same result (a speed shortcut; both paths"
        " are tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_50": (
        "hashes checked once per distinct value or all at once: the same result (a speed shortcut; both paths"
        " are tested to agree)"),
    "helpers.data.fields.x_parse_list__mutmut_19": (
        "'[]' then goes through the splitting, which gives an empty list for it too (only a shortcut for the "
        "commonest value)"),
    "helpers.data.fields.x_check_id__mutmut_58": (
        "hashes checked once per distinct value or all at once: the same result (a speed shortcut; both paths"
        " are tested to agree)"),
    "helpers.data.fields.x_check_id__mutmut_59": (
        "hashes checked once per distinct value or all at once: the same result (a speed shortcut; both paths"
        " are tested to agree)"),
    "helpers.data.fields.x_parse_list__mutmut_20": (
        "with no count of rows holding items, every batch takes the general path (filter, split, spread "
        "back), which gives the same lists as the shortcuts"),
    "helpers.data.fields.x_parse_list__mutmut_29": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x_parse_list__mutmut_31": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x_parse_list__mutmut_50": (
        "float counts of whole numbers: np.cumsum writes them into the int32 offsets as the same integers"),
    "helpers.data.fields.x_parse_list__mutmut_52": (
        "float counts of whole numbers: np.cumsum writes them into the int32 offsets as the same integers"),
    "helpers.data.fields.x_parse_list__mutmut_54": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x_parse_list__mutmut_56": (
        "zero_copy_only=None is falsy, as False: a copy is allowed either way"),
    "helpers.data.fields.x_parse_list__mutmut_58": (
        "zero_copy_only=True: list lengths are integers without nulls, which numpy takes without a copy"),
    "helpers.data.fields.x__digits__mutmut_6": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count is listed as damaged "
        "either way"),
    "helpers.data.fields.x__digits__mutmut_10": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count is listed as damaged "
        "either way"),
    "helpers.data.fields.x__digits__mutmut_12": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count is listed as damaged "
        "either way"),
    "helpers.data.fields.x_parse_list__mutmut_61": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x_parse_list__mutmut_63": (
        "float offsets: ListArray.from_arrays casts them to int32, same lists"),
    "helpers.data.fields.x__digits__mutmut_20": (
        "differs only for a null text (never given by the CSV readers): the first half of the `and` is "
        "already False there"),
    "helpers.data.fields.x__match__mutmut_2": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count or date is listed as "
        "damaged either way"),
    "helpers.data.fields.x__match__mutmut_9": (
        "differs only for a null text (never given by the CSV readers); there the callers end the same way: a"
        " null own id is already reported as empty (first reason wins), a null count or date is listed as "
        "damaged either way"),
}


def _killers(name: str) -> list[str]:
    """The killer test files that run with a module (see KILLERS): named for the module's key, not its file
    (`data.ingest` -> test_mutation_killers_ingest.py, although its file is ingest/cache.py)."""
    own = KILLER_NAMES.get(name, name.split(" ")[0].split(".")[-1])
    return sorted(str(p.relative_to(ROOT)) for name in (SURVIVORS, own) for p in ROOT.glob(KILLERS.format(name)))


def _pyproject(name: str, source: str, tests: list[str], own_killers: bool = True) -> str:
    """The project's pyproject.toml plus the [tool.mutmut] section for one module (without the module's
    own killer file for the score "before")."""
    base = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    killers = _killers(name) if own_killers else sorted(
        str(p.relative_to(ROOT)) for p in ROOT.glob(KILLERS.format(SURVIVORS)))
    selection = [*tests, *killers]
    return base + "\n[tool.mutmut]\n" + "\n".join([
        'source_paths = ["helpers/"]',
        f"only_mutate = {json.dumps([source])}",
        f"pytest_add_cli_args_test_selection = {json.dumps(selection)}",
        'pytest_add_cli_args = ["-m", "not slow", "-p", "no:cacheprovider", "-q", "-x"]',
        f"timeout_multiplier = {TIMEOUT_MULTIPLIER}",
        "use_git_change_detection = false",
        f"also_copy = {json.dumps([d + '/' for d in ALSO_COPY])}",
    ]) + "\n"


def _scratch(name: str, source: str, tests: list[str], own_killers: bool = True) -> Path:
    """A fresh copy of helpers/ and tests/ with a pyproject.toml for this module."""
    work = BUILD / (name.split(" ")[0] + ("" if own_killers else "-before"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "helpers", work / "helpers", ignore=ignore)
    for folder in ("tests", *ALSO_COPY):
        shutil.copytree(ROOT / folder, work / folder, ignore=ignore)
    (work / "pyproject.toml").write_text(_pyproject(name, source, tests, own_killers), encoding="utf-8")
    return work


def _statuses(work: Path, source: str) -> dict[str, str]:
    """mutmut's verdict per mutant of one module (read from its state file, as `mutmut results` does)."""
    from mutmut.stats import status_by_exit_code
    meta = json.loads((work / "mutants" / (source + ".meta")).read_text(encoding="utf-8"))
    return {k: status_by_exit_code[v] for k, v in meta["exit_code_by_key"].items()}


def _functions(mutated: Path) -> dict[str, str]:
    """Source of every function (and method) of mutmut's mutated copy of a module, by name."""
    text = mutated.read_text(encoding="utf-8")
    lines = text.splitlines()  # once: ast.get_source_segment splits the whole file on every call
    tree = ast.parse(text).body
    nodes = [*tree, *(m for c in tree if isinstance(c, ast.ClassDef) for m in c.body)]  # methods too
    return {n.name: textwrap.dedent("\n".join(lines[n.lineno - 1:n.end_lineno])) for n in nodes
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _diff(functions_of: dict[str, str], key: str, source: str) -> str:
    """The mutant as a diff against the original function (what `mutmut show` prints, without one
    `mutmut` process per survivor: a module with a hundred survivors took minutes)."""
    name = key.rsplit(".", 1)[-1]
    base = name.split("__mutmut_")[0]
    original, mutant = functions_of.get(base + "__mutmut_orig"), functions_of.get(name)
    if original is None or mutant is None:
        return "(mutant not found in the mutated copy)"
    shown = base.removeprefix("x_").replace("\u01c1", ".")
    lines = difflib.unified_diff(original.replace(base + "__mutmut_orig", shown).splitlines(),
                                 mutant.replace(name, shown).splitlines(), source, source, lineterm="")
    return "\n".join(lines)


def measure(name: str, jobs: int = 1, own_killers: bool = True) -> dict:
    """Run mutmut on one module with `jobs` workers (one by default: the machine is shared); its counts,
    its survivors (with their diffs) and the run time. Without the module's own killer file: the
    tests the module had before mutation testing looked at it (the score "before")."""
    source, tests, functions = MODULES[name]
    work = _scratch(name, source, tests, own_killers)
    env = dict(os.environ, TROLLTRACKER_SHARED=str(ROOT.parent / "shared"), PYTHONDONTWRITEBYTECODE="1")
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    started = time.monotonic()
    log = (work / "mutmut.log").open("w")
    done = subprocess.run([mutmut, "run", "--max-children", str(jobs), *(functions or [])],
                          cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"mutmut failed on {name} (exit {done.returncode}): see {work / 'mutmut.log'}")
    wanted = [f.rstrip("*") for f in functions] if functions else None
    statuses = {k: v for k, v in _statuses(work, source).items()
                if wanted is None or any(k.startswith(w) for w in wanted)}
    functions_of = _functions(work / "mutants" / source)
    survivors = {key: {"status": statuses[key], "diff": _diff(functions_of, key, source)}
                 for key in sorted(k for k, v in statuses.items() if v not in ("killed", "timeout"))}
    counts = {s: sum(v == s for v in statuses.values()) for s in sorted(set(statuses.values()))}
    return {"module": source, "tests": tests, "functions": functions, "mutants": len(statuses),
            "counts": counts, "seconds": round(seconds), "survivors": survivors}


def recheck(name: str, r: dict) -> list[str]:
    """The module's survivors run again, one at a time, against the tests as they are now (killer tests
    written after the run), in the mutated copy the run left in build/mutate/<name>/mutants: each one a
    test now fails on is counted as killed (and listed under `rechecked`). Mutmut's own switch selects
    the mutant (MUTANT_UNDER_TEST), as in its runs; the tests are first run with no mutant, and must pass."""
    source, tests, _ = MODULES[name]
    mutants = BUILD / name.split(" ")[0] / "mutants"
    if not mutants.is_dir():
        raise SystemExit(f"{mutants} is missing: run `python tools/mutate.py {name}` first")
    shutil.rmtree(mutants / "tests")
    shutil.copytree(ROOT / "tests", mutants / "tests", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = dict(os.environ, TROLLTRACKER_SHARED=str(ROOT.parent / "shared"), PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-m", "pytest", "--rootdir=.", "-x", "-q", "-m", "not slow", "-p", "no:cacheprovider",
               "-p", "no:randomly", *tests, *_killers(name)]

    def fails(mutant: str) -> bool:
        done = subprocess.run(command, cwd=mutants, env=dict(env, MUTANT_UNDER_TEST=mutant),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return done.returncode != 0

    if fails(""):
        raise SystemExit(f"{name}: the tests fail without any mutant in {mutants}; fix them first")
    killed = [k for k in sorted(r["survivors"]) if k not in EQUIVALENT and fails(k)]
    for k in killed:
        status = r["survivors"].pop(k)["status"]
        r["counts"][status] -= 1
        r["counts"]["killed"] = r["counts"].get("killed", 0) + 1
    r["rechecked"] = sorted({*r.get("rechecked", []), *killed})
    return killed


def score_row(name: str, r: dict) -> dict:
    """Killed / (mutants - equivalent), with time-outs counted as killed (mutmut's own convention)."""
    c = r["counts"]
    equivalent = sum(k in EQUIVALENT for k in r["survivors"])
    killed = c.get("killed", 0) + c.get("timeout", 0)
    alive = len(r["survivors"]) - equivalent
    live = r["mutants"] - equivalent
    return {"name": name, "mutants": r["mutants"], "killed": c.get("killed", 0), "timeout": c.get("timeout", 0),
            "survived": alive, "equivalent": equivalent, "score": killed / live if live else 1.0,
            "before": r["before"] if "before" in r else _raw_score(r), "seconds": r["seconds"]}


def _before(name: str, previous: dict | None, now: dict) -> float | None:
    """The score before the killer tests: kept from an earlier measurement (`--before`, or the first run
    of a module measured before anyone wrote its killers); None (not measured) when the module's own
    killer file already took part in its first run."""
    if previous and "before" in previous:
        return previous["before"]
    if previous and "counts" in previous:
        return _raw_score(previous)
    own = [k for k in _killers(name) if not k.endswith(f"_{SURVIVORS}.py")]
    return None if own else _raw_score(now)


def _raw_score(r: dict) -> float:
    """(Killed + timed out) / mutants, no mutant set aside as equivalent: the score "before" (the tests of
    main when the module was first measured, before anyone read its survivors)."""
    c = r["counts"]
    return (c.get("killed", 0) + c.get("timeout", 0)) / r["mutants"] if r["mutants"] else 1.0


def write_doc(results: dict) -> None:
    """docs/mutation-testing.md: the per-module table of the last measured run, then every survivor."""
    measured = [n for n in MODULES if "counts" in results.get(n, {})]
    rows = [score_row(n, results[n]) for n in measured]
    table = ["| module | mutants | killed | timed out | survived | equivalent | score before | score after "
             "| run time |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        table.append(f"| {r['name']} | {r['mutants']} | {r['killed']} | {r['timeout']} | {r['survived']} | "
                     f"{r['equivalent']} | {'not measured' if r['before'] is None else format(r['before'], '.1%')} | "
                     f"{r['score']:.1%} | "
                     f"{r['seconds'] // 60} min {r['seconds'] % 60} s |")
    left = [n for n in MODULES if n not in measured]
    total = sum(r["seconds"] for r in rows)
    lines = (DOC.read_text(encoding="utf-8").split("<!-- table -->")[0] if DOC.exists() else "# Mutation testing\n\n")
    lines += "<!-- table -->\n" + "\n".join(table) + "\n\n"
    lines += (f"Run time of the modules above, one after the other on the 2-core machine: {total // 60} min "
              f"{total % 60} s.\n")
    if left:
        lines += f"Not measured yet: {', '.join(left)}.\n"
    for n in measured:
        if results[n].get("rechecked"):
            names = ", ".join(f"`{k.rsplit('.', 1)[-1]}`" for k in results[n]["rechecked"])
            lines += (f"\n{n}: {len(results[n]['rechecked'])} survivors of the run are counted as killed: a test "
                      f"written after the run fails on each (`python tools/mutate.py --recheck`): {names}.\n")
    lines += "\n## Mutants left alive\n\n"
    alive = [(n, k, s) for n in measured for k, s in results[n]["survivors"].items()]
    if not alive:
        lines += "None.\n"
    for n, k, s in alive:
        why = EQUIVALENT.get(k, "not explained yet: a test should kill it")
        lines += f"- `{k}` ({n}, {s['status']}): {why}\n"
    DOC.write_text(lines, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="*", help=f"module names or prefixes (default: all): {', '.join(MODULES)}")
    ap.add_argument("--docs", action="store_true", help="only rewrite the docs from the saved results")
    ap.add_argument("--before", action="store_true",
                    help="measure the score before: without the modules' own killer tests (kept as 'before')")
    ap.add_argument("--recheck", action="store_true",
                    help="run each survivor of the last run again against the current tests (no new run)")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("MUTATE_JOBS", "1")),
                    help="mutmut workers (default 1, or MUTATE_JOBS: the machine is shared)")
    args = ap.parse_args(argv)
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    names = [n for n in MODULES if not args.modules or any(n.startswith(m) for m in args.modules)]
    if args.modules and not names:
        ap.error(f"no module named {args.modules}; known: {', '.join(MODULES)}")
    for name in [] if args.docs or not args.recheck else [n for n in names if "counts" in results.get(n, {})]:
        killed = recheck(name, results[name])
        print(f"mutate: {name}: {len(killed)} survivors now killed: {', '.join(killed) or 'none'}", flush=True)
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in [] if args.docs or not args.before else names:
        print(f"mutate: {name} ({MODULES[name][0]}), before its killer tests ...", flush=True)
        r = measure(name, max(args.jobs, 1), own_killers=False)
        results.setdefault(name, {})["before"] = _raw_score(r)
        print(f"  before: {_raw_score(r):.1%} of {r['mutants']} mutants, {r['seconds']} s", flush=True)
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name in [] if args.docs or args.before or args.recheck else names:
        print(f"mutate: {name} ({MODULES[name][0]}) ...", flush=True)
        previous = results.get(name)
        results[name] = measure(name, max(args.jobs, 1))
        results[name]["before"] = _before(name, previous, results[name])
        r = score_row(name, results[name])
        print(f"  {r['mutants']} mutants, {r['killed']} killed, {r['timeout']} timed out, {r['survived']} survived"
              f" ({r['score']:.1%}), {r['seconds']} s", flush=True)
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        write_doc(results)
    write_doc(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
