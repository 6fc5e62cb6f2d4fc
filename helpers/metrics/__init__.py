"""Metrics: pure functions from frames (as `helpers.load` returns them) to small tidy tables.

One definition per concept, shared by the figures, the prose and the scorecard (`helpers.claims`):
for example the retweet share is `core.retweet_share` everywhere. Every table has an `op` column and
works for any number of operations. No function here reads files or draws.
"""
