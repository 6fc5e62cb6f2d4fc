"""The methods and limitations page, `reports/methods.html`, and how to cite a run.

Every report links to it from its navigation. It says where the data come from and what they leave out
(attribution taken from Twitter, small accounts hashed, deleted tweets absent, language labels noisy,
engagement a lower bound, the synthetic sample when it is the input), the definitions every report uses, the
one rounding rule for shares, and how to cite the run (project version and the git commit of the code). Its
sources resolve in a References block like every other page's.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from markupsafe import Markup

from helpers import __version__, files, paths
from helpers.present import prose
from helpers.present.reports.pages import CSS_FILE, TEMPLATES, _insert_references, nav_html

METHODS_PAGE = "methods.html"
METHODS_TITLE = "Methods and limitations"
PROJECT_TITLE = "TrollTracker, reproduced"


def git_commit(root: Path = paths.ROOT) -> str:
    """The commit of the code that made the run ("unknown" outside a git checkout or without git); a
    "+ local changes" suffix when tracked files differ from it. Never a path."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20,
                              check=False)
    try:
        head = git("rev-parse", "--short=12", "HEAD")
        if head.returncode != 0 or not head.stdout.strip():
            return "unknown"
        dirty = git("diff", "--quiet", "HEAD", "--").returncode == 1
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head.stdout.strip() + (" + local changes" if dirty else "")


def citation(commit: str, run_date: str) -> str:
    """The "how to cite" line (plain text): project, version, commit of the run, date; CITATION.cff holds it
    as data."""
    return (f"{PROJECT_TITLE} (version {__version__}, commit {commit}). Reports of the run of {run_date}. "
            "Cite the sources of each number too (References on each page); CITATION.cff in the repository "
            "gives this citation as data.")


def write_methods(reports_dir: Path, manifest: dict, commit: str, run_date: str,
                  index_href: str = "index.html") -> Path:
    """Write reports/methods.html (atomically) and return its path."""
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    synthetic = bool(manifest.get("synthetic"))
    note = (f'<blockquote class="data-note synthetic"><p><b>{prose.html(prose.SYNTHETIC_TITLE)}</b> '
            f'{prose.html(prose.synthetic_statement(manifest.get("sample")))}</p></blockquote>' if synthetic else "")
    item = (f"<li><b>The input of this run is the synthetic sample.</b> "
            f"{prose.html(prose.synthetic_statement(manifest.get('sample')))}</li>" if synthetic else "")
    page = env.get_template("methods.html.j2").render(
        css=Markup(CSS_FILE.read_text(encoding="utf-8")), nav=Markup(nav_html(index_href, None, None)),
        data_note=Markup(note), synthetic_item=Markup(item), rounding=Markup(prose.html(prose.ROUNDING_RULE)),
        citation=Markup(prose.html(citation(commit, run_date))))
    out = Path(reports_dir) / METHODS_PAGE
    files.write_text(out, _insert_references(page))
    return out
