"""HTML reports: executed notebooks -> one offline HTML page each, and `reports/index.html`.

Readers open these pages from disk, without a network: no page loads anything or holds a script.

- `sanitize`: `clean_html`, the allowlist sanitizer every Markdown cell and HTML output passes through.
- `tables`: `html_table`, a table as escaped HTML (numbers right-aligned).
- `pages`: `render_notebook`, one executed notebook -> one page (offline nbconvert template in
  `helpers/present/templates/offline`), its table of contents, navigation and References block.
- `landing`: `write_index`, the landing page (`helpers/present/templates/landing.html.j2`), and
  `write_figure_index`, figures/index.json.
- `methods`: `write_methods`, the methods and limitations page every page links to, and how to cite a run.

The names below are the package's public ones, importable as `helpers.present.reports.<name>`.
"""

from helpers.present.reports.landing import loaded_ops, release_heading, write_figure_index, write_index
from helpers.present.reports.methods import METHODS_PAGE, citation, git_commit, write_methods
from helpers.present.reports.pages import (
    CSS_FILE,
    TEMPLATES,
    _rel,
    _shown_text,
    copy_figure_files,
    exporter,
    figure_records,
    figures_in,
    link_tables,
    nav_html,
    notebook_question,
    notebook_title,
    relink,
    render_notebook,
)
from helpers.present.reports.sanitize import ALLOWED_PROTOCOLS, ALLOWED_TAGS, clean_html
from helpers.present.reports.tables import default_float, html_table

__all__ = ["ALLOWED_PROTOCOLS", "ALLOWED_TAGS", "CSS_FILE", "METHODS_PAGE", "TEMPLATES", "_rel", "_shown_text",
           "citation", "clean_html", "copy_figure_files", "default_float", "exporter", "git_commit", "link_tables",
           "nav_html", "write_methods", "figure_records", "figures_in", "html_table", "loaded_ops",
           "notebook_question", "notebook_title", "release_heading", "relink", "render_notebook",
           "write_figure_index", "write_index"]
