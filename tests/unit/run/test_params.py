"""Parameters: defaults typed, bad values refused before any work, naming the parameter."""

import datetime as dt

import pytest
import yaml

from helpers.errors import ParameterError
from helpers.run import params


def test_defaults_are_typed():
    p = params.from_file()
    assert p.start is None and p.end is None and not p.windowed  # no default may hide rows
    assert isinstance(p.ops, list) and p.languages == []      # empty: each operation's own languages
    assert p.op_labels == {} and p.time_zones == {}            # the release catalog, unless overridden
    assert isinstance(p.case_studies[0].focus[0], dt.date)
    assert p.top_n >= 1


def test_yaml_file_overrides_only_what_it_sets(tmp_path):
    f = tmp_path / "my.yaml"
    f.write_text("start: 2016-01-01\nend: 2016-12-31\nops: [iranian]\nlanguages: [en, fa]\n")
    p = params.from_file(f)
    assert (p.start, p.end) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert p.ops == ["iranian"] and p.languages == ["en", "fa"]
    assert p.top_n == params.from_file().top_n  # untouched keys keep the default


@pytest.mark.parametrize("text, names", [
    ("top_m: 5\n", ["top_m", "top_n"]),                     # misspelled: suggests the right name
    ("start: 2018-01-01\nend: 2017-01-01\n", ["end", "start"]),
    ("top_n: 0\n", ["top_n"]),
    ("ops: ira\n", ["ops"]),                                 # a string where a list is expected
    ("figure_formats: [png, gif]\n", ["figure_formats", "gif"]),
    ("time_zones: {ira: Mars/Olympus}\n", ["time_zones", "Mars/Olympus"]),
    ("start: yesterday\n", ["start"]),
    ("shown_max: 0\n", ["shown_max"]),
    ("shown_ops: [ira, ira]\n", ["shown_ops", "twice"]),
    ("ops: [ira, iranian]\nshown_ops: [gru_202012]\n", ["shown_ops", "gru_202012", "ops"]),
    ("case_studies: [{name: x, op: ira, start: 2014-07-10, end: 2014-07-01}]\n", ["case_studies[0]"]),
    ("geopolitical_terms: Russia\n", ["geopolitical_terms"]),                     # neither mapping nor list
    ("geopolitical_terms: {Russia: [Russia, '']}\n", ["geopolitical_terms", "Russia"]),  # matches every text
    ("geopolitical_terms: {Russia: ['*']}\n", ["geopolitical_terms", "Russia"]),
    ("geopolitical_terms: {Russia: []}\n", ["geopolitical_terms", "Russia"]),
])
def test_bad_parameters_fail_naming_the_parameter(tmp_path, text, names):
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    with pytest.raises(ParameterError) as err:
        params.from_file(f)
    for name in names:
        assert name in str(err.value)


def test_missing_parameters_file_is_a_clear_error(tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        params.from_file(tmp_path / "nope.yaml")


def test_notebook_parameters_round_trip_through_the_papermill_translator():
    """What the runner injects (dates as datetime.date, lists as lists) evaluates back to the same values."""
    from helpers.run.kernel import DateTranslator
    p = params.from_file()
    injected = {k: DateTranslator.translate(v) for k, v in p.as_notebook_parameters().items()}
    namespace = {k: eval(v, {"datetime": dt}) for k, v in injected.items()}
    assert params.from_namespace(namespace) == p
    assert injected["start"] == "None"
    windowed = params.from_file(start="2016-01-01", end="2016-12-31")
    injected = {k: DateTranslator.translate(v) for k, v in windowed.as_notebook_parameters().items()}
    assert "datetime.date(" in injected["start"]
    namespace = {k: eval(v, {"datetime": dt}) for k, v in injected.items()}
    assert params.from_namespace(namespace) == windowed


@pytest.mark.parametrize("text, start, end", [
    ("start:\nend:\n", None, None),
    ('start: ""\nend: 2016-12-31\n', None, dt.date(2016, 12, 31)),
    ("start: 2016-01-01\n", dt.date(2016, 1, 1), None),
])
def test_an_empty_start_or_end_leaves_that_side_open(tmp_path, text, start, end):
    f = tmp_path / "window.yaml"
    f.write_text(text)
    p = params.from_file(f)
    assert (p.start, p.end, p.windowed) == (start, end, start is not None or end is not None)


def test_excludes_only_days_wholly_outside_the_window():
    p = params.from_file(start="2016-01-01", end="2016-12-31")
    assert p.excludes(dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    assert p.excludes(dt.date(2017, 1, 1), dt.date(2017, 1, 2))
    assert not p.excludes(dt.date(2015, 12, 31), dt.date(2016, 1, 1))
    assert not params.from_file().excludes(dt.date(1990, 1, 1), dt.date(1990, 1, 2))


def test_default_yaml_has_exactly_the_known_parameters():
    raw = yaml.safe_load(params.DEFAULTS_FILE.read_text())
    assert set(raw) == set(params.NAMES)


def test_geopolitical_terms_map_concepts_to_forms(tmp_path):
    f = tmp_path / "terms.yaml"
    f.write_text("geopolitical_terms: {Russia: [Russia, Россия, России], Iran: ایران}\n", encoding="utf-8")
    assert params.from_file(f).geopolitical_terms == {"Russia": ["Russia", "Россия", "России"], "Iran": ["ایران"]}
    f.write_text("geopolitical_terms: [Saudi, Iran]\n")  # a list: each term a concept of one form
    assert params.from_file(f).geopolitical_terms == {"Saudi": ["Saudi"], "Iran": ["Iran"]}


def test_default_geopolitical_terms_cover_the_operations_scripts():
    forms = [f for fs in params.from_file().geopolitical_terms.values() for f in fs]
    scripts = {"Cyrillic": "\u0400", "Arabic": "\u0600"}
    for concept, its_forms in params.from_file().geopolitical_terms.items():  # every concept, in both scripts
        for name, first in scripts.items():
            assert any(first <= ch <= chr(ord(first) + 0xFF) for f in its_forms for ch in f), (concept, name)
    for form in ("Россия", "России", "Россию", "ایران", "السعودية", "Arabie saoudite", "Arabia Saudí", "Rusya", "США"):
        assert form in forms, form
