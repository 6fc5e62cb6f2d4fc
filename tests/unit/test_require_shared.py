"""Tests that need `../shared` (outside the repository) go through conftest.require_shared: outside CI they
skip and say what they check; with TROLLTRACKER_REQUIRE_SHARED=1 (set by `make test` under CI=true, which
.ci/run runs) they fail instead, so a CI run cannot pass with them silently skipped (issue 17)."""

from __future__ import annotations

import pytest
from conftest import require_shared


def test_a_present_path_is_returned(tmp_path):
    assert require_shared(tmp_path, "anything") == tmp_path


def test_a_missing_path_skips_saying_why_outside_ci(tmp_path, monkeypatch):
    monkeypatch.delenv("TROLLTRACKER_REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception) as e:
        require_shared(tmp_path / "fixtures", "real rows are compared")
    assert str(e.value).startswith(f"{tmp_path / 'fixtures'} not found: real rows are compared. It lives beside "
                                   "the repository (`../shared`)")


def test_a_missing_path_fails_where_it_is_required(tmp_path, monkeypatch):
    monkeypatch.setenv("TROLLTRACKER_REQUIRE_SHARED", "1")
    with pytest.raises(pytest.fail.Exception) as e:
        require_shared(tmp_path / "fixtures", "real rows are compared")
    assert str(e.value).startswith("required here (TROLLTRACKER_REQUIRE_SHARED=1, set under CI): ")
    assert "real rows are compared" in str(e.value)


def test_make_test_requires_shared_under_ci():
    """The Makefile's test target sets the variable from CI, which .ci/run's environment has."""
    from helpers.paths import ROOT
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "TROLLTRACKER_REQUIRE_SHARED=$(if $(CI),1,0)" in makefile
    assert "$(BROWSER_ENV) $(BIN)/python -m pytest\n" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
