"""Shared test fixtures.

Keep this file to fixtures and the small helpers they need; put test-specific code in the test files.

Loader fixtures
- `real_rows`: the folder of real October 2018 rows (`../shared/fixtures/ira-2018-head`, outside the
  repository; set TROLLTRACKER_FIXTURES to another `fixtures` folder). Tests using it are skipped, with
  the reason shown, when it is absent. The rows are read from there, never copied into the project.
  Every test that needs `../shared` goes through `require_shared`: it says why when it skips, and with
  TROLLTRACKER_REQUIRE_SHARED=1 (set by `make test` under CI=true) a missing `../shared` fails instead.
- `release`: a `ReleaseBuilder` writing small releases as CSV text in the test's tmp_path, in the style
  of the October 2018 files or of later ones, and ingesting / opening them with a private cache.
"""

from __future__ import annotations

import base64
import csv
import gzip
import hashlib
import io
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpers.data import schema

if TYPE_CHECKING:
    import pandas as pd

# ------------------------------------------------------------------------------------ real rows



# `../shared` beside the repository (TROLLTRACKER_SHARED elsewhere: the mutation runs copy the tests away)
SHARED_DIR = Path(os.environ.get("TROLLTRACKER_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FIXTURES_DIR = Path(os.environ.get("TROLLTRACKER_FIXTURES", SHARED_DIR / "fixtures"))


def require_shared(path: Path, why: str) -> Path:
    """`path` (in `../shared`, outside the repository) or, when it is missing, a skip that says what the
    test checks with it; a failure instead when TROLLTRACKER_REQUIRE_SHARED=1 (CI has `../shared`, so a
    skip there would hide a test that never ran)."""
    if path.exists():
        return path
    message = (f"{path} not found: {why}. It lives beside the repository (`../shared`), not in it; "
               "put the project's shared folder there to run this test")
    if os.environ.get("TROLLTRACKER_REQUIRE_SHARED") == "1":
        pytest.fail(f"required here (TROLLTRACKER_REQUIRE_SHARED=1, set under CI): {message}")
    pytest.skip(message)


@pytest.fixture
def real_rows() -> Path:
    """Folder holding tweets.csv and users.csv: two real rows each, as Twitter published them."""
    folder = FIXTURES_DIR / "ira-2018-head"
    require_shared(folder / "tweets.csv", "the loader is checked against real rows as Twitter published "
                   "them (set TROLLTRACKER_FIXTURES to another `fixtures` folder)")
    return folder


# ------------------------------------------------------------------------------- release builder

STYLES = ("2018", "later")


class Hashed(str):
    """An anonymised account: written as 64-char hex (2018 style) or base64 ending in '=' (later)."""

    def as_style(self, style: str) -> str:
        digest = hashlib.sha256(str(self).encode()).digest()
        return digest.hex() if style == "2018" else base64.b64encode(digest).decode()


def format_value(column: str, value, style: str) -> str:
    """One semantic value as the given release style writes it (strings are written as they are)."""
    if hasattr(value, "as_style"):  # not isinstance: a second pytest.main in one process (mutmut's clean run after
        return value.as_style(style)  # its collection) imports conftest again, and test modules keep the old Hashed
    if isinstance(value, str):
        return value
    if value is None:
        return "absent" if style == "later" and column in schema.GEO_COLUMNS else ""
    if isinstance(value, bool):
        return ("true" if value else "false") if style == "2018" else str(value)
    if isinstance(value, (list, tuple)):
        if style == "2018":
            return "[" + ", ".join(value) + "]"
        return "[" + ", ".join(f"'{v}'" for v in value) + "]"
    return str(value)


class ReleaseBuilder:
    """Writes release files into `folder` and ingests them with a cache under `cache_root`."""

    def __init__(self, folder: Path, cache_root: Path):
        self.folder, self.cache_root = folder, cache_root
        self.folder.mkdir(parents=True, exist_ok=True)
        self._n = 0

    hashed = staticmethod(Hashed)  # release.hashed("name"): an anonymised account

    # -- rows (semantic values: str as is, None/bool/list/int formatted per style, Hashed accounts)
    def tweet(self, **values) -> dict:
        self._n += 1
        n = self._n
        user = values.pop("user", Hashed(f"account-{n % 3}"))
        row = {
            "tweetid": str(900000000000000000 + n), "userid": user, "user_display_name": user,
            "user_screen_name": user, "user_reported_location": "Москва, Россия",
            "user_profile_description": "Я примерный семьянин!", "user_profile_url": "",
            "follower_count": 132, "following_count": 120, "account_creation_date": "2013-12-07",
            "account_language": "ru", "tweet_language": "ru", "tweet_text": f"tweet number {n}",
            "tweet_time": "2017-06-22 16:03", "tweet_client_name": "TweetDeck",
            "in_reply_to_userid": "", "in_reply_to_tweetid": "", "quoted_tweet_tweetid": "",
            "is_retweet": False, "retweet_userid": "", "retweet_tweetid": "", "latitude": None,
            "longitude": None, "quote_count": 0, "reply_count": 0, "like_count": 0, "retweet_count": 0,
            "hashtags": [], "urls": [], "user_mentions": [], "poll_choices": "",
        }
        row.update(values)  # keys outside the schema become extra columns when named in `columns`
        return row

    def user(self, **values) -> dict:
        self._n += 1
        user = values.pop("user", Hashed(f"account-{self._n}"))
        row = {
            "userid": user, "user_display_name": user, "user_screen_name": user,
            "user_reported_location": "USA", "user_profile_description": "Writer.",
            "user_profile_url": "", "follower_count": 1541, "following_count": 1676,
            "account_creation_date": "2014-06-13", "account_language": "en",
        }
        row.update(values)
        return row

    def tweets(self, n: int, **values) -> list[dict]:
        return [self.tweet(**values) for _ in range(n)]

    # -- text
    @staticmethod
    def columns_for(table: str, style: str) -> tuple[str, ...]:
        if table == "users":
            return schema.USER_COLUMNS
        return schema.TWEET_COLUMNS_2018 if style == "2018" else schema.TWEET_COLUMNS

    def csv_text(self, rows: list[dict], table: str = "tweets", style: str = "2018",
                 columns: tuple[str, ...] | None = None, newline: str = "\n") -> str:
        """Header and rows as the style writes them: 2018 quotes every field, later files minimally."""
        assert style in STYLES
        columns = tuple(columns or self.columns_for(table, style))
        out = io.StringIO()
        w = csv.writer(out, quoting=csv.QUOTE_ALL if style == "2018" else csv.QUOTE_MINIMAL,
                       lineterminator=newline)
        w.writerow(columns)
        for row in rows:
            w.writerow([format_value(c, row.get(c, ""), style) for c in columns])
        return out.getvalue()

    # -- files
    def write(self, name: str, rows: list[dict] | None = None, *, text: str | bytes | None = None,
              table: str | None = None, style: str = "2018", columns=None, newline: str = "\n",
              compress: str | None = None, member: str | None = None) -> Path:
        """Write a release file: from rows (formatted per style) or from raw text/bytes.

        compress='gzip' writes `name` gzipped; compress='zip' writes `name` as a zip holding `member`.
        """
        if text is None:
            table = table or ("users" if "_users" in name else "tweets")
            text = self.csv_text(rows or [], table, style, columns, newline)
        data = text.encode("utf-8") if isinstance(text, str) else text
        path = self.folder / name
        if compress == "gzip":
            data = gzip.compress(data)
        elif compress == "zip":
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(member or name.removesuffix(".zip"), data)
            data = buf.getvalue()
        path.write_bytes(data)
        return path

    def ingest(self, **kwargs) -> dict:
        from helpers.data import ingest
        kwargs.setdefault("progress", False)
        kwargs.setdefault("log", lambda *a: None)
        return ingest.ingest_release(self.folder, cache_root=self.cache_root, **kwargs)

    def open(self, **kwargs):
        from helpers.data import load
        kwargs.setdefault("progress", False)
        kwargs.setdefault("log", lambda *a: None)
        return load.open_release(self.folder, cache_root=self.cache_root, **kwargs)

    def cache_dir(self) -> Path:
        from helpers.data import ingest
        return ingest.cache_dir_for(self.folder, self.cache_root)

    def quarantine(self, manifest: dict, key: str = "ira/tweets") -> list[dict]:
        """The quarantine CSV of one file, as dicts."""
        path = Path(manifest["cache_dir"]) / manifest["files"][key]["quarantine_file"]
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def damaged(self, manifest: dict, key: str = "ira/tweets") -> list[dict]:
        """The damaged-fields CSV of one file (fields nulled in kept rows), as dicts."""
        path = Path(manifest["cache_dir"]) / manifest["files"][key]["damaged_file"]
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))


@pytest.fixture
def release(tmp_path) -> ReleaseBuilder:
    """A release folder and private cache in tmp_path (see ReleaseBuilder)."""
    return ReleaseBuilder(tmp_path / "release", tmp_path / "cache")


# ------------------------------------------------------------------------ notebook sequence run

E2E_SCALE = 0.002  # about 20,000 tweets: every figure has data, the whole sequence runs in ~2 minutes


def _write_params(path: Path, **values) -> Path:
    import yaml
    path.write_text(yaml.safe_dump(values, sort_keys=True), encoding="utf-8")
    return path


@pytest.fixture
def write_params():
    """write_params(path, **values): a parameters YAML holding only `values` (the rest: defaults)."""
    return _write_params


@pytest.fixture(scope="session")
def sequence_run(tmp_path_factory):
    """The whole notebook sequence, run once per test session on a tiny synthetic release in a temporary
    folder (figures, reports and cache there too). Yields a dict: params (Params), code (exit code),
    log (what the runner printed)."""
    from helpers.run import params, pipeline
    from helpers.synthetic import sample
    # a distinctive folder name: test_pipeline searches every artefact of the run for this folder's path
    root = tmp_path_factory.mktemp("sequence-pathprobe")
    sample.write_sample_release(root / "release", scale=E2E_SCALE, seed=sample.DEFAULT_SEED, progress=False)
    path = _write_params(root / "params.yaml", data_dir=str(root / "release"), figures_dir=str(root / "figures"),
                        reports_dir=str(root / "reports"), cache_dir=str(root / "cache"))
    lines: list[str] = []
    code = pipeline.run(str(path), log=lambda *a: lines.append(" ".join(map(str, a))))
    return {"params": params.from_file(path), "code": code, "log": "\n".join(lines), "root": root,
            "params_file": path}


# ------------------------------------------------------------------------------- frame builder

class FrameBuilder:
    """Frames typed exactly as `helpers.data.load.ReleaseData` returns them, built from a few dicts.

    Each row is a dict of semantic values (str, int, bool, None, list; times as 'YYYY-MM-DD HH:MM' UTC,
    dates as 'YYYY-MM-DD'); unnamed columns get neutral defaults. `ops` fixes the categories (display
    order) of `op`, so an operation may have no rows at all.
    """

    TWEET_DEFAULTS = {
        "userid": "u1", "user_display_name": None, "user_screen_name": None, "follower_count": 10,
        "following_count": 10, "account_creation_date": "2013-06-01", "account_language": "en",
        "tweet_language": "en", "tweet_text": "", "tweet_time": "2016-01-01 12:00",
        "tweet_client_name": "Twitter Web Client", "in_reply_to_userid": None, "in_reply_to_tweetid": None,
        "quoted_tweet_tweetid": None, "is_retweet": False, "retweet_userid": None, "retweet_tweetid": None,
        "quote_count": 0, "reply_count": 0, "like_count": 0, "retweet_count": 0, "hashtags": [], "urls": [],
        "user_mentions": [], "user_is_hashed": True,
    }
    USER_DEFAULTS = {
        "user_display_name": None, "user_screen_name": None, "follower_count": 10, "following_count": 10,
        "account_creation_date": "2013-06-01", "account_language": "en", "user_is_hashed": True,
    }

    def __init__(self):
        self._n = 0

    @staticmethod
    def _arrow_value(column: str, value):
        import datetime as dt
        if value is None:
            return None
        if column == "tweet_time" and isinstance(value, str):
            return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
        if column == "account_creation_date" and isinstance(value, str):
            return dt.date.fromisoformat(value)
        return value

    def _frame(self, rows: list[dict], defaults: dict, ops) -> pd.DataFrame:
        import pandas as pd
        import pyarrow as pa

        from helpers.data import load
        rows = [dict(r) for r in rows]
        ops = list(ops) if ops is not None else list(dict.fromkeys(r.get("op", "ira") for r in rows))
        full = []
        for r in rows:
            self._n += 1
            row = {"op": r.pop("op", ops[0] if ops else "ira")}
            if "tweet_time" in defaults:
                row["tweetid"] = r.pop("tweetid", str(100 + self._n))
            row["userid"] = r.pop("userid", defaults.get("userid", f"u{self._n}"))
            for k, v in defaults.items():
                if k != "userid":
                    row[k] = r.pop(k, v)
            row.update(r)
            if row.get("user_screen_name") is None:
                row["user_screen_name"] = row["userid"]
            full.append(row)
        columns = list(full[0]) if full else ["op", *(["tweetid"] if "tweet_time" in defaults else []),
                                              "userid", *[k for k in defaults if k != "userid"]]
        arrays = {}
        for c in columns:
            if c == "op":
                continue
            kind = schema.arrow_type(c)
            if c == "tweet_time":
                kind = pa.timestamp("ms", tz="UTC")   # the Parquet cache stores milliseconds
            arrays[c] = pa.array([self._arrow_value(c, r.get(c)) for r in full], type=kind)
        frame = load.to_pandas(pa.table(arrays)) if arrays else pd.DataFrame(index=range(len(full)))
        frame.insert(0, "op", pd.Categorical([r["op"] for r in full], categories=ops))
        return frame

    def tweets(self, rows: list[dict], ops=None) -> pd.DataFrame:
        """Like `ReleaseData.tweets()`: one row per dict, `op` categorical in `ops` order."""
        return self._frame(rows, self.TWEET_DEFAULTS, ops)

    def users(self, rows: list[dict], ops=None) -> pd.DataFrame:
        """Like `ReleaseData.users()` (userid defaults to a fresh id per row)."""
        return self._frame(rows, self.USER_DEFAULTS, ops)

    @staticmethod
    def exploded(tweets: pd.DataFrame, column: str, extra=("tweetid",)) -> pd.DataFrame:
        """Like `ReleaseData.exploded(column, extra)`, from a frame made by `tweets()`."""
        import pandas as pd
        long = tweets[["op", *extra, column]].explode(column).dropna(subset=[column])
        long = long.rename(columns={column: "item"}).reset_index(drop=True)
        long["item"] = long["item"].astype(pd.StringDtype("pyarrow"))
        return long


@pytest.fixture
def frames() -> FrameBuilder:
    """Builds typed frames by hand (see FrameBuilder): answers known by construction."""
    return FrameBuilder()


SMALL_SAMPLE_SCALE = 0.003   # about 30,000 tweets of two operations: every metric has rows, seconds to build


@pytest.fixture(scope="session")
def small_sample(tmp_path_factory) -> Path:
    """A folder with the synthetic sample at SMALL_SAMPLE_SCALE in `release/` (its cache goes in `cache/`):
    built once for the tests that compare the engine with frames (metrics, scorecard)."""
    from helpers.synthetic import sample
    root = tmp_path_factory.mktemp("small-sample")
    sample.write_sample_release(root / "release", scale=SMALL_SAMPLE_SCALE, seed=sample.DEFAULT_SEED,
                                progress=False)
    return root


@pytest.fixture
def ascii_locale():
    """The C locale for text files, in this process: open() without an encoding then means ASCII (as on a
    machine whose locale is not UTF-8), so a writer or reader that forgot its encoding fails on Cyrillic.
    In-process rather than in a fresh interpreter: an ASCII locale would also decode the mutation tool's
    mutant name (`MUTANT_UNDER_TEST`, non-ASCII for methods) into escapes, and the mutant would not run.
    (Under Python's UTF-8 mode open() is UTF-8 whatever the locale, and this checks nothing more.)"""
    import locale

    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
