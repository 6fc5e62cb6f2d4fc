"""Accounts: the full users file of one operation, drawn at every scale.

In: the calibration (accounts per creation year, languages, followers) and a seed. Out: `Accounts`, the
account population with its profile fields, activity windows and weights, from which the tweets are drawn.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from helpers.synthetic.sample.calibration import (
    ACCOUNT_SALT,
    DAY0,
    cdf_pick,
    day_of,
    interp_ids,
    load_calibration,
    load_vocabulary,
    random_tokens,
    rng_for,
    year_of_days,
)
from helpers.synthetic.sample.formats import Style

# ----------------------------------------------------------------------------------------------------
# Accounts: the full users file of an operation
# ----------------------------------------------------------------------------------------------------

FOLLOWER_EDGES = [(0, 0), (1, 10), (11, 50), (51, 100), (101, 500), (501, 1000), (1001, 2000)]


@dataclass
class Accounts:
    userid: np.ndarray          # str (object): hash or numeric id
    mention: np.ndarray         # how the account is written after '@' in text (hash or screen name)
    display: np.ndarray
    screen: np.ndarray
    location: np.ndarray
    description: np.ndarray
    url: np.ndarray
    followers: np.ndarray
    following: np.ndarray
    created: np.ndarray         # day index
    language: np.ndarray        # account_language
    hashed: np.ndarray
    active: np.ndarray          # has tweets (by design; see plan anchors)
    primary: np.ndarray         # index into the op's language list
    weight: np.ndarray          # relative activity
    start: np.ndarray           # first and last day the account usually tweets
    end: np.ndarray
    earliest: np.ndarray        # first day it may tweet at all (creation; Sept. 2017 for the IRA's 2nd wave)
    cohort: np.ndarray          # creation year

    @property
    def n(self) -> int:
        return len(self.userid)


def bin_values(rng: np.random.Generator, counts: list[int], alpha: float, vmax: float) -> np.ndarray:
    """Follower (or following) counts honouring published accounts-per-bin exactly: log-uniform
    inside the finite bins, a truncated Pareto tail above 2,000."""
    out = []
    for (lo, hi), k in zip(FOLLOWER_EDGES, counts[:-1]):
        if hi == 0:
            out.append(np.zeros(k))
        else:
            out.append(np.floor(np.exp(rng.uniform(np.log(lo), np.log(hi + 1), k))).clip(lo, hi))
    lo, k = 2001.0, counts[-1]
    u = rng.random(k)
    tail = lo * (1 - u * (1 - (lo / vmax) ** alpha)) ** (-1 / alpha)
    out.append(np.floor(tail).clip(lo, vmax))
    return np.sort(np.concatenate(out)).astype(np.int64)


def creation_days(rng: np.random.Generator, per_year: dict, last_day: int) -> np.ndarray:
    """Account creation days with the published number of accounts per year, in random order."""
    days = []
    for year, k in per_year.items():
        lo = day_of(f"{year}-01-01")
        hi = min(day_of(f"{int(year) + 1}-01-01"), last_day - 20)
        days.append(rng.integers(lo, hi, int(k)))
    days = np.concatenate(days)
    rng.shuffle(days)
    return days


def account_languages(rng: np.random.Generator, published: dict, rest: dict, cohort: np.ndarray,
                      english_cohorts: list, english_share: float) -> np.ndarray:
    """account_language with the published counts (plus the assumed rest); second-wave accounts posing
    as Americans get English interfaces by swapping, which keeps the counts exact."""
    langs = np.array([lang for d in (published, rest) for lang, k in d.items() for _ in range(int(k))],
                     dtype=object)
    rng.shuffle(langs)
    wave = np.flatnonzero(np.isin(cohort, english_cohorts) & (langs != "en")
                          & (rng.random(len(langs)) < english_share))
    donors = np.flatnonzero(~np.isin(cohort, english_cohorts) & (langs == "en"))
    take = rng.choice(donors, size=min(len(wave), len(donors)), replace=False)
    langs[wave[:len(take)]], langs[take] = langs[take], langs[wave[:len(take)]]
    return langs


def user_ids(rng: np.random.Generator, days: np.ndarray, release_format: dict) -> np.ndarray:
    """Plausible numeric user ids for a creation day: sequential before 2016, snowflake after."""
    ms = (DAY0 + days.astype("timedelta64[D]")).astype("datetime64[ms]").astype(np.int64)
    ms = ms + rng.integers(0, 86_400_000, len(days))
    seq = interp_ids(ms, release_format["user_id_anchors"], "ms") + rng.integers(0, 5000, len(days))
    snow = ((ms - release_format["snowflake_epoch_ms"]) << 22) | rng.integers(0, 1 << 22, len(days))
    late = days >= day_of(release_format["user_ids_snowflake_from"])
    return np.where(late, snow, seq.astype(np.int64))


def screen_name(display: str, rng: np.random.Generator, words: list[str], used: set) -> str:
    """A clearly synthetic handle: CamelCase of the display name (or of transliterated words for
    non-Latin names), always ending in `_sx`, numbered when taken."""
    parts = [w.capitalize() for w in display.split() if w.isascii() and w.isalpha()]
    if not parts:
        parts = [str(w).capitalize() for w in rng.choice(words, 2)]
    base = parts[0][:12]
    for w in parts[1:]:
        if len(base) + len(w) <= 12:
            base += w
    base += "_sx"
    name, k = base, 1
    while name.lower() in used:
        k += 1
        name = f"{base}{k}"
    used.add(name.lower())
    return name


def make_accounts(op: str, family: str, seed: int, style: Style, langs: list[str],
                  lang_share: np.ndarray) -> Accounts:
    """The full account population of an operation, independent of scale."""
    cal = load_calibration()
    release_format, published, assumed = cal["format"], cal["ops"][family]["published"], cal["ops"][family]["assumed"]
    vocab, account_params = load_vocabulary(), assumed["accounts"]
    rng = rng_for(seed, "accounts", op)
    n = int(published["users_rows"])
    last_day = day_of(assumed["last_day"])
    created = creation_days(rng, published["accounts_created_per_year"], last_day)
    cohort = year_of_days(created)

    # followers and following: exact published bins, correlated through a Gaussian copula
    z1 = rng.standard_normal(n)
    z2 = account_params["copula_rho"] * z1 + np.sqrt(1 - account_params["copula_rho"] ** 2) * rng.standard_normal(n)
    fol_max = published.get("followers_max", account_params["followers_max"])
    followers = np.empty(n, np.int64)
    followers[np.argsort(z1)] = bin_values(rng, published["follower_bins"], account_params["followers_pareto_alpha"],
                                           fol_max)
    if "followers_max" in published:                       # the published maximum, exactly
        followers[np.argmax(followers)] = int(published["followers_max"])
    following = np.empty(n, np.int64)
    following[np.argsort(z2)] = bin_values(rng, published["following_bins"], account_params["following_pareto_alpha"],
                                           account_params["following_max"])

    wave = assumed.get("second_wave", {})
    language = account_languages(rng, published["account_languages"], assumed["account_language_rest"], cohort,
                                 wave.get("cohorts", []), wave.get("english", 0.0))
    hashed = followers < release_format["hash_below_followers"]

    # accounts with tweets: every big one, the others drawn with a lean towards few followers
    n_active = int(published["accounts_with_tweets"])
    active = np.ones(n, bool)
    small = np.flatnonzero(hashed)
    w = (1.0 + followers[small]) ** -account_params["inactive_follower_power"]
    active[rng.choice(small, size=n - n_active, replace=False, p=w / w.sum())] = False

    primary = primary_languages(rng, langs, lang_share, language, cohort, wave,
                                account_params["primary_language_boost"])
    weight = (rng.lognormal(0, account_params["activity_sigma"], n)
              * (1.0 + followers) ** account_params["follower_elasticity"])
    start, end, earliest = activity_windows(rng, created, cohort, assumed, account_params)

    # names: hashes for small accounts, synthetic names and numeric ids for big ones
    digests = [hashlib.sha256(f"{ACCOUNT_SALT}|{seed}|{op}|account|{i}".encode()).digest() for i in range(n)]
    userid = np.array([style.hash_text(d) for d in digests], dtype=object)
    display, screen = userid.copy(), userid.copy()
    big = np.flatnonzero(~hashed)
    big = big[np.argsort(-followers[big], kind="stable")]
    numeric = user_ids(rng, created[big], release_format)
    names, used = vocab["profiles"]["big_names"][family], set()
    for j, i in enumerate(big):
        label = names[j % len(names)] + ("" if j < len(names) else f" {j // len(names) + 1}")
        userid[i], display[i] = str(numeric[j]), label
        screen[i] = screen_name(label, rng, vocab["words"]["translit"], used)
    mention = np.where(hashed, userid, screen)

    location, description = profile_texts(rng, vocab, [langs[p] for p in primary])
    url = np.array(["https://t.co/" + t if rng.random() < 0.15 else ""
                    for t in random_tokens(rng, n, 10)], dtype=object)
    return Accounts(userid, mention, display, screen, location, description, url, followers, following,
                    created, language, hashed, active, primary, weight, start, end, earliest, cohort)


def primary_languages(rng, langs, lang_share, account_language, cohort, wave, boost) -> np.ndarray:
    """Main tweet language of each account: the op's tweet-language mix, leaning towards the account's
    interface language; the IRA's second wave posed as Americans [D2]."""
    real = np.array([i for i, language in enumerate(langs) if language not in ("", "und") and lang_share[i] > 0.004])
    base = lang_share[real] / lang_share[real].sum()
    out = np.empty(len(account_language), np.int64)
    for i, al in enumerate(account_language):
        p = base * np.where(np.array([langs[j] for j in real]) == al.split("-")[0], boost, 1.0)
        out[i] = real[cdf_pick(rng, np.cumsum(p), 1)[0]]
    if wave:
        en = langs.index("en")
        out[np.isin(cohort, wave["cohorts"]) & (rng.random(len(out)) < wave["english"])] = en
    return out


def activity_windows(rng, created, cohort, assumed, account_params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First and last tweet day of each account: a lag after creation, a heavy-tailed lifetime, the
    autumn-2017 suspension of the IRA's first wave, and a second wave active from September 2017 [D2]."""
    n, last_day = len(created), day_of(assumed["last_day"])
    start = created + rng.exponential(account_params["start_lag_days"], n).astype(np.int64)
    end = start + rng.lognormal(np.log(account_params["duration_median_days"]), account_params["duration_sigma"],
                                n).astype(np.int64)
    end = np.minimum(end, last_day)
    if "suspension_day" in assumed:
        cut = day_of(assumed["suspension_day"])
        first_wave = ~np.isin(cohort, assumed["second_wave"]["cohorts"])
        cut_now = first_wave & (rng.random(n) >= assumed["survive_suspension"])
        end = np.where(cut_now, np.minimum(end, cut), end)
    earliest = created.copy()
    wave = assumed.get("second_wave")
    if wave:
        in_wave = np.isin(cohort, wave["cohorts"])
        earliest = np.where(in_wave, np.maximum(created, day_of(wave["active_from"])), created)
        start = np.maximum(start, earliest)
        end = np.where(in_wave, last_day, end)
    late = start > end                               # lag ran past the end: start somewhere before it
    span = end[late] - earliest[late] + 1
    start[late] = earliest[late] + (rng.random(int(late.sum())) * span).astype(np.int64)
    start = np.minimum(start, end)
    first = np.argmin(created)                       # one long-running account: no day without authors
    start[first], end[first] = created[first], last_day
    return start, end, earliest


def profile_texts(rng, vocab, primary_langs: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Reported location and profile description, in the account's main language."""
    prof = vocab["profiles"]
    n = len(primary_langs)
    u = rng.random((n, 3)).tolist()
    emoji = vocab["emoji"]
    locs, descs = [], []
    for (u1, u2, u3), language in zip(u, primary_langs):
        options = prof["locations"].get(language, prof["locations"]["default"])
        locs.append(str(options[int(u1 * len(options))]))
        options = prof["descriptions"].get(language, prof["descriptions"]["default"])
        d = str(options[int(u2 * len(options))])
        if d and u3 < 0.2:
            d += " " + str(emoji[int(u3 * 5 * len(emoji)) % len(emoji)])
        descs.append(d)
    return np.array(locs, dtype=object), np.array(descs, dtype=object)
