"""The reproduction scorecard: each published claim about the October 2018 release, recomputed.

- `spec`: the claims file (`helpers/claims/claims.yaml`), read and checked -> `Claim`, `Tolerance`.
- `registry`: the metrics a claim can name (`METRICS`: name -> `Metric`, calling the shared
  `helpers.metrics` functions, whose dotted names are taken from the function objects) and the `Frames`
  they read.
- `evaluation`: `evaluate()`, one row per claim: published, expected, computed, difference, status, reason.
- `presentation`: the table readers see, counts per section and status, the statement, the JSON export.

The names below are the package's public ones, importable as `helpers.claims.scorecard.<name>`.
"""

from helpers.claims.scorecard.evaluation import (
    CANNOT,
    DIFFERS,
    KNOWN_DISCREPANCY,
    MATCHES,
    STATUSES,
    SYNTHETIC_STATUS,
    base_status,
    evaluate,
    sample_scale,
    why_not,
)
from helpers.claims.scorecard.presentation import (
    data_record,
    difference_in_unit,
    export,
    file_versions,
    headline,
    html_view,
    in_unit,
    present,
    records,
    shown_tags,
    statement,
    summary,
    verdict,
)
from helpers.claims.scorecard.registry import (
    CLAIM_TWEET_COLUMNS,
    CLAIM_USER_COLUMNS,
    COUNT_NOUNS,
    METRICS,
    Frames,
    Metric,
    NotComputable,
)
from helpers.claims.scorecard.spec import (
    CLAIMS_FILE,
    COMPARES,
    OPTIONAL_FIELDS,
    REQUIRED_FIELDS,
    Claim,
    ClaimError,
    Tolerance,
    load_claims,
    read_claims_file,
    sources,
)

__all__ = ["CANNOT", "CLAIMS_FILE", "COUNT_NOUNS", "COMPARES", "DIFFERS", "KNOWN_DISCREPANCY", "MATCHES", "METRICS",
           "OPTIONAL_FIELDS", "REQUIRED_FIELDS", "STATUSES", "SYNTHETIC_STATUS", "CLAIM_TWEET_COLUMNS",
           "CLAIM_USER_COLUMNS",
           "Claim", "ClaimError", "Frames", "Metric", "NotComputable", "Tolerance", "base_status", "data_record",
           "evaluate", "export", "file_versions", "difference_in_unit", "html_view", "in_unit", "verdict",
           "headline", "load_claims", "present", "read_claims_file", "records", "sample_scale", "shown_tags",
           "sources", "statement", "summary", "why_not"]
