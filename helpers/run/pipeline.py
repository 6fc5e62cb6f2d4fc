"""`make reproduce`: check the parameters, make the sample if needed, run every notebook in order with
papermill (named kernel, fixed working directory, typed parameters), render the HTML reports.

    python -m helpers.run.pipeline --params params/default.yaml [--data-dir PATH] [--only 02 03]

A failing notebook stops the run with a non-zero exit naming the notebook and the cell; its partial
executed notebook stays in reports/executed/ for debugging, and earlier reports are left as they were.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import papermill as pm
from jupyter_client.manager import AsyncKernelManager
from papermill.exceptions import PapermillExecutionError

from helpers import paths
from helpers.data import release as rel
from helpers.data.ingest import ingest_release
from helpers.errors import ProjectError
from helpers.paths import NOTEBOOKS_DIR, ROOT
from helpers.present import reports
from helpers.run import params as params_mod
from helpers.run.kernel import KERNEL


def notebooks(only: list[str] | None = None, folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks, in order (optionally those whose names start with one of `only`)."""
    found = sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))
    if only:
        found = [nb for nb in found if any(nb.stem.startswith(o) for o in only)]
    return found


def ensure_sample(folder: Path, log=print) -> None:
    """Generate the synthetic sample release when it is missing or was made by another generator
    version (the default data of a fresh clone). A sample made on purpose at another scale is kept."""
    from helpers.synthetic import sample
    marker = rel.read_marker(folder) if folder.exists() else None
    if marker and marker.get("generator_version") == sample.GENERATOR_VERSION:
        return
    log(f"No release given: generating the synthetic sample in {folder} ...")
    sample.write_sample_release(folder, scale=sample.DEFAULT_SCALE, seed=sample.DEFAULT_SEED, progress=True)


class QuietShutdownKernelManager(AsyncKernelManager):
    """jupyter_client sends a kernel SIGINT before asking it to shut down; a kernel caught between two
    messages then prints "KeyboardInterrupt caught in kernel" as an ERROR in the middle of a run that
    succeeded. After the last cell there is nothing to interrupt; interrupts on a cell timeout stay."""

    async def _async_interrupt_kernel(self) -> None:
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


def execute(nb: Path, out: Path, parameters: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(str(nb), str(out), parameters=parameters, kernel_name=KERNEL, language="python",
                        cwd=str(ROOT), progress_bar=False, log_output=False,
                        kernel_manager_class=QuietShutdownKernelManager)


def _where(path: Path) -> str:
    """A path for the person at the terminal (never written into a report): relative to the project root
    when inside it, else in full, so that they can open it."""
    try:
        return Path(path).resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def _scrubbed(value, folders: list[Path]):
    """Every text in a notebook's JSON with the machine's paths replaced (`paths.scrub`); embedded images
    are left alone (their base64 is no text, and a path-like run of letters in it must stay as it is)."""
    if isinstance(value, str):
        return paths.scrub(value, folders)
    if isinstance(value, list):
        return [_scrubbed(v, folders) for v in value]
    if isinstance(value, dict):
        return {k: v if k.startswith("image/") and k != "image/svg+xml" else _scrubbed(v, folders)
                for k, v in value.items()}
    return value


def scrub_executed(executed: Path, folders: list[Path]) -> None:
    """Make an executed notebook fit for readers: the run's parameters (data, cache, reports folders),
    papermill's input and output paths, logs and tracebacks hold no absolute path of this machine.
    The report is rendered from it, and reports/executed/ is published with the reports."""
    import json
    if not executed.exists():
        return
    data = json.loads(executed.read_text(encoding="utf-8"))
    clean = _scrubbed(data, folders)
    if clean != data:
        tmp = executed.with_name(f".{executed.name}.partial")
        tmp.write_text(json.dumps(clean, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(executed)


def _which_cell(executed: Path) -> str:
    """'cell 5 of 12 (`first line of code`)': the failing cell counted in the notebook as written
    (without the cells papermill adds), so the reader finds it in JupyterLab."""
    import nbformat
    added = {"injected-parameters", "papermill-error-cell-tag"}
    cells = [c for c in nbformat.read(executed, as_version=4).cells
             if not added & set(c.metadata.get("tags", []))]
    for number, cell in enumerate(cells, 1):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            return f"cell {number} of {len(cells)} (`{first.strip()[:80]}`)"
    return "a cell that left no error output"


def run(params_file: str | None, data_dir: str | None = None, only: list[str] | None = None,
        log=print, notebook_dir: Path = NOTEBOOKS_DIR) -> int:
    """The whole sequence; returns the process exit code."""
    p = params_mod.from_file(params_file, data_dir=data_dir)           # fails before any work starts
    if p.uses_sample:
        ensure_sample(p.release_dir, log)
    rel.discover(p.release_dir, p.op_names)                        # a missing DATA_DIR fails here
    sequence = notebooks(only, notebook_dir)
    if not sequence:
        raise ProjectError(f"no notebooks match {only} in {notebook_dir}")
    executed_dir = p.reports_path / "executed"
    parameters = p.as_notebook_parameters()
    folders = [p.release_dir, p.cache_path, p.reports_path, p.figures_path]
    for nb in sequence:
        out = executed_dir / nb.name
        started = time.time()
        log(f"running notebooks/{nb.name} ...")
        try:
            execute(nb, out, parameters)
        except PapermillExecutionError as exc:
            scrub_executed(out, folders)
            log(f"\nFAILED: notebooks/{nb.name}, {_which_cell(out)}: {exc.ename}: {exc.evalue}\n"
                f"The partial executed notebook is kept at {_where(out)}; earlier reports "
                "are unchanged.")
            return 1
        scrub_executed(out, folders)
        reports.render_notebook(out, p.reports_path / f"{nb.stem}.html", figures_dir=p.figures_path)
        log(f"  done in {time.time() - started:.1f} s -> {_where(p.reports_path / (nb.stem + '.html'))}")
    manifest = ingest_release(p.release_dir, cache_root=p.cache_path, rename=p.op_names, progress=False,
                              log=lambda *_: None)
    records = reports.figure_records(p.reports_path)
    if only is None:
        reports.write_figure_index(records, p.figures_path)
    index = reports.write_index(p.reports_path, p.figures_path, manifest, notebooks(folder=notebook_dir),
                                extra_sections=_sections(p.reports_path), ops=p.ops or None, label=p.label)
    log(f"\n{len(records)} figures in {_where(p.figures_path)}; open {_where(index)}")
    return 0


def _sections(reports_dir: Path) -> list[str]:
    """HTML fragments the notebooks leave for the landing page (summary, scorecard), in order."""
    folder = reports_dir / "sections"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))] if folder.exists() else []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m helpers.run.pipeline", description=__doc__.split("\n\n")[0])
    ap.add_argument("--params", default=None, help="parameters YAML (default: params/default.yaml)")
    ap.add_argument("--data-dir", default=None, help="release folder (default: the synthetic sample)")
    ap.add_argument("--only", nargs="*", help="run only notebooks whose names start with these")
    args = ap.parse_args(argv)
    try:
        return run(args.params, args.data_dir, args.only)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
