"""`make bench`: the full-scale benchmark harness (see benchmarks/run.py and BENCHMARKS.md)."""
