"""helpers.present.reports tables: exact output of the cell formatting that mutation testing showed no other test
pinned down (docs/mutation-testing.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.present import reports


def test_default_float_three_digits_below_1000_separators_above_never_exponents():
    got = [reports.default_float(x) for x in [float("inf"), float("nan"), -float("inf"), 999.4, 1234.5,
                                              -1500.0, 0.012345, 1000.0]]
    assert got == ["n/a", "n/a", "n/a", "999", "1,234", "-1,500", "0.0123", "1,000"]
    # just below 1,000, three significant digits round up to 1,000: a whole number, not '1e+03'
    assert [reports.default_float(x) for x in (999.9, -999.9, 999.5)] == ["1,000", "-1,000", "1,000"]


def test_html_table_cells_exactly():
    frame = pd.DataFrame({("n", "a"): [1, 2], ("ok", ""): [True, np.bool_(False)],
                          ("x", "y"): [np.float32(0.5), None], ("l", ""): [["a", "b"], ("c",)]})
    assert reports.html_table(frame) == (
        '<table class="data-table"><thead><tr><th scope="col" class="num">n / a</th><th scope="col">ok</th>'
        '<th scope="col" class="num">x / y</th><th scope="col">l</th></tr></thead><tbody><tr>'
        '<td class="num">1</td><td>yes</td><td class="num">0.5</td><td>a, b</td></tr><tr><td class="num">2</td>'
        '<td>no</td><td class="num">\u2013</td><td>c</td></tr></tbody></table>')


def test_html_table_index_and_missing_key():
    frame = pd.DataFrame({"v": [1.5, 2.25]}, index=pd.Index(["p", None], name="k"))
    assert reports.html_table(frame, index=True, na_rep="-") == (
        '<table class="data-table"><thead><tr><th scope="col">k</th><th scope="col" class="num">v</th></tr>'
        '</thead><tbody><tr><th scope="row">p</th><td class="num">1.5</td></tr><tr><th scope="row">-</th>'
        '<td class="num">2.25</td></tr></tbody></table>')


def test_clean_html_drops_comments_and_reads_bytes_as_text():
    assert reports.clean_html("<!-- <script>x</script> -->a<!--[if IE]>b<![endif]-->") == "a"
    assert reports.clean_html(b"<b>x</b> \xc3\xa9".decode("latin-1").encode("latin-1")) == "<b>x</b> \u00e9"
