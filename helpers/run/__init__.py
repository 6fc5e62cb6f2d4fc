"""Running the analysis: parameters in, executed notebooks and reports out.

- `params`: `params/*.yaml` read and checked (typed values, clear errors).
- `kernel`: the notebooks' kernel name and how parameter values are written into a notebook.
- `notebook`: the session a notebook opens (parameters, loaded release, figures with their records).
- `pipeline`: `make reproduce`: make the sample if needed, ingest, run every notebook with papermill,
  render the reports.
- `nbsync`: keep the notebooks output-free and their parameters cells equal to `params/default.yaml`.

The top of the flow: it may import every other package; nothing imports it.
"""
