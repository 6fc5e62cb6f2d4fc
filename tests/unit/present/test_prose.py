"""helpers.present.prose: data never becomes markup (Markdown, HTML, mathtext); numbers and comparisons in words."""

from __future__ import annotations

import datetime as dt
import html as std_html
import re

import numpy as np
import pandas as pd
import pytest

from helpers.present import prose

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    "*bold* _it_ __b__ **b** [link](http://evil.example) ![img](http://evil.example/x.png)",
    "$x^2$ and $$\\int$$ cost $5",
    "# heading", "1. item", "- item", "+ item", "> quote", "| a | b |", "`code`", "~~strike~~",
    "<http://auto.example>", "www.evil.example", "a\\*b", "\\<b\\>", "tail backslash \\",
    "&lt;b&gt; &amp; &#60;", "line\nbreak\r\nand more",
    "a\u202eb", "zero\u200bwidth\u200c\u200d\u2060\ufeffend", "\u2066isolate\u2069", "\u061carabic mark",
    "Путин, ترامپ, 特朗普 and emoji 🇺🇸",
]


def visible(text: str) -> str:
    """What the reader must see: the text itself, invisible characters as <U+XXXX>, line breaks as spaces."""
    text = re.sub("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]",
                  lambda m: f"<U+{ord(m.group()):04X}>", text)
    return text.replace("\r", " ").replace("\n", " ")


@pytest.mark.parametrize("text", HOSTILE)
def test_md_renders_as_the_literal_text(text):
    mistune = pytest.importorskip("mistune")  # the Markdown renderer nbconvert uses
    rendered = mistune.html(prose.md(text)).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner and ">" not in inner  # no element of any kind: no script, img, em, a, code
    assert std_html.unescape(inner) == visible(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_md_leaves_nothing_for_mathjax_or_line_structure(text):
    out = prose.md(text)
    assert "\n" not in out and "\r" not in out
    assert re.search(r"(?<!\\)\$", out) is None  # every $ escaped: MathJax sees no math
    assert "\u202e" not in out and "\u200b" not in out


def test_md_makes_bidi_and_zero_width_characters_visible():
    assert prose.md("abc\u202edef") == "abc&lt;U\\+202E&gt;def"
    assert "&lt;U\\+200B&gt;" in prose.md("a\u200bb")


@pytest.mark.parametrize("text", HOSTILE)
def test_html_is_literal_text(text):
    out = prose.html(text)
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    assert std_html.unescape(out).replace("\r", " ").replace("\n", " ") == visible(text)


def test_html_escapes_attribute_breakers():
    assert prose.html('" onmouseover="x') == "&quot; onmouseover=&quot;x"
    assert prose.html("\u202e") == "&lt;U+202E&gt;"


def test_safe_text_for_figure_labels():
    assert prose.safe_text("$x$ costs $5") == r"\$x\$ costs \$5"
    assert prose.safe_text("a\u202eb") == "a<U+202E>b"
    assert prose.safe_text("bell\x07tab\t") == "bell<U+0007>tab "  # controls never reach the figure
    assert prose.safe_text(2016) == "2016"


@pytest.mark.parametrize("value, text", [
    (12345, "12,345"), (0, "0"), (np.int64(9_041_308), "9,041,308"), (1234.6, "1,235"),
    (None, "n/a"), (float("nan"), "n/a"), (np.float32("nan"), "n/a"), (pd.NA, "n/a"), (pd.NaT, "n/a"),
    (float("inf"), "n/a"),
])
def test_count(value, text):
    assert prose.count(value) == text


@pytest.mark.parametrize("value, digits, text", [
    (0.369, 1, "36.9%"), (1, 1, "100.0%"), (0, 0, "0%"), (0.00123, 2, "0.12%"), (np.float64(0.5), 1, "50.0%"),
    (None, 1, "n/a"), (float("nan"), 1, "n/a"), (pd.NA, 1, "n/a"), (np.float32("nan"), 1, "n/a"),
    (0.0004, 1, "<0.1%"), (0.00004, 2, "<0.01%"), (0.001, 0, "<1%"), (0.0005, 1, "0.1%"),
    (0.9996, 1, ">99.9%"), (0.996, 0, ">99%"), (0.999, 1, "99.9%"), (0.0, 1, "0.0%"),
])
def test_pct(value, digits, text):
    assert prose.pct(value, digits) == text


def test_ratio():
    assert prose.ratio(12.345) == "12.3\u00d7"
    assert prose.ratio(12.5, 0) == "12\u00d7"
    assert prose.ratio(float("inf")) == "n/a" and prose.ratio(pd.NA) == "n/a" and prose.ratio(None) == "n/a"


def test_listing():
    assert prose.listing([]) == "none"
    assert prose.listing(["a"]) == "a"
    assert prose.listing(["a", "b"]) == "a and b"
    assert prose.listing(["a", "b", "c"], "or") == "a, b or c"


@pytest.mark.parametrize("a, b, word", [
    (5, 3, "more"), (3, 5, "fewer"), (4, 4, "as many"),
    (0.1 + 0.2, 0.3, "as many"),                      # equal up to floating-point rounding
    (np.float32(0.5), 0.5, "as many"), (np.int64(7), 7.0, "as many"), (0.30001, 0.3, "more"),
    (pd.Timestamp("2014-07-01"), pd.Timestamp("2016-06-01"), "fewer"),
    (dt.date(2017, 1, 1), dt.date(2016, 1, 1), "more"),
    (None, 1, "not comparable"), (1, float("nan"), "not comparable"), (pd.NA, 1, "not comparable"),
    (pd.NaT, pd.Timestamp("2016-01-01"), "not comparable"), (pd.Timestamp("2016-01-01"), pd.NaT, "not comparable"),
])
def test_compare_picks_the_word_from_the_data(a, b, word):
    assert prose.compare(a, b) == word


def test_compare_uses_the_callers_words():
    first, second = pd.Timestamp("2014-07-01"), pd.Timestamp("2016-06-01")
    assert prose.compare(first, second, "after", "before", "together with") == "before"
    assert prose.compare(second, first, "after", "before", "together with") == "after"
    assert prose.compare(first, first, "after", "before", "together with") == "together with"


def test_present_formats_a_copy():
    frame = pd.DataFrame({
        "share": [0.5, np.nan], "n": pd.array([1234567, pd.NA], dtype="Int64"),
        "day": [pd.Timestamp("2016-06-23 10:00", tz="UTC"), pd.NaT], "other": ["x", "y"],
    })
    out = prose.present(frame, shares=["share"], counts=["n"], dates=["day"], rename={"n": "tweets"})
    assert out.to_dict("list") == {"share": ["50.0%", "n/a"], "tweets": ["1,234,567", "n/a"],
                                   "day": ["2016-06-23", "n/a"], "other": ["x", "y"]}
    assert frame["share"].iloc[0] == 0.5  # the input is left alone


def test_plural_agrees_with_the_number():
    assert prose.plural(1, "account") == "1 account"
    assert prose.plural(3667, "account") == "3,667 accounts"
    assert prose.plural(0, "tweet") == "0 tweets"
    assert prose.plural(2, "quantity", "quantities") == "2 quantities"
    assert prose.plural(float("nan"), "account") == "n/a accounts"


def test_the_synthetic_notes_say_whether_the_data_is_calibrated():
    """The sample is calibrated to published counts; the synthetic archive is not, and must not say so."""
    sample, archive = {"generator": "helpers.synthetic.sample"}, {"generator": "helpers.synthetic.archive"}
    assert "calibrated to published counts" in prose.synthetic_figure_note(sample)
    assert "calibrated to published counts" in prose.synthetic_figure_note(None)
    assert "not calibrated" in prose.synthetic_figure_note(archive)
    assert "not calibrated" in prose.synthetic_statement(archive)
    assert "calibrated to published counts" in prose.synthetic_statement(sample)
