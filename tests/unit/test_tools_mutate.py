"""`make mutate`'s table says whether each result was measured on the code as it is now."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))   # tools/ is a folder of scripts, not a package
import mutate  # noqa: E402


def test_a_result_knows_whether_the_code_it_measured_is_still_the_code():
    module = "helpers/paths.py"
    now = hashlib.sha256((ROOT / module).read_bytes()).hexdigest()
    assert mutate.source_sha(module) == now
    assert mutate.freshness({"module": module, "source_sha256": now}) == "current"
    assert mutate.freshness({"module": module, "source_sha256": "0" * 64}) == "changed since"
    assert mutate.freshness({"module": module}) == "not recorded"
