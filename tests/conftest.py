"""Shared test fixtures.

Keep this file to fixtures and the small helpers they need; put test-specific code in the test files.

Loader fixtures
- `real_rows`: the folder of real October 2018 rows (`../shared/fixtures/ira-2018-head`, outside the
  repository; set TROLLTRACKER_FIXTURES to another `fixtures` folder). Tests using it are skipped, with
  the reason shown, when it is absent. The rows are read from there, never copied into the project.
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

import pytest

from helpers import schema

# ------------------------------------------------------------------------------------ real rows

FIXTURES_DIR = Path(os.environ.get("TROLLTRACKER_FIXTURES",
                                   Path(__file__).resolve().parents[2] / "shared" / "fixtures"))


@pytest.fixture
def real_rows() -> Path:
    """Folder holding tweets.csv and users.csv: two real rows each, as Twitter published them."""
    folder = FIXTURES_DIR / "ira-2018-head"
    if not (folder / "tweets.csv").is_file():
        pytest.skip(f"real-row fixtures not found at {folder} (set TROLLTRACKER_FIXTURES)")
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
    if isinstance(value, Hashed):
        return value.as_style(style)
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
        from helpers import ingest
        kwargs.setdefault("progress", False)
        kwargs.setdefault("log", lambda *a: None)
        return ingest.ingest_release(self.folder, cache_root=self.cache_root, **kwargs)

    def open(self, **kwargs):
        from helpers import load
        kwargs.setdefault("progress", False)
        kwargs.setdefault("log", lambda *a: None)
        return load.open_release(self.folder, cache_root=self.cache_root, **kwargs)

    def cache_dir(self) -> Path:
        from helpers import ingest
        return ingest.cache_dir_for(self.folder, self.cache_root)

    def quarantine(self, manifest: dict, key: str = "ira/tweets") -> list[dict]:
        """The quarantine CSV of one file, as dicts."""
        path = Path(manifest["cache_dir"]) / manifest["files"][key]["quarantine_file"]
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))


@pytest.fixture
def release(tmp_path) -> ReleaseBuilder:
    """A release folder and private cache in tmp_path (see ReleaseBuilder)."""
    return ReleaseBuilder(tmp_path / "release", tmp_path / "cache")
