"""The out-of-core engine's views over a real cache: every cached row once (parts in one table, rows set
aside as duplicates across parts left out), the run's date window applied once, and bounded memory with
its spills inside the cache folder."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers.data import load
from helpers.data.engine import Engine
from helpers.errors import ParameterError, ProjectError
from helpers.synthetic import archive


def _open(tmp_path, **kwargs) -> load.ReleaseData:
    return load.open_release(tmp_path / "release", cache_root=tmp_path / "cache", progress=False,
                             log=lambda *a: None, **kwargs)


def _count(eng: Engine, view: str = "tweets") -> int:
    return int(eng.query(f"SELECT count(*) AS n FROM {{{view}}}")["n"].iloc[0])


def test_parts_are_one_table_and_a_duplicate_across_parts_is_left_out(tmp_path):
    archive.write_archive_sample(tmp_path / "release", ["iran_201901_1", "REA_0621"], seed=5, tweets=20,
                                 duplicate_across_parts=True)
    data = _open(tmp_path)
    eng = data.engine()
    frame = data.tweets(["tweetid", "userid"], dated=False)
    got = eng.query("SELECT op, tweetid FROM {tweets_all}")
    assert len(got) == len(frame) and got["tweetid"].is_unique
    assert sorted(got["tweetid"]) == sorted(frame["tweetid"])
    per_op = eng.query("SELECT op, count(*) AS n FROM {tweets_all} GROUP BY op").set_index("op")["n"]
    assert per_op.to_dict() == frame.groupby("op", observed=True).size().to_dict()
    users = data.users(["userid"]) if data.ops_with("users") else None
    assert _count(eng, "users") == (0 if users is None else len(users))


def test_the_window_is_applied_once_and_counted_as_before(release):
    release.write("ira_tweets_csv_hashed.csv", [
        release.tweet(tweet_time="2017-06-22 23:59"), release.tweet(tweet_time="2017-06-23 00:00"),
        release.tweet(tweet_time="2017-06-23 23:59"), release.tweet(tweet_time="2017-06-24 00:00"),
        release.tweet(tweet_time="not a time")])
    data = release.open(start=dt.date(2017, 6, 23), end=dt.date(2017, 6, 23))
    eng = data.engine()
    assert _count(eng) == 2 and _count(eng, "tweets_all") == 5 and _count(eng.whole()) == 5
    assert len(data.tweets(["tweetid"])) == 2
    pd.testing.assert_frame_equal(data.window_counts(), data._count_window_arrow())
    assert data.window_counts()[["before", "inside", "after", "undated"]].iloc[0].tolist() == [1, 2, 1, 1]
    unwindowed = release.open()
    assert _count(unwindowed.engine()) == 5      # no window: every cached tweet, also the one without a time


def test_memory_is_bounded_and_spills_stay_in_the_cache(release):
    release.write("ira_tweets_csv_hashed.csv", release.tweets(3))
    data = release.open()
    data.engine_options = {"memory_limit": "300MB", "threads": 1}
    eng = data.engine()
    setting = eng.con.execute("SELECT current_setting('memory_limit'), current_setting('threads'), "
                              "current_setting('temp_directory')").fetchall()[0]
    assert setting[0].replace(" ", "").lower() in ("300.0mb", "286.1mib", "300mb") and setting[1] == 1
    assert str(setting[2]).startswith(str(data.cache_dir))


def test_names_are_data_never_sql(frames):
    t = frames.tweets([{"op": "o'brien"}, {"op": "x"}], ops=["o'brien", "x"])
    eng = Engine.of_frames(tweets=t)
    assert _count(eng.scoped(["o'brien"])) == 1
    with pytest.raises(ProjectError, match="not in this engine"):
        eng.scoped(["nope"])
    with pytest.raises(ProjectError, match="no users table"):
        eng.query("SELECT * FROM {users}")


def test_the_engine_parameters_are_checked(write_params, tmp_path):
    from helpers.run import params
    good = params.from_file(write_params(tmp_path / "p.yaml", engine_memory_limit="512MB", engine_threads=1))
    assert (good.engine_memory_limit, good.engine_threads) == ("512MB", 1)
    for bad in ({"engine_memory_limit": "lots"}, {"engine_threads": 0}):
        with pytest.raises(ParameterError, match="engine_"):
            params.from_file(write_params(tmp_path / "bad.yaml", **bad))


def test_spill_folders_are_one_per_process_and_removed_when_it_exits_or_is_gone(tmp_path):
    """A kernel's spill folder (`engine-tmp/<pid>`) goes when it exits; one killed in a query leaves its spill
    files, which the next process removes. Folders of running processes and other names stay."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from helpers.data import engine

    root = tmp_path / engine.TEMP_FOLDER
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = root / gone.stdout.strip()                      # a process that has ended
    running = root / str(os.getppid())
    for folder in (dead, running, root / "notes"):
        folder.mkdir(parents=True)
        (folder / "spill.tmp").write_bytes(b"x" * 10)
    code = ("import sys\nfrom pathlib import Path\nfrom helpers.data import engine\n"
            "f = engine.spill_folder(Path(sys.argv[1]))\nf.mkdir(parents=True)\n(f / 'duckdb.tmp').write_bytes(b'x')\n"
            "assert engine.spill_folder(Path(sys.argv[1])) == f\nprint(f.name)\n")
    child = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                           cwd=Path(engine.__file__).resolve().parents[2])
    assert child.returncode == 0, child.stderr
    assert sorted(p.name for p in root.iterdir()) == sorted([running.name, "notes"])  # its own went at exit
    assert child.stdout.strip() not in {p.name for p in root.iterdir()} and (running / "spill.tmp").exists()
