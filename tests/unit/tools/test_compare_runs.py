"""tools/compare_runs.py: two runs' outputs compared; run-to-run noise apart, any other change is reported."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))  # tools/ is a folder of the repository, not an installed package
from tools import compare_runs  # noqa: E402


def _run(root: Path, png: bytes, html: str, out: str) -> Path:
    (root / "figures").mkdir(parents=True)
    (root / "figures" / "01_x.png").write_bytes(png)
    (root / "reports" / "executed").mkdir(parents=True)
    (root / "reports" / "01_x.html").write_text(html)
    cells = [{"cell_type": "code", "outputs": [{"output_type": "stream", "name": "stdout", "text": [out]},
                                               {"output_type": "stream", "name": "stderr", "text": ["\r"]}],
              "execution_count": 3}]
    (root / "reports" / "executed" / "01_x.ipynb").write_text(json.dumps({"cells": cells}))
    return root


def test_only_noise_is_identical_behaviour(tmp_path):
    a = _run(tmp_path / "a", b"PNG", '<div id="cell-id=0a1b2c3d">', "1 rows (fast parser, 5.1 s)")
    b = _run(tmp_path / "b", b"PNG", '<div id="cell-id=99ffee00">', "1 rows (fast parser, 0.2 s)")
    assert compare_runs.main([str(a), str(b)]) == 0


def test_a_changed_figure_or_output_is_reported(tmp_path, capsys):
    a = _run(tmp_path / "a", b"PNG", "<p>same</p>", "1 rows")
    b = _run(tmp_path / "b", b"PNG2", "<p>same</p>", "2 rows")
    assert compare_runs.main([str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "DIFFERS: figures/01_x.png" in out and "DIFFERS: reports/executed/01_x.ipynb" in out
