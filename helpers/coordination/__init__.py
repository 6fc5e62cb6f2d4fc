"""Coordination and amplification across the operations of a release (notebook 10, issue 15).

In: the typed cache (`helpers.data`). Out: account pairs, networks, calibration and amplification tables
and the files written beside them. Sits beside `helpers.metrics` in the flow.

Modules, each small, in the order data flows through them:

- `events`: the cache -> one table of "actions on a shared object" per network type (co-retweet,
  co-tweet, co-link, co-hashtag, co-reply), with integer codes for accounts and objects.
- `popular`: events + a cap (only when the user sets `coordination_max_accounts`) -> the events of objects
  no more crowded than the cap within a window, and what was left out, counted.
- `pairs`: events + a time window -> account pairs that did the same thing within the window
  (a windowed self-join in DuckDB), with the toolkit-compatible directed weights and our undirected ones.
- `null`: events + pairs -> a calibration against timelines shifted at random (many draws): pairs and
  coordinated accounts against the null distribution, and per pair a p-value with FDR control and the
  shuffled copies' false discovery rate of its weight.
- `groups`: kept pairs -> igraph networks, components, Leiden communities, GraphML / CSV edge lists.
- `amplification`: retweets, replies and mentions -> self-amplification shares and top targets.
- `run`: all of the above for every network type -> `Result`: kept pairs, calibration, groups, the evidence
  CSV (the tweets behind each pair), coverage per operation, the window sweep and the manifest's record.
- `report`: a `Result` -> the tables, sentences and files notebook 10 shows and writes.
- `peer`: the same pairs by coordination-network-toolkit's definitions, for the tests that compare them.

The synthetic sample's modelled coordination lives in `helpers.synthetic.plant`.
"""

NETWORKS = ("co_retweet", "co_tweet", "co_link", "co_hashtag", "co_reply")
