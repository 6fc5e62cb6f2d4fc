"""The release catalog: every dataset loads, with a valid time zone and the published totals."""

from __future__ import annotations

import zoneinfo

from helpers.data import catalog


def test_catalog_has_the_48_datasets_of_12_disclosures():
    ds = catalog.datasets()
    assert len(ds) == 48
    assert len({d.key for d in ds}) == 48
    assert len({d.release_month for d in ds}) == 12
    assert sum(d.accounts for d in ds) == 89_083
    assert sum(d.tweets for d in ds if d.tweets is not None) == 217_433_571
    assert sum(1 for d in ds if d.tweets is None) == 2


def test_every_dataset_has_a_real_time_zone_and_a_label():
    for d in catalog.datasets():
        assert zoneinfo.ZoneInfo(d.home_time_zone), d.key
        assert d.label and d.attributed_to and d.source, d.key
        assert all(lang == lang.lower() and 2 <= len(lang) <= 3 for lang in d.main_languages), d.key


def test_lookup_by_key_and_by_file_stem_case_insensitively():
    assert catalog.lookup("ira").home_time_zone == "Europe/Moscow"
    assert catalog.lookup("iranian").main_languages == ("fr", "en", "ar", "tr", "fa", "es")
    assert catalog.lookup("russian_linked").key == "russia_201901_1"
    assert catalog.lookup("032020").key == "ghana_nigeria_032020"
    assert catalog.lookup("gru_202012").key == "GRU_202012"
    assert catalog.lookup("ecuador_082019").key == "ecuador_082019_1"
    assert catalog.lookup("ecuador_082019_1").key == "ecuador_082019_1"
    assert catalog.lookup("no_such_operation") is None


def test_disclosure_order_puts_unknown_operations_last():
    assert catalog.disclosure_order(["zz_unknown", "mx_0621", "iranian", "ira", "iran_201901_1"]) == [
        "ira", "iranian", "iran_201901_1", "mx_0621", "zz_unknown"]
