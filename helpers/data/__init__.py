"""Data: from the raw files of a release folder to the columns and rows a notebook asks for.

In: a release folder (any of the archive's 48 datasets, plain `.csv`, `.csv.gz` or `.zip`, parts,
per-year files; never modified). Out: a typed Parquet cache per operation and table with a
`manifest.json` (sizes, SHA-256, rows read = cached + quarantined, damaged fields), and pandas frames
with only the columns and dates asked for.

- `catalog` (+ `catalog.csv`), `versions`: the archive's datasets and the versions of them published.
- `operations`: an operation's name (`op`), label and order.
- `release`: release discovery (names, parts, per-year files).
- `sources`: a file's bytes as one stream (plain, gz, zip member), hashed and counted as it is read.
- `schema`, `fields`: the columns and their types; typing a batch, recording damaged fields.
- `ingest/`: raw files -> cache + manifest, with quarantine and damaged-fields files (`safecsv`): header,
  fast and exact parsers, one file's outputs and its all-or-nothing write, the cache and its manifest.
- `load`: the cache -> frames (only the columns and rows asked for).
- `engine`: the cache -> DuckDB views (the run's operations and date window applied once) that the
  metrics count in, out of core: small tables come back, never a row per tweet.

Imports only `helpers.paths`, `helpers.errors` and `helpers.files` from outside this package.
"""
