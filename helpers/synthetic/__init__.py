"""Synthetic releases: a seed and a scale in, a release folder out (a stand-in, never evidence).

- `sample`: the October 2018 release (IRA + Iran) with the statistics others published
  (`sample_calibration.yaml`, `sample_vocabulary.yaml`), marked synthetic.
- `plant`: the modelled coordination planted into the sample (re-timing tweets that share an object).
- `archive`: a release of any catalog datasets in their disclosures' file names and format, from a few tweets
  to the whole archive (`--ops all`), written chunk by chunk; `archive_rows` draws its values (vectorised).

Writes the same files, names, columns and quirks as Twitter's; `helpers.data` reads them like real ones.
Uses only `helpers.data` (schema, catalog) and `helpers.paths`.
"""
