"""Metrics: pure functions from frames (as `helpers.data.load` returns them) to small tidy tables.

In: pandas frames of tweets and users (one `op` column), or the out-of-core engine
(`helpers.data.engine.Engine`, its views over the cache) in place of the tweets frame: the counting then
runs in DuckDB and the same small table comes back. Out: small tidy tables, one row per operation
and item. One definition per concept, shared by the figures, the prose and the scorecard
(`helpers.claims`): for example the retweet share is `core.retweet_share` everywhere. Every table has an
`op` column and works for any number of operations. The cross-operation fingerprint (`fingerprint`,
its SQL in `fingerprint_sql`) takes a DuckDB connection with views over the cache instead of frames, so
that 48 operations never become pandas rows; `resemblance` clusters its standardised features. No
function here reads files, draws or words a number (that is `helpers.present`).
"""
