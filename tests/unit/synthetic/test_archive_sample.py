"""The archive-sample generator (helpers.synthetic.archive): each disclosure's file names and column format,
the catalog's languages and period, tweet counts, determinism, the synthetic marker, planted damage."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest

from helpers.data import catalog, schema
from helpers.paths import SAMPLE_MARKER
from helpers.synthetic import archive as arch


def header_and_rows(path: Path, member: str | None = None) -> tuple[list[str], list[dict], str]:
    if member:
        with zipfile.ZipFile(path) as zf:
            text = zf.read(member).decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines(keepends=True)))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]], text


def tweet_files(marker: dict, op: str) -> list[tuple[str, dict]]:
    return [(p, f) for p, f in marker["ops"][op]["files"].items() if f["table"] == "tweets"]


def test_2018_format(tmp_path):
    marker = arch.write_archive_sample(tmp_path / "r", ["ira"], tweets=30, seed=2)
    header, rows, text = header_and_rows(tmp_path / "r" / "ira_tweets_csv_hashed.csv")
    assert tuple(header) == schema.TWEET_COLUMNS_2018 and text.startswith('"tweetid","userid"')
    assert text.count('","') == 30 * (len(rows) + 1)  # every field quoted (no value holds '","')
    hashed = [r["userid"] for r in rows if not r["userid"].isdigit()]
    assert hashed and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashed)
    assert {r["is_retweet"] for r in rows} == {"true", "false"}
    assert {r["latitude"] for r in rows} == {""}
    lists = [r["hashtags"] for r in rows if r["hashtags"]]
    assert lists and all(re.fullmatch(r"\[[a-z0-9]+(, [a-z0-9]+)*\]", x) for x in lists)
    assert marker["ops"]["ira"]["format"] == "2018"


def test_2019_format_zip_with_the_stem_inside(tmp_path):
    arch.write_archive_sample(tmp_path / "r", ["russia_201901_1"], tweets=30, seed=2)
    path = tmp_path / "r" / "russia_201901_1_tweets_csv_hashed.zip"
    header, rows, _ = header_and_rows(path, "russian_linked_tweets_csv_hashed.csv")
    assert tuple(header) == schema.TWEET_COLUMNS
    hashed = [r["userid"] for r in rows if not r["userid"].isdigit()]
    assert hashed and all(h.endswith("=") and len(h) == 44 for h in hashed)
    assert {r["latitude"] for r in rows} == {"absent"} and {r["is_retweet"] for r in rows} == {"True", "False"}
    assert any(r["hashtags"].startswith("['") for r in rows) and rows[0]["like_count"].endswith(".0")
    assert (tmp_path / "r" / "russian_linked_users_csv_hashed.csv").is_file()


def test_2020_format_has_30_columns_and_october_2020_writes_lower_case_booleans(tmp_path):
    arch.write_archive_sample(tmp_path / "r", ["iran_092020", "MX_0621"], tweets=30, seed=2)
    header, rows, _ = header_and_rows(tmp_path / "r" / "iran_092020_tweets_csv_hashed.csv")
    assert len(header) == 30 and "poll_choices" not in header
    assert {r["is_retweet"] for r in rows} == {"true", "false"}
    mx = [header_and_rows(p)[1] for p in sorted((tmp_path / "r").glob("MX_0621_tweets_csv_hashed_*.csv"))]
    assert {r["is_retweet"] for part in mx for r in part} == {"True", "False"}
    assert any(r["urls"] == "['']" for part in mx for r in part)


@pytest.mark.parametrize("key, names", [
    ("iran_201901_1", [f"iran_201901_1_tweets_csv_hashed_{i}.csv" for i in range(1, 5)]),
    ("china_082019_3", [f"china_082019_3_tweets_csv_hashed_part{i}.csv" for i in range(1, 4)]),
    ("ecuador_082019_1", ["ecuador_082019_tweets_csv_hashed.csv"]),
    ("saudi_arabia_112019", [f"saudi_arabia_112019_tweets_csv_hashed/saudi_arabia_112019_tweets_csv_hashed_{i}.csv"
                             for i in range(1, 10)]),
    ("egypt_022020", ["hashed_2020_04_egypt_022020_egypt_022020_tweets_csv_hashed/egypt_022020_tweets_csv_hashed.csv"]),
    ("ghana_nigeria_032020", ["032020_tweets_csv_hashed.csv"]),
    ("GRU_202012", ["hashed_2020_12_GRU_202012_GRU_202012_tweets.csv"]),
    ("armenia_202012", ["hashed_2020_12_armenia_202012_armenia_202012_tweets_csv_hashed.csv"]),
])
def test_file_names_of_each_disclosure(tmp_path, key, names):
    marker = arch.write_archive_sample(tmp_path / "r", [key], tweets=40, seed=2)
    op = catalog.lookup(key).op
    assert [p for p, _ in tweet_files(marker, op)] == names
    assert all((tmp_path / "r" / n).is_file() for n in names)


def test_users_file_names_of_each_period(tmp_path):
    marker = arch.write_archive_sample(tmp_path / "r", ["GRU_202012", "REA_0621", "RNA_0621", "cuba_082020"],
                                       tweets=10, seed=2)
    users = {op: next(p for p, f in info["files"].items() if f["table"] == "users")
             for op, info in marker["ops"].items()}
    assert users == {"gru_202012": "hashed_2020_12_GRU_202012_GRU_202012_users.csv",
                     "rea_0621": "hashed_2021_12_REA_0621_REA_0621_users.csv",
                     "rna_0621": "2021_12_RNA_0621_RNA_0621_users.csv",
                     "cuba_082020": "cuba_082020_users_csv_hashed.csv"}


def test_per_year_and_half_year_files_hold_the_tweets_of_their_period(tmp_path):
    marker = arch.write_archive_sample(tmp_path / "r", ["turkey_052020", "REA_0621"], tweets=200, seed=2)
    turkey = [f["part"] for _, f in tweet_files(marker, "turkey_052020")]
    assert turkey[:2] == ["2014", "2015"] and "2016_01" in turkey and "2016_06" in turkey
    assert turkey[-1] == "2020_01"
    for path, f in tweet_files(marker, "rea_0621"):
        assert re.fullmatch(r"REA_0621_tweets_csv_hashed_20(19|20|21)\.csv", path)
        _, rows, _ = header_and_rows(tmp_path / "r" / path)
        assert {r["tweet_time"][:4] for r in rows} == {f["part"]}


def test_languages_period_and_counts_follow_the_catalog(tmp_path):
    d = catalog.lookup("iran_201906_2")
    marker = arch.write_archive_sample(tmp_path / "r", [d.key], scale=1e-4, seed=2)
    [(path, f)] = tweet_files(marker, d.op)
    assert f["rows"] == round(d.tweets * 1e-4) == 207
    _, rows, _ = header_and_rows(tmp_path / "r" / path)
    assert {r["tweet_language"] for r in rows} <= set(d.main_languages) | {"und"}
    assert {r["tweet_language"] for r in rows} >= set(d.main_languages)
    times = sorted(r["tweet_time"] for r in rows)
    assert times[-1][:7] <= d.release_month and times[0] >= "2016-06"
    assert times[-1][:4] == "2019" and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", times[0])
    tiny = arch.write_archive_sample(tmp_path / "t", ["russia_201906_1"], scale=1e-6, seed=2)
    assert sum(f["rows"] for _, f in tweet_files(tiny, "russia_201906_1")) == arch.MIN_TWEETS


def test_deterministic_for_a_seed_and_marked_synthetic(tmp_path):
    keys = ["ira", "russia_201901_1", "serbia_022020", "REA_0621"]
    a = arch.write_archive_sample(tmp_path / "a", keys, tweets=25, seed=7)
    b = arch.write_archive_sample(tmp_path / "b", keys, tweets=25, seed=7)
    c = arch.write_archive_sample(tmp_path / "c", keys, tweets=25, seed=8)
    assert a["ops"] == b["ops"] and a["ops"] != c["ops"]
    marker = json.loads((tmp_path / "a" / SAMPLE_MARKER).read_text())
    assert marker["synthetic"] is True and marker["complete"] is True and marker["seed"] == 7


def test_refuses_to_replace_a_folder_that_is_not_synthetic(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "ira_tweets_csv_hashed.csv").write_text("x")
    with pytest.raises(FileExistsError):
        arch.write_archive_sample(tmp_path / "real", ["ira"], tweets=5)
    with pytest.raises(ValueError, match="not a dataset of the catalog"):
        arch.write_archive_sample(tmp_path / "new", ["no_such_op"], tweets=5)


def test_float_ids_are_planted_in_a_secondary_column_and_every_row_is_accounted(tmp_path):
    from helpers.data import load
    marker = arch.write_archive_sample(tmp_path / "r", ["MX_0621"], tweets=60, seed=2, float_ids=True)
    planted = marker["ops"]["mx_0621"]["damage"]["float_ids"]
    texts = "".join(p.read_text() for p in (tmp_path / "r").glob("MX_0621_tweets_*.csv"))
    assert planted > 0 and len(re.findall(r'"\d\.\d+e\+17"', texts)) == planted
    data = load.open_release(tmp_path / "r", cache_root=tmp_path / "cache", progress=False, log=lambda *a: None)
    files = data.file_table().query("table == 'tweets'")
    assert files["rows read"].sum() == 60
    assert (files["rows read"] == files["rows cached"] + files["rows quarantined"]).all()


def test_command_line(tmp_path, capsys):
    assert arch.main(["--out", str(tmp_path / "r"), "--ops", "iran_201901_1,GRU_202012", "--tweets", "12",
                      "--seed", "3", "--camel-users", "GRU_202012"]) == 0
    out = capsys.readouterr().out
    assert "iran_201901_1: 5 files, 12 tweets (2019 format)" in out and "gru_202012: 2 files" in out
    users = (tmp_path / "r" / "hashed_2020_12_GRU_202012_GRU_202012_users.csv").read_text().splitlines()[0]
    assert '"userDisplayName"' in users and '"followerCount"' in users


def test_all_writes_every_catalog_dataset_at_its_published_size_times_the_scale(tmp_path):
    marker = arch.write_archive_sample(tmp_path / "r", "all", scale=2e-5, seed=4)
    assert [info["key"] for info in marker["ops"].values()] == [d.key for d in catalog.datasets()]
    for d in catalog.datasets():
        rows = sum(f["rows"] for _, f in tweet_files(marker, d.op))
        assert rows == arch.tweet_count(d, None, 2e-5) == max(round((d.tweets or 0) * 2e-5), arch.MIN_TWEETS), d.key
    assert marker["synthetic"] is True and marker["scale"] == 2e-5


def test_datasets_differ_in_their_traits_and_post_around_a_home_hour(tmp_path):
    import datetime as dt
    from zoneinfo import ZoneInfo
    keys = ["iran_201906_2", "venezuela_201906_1", "egypt_uae_082019_1"]
    marker = arch.write_archive_sample(tmp_path / "r", keys, tweets=400, seed=5)
    retweets, clients = {}, {}
    for key in keys:
        d = catalog.lookup(key)
        trait = arch.traits(d, 5)
        [(path, _)] = tweet_files(marker, d.op)
        _, rows, _ = header_and_rows(tmp_path / "r" / path)
        retweets[key] = sum(r["is_retweet"] == "True" for r in rows) / len(rows)
        assert retweets[key] == pytest.approx(trait.retweet, abs=0.08)
        clients[key] = sum(r["tweet_client_name"] in arch.AUTOMATED_CLIENTS for r in rows) / len(rows)
        assert clients[key] == pytest.approx(trait.automated, abs=0.08)
        zone = ZoneInfo(d.home_time_zone)
        local = [dt.datetime.fromisoformat(r["tweet_time"]).replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).hour
                 for r in rows]
        near = sum(min((h - trait.peak_hour) % 24, (trait.peak_hour - h) % 24) <= 4 for h in local) / len(local)
        assert near > 0.6, (key, near)    # most tweets within 4 hours of the peak hour, in home time
    assert len({round(v, 2) for v in retweets.values()}) == 3
    assert arch.traits(catalog.lookup(keys[0]), 5) == arch.traits(catalog.lookup(keys[0]), 5)


@pytest.mark.parametrize("columns", [1, 3])
def test_minimal_quoting_writer_gives_the_bytes_of_csv_quote_minimal(columns):
    import io

    import pyarrow as pa

    from helpers.synthetic.sample.formats import minimal_csv_rows
    values = ["plain", "", "a,b", 'say "hi"', "line one\nline two", "a\rb", " lead", "[a, b]", "['x']", '"', "é,ü"]
    table = pa.table({f"c{k}": pa.array(values[k:] + values[:k], pa.string()) for k in range(columns)})
    table = pa.concat_tables([table, table]).slice(3, 15)   # several chunks, an offset into the buffers
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(
        zip(*(table.column(c).to_pylist() for c in table.column_names)))
    assert minimal_csv_rows(table) == out.getvalue().encode("utf-8")
    with_null = pa.table({"a": pa.array(["x", None], pa.string()), "b": pa.array(["1", "2"])})
    assert minimal_csv_rows(with_null) == b"x,1\n,2\n"


def test_chunks_cover_every_tweet_once_in_runs_of_days():
    d = catalog.lookup("iran_201901_1")
    parts = arch.chunks(d, 10_000, seed=3, chunk_rows=1_000)
    assert sum(c.rows for c in parts) == 10_000 and len(parts) >= 9
    assert [c.first_row for c in parts] == list(np.cumsum([0] + [c.rows for c in parts[:-1]]))
    days = np.concatenate([c.days[c.counts > 0] for c in parts])
    assert (np.diff(days) > 0).all()                       # each day in one chunk, chunks in day order
    assert max(c.rows for c in parts) < 1_000 + max(c.counts.max() for c in parts)


def test_many_chunks_write_the_same_layout_in_time_order_with_damage_planted(tmp_path, monkeypatch):
    from helpers.synthetic import archive_rows
    monkeypatch.setattr(archive_rows, "CHUNK_ROWS", 37)    # a few hundred tweets in many chunks
    keys = ["iran_201901_1", "REA_0621", "russia_201901_1"]
    marker = arch.write_archive_sample(tmp_path / "r", keys, tweets=400, seed=2, float_ids=["iran_201901_1"],
                                       duplicate_across_parts=["iran_201901_1"])
    assert len(arch.chunks(catalog.lookup("iran_201901_1"), 400, 2)) >= 9
    iran = tweet_files(marker, "iran_201901_1")
    assert [f["rows"] for _, f in iran] == [100, 100, 100, 101]     # contiguous quarters, + the repeated tweet
    rows = [r for path, _ in iran for r in header_and_rows(tmp_path / "r" / path)[1]]
    dup = marker["ops"]["iran_201901_1"]["damage"]["duplicate_tweetid"]
    assert rows[-1] == rows[0] and rows[0]["tweetid"] == dup
    times = [r["tweet_time"] for r in rows[:-1]]
    assert times == sorted(times) and len({r["tweetid"] for r in rows}) == 400
    assert [r["tweet_text"].split()[3].rstrip(",") for r in rows[:-1]] \
        == [str(i) for i in range(400)]                # numbered in the dataset across chunks
    planted = marker["ops"]["iran_201901_1"]["damage"]["float_ids"]
    floats = [i for i, r in enumerate(rows[:-1]) if "e+17" in r["retweet_tweetid"]]
    assert planted == len(floats) > 0 and all(i % 7 == 0 for i in floats)
    rea = tweet_files(marker, "rea_0621")
    assert sum(f["rows"] for _, f in rea) == 400 and [f["part"] for _, f in rea] == sorted(f["part"] for _, f in rea)
    [(path, f)] = tweet_files(marker, "russia_201901_1")
    _, zipped, _ = header_and_rows(tmp_path / "r" / path, "russian_linked_tweets_csv_hashed.csv")
    assert len(zipped) == f["rows"] == 400
    import hashlib
    assert hashlib.sha256((tmp_path / "r" / path).read_bytes()).hexdigest() == f["sha256"]
