"""The plan of one operation: everything fixed before a single tweet row is drawn.

In: an operation name, a seed, a scale and a `Style`. Out: `OpPlan`, holding the accounts, the per-day tweet
and retweet counts, events, anchors, the language/client/hashtag/domain tables and the text pools, and the
day chunks (`units`) the rows are then generated in independently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from helpers.synthetic.sample.accounts import Accounts, make_accounts
from helpers.synthetic.sample.calibration import (
    N_DAYS,
    SCRIPT_OF_LANG,
    YEARS,
    continue_tail,
    day_of,
    family_of,
    ipf,
    load_calibration,
    load_vocabulary,
    rng_for,
    year_of_days,
)
from helpers.synthetic.sample.formats import Style
from helpers.synthetic.sample.texts import external_people, tail_names, text_pools

CHUNK_ROWS = 40_000           # rows per independently generated chunk (bounds memory per worker)



# ----------------------------------------------------------------------------------------------------
# The plan of one operation: what is fixed before any tweet row is generated
# ----------------------------------------------------------------------------------------------------

@dataclass
class Table:
    """A categorical distribution conditional on the tweet language (or on year x language)."""
    names: list
    cdf: np.ndarray             # (..., K) cumulative, per condition
    rate: np.ndarray = None     # mean items per tweet, per language


@dataclass
class OpPlan:
    op: str
    family: str
    code: int
    seed: int
    scale: float
    style: Style
    langs: list
    lang_cdf: np.ndarray        # (years, langs) cumulative P(lang | year)
    accounts: Accounts
    n_day: np.ndarray
    rt_day: np.ndarray
    event_rows: dict            # day -> list of (event key, rows)
    events: dict
    anchor_ptr: np.ndarray      # CSR over days: anchored accounts
    anchor_acc: np.ndarray
    clients: Table
    hashtags: Table
    domains: Table
    pools: dict                 # language -> array of bodies; event -> array
    people_id: np.ndarray       # accounts then external users: ids as written in id columns
    people_name: np.ndarray     # ... and after '@' in text
    ext_cdf: np.ndarray         # outsiders, sorted by creation day: popularity cumulative
    ext_created: np.ndarray
    net_cdf: np.ndarray         # own accounts sorted by creation day: activity cumulative
    net_created: np.ndarray
    net_order: np.ndarray
    engagement: dict
    shares: dict
    release_format: dict
    text_lang_cdf: np.ndarray   # text language of rows whose tweet_language is empty
    units: list = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return int(self.n_day.sum())


def language_table(published: dict, assumed: dict) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Tweet languages: the published top 10 and an assumed tail holding the rest of the file, and
    P(language | year) fitted to both the per-year and the per-language published counts."""
    top = {str(k): float(v) for k, v in published["tweet_languages"].items()}
    total = float(sum(published["tweets_per_year"].values()))
    tail = continue_tail(min(top.values()), total - sum(top.values()), len(assumed["tail_languages"]), len(top))
    langs = list(top) + [str(x) for x in assumed["tail_languages"]]
    counts = np.array(list(top.values()) + list(tail))
    seed = np.ones((len(YEARS), len(langs)))
    for lang, per_year in assumed.get("language_year_affinity", {}).items():
        for y, v in per_year.items():
            seed[int(y) - YEARS[0], langs.index(str(lang))] = v
    per_year = np.array([published["tweets_per_year"].get(int(y), 0) for y in YEARS], float)
    return langs, counts / counts.sum(), ipf(seed, per_year, counts)


def client_table(published, assumed, langs, year_lang: np.ndarray) -> Table:
    """Client apps: published top 10 plus an assumed tail, P(client | year, language) fitted to the
    published client shares with assumed affinities (the IRA's own apps post Russian, 2013-2016)."""
    top = {str(k): float(v) for k, v in published["clients"].items()}
    total = float(sum(published["tweets_per_year"].values()))
    names = list(top) + [str(x) for x in assumed["tail_clients"]]
    counts = np.array(list(top.values()) + list(
        continue_tail(min(top.values()), total - sum(top.values()), len(assumed["tail_clients"]), len(top))))
    seed = np.ones((len(YEARS), len(langs), len(names)))
    for rule in assumed.get("client_affinity", {}).values():
        for c in rule["clients"]:
            k = names.index(str(c))
            if "years" in rule:
                seed[~np.isin(YEARS, rule["years"]), :, k] = 0.0
            if "langs" in rule:
                lw = np.array([rule["langs"].get(language, 0.05) for language in langs])
                seed[:, :, k] *= lw[None, :]
    fitted = ipf(seed.reshape(-1, len(names)), year_lang.ravel(), counts)
    fitted = fitted.reshape(len(YEARS), len(langs), len(names))
    empty = fitted.sum(2) == 0
    fitted[empty] = counts
    return Table(names, np.cumsum(fitted, axis=2))



def lang_script_affinity(langs: list[str], scripts: list[str], other: float) -> np.ndarray:
    """(languages x items) seed: 1 where the item's script suits the language, `other` elsewhere."""
    scripts = np.array(scripts)
    seed = np.full((len(langs), len(scripts)), other)
    for i, language in enumerate(langs):
        fits = (scripts == "any") | (scripts == SCRIPT_OF_LANG.get(language, "latin")) | (language in ("", "und"))
        seed[i, fits] = 1.0
    return seed


def hashtag_table(rng, published, assumed, langs, lang_share, vocab, events: dict) -> Table:
    """Hashtags: the published top 20 shares of occurrences, a long power-law tail of made-up tags in
    the op's scripts, chosen per tweet language; mean tags per tweet per language is assumed."""
    h = assumed["hashtags"]
    top = {str(k): float(v) / 100 for k, v in published["top_hashtags"].items()}
    taken = {t.lower() for t in top} | {str(e.get("hashtag", "")).lower() for e in events.values()}
    scripts_p = h["tail_scripts"]
    n_tail = int(h["tail_size"])
    tail_scripts = rng.choice(list(scripts_p), size=n_tail, p=np.array(list(scripts_p.values())))
    names = list(top)
    scripts = ["latin"] * len(top)
    for script in scripts_p:
        k = int((tail_scripts == script).sum())
        if script == "arabic":
            made = tail_names(rng, vocab["words"]["arabic"], k, "_", taken, style="plain")
        else:
            made = tail_names(rng, vocab["words"][script], k, "", taken)
        taken |= {m.lower() for m in made}
        names += made
        scripts += [script] * k
    shares = np.concatenate([list(top.values()),
                             continue_tail(min(top.values()), 1 - sum(top.values()), n_tail, len(top))])
    # tail names are in script blocks; shuffle which made-up name gets which tail rank
    order = np.concatenate([np.arange(len(top)), len(top) + rng.permutation(n_tail)])
    names, scripts = [names[i] for i in order], [scripts[i] for i in order]
    rate = np.array([h["per_tweet"].get(language, h["per_tweet"]["other"]) for language in langs], float)
    occ = lang_share * rate
    fitted = ipf(lang_script_affinity(langs, scripts, 0.1), occ, shares)
    return Table(names, np.cumsum(fitted, axis=1), rate)


def domain_table(rng, published, assumed, langs, lang_share, vocab, expected_quotes: float) -> Table:
    """Linked domains: the published top 20 (occurrences per 100 tweets), a power-law tail of made-up
    sites (`-sx` in the name: clearly synthetic), chosen per tweet language. Quote tweets link to
    twitter.com by construction, so twitter.com's draw is reduced by the expected quotes."""
    u = assumed["urls"]
    top = {str(k): float(v) / 100 for k, v in published["top_domains"].items()}
    top["twitter.com"] = max(top["twitter.com"] - expected_quotes, 0.0)
    total = float(u["per_tweet_total"]) - expected_quotes
    n_tail = int(u["tail_size"])
    scripts_p = u["tail_scripts"]
    tail_scripts = rng.choice(list(scripts_p), size=n_tail, p=np.array(list(scripts_p.values())))
    words = vocab["words"]
    names, scripts = list(top), []
    groups = assumed.get("domain_langs", {})
    for d in top:
        scripts.append(next((s for s, ds in groups.items() if d in ds), "any"))
    taken = {d.split(".")[0] for d in names}
    made = {"latin": tail_names(rng, words["latin"], n_tail, "", taken, style="plain"),
            "cyrillic": tail_names(rng, words["translit"], n_tail, "", taken, style="plain"),
            "arabic": ["al" + s for s in tail_names(rng, words["latin"] + words["domain_suffix"], n_tail, "",
                                                    taken, style="plain")]}
    tld = {"latin": [".com", ".net", ".org", ".info"], "cyrillic": [".ru", ".ru", ".su", ".com.ua"],
           "arabic": [".com", ".net", ".org"]}
    seen = set(names)
    for i, s in enumerate(tail_scripts):
        name = f"{made[s][i]}{rng.choice(words['domain_suffix'])}-sx{rng.choice(tld[s])}"
        while name in seen:
            name = name.replace("-sx", "-sx" + str(rng.integers(0, 10)), 1)
        seen.add(name)
        names.append(name)
        scripts.append(s)
    tail = continue_tail(min(v for v in top.values() if v > 0), total - sum(top.values()), n_tail, len(top))
    shares = np.concatenate([list(top.values()), tail])
    rate = np.array([u["per_tweet"].get(language, u["per_tweet"]["other"]) for language in langs], float)
    occ = lang_share * rate
    occ *= total / occ.sum()
    fitted = ipf(lang_script_affinity(langs, scripts, 0.05), occ, shares)
    return Table(names, np.cumsum(fitted, axis=1), fitted.sum(1) / np.maximum(lang_share, 1e-300))


def intensity(assumed: dict) -> np.ndarray:
    """Relative daily activity (assumed knots, log-linear in between), weekly rhythm included."""
    knots = assumed["intensity_knots"]
    xs = np.array([day_of(d) for d in knots], float)
    ys = np.log(np.array(list(knots.values()), float))
    days = np.arange(N_DAYS)
    base = np.exp(np.interp(days, xs, ys))
    weekday = np.array(assumed["weekday_weights"])[(days + 3) % 7]   # 2009-01-01 was a Thursday
    return base * weekday


def event_days(events: dict, scale: float) -> tuple[dict, dict]:
    """Scaled event counts: fixed day totals (MH17) and extra hashtag tweets spread over their days."""
    fixed, extra = {}, {}
    for key, ev in events.items():
        days = [day_of(d) for d in ev["days"]]
        if "day_total" in ev:
            fixed[days[0]] = (key, int(round(ev["day_total"] * scale)))
        else:
            w = 1.0 / (1 + np.arange(len(days)))
            k = np.floor(w / w.sum() * round(ev["tweets"] * scale)).astype(int)
            k[0] += int(round(ev["tweets"] * scale)) - k.sum()
            for d, c in zip(days, k):
                extra.setdefault(d, []).append((key, int(c)))
    return fixed, extra


def day_counts(rng, published, assumed, accounts: Accounts, scale: float, events: dict):
    """Tweets and retweets per day: per-year published totals (scaled, exact), spread over the days
    when some account is active, events placed on their dates."""
    act = accounts.active
    cover = np.zeros(N_DAYS + 1, np.int64)
    np.add.at(cover, accounts.start[act], 1)
    np.add.at(cover, accounts.end[act] + 1, -1)
    alive = np.cumsum(cover)[:N_DAYS] > 0
    alive[day_of(assumed["last_day"]) + 1:] = False
    weight = intensity(assumed) * rng.lognormal(0, assumed["day_noise_sigma"], N_DAYS) * alive
    fixed, extra = event_days(events, scale)
    n_day = np.zeros(N_DAYS, np.int64)
    rt_day = np.zeros(N_DAYS, np.int64)
    year = year_of_days(np.arange(N_DAYS))
    for y in YEARS:
        total = int(round(published["tweets_per_year"].get(int(y), 0) * scale))
        in_year = year == y
        fixed_here = {d: c for d, (_, c) in fixed.items() if in_year[d]}
        extra_here = sum(c for d, lst in extra.items() if in_year[d] for _, c in lst)
        free = total - sum(fixed_here.values()) - extra_here
        if free < 0:                              # tiny scales: events take what the year has
            fixed_here = {d: 0 for d in fixed_here}
            free = total - extra_here
        w = np.where(in_year, weight, 0.0)
        w[list(fixed_here)] = 0.0
        if total and w.sum() == 0:
            raise ValueError(f"no active account can carry the {total} tweets of {y}")
        if free > 0:
            n_day += rng.multinomial(free, w / w.sum())
        for d, c in fixed_here.items():
            n_day[d] = c
        for d, lst in extra.items():
            if in_year[d]:
                n_day[d] += sum(c for _, c in lst)
        rts = int(round(published["retweets_per_year"].get(int(y), 0) * scale))
        idx = np.flatnonzero(in_year & (n_day > 0))
        if rts:
            rt_day[idx] = rng.multivariate_hypergeometric(n_day[idx], min(rts, int(n_day[idx].sum())),
                                                          method="marginals")
    rows = {d: list(lst) for d, lst in extra.items()}
    for d, (key, _count) in fixed.items():
        near = n_day[max(d - 15, 0):d + 16]
        baseline = int(np.median(near[near > 0])) if (near > 0).any() else 0
        if n_day[d] > baseline:
            rows.setdefault(d, []).append((key, int(n_day[d] - baseline)))
    return n_day, rt_day, rows


def place_anchors(rng, accounts: Accounts, n_day: np.ndarray, event_rows: dict):
    """One tweet slot per active account inside its active window, so that exactly the published number
    of accounts has tweets whenever there are enough tweets (Z: 3,667 of 3,836; 660 of 770)."""
    cap = n_day.copy()
    for d, lst in event_rows.items():
        cap[d] -= sum(c for _, c in lst)
    days, accs = [], []
    active = np.flatnonzero(accounts.active)
    # the most constrained (latest-starting) accounts choose first
    for a in active[np.lexsort((rng.random(len(active)), -accounts.start[active]))]:
        # inside the account's window if the plan left room there, else any later day with room
        for lo, hi in ((accounts.start[a], accounts.end[a]), (accounts.start[a], N_DAYS - 1),
                       (accounts.earliest[a], N_DAYS - 1)):
            seg = cap[lo:hi + 1]
            tot = seg.sum()
            if tot > 0:
                d = lo + int(np.searchsorted(np.cumsum(seg), rng.random() * tot, side="right"))
                cap[d] -= 1
                days.append(d)
                accs.append(a)
                break
    days, accs = np.array(days, np.int64), np.array(accs, np.int64)
    order = np.lexsort((accs, days))
    ptr = np.zeros(N_DAYS + 1, np.int64)
    np.add.at(ptr, days + 1, 1)
    return np.cumsum(ptr), accs[order]


def expected_tweets(accounts: Accounts, n_day: np.ndarray, lang_cdf: np.ndarray, langs: list[str],
                    cross: float) -> np.ndarray:
    """Expected tweets per account under the plan and the author rule of `pick_accounts` (same main
    language first, a share `cross` and language-less rows to anyone active): used to calibrate
    engagement to the published totals."""
    days = np.flatnonzero(n_day)
    a = accounts
    alive = (a.active[None, :] & (a.start[None, :] <= days[:, None]) & (a.end[None, :] >= days[:, None]))
    alive = alive.astype(np.float32)
    onehot = np.zeros((a.n, len(langs)), np.float32)
    onehot[np.arange(a.n), a.primary] = a.weight
    w_lang = alive @ onehot                                   # (days, langs): weight of each group
    w_all = alive @ a.weight.astype(np.float32)
    p = np.diff(lang_cdf, axis=1, prepend=0.0)
    p = (p / p.sum(1, keepdims=True))[year_of_days(days) - YEARS[0]]
    grouped = np.array([language not in ("", "und") for language in langs])[None, :] & (w_lang > 0)
    same = np.where(grouped, (1 - cross) * p, 0.0)
    n = n_day[days].astype(float)
    m = np.divide(n[:, None] * same, w_lang, out=np.zeros_like(same), where=w_lang > 0)
    g = n * (1 - same.sum(1)) / np.maximum(w_all, 1e-30)
    per_group = alive.T @ m.astype(np.float32)                # (accounts, langs)
    return a.weight * (per_group[np.arange(a.n), a.primary] + alive.T @ g.astype(np.float32))


def engagement_params(published, assumed, accounts: Accounts, share: np.ndarray) -> dict:
    """Heavy-tailed engagement: most originals get nothing, the rest a lognormal amount that grows with
    the author's followers (a few big accounts carried the reach [D1]); retweet rows get zero, as in the
    release. The location is solved so that expected sums match the published totals [G], given the
    expected original tweets per account (`share`)."""
    e = assumed["engagement"]
    tweets = sum(published["tweets_per_year"].values())
    originals = tweets - sum(published["retweets_per_year"].values())
    z = np.log1p(accounts.followers) - np.log1p(accounts.followers).mean()
    mean_boost = float((share * np.exp(e["follower_elasticity"] * z)).sum() / max(share.sum(), 1e-300))
    totals = published["engagement_totals"]
    per_original = totals["like_count"] / originals
    mu = np.log(per_original / (e["nonzero_share"] * np.exp(e["sigma"] ** 2 / 2) * mean_boost))
    return {"mu": float(mu), "sigma": e["sigma"], "b": e["follower_elasticity"], "z": z,
            "p": e["nonzero_share"], "rt_per_like": totals["retweet_count"] / totals["like_count"],
            "reply_per_like": totals["reply_count"] / totals["like_count"],
            "quote_per_like": e["quote_per_like"], "secondary_sigma": e["secondary_sigma"]}


def make_plan(op: str, code: int, seed: int, scale: float, style: Style) -> OpPlan:
    """Everything about an operation that is decided before rows are generated."""
    cal = load_calibration()
    family = family_of(op)
    published, assumed, release_format = cal["ops"][family]["published"], cal["ops"][family]["assumed"], cal["format"]
    vocab = load_vocabulary()
    events = published.get("events") or {}
    langs, lang_share, year_lang = language_table(published, assumed)
    accounts = make_accounts(op, family, seed, style, langs, lang_share)
    rng = rng_for(seed, "plan", op, int(round(scale * 1e9)))
    n_day, rt_day, event_rows = day_counts(rng, published, assumed, accounts, scale, events)
    anchor_ptr, anchor_acc = place_anchors(rng, accounts, n_day, event_rows)
    lang_cdf = free_language_cdf(year_lang, lang_share, langs, accounts, n_day, event_rows, events,
                                 anchor_ptr, anchor_acc)
    clients = client_table(published, assumed, langs, year_lang)
    trng = rng_for(seed, "tables", op)            # scale-independent vocabularies
    hashtags = hashtag_table(trng, published, assumed, langs, lang_share, vocab, events)
    quotes_from = day_of(release_format["quotes_from"])
    originals_after = (n_day[quotes_from:] - rt_day[quotes_from:]).sum()
    expected_quotes = assumed["shares"]["quote"] * originals_after / max(n_day.sum(), 1)
    domains = domain_table(trng, published, assumed, langs, lang_share, vocab, expected_quotes)
    pools = text_pools(trng, vocab, family, langs, events)
    ext_id, ext_name, ext_created = external_people(trng, vocab, release_format,
                                                    int(assumed["accounts"]["external_users"]),
                                                    {s.lower() for s in accounts.screen})
    ext_w = trng.permutation(1.0 / (1 + np.arange(len(ext_id))) ** 1.1)
    net_order = np.argsort(accounts.created, kind="stable")
    net_w = np.where(accounts.active, accounts.weight, 0.0)[net_order]
    real = np.array([language not in ("", "und") for language in langs])
    plan = OpPlan(op=op, family=family, code=code, seed=seed, scale=scale, style=style, langs=langs,
                  lang_cdf=lang_cdf, accounts=accounts, n_day=n_day, rt_day=rt_day,
                  event_rows=event_rows, events=events, anchor_ptr=anchor_ptr, anchor_acc=anchor_acc,
                  clients=clients, hashtags=hashtags, domains=domains, pools=pools,
                  people_id=np.concatenate([accounts.userid, ext_id]),
                  people_name=np.concatenate([accounts.mention, ext_name]),
                  ext_cdf=np.cumsum(ext_w), ext_created=ext_created, net_cdf=np.cumsum(net_w),
                  net_created=accounts.created[net_order], net_order=net_order,
                  engagement=engagement_params(published, assumed, accounts, expected_tweets(   # originals only
                      accounts, n_day - rt_day, lang_cdf, langs, assumed["shares"]["cross_language"])),
                  shares=assumed["shares"], release_format=release_format,
                  text_lang_cdf=np.cumsum(lang_share * real))
    plan.units = chunk_units(n_day)
    return plan


def free_language_cdf(year_lang, lang_share, langs, accounts, n_day, event_rows, events, anchor_ptr,
                      anchor_acc) -> np.ndarray:
    """P(language | year) for the rows whose language is drawn: the published mix minus what the fixed
    rows (events, one anchor per account in its main language) already hold, so that the file's
    language shares stay on the published ones."""
    years = year_of_days(np.arange(N_DAYS)) - YEARS[0]
    n_year = np.bincount(years, weights=n_day, minlength=len(YEARS))
    fixed = np.zeros_like(year_lang)
    anchor_days = np.repeat(np.arange(N_DAYS), np.diff(anchor_ptr))
    np.add.at(fixed, (years[anchor_days], accounts.primary[anchor_acc]), 1)
    for d, lst in event_rows.items():
        for key, c in lst:
            fixed[years[d], langs.index(events[key]["lang"])] += c
    share = np.where(year_lang.sum(1, keepdims=True) > 0, year_lang, lang_share)
    target = share / share.sum(1, keepdims=True) * n_year[:, None]
    free = np.maximum(target - fixed, 0)
    free[free.sum(1) == 0] = lang_share
    return np.cumsum(free, axis=1)


def chunk_units(n_day: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive day ranges of about CHUNK_ROWS rows (a day is never split: ids rank within minutes)."""
    units, lo, acc = [], None, 0
    for d in np.flatnonzero(n_day):
        if lo is None:
            lo = d
        acc += int(n_day[d])
        if acc >= CHUNK_ROWS:
            units.append((int(lo), int(d) + 1))
            lo, acc = None, 0
    if lo is not None:
        units.append((int(lo), int(np.flatnonzero(n_day)[-1]) + 1))
    return units
