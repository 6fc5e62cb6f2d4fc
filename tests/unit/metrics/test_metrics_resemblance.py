"""Clustering of fingerprints (helpers.metrics.resemblance) on crafted cases with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.metrics import resemblance

OPS = [f"op{i}" for i in range(9)]


def three_groups() -> np.ndarray:
    """Three tight groups of three, far apart, interleaved in the input order."""
    centres = np.array([[0.0, 0.0, 0.0], [6.0, 0.0, 0.0], [0.0, 6.0, 3.0]])
    offsets = np.array([[0.1, 0.0, 0.0], [0.0, -0.2, 0.1], [-0.1, 0.1, 0.2]])
    return np.array([centres[i % 3] + offsets[i // 3] for i in range(9)])


def test_known_groups_are_found_whatever_the_input_order():
    points = three_groups()
    membership, tree = resemblance.clusters(points, OPS)
    assert membership["cluster"].tolist() == [1, 2, 3] * 3      # numbered by first member, in input order
    assert resemblance.choose_k(tree, 9) == 3
    assert tree.shape == (8, 4) and tree[-1, 3] == 9 and np.all(np.diff(tree[:, 2]) >= 0)


def test_ward_distances_by_hand():
    tree = resemblance.linkage(np.array([[0.0], [1.0], [5.0]]))
    assert tree[0].tolist() == [0, 1, 1.0, 2]
    # Ward: sqrt(((1 + 1) * 5^2 + (1 + 1) * 4^2 - 1 * 1^2) / 3) = sqrt(27)
    assert tree[1, :2].tolist() == [2, 3] and tree[1, 2] == pytest.approx(np.sqrt(27)) and tree[1, 3] == 3


def test_cut_leaf_order_and_nearest():
    points = np.array([[0.0], [10.0], [0.5], [10.4]])
    ops = ["a", "b", "c", "d"]
    tree = resemblance.linkage(points)
    assert resemblance.cut(tree, 4, 2).tolist() == [1, 2, 1, 2]
    assert resemblance.cut(tree, 4, 4).tolist() == [1, 2, 3, 4] and resemblance.cut(tree, 4, 1).tolist() == [1] * 4
    order = resemblance.leaf_order(tree, 4)
    assert sorted(order) == [0, 1, 2, 3] and abs(order.index(0) - order.index(2)) == 1
    near = resemblance.nearest(points, ops).set_index("op")
    assert near["nearest"].to_dict() == {"a": "c", "b": "d", "c": "a", "d": "b"}
    assert near.loc["b", "distance"] == pytest.approx(0.4)


def test_two_operations_form_no_groups_and_one_has_no_neighbour():
    points = np.array([[0.0, 1.0], [3.0, -1.0]])
    membership, tree = resemblance.clusters(points, ["x", "y"])
    assert membership["cluster"].tolist() == [1, 1] and len(tree) == 1
    assert resemblance.nearest(points[:1], ["x"]).empty


def test_traits_name_what_sets_a_group_apart():
    points = np.array([[2.0, 0.1], [2.2, -0.1], [-2.1, 0.0], [-2.1, 0.0]])
    membership = pd.DataFrame({"op": list("abcd"), "cluster": [1, 1, 2, 2]})
    t = resemblance.traits(points, ["retweet share", "engagement"], membership, n=1)
    assert t[["cluster", "members", "feature"]].values.tolist() == [[1, 2, "retweet share"], [2, 2, "retweet share"]]
    assert t["mean_z"].tolist() == pytest.approx([2.1, -2.1])
