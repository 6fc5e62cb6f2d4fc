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


# --- the 14 survivors of the first measurement (docs/mutation-testing.md) ------------------------------------


def test_html_table_unnamed_multiindex_takes_the_columns_name_in_its_first_header():
    """An unnamed index under a named column axis: the axis name heads the first index column, the other
    index columns get empty headers; a tuple key gives one header cell per level, float keys go through
    the float format."""
    frame = pd.DataFrame({"v": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 0.123456), ("b", 1234.5)]))
    frame.columns.name = "op"
    assert reports.html_table(frame, index=True) == (
        '<table class="data-table"><thead><tr><th scope="col">operation</th><th scope="col"></th>'
        '<th scope="col" class="num">v</th></tr></thead><tbody>'
        '<tr><th scope="row">a</th><th scope="row">0.123</th><td class="num">1</td></tr>'
        '<tr><th scope="row">b</th><th scope="row">1,234</th><td class="num">2</td></tr></tbody></table>')


def test_html_table_unnamed_index_and_unnamed_columns_get_an_empty_header():
    frame = pd.DataFrame({"v": ["x"]})
    assert reports.html_table(frame, index=True).startswith(
        '<table class="data-table"><thead><tr><th scope="col"></th><th scope="col">v</th></tr>')


def test_html_table_numbers_are_right_aligned_whatever_the_float_format_prints():
    """A column of numbers is numeric by its values, not by the text its float format makes."""
    frame = pd.DataFrame({"s": [1.5, 2.0]})
    assert reports.html_table(frame, float_format=lambda x: f"{x:.1f} s") == (
        '<table class="data-table"><thead><tr><th scope="col" class="num">s</th></tr></thead><tbody>'
        '<tr><td class="num">1.5 s</td></tr><tr><td class="num">2.0 s</td></tr></tbody></table>')


def test_html_table_marks_cells_with_a_long_unbroken_token():
    token = "a" * 40
    frame = pd.DataFrame({"t": [token, "a" * 39]})
    assert reports.html_table(frame) == (
        '<table class="data-table"><thead><tr><th scope="col">t</th></tr></thead><tbody>'
        f'<tr><td class="long">{token}</td></tr><tr><td>{"a" * 39}</td></tr></tbody></table>')
