"""Claims: published numbers set beside the numbers this run computes with the same metric functions.

In: `claims.yaml` (every published number on these files, with its source tag) and the frames of
`helpers.data.load`. Out: the scorecard table (matches, differs, cannot be computed, and why;
`scorecard`) and the comparison summary of DFRLab's seven take-aways with the indicators that test them
(`takeaways`). Uses `helpers.metrics` for every value and `helpers.present` (prose, references) to word
them; nothing below imports this package.
"""
