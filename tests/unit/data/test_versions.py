"""helpers.data.versions: each operation's rows next to every published count, and which version matches."""

from __future__ import annotations

from helpers.data import catalog, versions


def _manifest(rows: dict[tuple[str, str], int]) -> dict:
    """A crafted manifest: rows read per (op, table)."""
    return {"files": {f"{op}/{table}": {"op": op, "table": table, "rows_read": n, "rows_cached": n,
                                         "rows_quarantined": 0} for (op, table), n in rows.items()}}


def test_the_original_october_2018_files_are_recognised_and_the_jan_2020_copy_too():
    original = versions.release_rows(_manifest({("ira", "users"): 3836, ("ira", "tweets"): 9_041_308}), ["ira"])
    t = versions.compare(original)
    row = t[(t["version"] == "original October 2018 files") & (t["count"] == "tweets")].iloc[0]
    assert (row["published"], row["rows"], row["difference"], bool(row["matches"])) == (9_041_308, 9_041_308, 0, True)
    copy = t[(t["version"].str.startswith("catalog copy")) & (t["count"] == "accounts")].iloc[0]
    assert (copy["published"], copy["difference"], bool(copy["matches"])) == (3608, 228, False)
    assert t[t["version"] == "accounts announced by Twitter"]["difference"].tolist() == [-5]
    assert versions.verdict(t, "ira", "IRA").startswith("IRA follows the original October 2018 files")
    reissue = versions.compare(versions.release_rows(
        _manifest({("ira", "users"): 3608, ("ira", "tweets"): 8_768_633}), ["ira"]))
    assert versions.verdict(reissue, "ira").startswith("ira follows the catalog copy (simabasel")


def test_a_quarantined_row_still_counts_as_a_row_of_the_file_and_one_row_more_differs():
    m = _manifest({("iran_201901_1", "users"): 2311, ("iran_201901_1", "tweets"): 4_671_960})
    m["files"]["iran_201901_1/users"].update(rows_cached=2310, rows_quarantined=1)
    t = versions.compare(versions.release_rows(m, ["iran_201901_1"]))
    acc = t[t["count"] == "accounts"].set_index("version")
    assert acc.loc["catalog copy (users file rows)", "matches"] and acc.loc["accounts announced by Twitter",
                                                                            "difference"] == -9
    assert versions.verdict(t, "iran_201901_1") == (
        "iran_201901_1 matches none of the published counts (the differences are in the table).")


def test_synthetic_sample_compares_tweets_at_scale_and_accounts_as_they_are():
    m = _manifest({("ira", "users"): 3836, ("ira", "tweets"): 90_100, ("iranian", "users"): 770,
                   ("iranian", "tweets"): 11_229})
    t = versions.compare(versions.release_rows(m, ["ira", "iranian"]), scale=0.01)
    tw = t[(t["op"] == "ira") & (t["count"] == "tweets")].set_index("version")
    assert tw.loc["original October 2018 files", "expected"] == 90_413       # 1% of 9,041,308
    assert tw.loc["original October 2018 files", "matches"]                  # -313: within 1%
    assert not tw.loc[tw.index.str.startswith("catalog copy"), "matches"].any()  # 87,686: 2.7% away
    assert versions.verdict(t, "ira").startswith("ira follows the original October 2018 files")
    assert "0.01 x the published count" in versions.sample_note(0.01)


def test_unknown_operation_and_missing_users_file_are_said_plainly():
    rows = versions.release_rows(_manifest({("zz_new", "tweets"): 10, ("mx_0621", "tweets"): 19_277}),
                                 ["zz_new", "mx_0621"])
    assert rows["mx_0621"] == {"accounts": None, "tweets": 19_277}
    t = versions.compare(rows)
    assert t[t["op"] == "zz_new"]["version"].tolist() == ["not in the release catalog"]
    assert "not in the release catalog" in versions.verdict(t, "zz_new")
    mx = t[t["op"] == "mx_0621"].set_index("count")
    assert mx.loc["accounts", "rows"] is None or mx["rows"].isna()["accounts"]  # no users file: no match
    assert versions.verdict(t, "mx_0621", "Mexico").startswith("Mexico follows the published counts")


def test_every_version_file_entry_names_a_catalog_dataset_a_kind_and_a_source():
    for d in catalog.datasets():
        vs = versions.known_versions(d.op)
        assert vs[0].accounts == d.accounts and vs[0].tweets == d.tweets and vs[0].source == d.source
        assert all(v.kind in versions.KINDS and v.source and (v.accounts or v.tweets) for v in vs), d.key
    assert [v.accounts for v in versions.known_versions("cnhu_0621")] == [2048, 2047, 2016]
    assert [v.tweets for v in versions.known_versions("gru_202012")] == [26_762, 26_684]
    assert versions.known_versions("zz_new") == []
