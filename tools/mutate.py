"""`make mutate`: mutation testing (mutmut) of the layers whose bugs would change a published number or
let markup through, one module at a time, each against its own fast tests only (never the slow notebook
or browser tests). Writes docs/mutation-results.json (the measured counts, kept between runs so that one
module can be measured again alone) and docs/mutation-testing.md (the table).

Each module runs in a scratch copy (build/mutate/<name>/: helpers/, tests/ and a pyproject.toml whose
[tool.mutmut] section names the module and its tests), so the working tree is never mutated and the
modules never share mutmut's state. Time-outs are mutmut's own: a mutant is stopped after
TIMEOUT_MULTIPLIER times the clean run of the tests that cover it (never a wall-clock threshold here).

    python tools/mutate.py                 every module, smallest first
    python tools/mutate.py prose fields    only these (the others keep their last measured rows)
    python tools/mutate.py --docs          only rewrite docs/mutation-testing.md from the results
"""

from __future__ import annotations

import argparse
import ast
import difflib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from mutation_equivalents import EQUIVALENT, LEFT_ALIVE  # beside this script (tools/ is on the path when it runs)

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "mutate"
RESULTS = ROOT / "docs" / "mutation-results.json"
DOC = ROOT / "docs" / "mutation-testing.md"
TIMEOUT_MULTIPLIER = 10.0
# The killer tests run with every module: the five survivors of issue 17, and the module's own file
# (`test_mutation_killers_<last word of the module name>.py`). Not the other modules' files: mutmut runs
# every selected test that reaches a mutated function, and e.g. the takeaways' tests reach the field typing
# through the frames they build (seconds per mutant, for nothing).
KILLERS = "tests/**/test_mutation_killers_{}.py"
SURVIVORS = "survivors"
ALSO_COPY = ("params", "notebooks", "docs")  # read by tests: default parameters, notebook cells, published figures

# data.ingest is measured on its accounting and cache-validity functions (the scope: rows read =
# cached + quarantined, duplicates within a file and across parts, damaged-field counts, which cache entry
# may be reused, what is left in the cache folder), against the tests of test_ingest.py about those (each
# ingests a tiny release; the parser, SIGKILL and lock tests are left out: every mutant would rerun them).
_INGEST = "tests/unit/data/test_ingest.py::test_"
INGEST_TESTS = [_INGEST + t for t in (
    "cache_is_reused_when_nothing_changed", "cache_is_rebuilt_when_a_source_changes",
    "an_edit_that_keeps_size_and_mtime_is_not_detected_until_the_mtime_moves",
    "cache_is_rebuilt_when_its_parquet_file_is_damaged", "force_reingests",
    "cache_of_an_older_ingest_version_is_rebuilt",
    "accounting_identity_is_in_the_manifest", "duplicate_ids_are_kept_once_and_counted",
    "ids_with_leading_zeros_are_not_duplicates_of_the_plain_id", "duplicate_users_are_detected_by_hashed_id",
    "manifest_has_one_entry_per_part_and_forgets_a_removed_part")]
# (the ingest is a package now: these functions live in ingest/cache.py; `reason_kind` moved to outputs.py)
INGEST_FUNCTIONS = ["helpers.data.ingest.cache." + f for f in (
    "x_ingest_release*", "x_ingest_file*", "x__still_valid*", "x_read_manifest*",
    "x_write_manifest*", "x_cache_dir_for*", "x__manifest_header*", "x__remove_unreferenced*", "x__as_part*",
    "x__within_file*", "x__with_across*", "x__across_reason*", "x__settle_duplicates_across_parts*",
    "x__across_files_present*", "x__duplicates_across*", "x__part_and_line*",
    "x__write_across_quarantine*")]
# ingest/outputs.py's writers are reached by the bad-input tests that check what the quarantine and damaged-fields
# files say (a few, chosen: each ingests a small release, and every one reaching a mutant runs for it)
_BAD = "tests/unit/data/test_bad_inputs.py::test_"
OUTPUT_TESTS = INGEST_TESTS + [_INGEST + "float_form_ids_are_quarantined_with_their_line"] + [_BAD + t for t in (
    "invalid_utf8_row_is_quarantined", "nul_byte_row_is_quarantined", "field_of_many_megabytes_is_nulled_and_listed",
    "untypeable_values_are_nulled_and_listed_with_column_and_value", "damaged_fields_of_a_duplicate_row_leave_with_it",
    "duplicate_tweetids_are_reported_kept_once_and_counted")]
# ...and those of ingest/outputs.py: the quarantine and damaged-fields writers, the reasons' kinds and the duplicate
# check within a file (with the duplicate keys and positions that the check across parts also uses)
INGEST_OUTPUT_FUNCTIONS = ["helpers.data.ingest.outputs." + f for f in (
    "x_reason_kind*", "x__quarantine_duplicates*", "x__dedupe_key*", "x__repeated_positions*",
    "x\u01c1_Quarantine\u01c1*", "x\u01c1_DamagedFields\u01c1*")]

# The metrics' engine paths (SQL over the Parquet cache, issue 16) are checked against their pandas paths on the
# sample by this file: without it a metrics module's engine mutants reach no test.
ENGINE_TESTS = "tests/unit/metrics/test_metrics_engine.py"

# modules split into several files share their killer file (default: the key's last part)
KILLER_NAMES = {"reports.tables": "reports", "data.ingest.outputs": "ingest", "claims.scorecard.spec": "scorecard",
                "claims.scorecard.evaluation": "scorecard"}

# name -> (module file, its fast tests, the functions mutated (mutmut name globs; None = all))
MODULES: dict[str, tuple[str, list[str], list[str] | None]] = {
    "prose": ("helpers/present/prose.py", ["tests/unit/present/test_prose.py"], None),
    "reports (sanitiser, tables)": ("helpers/present/reports/sanitize.py", ["tests/unit/present/test_reports.py"],
                                    None),
    "reports.tables": ("helpers/present/reports/tables.py", ["tests/unit/present/test_reports.py"], None),
    "metrics.clients": ("helpers/metrics/clients.py",
                       ["tests/unit/metrics/test_metrics_clients.py", ENGINE_TESTS], None),
    "metrics.engagement": ("helpers/metrics/engagement.py",
                       ["tests/unit/metrics/test_metrics_engagement.py", ENGINE_TESTS], None),
    "metrics.timeline": ("helpers/metrics/timeline.py",
                       ["tests/unit/metrics/test_metrics_timeline.py", ENGINE_TESTS], None),
    "metrics.accounts": ("helpers/metrics/accounts.py",
                       ["tests/unit/metrics/test_metrics_accounts.py", ENGINE_TESTS], None),
    "metrics.core": ("helpers/metrics/core.py",
                       ["tests/unit/metrics/test_metrics_core.py", ENGINE_TESTS], None),
    "claims.takeaways": ("helpers/claims/takeaways.py", ["tests/unit/claims/test_metrics_summary.py"], None),
    "metrics.content": ("helpers/metrics/content.py",
                       ["tests/unit/metrics/test_metrics_content.py", ENGINE_TESTS], None),
    "metrics.concentration": ("helpers/metrics/concentration.py",
                              ["tests/unit/metrics/test_metrics_concentration.py", ENGINE_TESTS], None),
    "data.fields": ("helpers/data/fields.py", ["tests/unit/data/test_fields.py"], None),
    # release: not test_discovery_patterns.py (each of its tests ingests a release: minutes per mutant)
    "data.release": ("helpers/data/release.py", ["tests/unit/data/test_release.py"], None),
    # ingest: its fast tests only (the SIGKILL, lock and cache-rebuild tests write whole caches; every one of
    # ingest's mutants would rerun them), and the accounting and cache-validity functions of the issue
    "data.ingest": ("helpers/data/ingest/cache.py", INGEST_TESTS, INGEST_FUNCTIONS),
    "data.ingest.outputs": ("helpers/data/ingest/outputs.py", OUTPUT_TESTS, INGEST_OUTPUT_FUNCTIONS),
    # the scorecard package: the claim file's checks (spec) and the metric adapters (registry), evaluation
    "claims.scorecard": ("helpers/claims/scorecard/registry.py", ["tests/unit/claims/test_claims.py"], None),
    "claims.scorecard.spec": ("helpers/claims/scorecard/spec.py", ["tests/unit/claims/test_claims.py"], None),
    "claims.scorecard.evaluation": ("helpers/claims/scorecard/evaluation.py",
                                    ["tests/unit/claims/test_claims.py"], None),
}



def _killers(name: str) -> list[str]:
    """The killer test files that run with a module (see KILLERS): named for the module's key, not its file
    (`data.ingest` -> test_mutation_killers_ingest.py, although its file is ingest/cache.py)."""
    own = KILLER_NAMES.get(name, name.split(" ")[0].split(".")[-1])
    return sorted(str(p.relative_to(ROOT)) for name in (SURVIVORS, own) for p in ROOT.glob(KILLERS.format(name)))


def _pyproject(name: str, source: str, tests: list[str], own_killers: bool = True) -> str:
    """The project's pyproject.toml plus the [tool.mutmut] section for one module (without the module's
    own killer file for the score "before")."""
    base = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    killers = _killers(name) if own_killers else sorted(
        str(p.relative_to(ROOT)) for p in ROOT.glob(KILLERS.format(SURVIVORS)))
    selection = [*tests, *killers]
    return base + "\n[tool.mutmut]\n" + "\n".join([
        'source_paths = ["helpers/"]',
        f"only_mutate = {json.dumps([source])}",
        f"pytest_add_cli_args_test_selection = {json.dumps(selection)}",
        'pytest_add_cli_args = ["-m", "not slow", "-p", "no:cacheprovider", "-q", "-x"]',
        f"timeout_multiplier = {TIMEOUT_MULTIPLIER}",
        "use_git_change_detection = false",
        f"also_copy = {json.dumps([d + '/' for d in ALSO_COPY])}",
    ]) + "\n"


def _scratch(name: str, source: str, tests: list[str], own_killers: bool = True) -> Path:
    """A fresh copy of helpers/ and tests/ with a pyproject.toml for this module."""
    work = BUILD / (name.split(" ")[0] + ("" if own_killers else "-before"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "helpers", work / "helpers", ignore=ignore)
    for folder in ("tests", *ALSO_COPY):
        shutil.copytree(ROOT / folder, work / folder, ignore=ignore)
    (work / "pyproject.toml").write_text(_pyproject(name, source, tests, own_killers), encoding="utf-8")
    return work


def _statuses(work: Path, source: str) -> dict[str, str]:
    """mutmut's verdict per mutant of one module (read from its state file, as `mutmut results` does)."""
    from mutmut.stats import status_by_exit_code
    meta = json.loads((work / "mutants" / (source + ".meta")).read_text(encoding="utf-8"))
    return {k: status_by_exit_code[v] for k, v in meta["exit_code_by_key"].items()}


def _functions(mutated: Path) -> dict[str, str]:
    """Source of every function (and method) of mutmut's mutated copy of a module, by name."""
    text = mutated.read_text(encoding="utf-8")
    lines = text.splitlines()  # once: ast.get_source_segment splits the whole file on every call
    tree = ast.parse(text).body
    nodes = [*tree, *(m for c in tree if isinstance(c, ast.ClassDef) for m in c.body)]  # methods too
    return {n.name: textwrap.dedent("\n".join(lines[n.lineno - 1:n.end_lineno])) for n in nodes
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _diff(functions_of: dict[str, str], key: str, source: str) -> str:
    """The mutant as a diff against the original function (what `mutmut show` prints, without one
    `mutmut` process per survivor: a module with a hundred survivors took minutes)."""
    name = key.rsplit(".", 1)[-1]
    base = name.split("__mutmut_")[0]
    original, mutant = functions_of.get(base + "__mutmut_orig"), functions_of.get(name)
    if original is None or mutant is None:
        return "(mutant not found in the mutated copy)"
    shown = base.removeprefix("x_").replace("\u01c1", ".")
    lines = difflib.unified_diff(original.replace(base + "__mutmut_orig", shown).splitlines(),
                                 mutant.replace(name, shown).splitlines(), source, source, lineterm="")
    return "\n".join(lines)


def _measured(key: str, source: str, functions: list[str] | None) -> bool:
    """Whether a mutant name belongs to what a module measures: its file, and its functions when it names some
    (mutmut's name globs, e.g. data.ingest's)."""
    if functions:
        return any(key.startswith(f.rstrip("*")) for f in functions)
    return key.startswith(source.removesuffix(".py").replace("/", ".") + ".")


def measure(name: str, jobs: int = 1, own_killers: bool = True) -> dict:
    """Run mutmut on one module with `jobs` workers (one by default: the machine is shared); its counts,
    its survivors (with their diffs) and the run time. Without the module's own killer file: the
    tests the module had before mutation testing looked at it (the score "before")."""
    source, tests, functions = MODULES[name]
    work = _scratch(name, source, tests, own_killers)
    env = dict(os.environ, TROLLTRACKER_SHARED=str(ROOT.parent / "shared"), PYTHONDONTWRITEBYTECODE="1")
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    started = time.monotonic()
    log = (work / "mutmut.log").open("w")
    done = subprocess.run([mutmut, "run", "--max-children", str(jobs), *(functions or [])],
                          cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"mutmut failed on {name} (exit {done.returncode}): see {work / 'mutmut.log'}")
    statuses = {k: v for k, v in _statuses(work, source).items() if _measured(k, source, functions)}
    functions_of = _functions(work / "mutants" / source)
    survivors = {key: {"status": statuses[key], "diff": _diff(functions_of, key, source)}
                 for key in sorted(k for k, v in statuses.items() if v not in ("killed", "timeout"))}
    counts = {s: sum(v == s for v in statuses.values()) for s in sorted(set(statuses.values()))}
    return {"module": source, "tests": tests, "functions": functions, "mutants": len(statuses),
            "counts": counts, "seconds": round(seconds), "survivors": survivors, "source_sha256": source_sha(source)}


def source_sha(source: str) -> str:
    """SHA-256 of a module file as it is now: a result measured on other code says so in the table."""
    return hashlib.sha256((ROOT / source).read_bytes()).hexdigest()


def freshness(r: dict) -> str:
    """'current' when the module file is the one measured, 'changed since' when it is not, 'not recorded'
    for results measured before the file's hash was kept."""
    if not r.get("source_sha256"):
        return "not recorded"
    return "current" if r["source_sha256"] == source_sha(r["module"]) else "changed since"


def recheck(name: str, r: dict) -> list[str]:
    """The module's survivors run again, one at a time, against the tests as they are now (killer tests
    written after the run), in the mutated copy the run left in build/mutate/<name>/mutants: each one a
    test now fails on is counted as killed (and listed under `rechecked`). Mutmut's own switch selects
    the mutant (MUTANT_UNDER_TEST), as in its runs; the tests are first run with no mutant, and must pass."""
    source, tests, _ = MODULES[name]
    mutants = BUILD / name.split(" ")[0] / "mutants"
    if not mutants.is_dir():
        raise SystemExit(f"{mutants} is missing: run `python tools/mutate.py {name}` first")
    shutil.rmtree(mutants / "tests")
    shutil.copytree(ROOT / "tests", mutants / "tests", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = dict(os.environ, TROLLTRACKER_SHARED=str(ROOT.parent / "shared"), PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-m", "pytest", "--rootdir=.", "-x", "-q", "-m", "not slow", "-p", "no:cacheprovider",
               "-p", "no:randomly", *tests, *_killers(name)]

    def fails(mutant: str) -> bool:
        done = subprocess.run(command, cwd=mutants, env=dict(env, MUTANT_UNDER_TEST=mutant),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return done.returncode != 0

    if fails(""):
        raise SystemExit(f"{name}: the tests fail without any mutant in {mutants}; fix them first")
    killed = [k for k in sorted(r["survivors"]) if k not in EQUIVALENT and fails(k)]
    for k in killed:
        status = r["survivors"].pop(k)["status"]
        r["counts"][status] -= 1
        r["counts"]["killed"] = r["counts"].get("killed", 0) + 1
    r["rechecked"] = sorted({*r.get("rechecked", []), *killed})
    return killed


def score_row(name: str, r: dict) -> dict:
    """Killed / (mutants - equivalent), with time-outs counted as killed (mutmut's own convention)."""
    c = r["counts"]
    equivalent = sum(k in EQUIVALENT for k in r["survivors"])
    killed = c.get("killed", 0) + c.get("timeout", 0)
    alive = len(r["survivors"]) - equivalent
    live = r["mutants"] - equivalent
    return {"name": name, "mutants": r["mutants"], "killed": c.get("killed", 0), "timeout": c.get("timeout", 0),
            "survived": alive, "equivalent": equivalent, "score": killed / live if live else 1.0,
            "before": r["before"] if "before" in r else _raw_score(r), "seconds": r["seconds"]}


def _before(name: str, previous: dict | None, now: dict) -> float | None:
    """The score before the killer tests: kept from an earlier measurement (`--before`, or the first run
    of a module measured before anyone wrote its killers); None (not measured) when the module's own
    killer file already took part in its first run."""
    if previous and "before" in previous:
        return previous["before"]
    if previous and "counts" in previous:
        return _raw_score(previous)
    own = [k for k in _killers(name) if not k.endswith(f"_{SURVIVORS}.py")]
    return None if own else _raw_score(now)


def _raw_score(r: dict) -> float:
    """(Killed + timed out) / mutants, no mutant set aside as equivalent: the score "before" (the tests of
    main when the module was first measured, before anyone read its survivors)."""
    c = r["counts"]
    return (c.get("killed", 0) + c.get("timeout", 0)) / r["mutants"] if r["mutants"] else 1.0


def write_doc(results: dict) -> None:
    """docs/mutation-testing.md: the per-module table of the last measured run, then every survivor."""
    measured = [n for n in MODULES if "counts" in results.get(n, {})]
    rows = [score_row(n, results[n]) for n in measured]
    table = ["| module | mutants | killed | timed out | survived | equivalent | score before | score after "
             "| run time | code measured |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        table.append(f"| {r['name']} | {r['mutants']} | {r['killed']} | {r['timeout']} | {r['survived']} | "
                     f"{r['equivalent']} | {'not measured' if r['before'] is None else format(r['before'], '.1%')} | "
                     f"{r['score']:.1%} | "
                     f"{r['seconds'] // 60} min {r['seconds'] % 60} s | {freshness(results[r['name']])} |")
    left = [n for n in MODULES if n not in measured]
    total = sum(r["seconds"] for r in rows)
    lines = (DOC.read_text(encoding="utf-8").split("<!-- table -->")[0] if DOC.exists() else "# Mutation testing\n\n")
    lines += "<!-- table -->\n" + "\n".join(table) + "\n\n"
    lines += ("\"Code measured\": *current* when the module file is byte for byte the one measured (its SHA-256 is "
              "kept with the result), *changed since* when it is not (measure it again: its score says nothing of "
              "the new code), *not recorded* for results measured before the hash was kept.\n\n")
    lines += (f"Run time of the modules above, one after the other on the 2-core machine: {total // 60} min "
              f"{total % 60} s.\n")
    if left:
        lines += f"Not measured yet: {', '.join(left)}.\n"
    for n in measured:
        if results[n].get("rechecked"):
            names = ", ".join(f"`{k.rsplit('.', 1)[-1]}`" for k in results[n]["rechecked"])
            lines += (f"\n{n}: {len(results[n]['rechecked'])} survivors of the run are counted as killed: a test "
                      f"written after the run fails on each (`python tools/mutate.py --recheck`): {names}.\n")
    stale = stale_equivalents(results)
    if stale:
        lines += (f"\n{len(stale)} entries of `EQUIVALENT` name no survivor of their module's current run (their "
                  f"mutant numbers have moved since): to be deleted: {', '.join(f'`{k}`' for k in stale)}.\n")
    lines += "\n## Mutants left alive\n\n"
    alive = [(n, k, s) for n in measured for k, s in results[n]["survivors"].items()]
    if not alive:
        lines += "None.\n"
    for n, k, s in alive:
        why = LEFT_ALIVE.get(k) or EQUIVALENT.get(k, "not explained yet: a test should kill it")
        lines += f"- `{k}` ({n}, {s['status']}): {why}\n"
    DOC.write_text(lines, encoding="utf-8")


def _save(name: str, entry: dict) -> dict:
    """One module's result written into the saved results as they are now (re-read first: a `--recheck` or
    another module list may have saved its own modules since this run started, and would otherwise be lost)."""
    saved = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    saved[name] = entry
    RESULTS.write_text(json.dumps(saved, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return saved


def stale_equivalents(results: dict) -> list[str]:
    """EQUIVALENT entries of a module measured on its current code that name no survivor of that run: left
    from an earlier run whose mutant numbers have moved since, they would silently excuse a future survivor
    that happens to take the same name. Listed in the docs, to be deleted."""
    stale = []
    for name, (source, _, functions) in MODULES.items():
        r = results.get(name, {})
        if "counts" not in r or freshness(r) != "current":
            continue
        stale += [k for k in EQUIVALENT if _measured(k, source, functions) and k not in r["survivors"]]
    return sorted(stale)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="*", help=f"module names or prefixes (default: all): {', '.join(MODULES)}")
    ap.add_argument("--docs", action="store_true", help="only rewrite the docs from the saved results")
    ap.add_argument("--before", action="store_true",
                    help="measure the score before: without the modules' own killer tests (kept as 'before')")
    ap.add_argument("--recheck", action="store_true",
                    help="run each survivor of the last run again against the current tests (no new run)")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("MUTATE_JOBS", "1")),
                    help="mutmut workers (default 1, or MUTATE_JOBS: the machine is shared)")
    args = ap.parse_args(argv)
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    names = [n for n in MODULES if not args.modules or any(n.startswith(m) for m in args.modules)]
    if args.modules and not names:
        ap.error(f"no module named {args.modules}; known: {', '.join(MODULES)}")
    for name in [] if args.docs or not args.recheck else [n for n in names if "counts" in results.get(n, {})]:
        killed = recheck(name, results[name])
        print(f"mutate: {name}: {len(killed)} survivors now killed: {', '.join(killed) or 'none'}", flush=True)
        results = _save(name, results[name])
    for name in [] if args.docs or not args.before else names:
        print(f"mutate: {name} ({MODULES[name][0]}), before its killer tests ...", flush=True)
        r = measure(name, max(args.jobs, 1), own_killers=False)
        results.setdefault(name, {})["before"] = _raw_score(r)
        print(f"  before: {_raw_score(r):.1%} of {r['mutants']} mutants, {r['seconds']} s", flush=True)
        results = _save(name, results[name])
    for name in [] if args.docs or args.before or args.recheck else names:
        print(f"mutate: {name} ({MODULES[name][0]}) ...", flush=True)
        previous = results.get(name)
        results[name] = measure(name, max(args.jobs, 1))
        results[name]["before"] = _before(name, previous, results[name])
        r = score_row(name, results[name])
        print(f"  {r['mutants']} mutants, {r['killed']} killed, {r['timeout']} timed out, {r['survived']} survived"
              f" ({r['score']:.1%}), {r['seconds']} s", flush=True)
        results = _save(name, results[name])
        write_doc(results)
    write_doc(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
