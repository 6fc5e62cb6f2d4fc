"""Small synthetic releases of any dataset of Twitter's archive, in that disclosure's file names and format.

`helpers.synthetic.sample` writes the calibrated October 2018 sample; this module writes, for any catalog dataset
key (`helpers.data.catalog`), a few synthetic rows laid out as that disclosure published them
(`docs/releases.md`): file names (parts, folders of parts, per-year files, bucket
prefixes, shortened names, the users-file names of each period, zips) and column format:

- October 2018: 31 columns in the 2018 order, every field quoted, 64-hex hashes, `true/false`, empty
  coordinates, `[a, b]` lists;
- January 2019 to April 2020: 31 columns in the 2019 order, minimal quoting, base64 hashes ending in `=`,
  `['a', 'b']` lists, `absent` coordinates, `True/False`, counts as `0.0`;
- June 2020 onward: 30 columns (no `poll_choices`), every field quoted, `True/False` (`true/false` in the
  October 2020 files), `absent`; December 2021 files also write empty lists as `['']`.

Rows carry the catalog's main languages, an active period of a few years ending in the disclosure month,
posting hours around a peak hour in the catalog's home time zone, and a tweet count (given, or
`round(published tweets * scale)`, at least MIN_TWEETS). Each dataset also draws its own traits (retweet
and reply shares, hashed-account share, automated-client share, engagement level, peak hour: `traits`)
so that a synthetic archive has operations that differ and resemble each other. The values are synthetic,
not calibrated to anything: it is for testing the loader on every naming pattern and format, and for a
synthetic archive of all 48 datasets (`--ops all`) on which every notebook runs. The folder is marked
synthetic (`helpers.paths.SAMPLE_MARKER`). Deterministic for a seed.

    python -m helpers.synthetic.archive --out DIR --ops iran_201901_1,REA_0621 [--tweets N | --scale S] --seed 1
    python -m helpers.synthetic.archive --out data/archive --ops all --scale 0.0005     # `make sample ARCHIVE=1`
"""

from __future__ import annotations

import argparse
import calendar
import dataclasses
import hashlib
import io
import json
import sys
import zipfile
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from helpers.data import catalog
from helpers.data.schema import USER_COLUMNS
from helpers.files import replace_folder
from helpers.paths import SAMPLE_MARKER
from helpers.synthetic.sample import Style, csv_bytes, header_bytes, partial_folder, rng_for

GENERATOR_VERSION = "2.0.0"   # bump whenever the output for given arguments changes
ALL = "all"                   # --ops all: every dataset of the catalog
DEFAULT_ARCHIVE_SCALE = 0.0005  # `make sample ARCHIVE=1`: about 108,000 tweets in 48 datasets
DEFAULT_TWEETS = 60
MIN_TWEETS = 5
ACTIVE_YEARS = 3              # the active period ends in the disclosure month
TWITTER_EPOCH_MS = 1288834974657
NOTE = ("Synthetic stand-in for datasets of Twitter's information-operations archive, written by "
        "helpers.synthetic.archive in each disclosure's file names and column format. No row is a real tweet "
        "or account; the values are not calibrated to anything. Not evidence.")

# How each dataset was split into files (releases.md, "File-name patterns"). Keys are dataset keys.
PARTS = {"iran_201901_1": [str(i) for i in range(1, 5)], "venezuela_201901_1": [str(i) for i in range(1, 4)],
         "china_082019_3": [f"part{i}" for i in range(1, 4)], "russia_052020": ["1", "2"]}
FOLDER_PARTS = {"saudi_arabia_112019": [str(i) for i in range(1, 10)],
                "sa_eg_ae_022020": [f"{i:02d}" for i in range(1, 11)],
                "serbia_022020": [f"{i:02d}" for i in range(1, 14)]}
ZIPPED_2019 = ("russia_201901_1", "bangladesh_201901_1", "venezuela_201901_2")
FLATTENED = {"egypt_022020": "hashed_2020_04"}        # browser-flattened bucket path
SHORTENED = ("GRU_202012",)                            # `..._tweets.csv` (as MCIF-TEST/omi has it)
HALF_YEARS_FROM = {"turkey_052020": 2016}              # `_2016_01`, `_2016_06` from this year on
LONGER_PERIOD = {"turkey_052020": 6}                   # years: shows both `_2015` and `_2016_01`
CLIENTS = ("Twitter Web Client", "Twitter for Android", "Twitter for iPhone", "TweetDeck")
AUTOMATED_CLIENTS = ("Hootsuite", "twitterfeed", "IFTTT")   # scheduling services (helpers/metrics/clients.yaml)
HASHTAGS = ("news", "breaking", "politics", "world", "truth", "media", "today")


@dataclass(frozen=True)
class FileSpec:
    """One file of a synthetic release: where it goes, what it holds."""

    path: str                   # below the release folder (POSIX); a .zip for zipped files
    table: str                  # tweets | users
    member: str | None = None   # name inside the zip
    part: str = ""              # part label (split of the tweets: parts, years, half-years)


def period(d: catalog.Dataset) -> str:
    """The column-format generation of a dataset: '2018', '2019' (to April 2020) or '2020' (June 2020 on)."""
    if d.release_month <= "2018-10":
        return "2018"
    return "2019" if d.release_month <= "2020-04" else "2020"


def style_of(d: catalog.Dataset) -> Style:
    """The file format of a dataset (helpers.synthetic.sample.Style; `true/false` in the October 2020 files)."""
    style = Style.of(period(d))
    if d.release_month == "2020-10":
        style = dataclasses.replace(style, true="true", false="false")
    return style


def active_period(d: catalog.Dataset) -> tuple[np.datetime64, np.datetime64]:
    """[start, end) in minutes: a few years ending with the disclosure month."""
    year, month = map(int, d.release_month.split("-"))
    end = np.datetime64(f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]}", "m") + 1440
    years = LONGER_PERIOD.get(d.key, ACTIVE_YEARS)
    start = np.datetime64(f"{year - years}-{month:02d}-01", "m") + (end - np.datetime64(
        f"{year}-{month:02d}-01", "m"))
    return start, end


def _users_name(d: catalog.Dataset, i: int) -> str:
    """The users file's name in the dataset's period."""
    if d.release_month == "2021-02":
        return f"hashed_2020_12_{d.key}_{d.key}_users.csv"
    if d.release_month == "2021-12":
        prefix = "hashed_2021_12" if i % 2 else "2021_12"
        return f"{prefix}_{d.key}_{d.key}_users.csv"
    return f"{d.file_stem}_users_csv_hashed.csv"


def layout(d: catalog.Dataset, years: list[str], index: int = 0) -> list[FileSpec]:
    """The files of a dataset as its disclosure named them. `years` are the year (or half-year) labels of
    its tweets, for the per-year layouts; `index` alternates the two 2021 users-file names."""
    key, stem = d.key, d.file_stem
    users = FileSpec(_users_name(d, index), "users")
    if key in FOLDER_PARTS:
        folder = f"{stem}_tweets_csv_hashed"
        return [FileSpec(f"{folder}/{folder}_{p}.csv", "tweets", part=p) for p in FOLDER_PARTS[key]] + [users]
    if key in FLATTENED:
        flat = f"{FLATTENED[key]}_{key}_{key}"
        return [FileSpec(f"{flat}_tweets_csv_hashed/{stem}_tweets_csv_hashed.csv", "tweets"),
                FileSpec(f"{flat}_users_csv_hashed/{stem}_users_csv_hashed.csv", "users")]
    if key in PARTS:
        return [FileSpec(f"{stem}_tweets_csv_hashed_{p}.csv", "tweets", part=p) for p in PARTS[key]] + [users]
    if key in ZIPPED_2019:
        return [FileSpec(f"{key}_tweets_csv_hashed.zip", "tweets", member=f"{stem}_tweets_csv_hashed.csv"), users]
    if d.release_month == "2021-12" or key in HALF_YEARS_FROM:
        return [FileSpec(f"{stem}_tweets_csv_hashed_{y}.csv", "tweets", part=y) for y in years] + [users]
    if d.release_month == "2021-02":
        end = "tweets.csv" if key in SHORTENED else "tweets_csv_hashed.csv"
        return [FileSpec(f"hashed_2020_12_{key}_{key}_{end}", "tweets"), users]
    return [FileSpec(f"{stem}_tweets_csv_hashed.csv", "tweets"), users]


@dataclass(frozen=True)
class Traits:
    """What sets one synthetic dataset apart (drawn per dataset key and seed; not calibrated)."""

    retweet: float       # share of tweets that are retweets
    reply: float         # share of the other tweets that are replies
    hashed: float        # share of accounts anonymised
    automated: float     # share of tweets posted through a scheduling service
    engagement: float    # mean likes per tweet
    peak_hour: int       # local hour around which the operation posts


def traits(d: catalog.Dataset, seed: int) -> Traits:
    """The dataset's traits, deterministic for (seed, key)."""
    rng = rng_for(seed, d.key, "traits")
    return Traits(retweet=float(rng.uniform(0.15, 0.75)), reply=float(rng.uniform(0.02, 0.25)),
                  hashed=float(rng.uniform(0.55, 0.95)), automated=float(rng.choice([0.0, 0.05, 0.3, 0.6])),
                  engagement=float(10 ** rng.uniform(-1, 1.3)), peak_hour=int(rng.integers(8, 23)))


def utc_offset_minutes(d: catalog.Dataset) -> int:
    """The home zone's UTC offset in the middle of the active period (one offset per dataset: good enough
    for synthetic posting hours)."""
    start, end = active_period(d)
    middle = (start + (end - start) // 2).astype("datetime64[s]").astype(object)
    zone = zoneinfo.ZoneInfo(d.home_time_zone or "UTC")
    return int(middle.replace(tzinfo=zoneinfo.ZoneInfo("UTC")).astimezone(zone).utcoffset().total_seconds() // 60)


def tweet_minutes(d: catalog.Dataset, n: int, rng: np.random.Generator, peak_hour: int) -> np.ndarray:
    """Sorted minutes since the start of the active period: any day, local hours around `peak_hour`."""
    start, end = active_period(d)
    span = int((end - start).astype(int))
    day = rng.integers(0, span // 1440, n)
    hour = (peak_hour + np.round(rng.normal(0, 3.5, n)).astype(int)) % 24
    local = day * 1440 + hour * 60 + rng.integers(0, 60, n)
    return np.sort(np.clip(local - utc_offset_minutes(d), 0, span - 1))


def tweet_count(d: catalog.Dataset, tweets: int | None, scale: float | None) -> int:
    """Tweets to write: given, or the published count times `scale` (at least MIN_TWEETS)."""
    if tweets is not None:
        return max(int(tweets), MIN_TWEETS)
    if scale is not None:
        return max(int(round((d.tweets or 0) * scale)), MIN_TWEETS)
    return DEFAULT_TWEETS


# ------------------------------------------------------------------------------------------ rows

def _hash(style: Style, *parts) -> str:
    """An anonymised id in the style's form (64-hex or base64 ending in '=')."""
    return style.hash_text(hashlib.sha256("/".join(map(str, parts)).encode()).digest())


def _fmt_list(items: list[str], style: Style, empty: str) -> str:
    if not items:
        return empty
    if style.python_lists:
        return "[" + ", ".join(f"'{x}'" for x in items) + "]"
    return "[" + ", ".join(items) + "]"


def _count(value: int, style: Style) -> str:
    return f"{value}.0" if style.float_counts else str(value)


def make_users(d: catalog.Dataset, n_tweets: int, seed: int, style: Style) -> list[dict]:
    """Accounts: most anonymised (hash in id and names, under 5,000 followers), a few public."""
    rng = rng_for(seed, d.key, "users")
    n = max(2, min(d.accounts or 2, -(-n_tweets // 10)))
    start, _ = active_period(d)
    langs = d.main_languages or ("en",)
    share = traits(d, seed).hashed
    out = []
    for i in range(n):
        hashed = (i * 0.6180339887) % 1.0 < share   # account 0 always hashed; the share spread evenly
        uid = _hash(style, seed, d.key, "user", i) if hashed else str(2_000_000_000 + stable_code(d.key) * 1000 + i)
        name = uid if hashed else f"{d.key.split('_')[0].title()} Voice {i}"
        created = start - np.timedelta64(int(rng.integers(30, 2000)), "D")
        out.append({
            "userid": uid, "user_display_name": name, "user_screen_name": uid if hashed else f"voice_{d.op}_{i}",
            "user_reported_location": str(rng.choice(["", "Earth", "Capital City, Home"])),
            "user_profile_description": "" if hashed else "News, views, and \"quotes\", synthetic.",
            "user_profile_url": "" if hashed else f"https://example.org/{i}",
            "follower_count": _count(int(rng.integers(0, 4999)) if hashed else int(rng.integers(5000, 90000)), style),
            "following_count": _count(int(rng.integers(0, 3000)), style),
            "account_creation_date": str(created.astype("datetime64[D]")),
            "account_language": langs[i % len(langs)],
        })
    return out


def stable_code(text: str) -> int:
    """A small integer per dataset key (ids of different datasets never collide)."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:2], "big") % 1000


def make_tweets(d: catalog.Dataset, n: int, users: list[dict], seed: int, style: Style) -> list[dict]:
    """Tweets in time order over the active period, in the catalog's main languages."""
    rng = rng_for(seed, d.key, "tweets")
    start, _ = active_period(d)
    trait = traits(d, seed)
    minutes = tweet_minutes(d, n, rng, trait.peak_hour)
    own_tag, own_site = d.key.split("_")[0].lower(), f"https://{d.key.split('_')[0].lower()}-news.example/a"
    langs = list(d.main_languages or ("en",))
    weights = np.array([2.0 ** -i for i in range(len(langs))])
    lang = np.array(langs)[rng.choice(len(langs), n, p=weights / weights.sum())]
    geo = style.geo_empty
    empty_list = "" if d.release_month != "2021-12" else None
    out = []
    for i in range(n):
        t = start + np.timedelta64(int(minutes[i]), "m")
        ms = (t - np.datetime64("1970-01-01T00:00", "m")).astype(int) * 60000 + (i // 4096) % 60000
        tid = str(((int(ms) - TWITTER_EPOCH_MS) << 22) + (stable_code(d.key) << 12) + i % 4096)
        u = users[int(rng.integers(0, len(users)))]
        rt = rng.random() < trait.retweet
        reply = not rt and rng.random() < trait.reply
        tags = list(rng.choice(HASHTAGS, int(rng.integers(0, 3)), replace=False))
        if rng.random() < 0.3:
            tags.append(own_tag)
        client = (AUTOMATED_CLIENTS[int(rng.integers(0, len(AUTOMATED_CLIENTS)))] if rng.random() < trait.automated
                  else CLIENTS[int(rng.integers(0, len(CLIENTS)))])
        likes = int(rng.poisson(trait.engagement))
        blank = empty_list if empty_list is not None else ("['']" if i % 2 else "")
        row = {k: u[k] for k in USER_COLUMNS}
        row.update({
            "tweetid": tid, "tweet_language": "und" if rng.random() < 0.05 else str(lang[i]),
            "tweet_text": (f"RT synthetic {d.op} {i}" if rt else f"synthetic {d.op} tweet {i}, line one\nline two")
            + "".join(f" #{x}" for x in tags),
            "tweet_time": str(t).replace("T", " "), "tweet_client_name": client,
            "in_reply_to_userid": users[0]["userid"] if reply else "",
            "in_reply_to_tweetid": str(10**17 + int(rng.integers(0, 10**15))) if reply else "",
            "quoted_tweet_tweetid": str(10**17 + int(rng.integers(0, 10**15))) if rng.random() < 0.05 else "",
            "is_retweet": style.true if rt else style.false,
            "retweet_userid": str(3_000_000_000 + int(rng.integers(0, 10**6))) if rt else "",
            "retweet_tweetid": str(10**17 + int(rng.integers(0, 10**15))) if rt else "",
            "latitude": geo, "longitude": geo,
            "quote_count": _count(0, style), "reply_count": _count(int(rng.poisson(trait.engagement / 8)), style),
            "like_count": _count(likes, style),
            "retweet_count": _count(int(rng.poisson(trait.engagement / 3)), style),
            "hashtags": _fmt_list(tags, style, blank),
            "urls": _fmt_list(_urls(rng, i, own_site), style, blank),
            "user_mentions": _fmt_list([users[-1]["userid"]] if rng.random() < 0.2 else [], style, blank),
            "poll_choices": "",
        })
        out.append(row)
    return out


def _urls(rng: np.random.Generator, i: int, own_site: str) -> list[str]:
    """No link (most tweets), a shortened one, or one to the operation's own (reserved, .example) site."""
    r = rng.random()
    return [] if r >= 0.35 else [f"https://t.co/s{i:06d}"] if r < 0.15 else [f"{own_site}{i}"]


def year_label(tweet_time: str, half_from: int | None) -> str:
    """Per-year file label of a tweet time: `2019`, or `2016_01` / `2016_06` for half-years."""
    year, month = int(tweet_time[:4]), int(tweet_time[5:7])
    if half_from is not None and year >= half_from:
        return f"{year}_{'01' if month <= 6 else '06'}"
    return str(year)


def split_rows(rows: list[dict], specs: list[FileSpec], d: catalog.Dataset) -> dict[FileSpec, list[dict]]:
    """The tweets each tweets file holds: by year label for per-year layouts, else contiguous runs."""
    files = [s for s in specs if s.table == "tweets"]
    if d.release_month == "2021-12" or d.key in HALF_YEARS_FROM:
        half = HALF_YEARS_FROM.get(d.key)
        return {s: [r for r in rows if year_label(r["tweet_time"], half) == s.part] for s in files}
    bounds = np.linspace(0, len(rows), len(files) + 1).round().astype(int)
    return {s: rows[bounds[i]:bounds[i + 1]] for i, s in enumerate(files)}


# ------------------------------------------------------------------------------------------ damage

def plant_float_ids(rows: list[dict], every: int = 7) -> int:
    """Writes some retweet ids in float form (`1.2486535429502566e+17`, as in MX_0621): the digits are
    lost, the row's own ids are intact. Returns how many."""
    n = 0
    for i, r in enumerate(rows):
        if r["retweet_tweetid"] and i % every == 0:
            r["retweet_tweetid"] = repr(float(r["retweet_tweetid"]))
            n += 1
    return n


def plant_duplicate_across_parts(split: dict[FileSpec, list[dict]]) -> str | None:
    """Copies the first tweet of the first part to the end of the last part (same tweetid); returns
    that id, or None when the dataset has fewer than two non-empty parts."""
    parts = [s for s, rows in split.items() if rows]
    if len(parts) < 2:
        return None
    row = dict(split[parts[0]][0])
    split[parts[-1]].append(row)
    return row["tweetid"]


# ------------------------------------------------------------------------------------------ writing

CAMEL = {c: c.split("_")[0] + "".join(w.title() for w in c.split("_")[1:]) for c in USER_COLUMNS}


def table_bytes(rows: list[dict], columns: tuple, style: Style, header: tuple | None = None) -> bytes:
    """Header and rows as CSV in the style's quoting (helpers.synthetic.sample writers)."""
    head = header_bytes(tuple(header or columns), style)
    if not rows:
        return head
    table = pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in columns})
    return head + csv_bytes(table, style, header=False)


def write_dataset(folder: Path, d: catalog.Dataset, n_tweets: int, seed: int, index: int, camel_users: bool,
                  float_ids: bool, duplicate: bool) -> dict:
    """All files of one dataset; returns {relative path: {rows, sha256, table, part}} and planted damage."""
    style = style_of(d)
    users = make_users(d, n_tweets, seed, style)
    rows = make_tweets(d, n_tweets, users, seed, style)
    half = HALF_YEARS_FROM.get(d.key)
    years = sorted({year_label(r["tweet_time"], half) for r in rows})
    specs = layout(d, years, index)
    split = split_rows(rows, specs, d)
    damage = {"float_ids": plant_float_ids(rows) if float_ids else 0,
              "duplicate_tweetid": plant_duplicate_across_parts(split) if duplicate else None}
    files = {}
    for spec in specs:
        if spec.table == "users":
            data = table_bytes(users, USER_COLUMNS, style,
                               header=tuple(CAMEL[c] for c in USER_COLUMNS) if camel_users else None)
            n = len(users)
        else:
            data = table_bytes(split[spec], style.tweet_columns, style)
            n = len(split[spec])
        path = folder / spec.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if spec.member:
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                info = zipfile.ZipInfo(spec.member, date_time=(2020, 1, 1, 0, 0, 0))  # fixed: deterministic
                zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
            data = buf.getvalue()
        path.write_bytes(data)
        files[spec.path] = {"table": spec.table, "part": spec.part, "member": spec.member, "rows": n,
                            "sha256": hashlib.sha256(data).hexdigest()}
    return {"files": files, "format": period(d), "damage": damage}


def write_archive_sample(out_dir, ops, tweets: int | None = None, scale: float | None = None, seed: int = 1,
                         camel_users=(), float_ids=(), duplicate_across_parts=()) -> dict:
    """Write a synthetic release of the given catalog datasets into `out_dir` (replacing an earlier
    synthetic folder there, never anything else); returns the marker's content.

    `camel_users`, `float_ids`, `duplicate_across_parts`: dataset keys (or True for all) whose users file
    gets camelCase headers, whose retweet ids are partly in float form, whose last part repeats the first
    tweet of its first part."""
    if tweets is not None and scale is not None:
        raise ValueError("give tweets or scale, not both")
    keys = [k.strip() for k in (ops.split(",") if isinstance(ops, str) else ops) if k.strip()]
    if keys == [ALL]:
        keys = [d.key for d in catalog.datasets()]
    datasets = []
    for k in keys:
        d = catalog.lookup(k)
        if d is None:
            raise ValueError(f"{k!r} is not a dataset of the catalog (helpers/data/catalog.csv)")
        datasets.append(d)
    out, partial = partial_folder(out_dir)

    def chosen(option, d) -> bool:
        return option is True or d.key in option or d.op in option

    content = {"synthetic": True, "generator": "helpers.synthetic.archive", "generator_version": GENERATOR_VERSION,
               "seed": int(seed), "tweets": tweets, "scale": scale, "ops": {}, "complete": False, "note": NOTE}
    (partial / SAMPLE_MARKER).write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    for i, d in enumerate(datasets):
        content["ops"][d.op] = dict(
            key=d.key, release_month=d.release_month,
            **write_dataset(partial, d, tweet_count(d, tweets, scale), int(seed), i, chosen(camel_users, d),
                            chosen(float_ids, d), chosen(duplicate_across_parts, d)))
    content["complete"] = True
    (partial / SAMPLE_MARKER).write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    replace_folder(partial, out)
    return content


def main(argv=None) -> int:
    """Command line (see the module docstring)."""
    p = argparse.ArgumentParser(prog="python -m helpers.synthetic.archive", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="release folder to write (replaced if it is synthetic)")
    p.add_argument("--ops", required=True, help="comma-separated catalog dataset keys (or file stems), or 'all'")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--tweets", type=int, help=f"tweets per dataset (default {DEFAULT_TWEETS})")
    size.add_argument("--scale", type=float, help="fraction of each dataset's published tweet count")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--camel-users", default="", help="datasets whose users file has camelCase headers")
    p.add_argument("--float-ids", default="", help="datasets with some retweet ids in float form")
    p.add_argument("--duplicate-across-parts", default="", help="datasets whose last part repeats a tweet")
    a = p.parse_args(argv)

    def keys(text: str):
        return tuple(k.strip() for k in text.split(",") if k.strip())

    content = write_archive_sample(a.out, a.ops, a.tweets, a.scale, a.seed, keys(a.camel_users),
                                   keys(a.float_ids), keys(a.duplicate_across_parts))
    for op, info in content["ops"].items():
        rows = sum(f["rows"] for f in info["files"].values() if f["table"] == "tweets")
        print(f"{op}: {len(info['files'])} files, {rows:,} tweets ({info['format']} format)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
