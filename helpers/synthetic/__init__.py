"""Synthetic releases: a seed and a scale in, a release folder out (a stand-in, never evidence).

- `sample`: the October 2018 release (IRA + Iran) with the statistics others published
  (`sample_calibration.yaml`, `sample_vocabulary.yaml`), marked synthetic.
- `plant`: the modelled coordination planted into the sample (re-timing tweets that share an object).
- `archive`: a small release of any catalog dataset in its disclosure's file names and format.

Writes the same files, names, columns and quirks as Twitter's; `helpers.data` reads them like real ones.
Uses only `helpers.data` (schema, catalog) and `helpers.paths`.
"""
