"""Presentation: tidy tables in; figures, words, HTML reports and exports out.

- `plots`: matplotlib figures in one house style (`plots.style`), drawn from tables, never computing.
- `prose`: numbers, lists and comparisons in words; text made safe for Markdown and HTML.
- `references`: the checked citations (`references.yaml`) and the References block of a page.
- `reports`: executed notebooks -> sanitised HTML pages (offline nbconvert template in `templates/`) and
  the landing page `reports/index.html`, with the figure index `figures/index.json`.
- `exports`: CSV (formula-safe) and JSON for other tools.
- `browser`: the reports opened offline in Chromium, checked and screenshotted.

In: tables from `helpers.metrics` / `helpers.coordination`, and catalog labels from `helpers.data`.
Out: files under figures/ and reports/. Never reads the raw release.
"""
