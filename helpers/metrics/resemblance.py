"""Which operations resemble each other: agglomerative clustering of standardised fingerprints (numpy).

In: an (operations x features) array of z-scores (`fingerprint.matrix`) and the operation names. Out: the
merge tree (average linkage on Euclidean distance, the textbook UPGMA, deterministic: ties merge the pair
with the lowest indices), the clusters cut where the merges jump most in distance, each operation's
nearest neighbour, and per cluster the features that set it apart (mean z furthest from 0), for prose.
A few dozen operations: the O(n^3) loop is instant and needs no new dependency.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def distances(points: np.ndarray) -> np.ndarray:
    """Euclidean distances between the rows of `points` (a square array)."""
    diff = points[:, None, :] - points[None, :, :]
    return np.sqrt((diff ** 2).sum(axis=-1))


def linkage(points: np.ndarray) -> np.ndarray:
    """Ward-linkage merges as rows (a, b, distance, size), the SciPy layout (`scipy.cluster.hierarchy.ward`
    gives the same distances): clusters 0..n-1 are the operations, cluster n+i is the one made by row i.
    Distances are updated by the Lance-Williams formula for Ward."""
    n = len(points)
    d = distances(points).astype(float)
    active = {i: (i, 1) for i in range(n)}   # position in d -> (cluster id, size)
    rows = []
    dist = {(i, j): d[i, j] for i in range(n) for j in range(i + 1, n)}
    for step in range(n - 1):
        (i, j), best = min(dist.items(), key=lambda kv: (kv[1], kv[0]))
        (ci, si), (cj, sj) = active.pop(i), active.pop(j)
        rows.append((min(ci, cj), max(ci, cj), best, si + sj))
        dist = {k: v for k, v in dist.items() if i not in k and j not in k}
        for k in active:
            sk = active[k][1]
            dk = np.sqrt(max(((si + sk) * d[i, k] ** 2 + (sj + sk) * d[j, k] ** 2 - sk * best ** 2)
                             / (si + sj + sk), 0.0))
            d[i, k] = d[k, i] = dk
            dist[(min(i, k), max(i, k))] = dk
        active[i] = (n + step, si + sj)
    return np.array(rows, dtype=float).reshape(-1, 4)


def cut(tree: np.ndarray, n: int, k: int) -> np.ndarray:
    """Cluster number (1..k, numbered by the first operation of each, in input order) of each operation
    when the tree is cut into `k` clusters (the last k-1 merges undone)."""
    parent = list(range(2 * n - 1))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, (a, b, _, _) in enumerate(tree[: max(n - k, 0)]):
        parent[int(a)] = parent[int(b)] = n + i
    roots = [find(i) for i in range(n)]
    number = {r: j + 1 for j, r in enumerate(dict.fromkeys(roots))}
    return np.array([number[r] for r in roots], dtype=int)


def choose_k(tree: np.ndarray, n: int, most: int = 8) -> int:
    """The number of clusters at the largest jump between successive merge distances (2..`most`, fewer
    than n); 1 for fewer than three operations, or when every merge is at the same distance."""
    if n < 3:
        return 1
    heights = tree[:, 2]
    best, k = 0.0, 1
    for clusters in range(2, min(most, n - 1) + 1):
        gap = heights[n - clusters] - heights[n - clusters - 1]   # undoing this merge leaves `clusters`
        if gap > best + 1e-12:
            best, k = gap, clusters
    return k


def leaf_order(tree: np.ndarray, n: int) -> list[int]:
    """Operations in dendrogram order (each merge's first cluster first): similar ones side by side."""
    if n == 0:
        return []
    children = {n + i: (int(a), int(b)) for i, (a, b, _, _) in enumerate(tree)}
    out, stack = [], [2 * n - 2 if n > 1 else 0]
    while stack:
        x = stack.pop()
        if x < n:
            out.append(x)
        else:
            a, b = children[x]
            stack += [b, a]
    return out


def nearest(points: np.ndarray, ops: Sequence[str]) -> pd.DataFrame:
    """Each operation's nearest other operation and the distance: op, nearest, distance (empty for one op)."""
    d = distances(points)
    np.fill_diagonal(d, np.inf)
    rows = [{"op": op, "nearest": ops[int(np.argmin(d[i]))], "distance": float(d[i].min())}
            for i, op in enumerate(ops) if len(ops) > 1]
    return pd.DataFrame(rows, columns=["op", "nearest", "distance"])


def clusters(points: np.ndarray, ops: Sequence[str], most: int = 8) -> tuple[pd.DataFrame, np.ndarray]:
    """(op, cluster) for every operation, and the merge tree."""
    tree = linkage(points)
    k = choose_k(tree, len(ops), most)
    return pd.DataFrame({"op": list(ops), "cluster": cut(tree, len(ops), k)}), tree


def traits(points: np.ndarray, features: Sequence[str], membership: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """Per cluster the `n` features whose mean z-score is furthest from 0 (the archive's mean): cluster,
    members, feature, mean_z. Clusters of every size; a lone operation's traits are its own z-scores."""
    rows = []
    for c, group in membership.groupby("cluster", sort=True):
        mean = points[group.index.to_numpy()].mean(axis=0)
        for j in np.argsort(-np.abs(mean), kind="stable")[:n]:
            rows.append({"cluster": int(c), "members": len(group), "feature": features[j], "mean_z": float(mean[j])})
    return pd.DataFrame(rows, columns=["cluster", "members", "feature", "mean_z"])
