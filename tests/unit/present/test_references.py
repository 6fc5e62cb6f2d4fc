"""Self-contained references: every source tag used anywhere in the repository resolves to a full reference
(helpers/present/references.yaml, made from docs/references.md); no file points readers to notes outside the
repository; a page citing a tag gets a References block listing it in full. The end-to-end check (every
report of a run that cites a tag has the block) is `test_every_citing_report_has_its_references` in
test_pipeline.py."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers.claims import scorecard, takeaways
from helpers.paths import ROOT
from helpers.present import references, reports

DOCS = ROOT / "docs"
# What a citation looks like: a short tag of docs/published-figures.md (G, D1) or a key of
# docs/references.md (T2018, DFR1, T-ARCH, SIO2021a). Other bracketed words ([True], [OP]) are not.
TAG_SHAPE = re.compile(r"[A-Z]\d?|[A-Z]{1,4}\d{1,4}[a-z]?|[A-Z]+-[A-Z]+")


def _python_prose(path: Path) -> str:
    """Comments and docstrings of a module (string literals in code are data, e.g. numpy's unit codes)."""
    source = path.read_text(encoding="utf-8")
    parts = [tok.string for tok in tokenize.generate_tokens(io.StringIO(source).readline)
             if tok.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            parts.append(ast.get_docstring(node) or "")
    return "\n".join(parts)


def _texts() -> dict[str, str]:
    """Every text of the repository in which a reader or a developer may meet a source tag."""
    out = {}
    for path in [ROOT / "README.md", *DOCS.glob("*.md"), *(ROOT / "helpers").rglob("*.yaml")]:
        out[path.relative_to(ROOT).as_posix()] = path.read_text(encoding="utf-8")
    for path in [*(ROOT / "helpers").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        out[path.relative_to(ROOT).as_posix()] = _python_prose(path)
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        out[path.relative_to(ROOT).as_posix()] = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return out


def test_the_references_file_loads_with_unique_keys_and_https_links():
    refs = references.load()
    assert len(refs) == len({r.key for r in refs}) >= 20
    assert {"G", "Z", "D1", "D2", "D3", "T", "O"} <= references.known_tags()


def test_every_key_of_the_references_file_is_a_key_of_docs_references_md_and_back():
    """One entry per source of docs/references.md, nothing from elsewhere, and the same DOIs."""
    text = (DOCS / "references.md").read_text(encoding="utf-8")
    in_docs = set(re.findall(r"^\*\*\[([^\]]+)\]\*\*", text, re.M))
    assert in_docs == {r.key for r in references.load()}
    for ref in references.load():
        entry = text[text.index(f"**[{ref.key}]**"):]
        entry = entry[:entry.find("\n\n") if "\n\n" in entry else len(entry)]
        assert ref.urls[0].split("#")[0] in entry, ref.key
        if ref.doi:
            assert f"DOI: {ref.doi}" in entry, ref.key


def test_every_tag_used_anywhere_resolves_to_a_full_reference():
    unresolved = []
    for name, text in _texts().items():
        for tag in references.cited(text):
            if TAG_SHAPE.fullmatch(tag) and tag not in references.known_tags():
                unresolved.append(f"{name}: [{tag}]")
    for c in scorecard.load_claims():
        unresolved += [f"helpers/claims/claims.yaml, {c.id}: "
                       f"[{t}]" for t in c.source if t not in references.known_tags()]
    assert unresolved == []
    for tag in references.known_tags():
        for ref in references.resolve(tag):
            assert ref.authors and ref.title and ref.year and ref.urls


def test_the_scan_finds_tags_and_would_name_an_unknown_one():
    assert references.cited("as shown [G, Z]; see [D1]-[D3] and [T2018], not x[0]") == \
        ["G", "Z", "D1", "D2", "D3", "T2018"]
    with pytest.raises(references.ReferenceError, match=r"\[Q\] names no reference"):
        references.resolve("Q")


def test_no_file_points_to_notes_outside_the_repository():
    """Readers of the repository cannot follow a pointer to the reference notes kept outside it (the
    `shared` folder next to the checkout); the notes are in docs/."""
    needles = ("shared" + "/reference", '"shared" / ' + '"reference"')
    files = [ROOT / "README.md", ROOT / "Makefile", *DOCS.glob("*.md"), *(ROOT / "helpers").rglob("*.py"),
             *(ROOT / "helpers").rglob("*.yaml"), *(ROOT / "notebooks").glob("*.ipynb"),
             *(ROOT / "tests").rglob("*.py")]
    found = [p.relative_to(ROOT).as_posix() for p in files if any(n in p.read_text(encoding="utf-8") for n in needles)]
    assert found == []


def test_docs_links_point_to_files_that_exist():
    for path in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            if not re.match(r"[a-z]+:", target):
                assert (path.parent / target).exists(), f"{path.name} links to {target}"


def test_block_lists_each_cited_source_in_full_with_links():
    block = references.block_html(["G", "D1", "True"])
    assert '<h2 id="references">References</h2>' in block
    assert "Gubello, L." in block and "DFRLab, Atlantic Council" in block and "Nimmo, B." in block
    assert 'href="https://www.gubello.me/' in block and "True" not in block
    assert references.block_html(["True", "OP"]) == ""


def test_a_report_citing_tags_ends_with_their_references(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T\n\nAs counted by Gubello [G]."),
                                         nbformat.v4.new_markdown_cell("## Section\n\nNothing cited.")])
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    html = reports.render_notebook(path, tmp_path / "01_x.html").read_text(encoding="utf-8")
    assert html.index("As counted by Gubello [G]") < html.index('<h2 id="references">References</h2>')
    assert "Gubello, L." in html and "Zannettou" not in html
    assert '<a href="#references">References</a>' in html                # listed in the contents
    nb.cells[0].source = "# T\n\nNo citation here."
    nbformat.write(nb, path)
    html = reports.render_notebook(path, tmp_path / "01_x.html").read_text(encoding="utf-8")
    assert "References</h2>" not in html


def test_scorecard_and_summary_show_their_sources_as_tags():
    assert scorecard.shown_tags("G, Z") == "[G], [Z]"
    for t in takeaways.TAKEAWAYS:
        assert references.citing(references.cited(t.source)), t.title
    exported = scorecard.sources()
    assert set(exported) == {t for c in scorecard.load_claims() for t in c.source}
    assert all(entry["text"] and entry["urls"] for refs in exported.values() for entry in refs)


def test_claims_file_has_no_second_list_of_sources():
    keys = set(yaml.safe_load((ROOT / "helpers" / "claims" / "claims.yaml").read_text(encoding="utf-8")))
    assert keys == {"claims", "tolerances"}          # tolerances with their reasons; sources only by tag
