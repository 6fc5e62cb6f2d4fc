"""Words for the sample: invented names (hashtag and site tails, people outside the release) and text pools.

In: the vocabulary (`sample_vocabulary.yaml`: word lists and templates per language and event) and a seeded
generator. Out: lists of names and arrays of texts that `plan` puts in an operation's tables and pools.
"""

from __future__ import annotations

import string

import numpy as np

from helpers.synthetic.sample.accounts import user_ids
from helpers.synthetic.sample.calibration import (
    day_of,
)


def tail_names(rng, words: list[str], n: int, joiner: str, taken: set, style: str = "camel") -> list[str]:
    """n distinct made-up names from a word list (long-tail hashtags, domains, outside accounts)."""
    words = sorted({str(w) for w in words})
    if style == "camel":
        words = [w.capitalize() for w in words]
    words = np.array(words, dtype=object)
    out, seen = [], set(taken)
    while len(out) < n:
        m = 2 * (n - len(out)) + 16
        idx = rng.integers(0, len(words), (m, 3))
        names = words[idx[:, 0]] + joiner + words[idx[:, 1]]
        three = rng.random(m) >= 0.75
        names[three] = names[three] + joiner + words[idx[three, 2]]
        year = rng.random(m) < 0.1
        years = rng.integers(2009, 2019, int(year.sum())).astype(str).astype(object)
        names[year] = names[year] + joiner + years
        for name in names.tolist():
            low = name.lower()
            if low not in seen:
                seen.add(low)
                out.append(name)
                if len(out) == n:
                    break
    return out


def fill_templates(rng, block: dict, size: int) -> list[str]:
    """`size` sentences from a template block (templates + slot lists), drawn in bulk."""
    templates = [str(t) for t in block["templates"]]
    slots = {k: [str(x) for x in v] for k, v in block.items() if k not in ("templates", "hashtags")}
    used = [[f for _, f, _, _ in string.Formatter().parse(t) if f] for t in templates]
    t_idx = rng.integers(0, len(templates), size).tolist()
    s_idx = {k: rng.integers(0, len(v), size).tolist() for k, v in slots.items()}
    return [templates[t].format(**{k: slots[k][s_idx[k][i]] for k in used[t]}) for i, t in enumerate(t_idx)]



def text_pools(rng, vocab, family, langs, events: dict, size: int = 3000) -> dict:
    """Bodies of tweets per language (synthetic sentences with the quirks of real text: commas, quotes,
    line breaks, emoji), plus the `und` pool and one pool per event."""
    shared, own = vocab["languages"], vocab["families"].get(family, {})
    emoji = [str(e) for e in vocab["emoji"]]
    pools = {}
    for lang in sorted(set(langs) | set(vocab["fallback_pools"].values())):
        block = own.get(lang) or shared.get(lang)
        if block is None:
            continue
        out = fill_templates(rng, block, size)
        r = rng.random(size).tolist()
        e = rng.integers(0, len(emoji), (size, 3)).tolist()
        k = rng.integers(1, 4, size).tolist()
        for i, s in enumerate(out):
            if r[i] < 0.12:
                out[i] = s + " " + "".join(emoji[j] for j in e[i][:k[i]])
            elif r[i] < 0.16:
                out[i] = s.replace(", ", ",\n", 1) if ", " in s else s + "\n" + emoji[e[i][0]]
            elif r[i] < 0.20:
                out[i] = f'"{s}"'
        pools[lang] = np.array(out, dtype=object)
    und = [str(x) for x in vocab["und"]]
    pick = rng.integers(0, len(und), (200, 2)).tolist()
    two = (rng.random(200) < 0.4).tolist()
    pools["und"] = np.array([und[p[0]] + (und[p[1]] if t else "") for p, t in zip(pick, two)], dtype=object)
    for lang, other in vocab["fallback_pools"].items():
        pools.setdefault(lang, pools.get(other, pools["und"]))
    for lang in langs:                             # any other language: misdetected English
        pools.setdefault(lang, pools.get("en", pools["und"]))
    for key in events:
        pools["event:" + key] = np.array(fill_templates(rng, vocab["events"][key], 300), dtype=object)
    return pools



def external_people(rng, vocab, release_format, n: int, taken: set) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Accounts outside the release that get retweeted, replied to and mentioned: synthetic handles
    (ending in `_sx`) with plausible numeric ids."""
    words = vocab["words"]["latin"] + vocab["words"]["translit"]
    names = tail_names(rng, words, n, "", taken, style="plain")
    names = [f"{x[:12]}_sx" if i % 2 else f"{x[:10]}{i % 97}_sx" for i, x in enumerate(names)]
    seen, uniq = set(), []
    for i, x in enumerate(names):
        while x.lower() in seen:
            x = x.replace("_sx", "") + f"{i % 10}_sx"
        seen.add(x.lower())
        uniq.append(x)
    days = np.sort(rng.integers(day_of("2007-01-01"), day_of("2017-06-01"), n))
    days[0] = day_of("2007-01-01")
    ids = np.array([str(v) for v in user_ids(rng, days, release_format)], dtype=object)
    return ids, np.array(uniq, dtype=object), days
