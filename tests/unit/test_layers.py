"""The package layout is the data flow (docs/architecture.md): an import goes only to an earlier layer,
never back up. Checked on the source, function-level imports included, so a new module cannot quietly
make a metric read files or the ingest word a number."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parents[2] / "helpers"

# layer of each top-level name under helpers/; a module may import its own layer or a lower one
LAYERS = {"paths": 0, "errors": 0, "files": 0, "data": 1, "metrics": 2, "coordination": 2, "present": 3,
          "claims": 4, "run": 5}
SYNTHETIC_MAY_IMPORT = {"paths", "errors", "files", "data", "synthetic"}


def _top(module: str) -> str:
    return module.split(".")[1] if module.startswith("helpers.") else ""


def _imports(path: Path) -> list[str]:
    """Every `helpers.<x>` a module imports (at module level or inside a function)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helpers"):
            if node.module == "helpers":
                out += [f"helpers.{a.name}" for a in node.names if a.name != "__version__"]
            else:
                out.append(node.module)
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("helpers.")]
    return out


MODULES = sorted(p for p in HELPERS.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(HELPERS).as_posix())
def test_imports_never_run_back_up(path):
    rel = path.relative_to(HELPERS)
    own = rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 or rel.stem != "__init__" else ""
    for imported in _imports(path):
        top = _top(imported)
        if not own or top == own:
            continue
        if own == "synthetic":
            assert top in SYNTHETIC_MAY_IMPORT, f"{rel}: the synthetic generator imports {imported}"
        elif top == "synthetic":
            assert own == "run", f"{rel} imports {imported}: only `run` (making the sample) uses `synthetic`"
        else:
            assert LAYERS[top] <= LAYERS[own], f"{rel} ({own}) imports {imported} ({top}): an import back up"


def test_every_sub_package_says_what_goes_in_and_out():
    for init in sorted(HELPERS.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert len(doc) > 200 and ("In:" in doc or " in," in doc or " in;" in doc or "->" in doc), init
