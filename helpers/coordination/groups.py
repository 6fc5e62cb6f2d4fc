"""Networks and groups: kept pairs -> an igraph network per type, its components and Leiden communities,
and files for Gephi or igraph users.

In: an edge frame (u1, u2, weight [, survives]) and `events.Accounts`.
Out: `igraph.Graph` (vertex attributes userid, op, name, hashed; edge attribute weight), a group table
(one row per community: size, operations, edges, weight, members), GraphML and CSV edge lists.
Accounts are shown as hashes when Twitter hashed them and by screen name otherwise (`display_names`).
"""

from __future__ import annotations

from pathlib import Path

import igraph as ig
import leidenalg
import numpy as np
import pandas as pd

from helpers.data import safecsv


def display_names(accounts) -> np.ndarray:
    """Per uid: the screen name of an unhashed account, the (hashed) user id otherwise."""
    t = accounts.table
    names = np.array(t.column("screen_name").to_pylist(), dtype=object)
    ids = np.array(t.column("userid").to_pylist(), dtype=object)
    hashed = np.array([bool(h) if h is not None else True for h in t.column("hashed").to_pylist()])
    use_id = hashed | pd.isna(names) | (names == "")
    return np.where(use_id, ids, names)


def graph(edges: pd.DataFrame, accounts) -> ig.Graph:
    """An undirected weighted graph of the accounts that have at least one edge."""
    uids = (np.unique(np.concatenate([edges["u1"].to_numpy(), edges["u2"].to_numpy()])) if len(edges)
            else np.array([], int))
    pos = {int(u): i for i, u in enumerate(uids)}
    g = ig.Graph(n=len(uids), edges=[(pos[int(a)], pos[int(b)]) for a, b in zip(edges["u1"], edges["u2"])])
    t = accounts.table
    names = display_names(accounts)
    g.vs["uid"] = [int(u) for u in uids]
    g.vs["userid"] = [t.column("userid")[int(u)].as_py() for u in uids]
    g.vs["op"] = [t.column("op")[int(u)].as_py() for u in uids]
    g.vs["name"] = [str(names[int(u)]) for u in uids]
    g.es["weight"] = [int(w) for w in edges["weight"]]
    return g


def communities(g: ig.Graph, seed: int) -> list[int]:
    """Leiden communities (modularity, edge weights), reproducible for a seed."""
    if g.vcount() == 0:
        return []
    if g.ecount() == 0:
        return list(range(g.vcount()))
    part = leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights="weight", seed=int(seed))
    return list(part.membership)


def group_table(g: ig.Graph, membership: list[int], max_members: int = 12) -> pd.DataFrame:
    """One row per community, largest first: accounts, operations, edges inside, total weight, members."""
    cols = ["group", "accounts", "operations", "edges", "weight", "members"]
    if g.vcount() == 0:
        return pd.DataFrame(columns=cols)
    g.vs["group"] = membership
    comps = len(g.connected_components())
    rows = []
    for gid in sorted(set(membership)):
        vs = g.vs.select(group_eq=gid)
        sub = g.subgraph(vs)
        names = sorted(vs["name"])
        rows.append({"group": gid, "accounts": len(vs), "operations": ", ".join(sorted(set(vs["op"]))),
                     "edges": sub.ecount(), "weight": int(sum(sub.es["weight"])) if sub.ecount() else 0,
                     "members": ", ".join(names[:max_members]) + (" ..." if len(names) > max_members else "")})
    out = pd.DataFrame(rows, columns=cols).sort_values(["accounts", "weight"], ascending=False, ignore_index=True)
    out["group"] = range(1, len(out) + 1)
    out.attrs["components"] = comps
    return out


def write_graph(g: ig.Graph, folder: Path, stem: str) -> list[Path]:
    """`stem.graphml` (Gephi, igraph, networkx) and `stem_edges.csv` (source, target, weight by user id)."""
    folder.mkdir(parents=True, exist_ok=True)
    gml = folder / f"{stem}.graphml"
    g.write_graphml(str(gml))
    ids = g.vs["userid"] if g.vcount() else []
    edges = pd.DataFrame({"source": [ids[e.source] for e in g.es], "target": [ids[e.target] for e in g.es],
                          "source_name": [g.vs[e.source]["name"] for e in g.es],
                          "target_name": [g.vs[e.target]["name"] for e in g.es],
                          "weight": g.es["weight"] if g.ecount() else []})
    return [gml, safecsv.write_csv(edges, folder / f"{stem}_edges.csv")]
