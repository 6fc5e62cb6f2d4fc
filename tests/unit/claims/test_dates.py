"""Tests of helpers/claims/dates.py: the one parser of a date a person wrote (parameters, claims)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.claims import scorecard
from helpers.claims.dates import parse_day
from helpers.errors import ParameterError, ProjectError
from helpers.run import params


@pytest.mark.parametrize("value", [dt.date(2016, 6, 23), dt.datetime(2016, 6, 23, 23, 59), "2016-06-23",
                                   " 2016-06-23\n"])
def test_a_day_in_any_of_its_written_forms(value):
    assert parse_day(value, "x") == dt.date(2016, 6, 23)


@pytest.mark.parametrize("value", ["23/06/2016", "2016-13-01", "", None, 20160623, 2016.5])
def test_anything_else_is_refused_naming_where_it_came_from(value):
    with pytest.raises(ParameterError, match=r"^parameter 'start': expected a date like 2016-01-01"):
        parse_day(value, "parameter 'start'", ParameterError)


def test_the_parameters_and_the_claims_use_it(tmp_path):
    with pytest.raises(ParameterError, match="parameter 'regeneration_cutoff': expected a date"):
        params.from_file(regeneration_cutoff="30 September 2017")
    assert params.IsoDate.of(dt.date(2014, 7, 16)).date == dt.date(2014, 7, 16)
    bad = tmp_path / "claims.yaml"
    bad.write_text("claims:\n  S:\n  - {id: t.one.ira, op: ira, metric: tweets_on_days, args: {start: 'July 16', "
                   "end: '2014-07-16'}, published: 1, printed: '1', compare: equal, tolerance: exact, claim: c, "
                   "source: [G], cite: here}\n", encoding="utf-8")
    with pytest.raises(scorecard.ClaimError, match="args.start: expected a date like"):
        scorecard.load_claims(bad)
    assert issubclass(scorecard.ClaimError, ProjectError)
