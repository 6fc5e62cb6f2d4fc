"""Sources cited by the reports, in full: a page that shows a tag such as [G] or [D1] ends with a
"References" block giving that source's authors, title, venue, year, links and DOI.

In: `helpers/present/references.yaml` (made from docs/references.md; one entry per source, with the short tags of
docs/published-figures.md that stand for it). Out: `resolve(tag)` -> the References a tag stands for,
`cited(text)` -> the tags a text cites, `block_html(tags)` -> the escaped HTML block for a report page.

A tag is written in square brackets: `[G]`, `[G, Z]`, a range `[D1]-[D3]`, or a key of docs/references.md
(`[T2018]`). Readers of a published HTML page cannot follow a tag to a notes file that is not there, so
every tag a page shows must resolve here (a test checks every tag used in the repository).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers.errors import ProjectError
from helpers.present import prose

REFERENCES_FILE = Path(__file__).with_name("references.yaml")
FIELDS = ("key", "tags", "authors", "year", "date", "title", "venue", "urls", "doi")
OPTIONAL = ("caveat",)

# One tag: a capital letter and an optional digit (the tags of published-figures.md), or a key of
# docs/references.md (T2018, T-ARCH, SIO2021a, ...). Lists ("[G, Z]") and ranges ("[D1]-[D3]") as written.
_ONE = r"[A-Z](?:[A-Za-z0-9]*(?:-[A-Z]+)?)?"
_GROUP = re.compile(rf"\[({_ONE}(?:,\s*{_ONE})*)\](?:\s*[-\u2013]\s*\[({_ONE})\])?")
_RANGE_END = re.compile(r"^([A-Z]+)(\d+)$")


class ReferenceError(ProjectError):
    """The references file is malformed, or a tag names no source (says which and where to add it)."""


@dataclass(frozen=True)
class Reference:
    """One source, as docs/references.md cites it."""

    key: str
    tags: tuple[str, ...]
    authors: str
    year: int
    date: str | None
    title: str
    venue: str
    urls: tuple[str, ...]
    doi: str | None
    caveat: str = ""

    def text(self) -> str:
        """The full reference as plain text (for exports): authors (date). "Title". Venue. URLs. DOI."""
        parts = [f"{self.authors} ({self.date or self.year}). \u201c{self.title}\u201d. {self.venue}."]
        parts += [" ".join(self.urls) + "." if self.urls else ""]
        parts += [f"DOI: {self.doi}." if self.doi else ""]
        return " ".join(p for p in parts if p)

    def html(self) -> str:
        """The full reference as escaped HTML, its links clickable (https only, checked on load)."""
        links = ", ".join(f'<a href="{prose.html(u)}">{prose.html(u)}</a>' for u in self.urls)
        doi = (f' DOI: <a href="https://doi.org/{prose.html(self.doi)}">{prose.html(self.doi)}</a>.'
               if self.doi else "")
        caveat = f' <span class="caveat">(Not verified: {prose.html(self.caveat)}.)</span>' if self.caveat else ""
        return (f"{prose.html(self.authors)} ({prose.html(self.date or self.year)}). "
                f"\u201c{prose.html(self.title)}\u201d. <i>{prose.html(self.venue)}</i>. {links}.{doi}{caveat}")


def _check(raw, i: int, path: Path) -> Reference:
    where = f"{path.name}, entry {i + 1} ({raw.get('key', '?') if isinstance(raw, dict) else '?'})"
    if not isinstance(raw, dict):
        raise ReferenceError(f"{where}: expected a mapping")
    missing = [f for f in FIELDS if f not in raw]
    unknown = [f for f in raw if f not in FIELDS + OPTIONAL]
    if missing or unknown:
        raise ReferenceError(f"{where}: missing {missing or 'nothing'}, unknown {unknown or 'nothing'}")
    for f in ("key", "authors", "title", "venue"):
        if not isinstance(raw[f], str) or not raw[f].strip():
            raise ReferenceError(f"{where}: {f} must be non-empty text")
    if not isinstance(raw["year"], int):
        raise ReferenceError(f"{where}: year must be a number")
    urls = raw["urls"]
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) and u.startswith("https://")
                                                         for u in urls):
        raise ReferenceError(f"{where}: urls must be a non-empty list of https:// links")
    tags = raw["tags"]
    if not isinstance(tags, list) or not all(isinstance(t, str) and re.fullmatch(_ONE, t) for t in tags):
        raise ReferenceError(f"{where}: tags must be a list of tags such as G or D1")
    return Reference(key=raw["key"], tags=tuple(tags), authors=raw["authors"], year=raw["year"],
                     date=raw["date"], title=raw["title"], venue=raw["venue"], urls=tuple(urls),
                     doi=raw["doi"], caveat=str(raw.get("caveat") or ""))


@functools.lru_cache(maxsize=4)
def load(path: str | Path = REFERENCES_FILE) -> tuple[Reference, ...]:
    """Every reference of the file, checked (fields, https links, unique keys)."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ReferenceError(f"{path.name}: cannot read the references file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("references"), list):
        raise ReferenceError(f"{path.name}: expected a list under 'references'")
    refs = tuple(_check(raw, i, path) for i, raw in enumerate(data["references"]))
    keys = [r.key for r in refs]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise ReferenceError(f"{path.name}: key(s) used twice: {', '.join(twice)}")
    return refs


def known_tags(path: str | Path = REFERENCES_FILE) -> set[str]:
    """Every tag that resolves: the short tags and the keys."""
    refs = load(path)
    return {r.key for r in refs} | {t for r in refs for t in r.tags}


def resolve(tag: str, path: str | Path = REFERENCES_FILE) -> list[Reference]:
    """The sources a tag stands for (a key: its one source; a short tag: every source listing it)."""
    found = [r for r in load(path) if tag == r.key or tag in r.tags]
    if not found:
        raise ReferenceError(f"source tag [{tag}] names no reference: add it to helpers/present/references.yaml "
                             "(from docs/references.md) or correct the tag")
    return found


def _expand(first: str, last: str) -> list[str]:
    """[D1]-[D3] -> D1, D2, D3 (only a range of one letter with numbers; otherwise both ends)."""
    a, b = _RANGE_END.match(first), _RANGE_END.match(last)
    if a and b and a.group(1) == b.group(1) and int(a.group(2)) <= int(b.group(2)):
        return [f"{a.group(1)}{i}" for i in range(int(a.group(2)), int(b.group(2)) + 1)]
    return [first, last]


def cited(text: str) -> list[str]:
    """The tags a text writes in square brackets, in order of first appearance (unknown ones included,
    so that a check can name them)."""
    found: list[str] = []
    for m in _GROUP.finditer(text):
        tags = [t.strip() for t in m.group(1).split(",")]
        if m.group(2):
            tags = tags[:-1] + _expand(tags[-1], m.group(2))
        found += [t for t in tags if t not in found]
    return found


def citing(tags: Iterable[str], path: str | Path = REFERENCES_FILE) -> list[str]:
    """Of `tags`, those that resolve (a page may show bracketed text that is no citation: data)."""
    known = known_tags(path)
    return [t for t in tags if t in known]


def block_html(tags: Iterable[str], heading_id: str = "references") -> str:
    """The References block of a page: each cited tag, then the full reference(s) it stands for.
    Empty when the page cites nothing."""
    tags = list(dict.fromkeys(citing(tags)))
    if not tags:
        return ""
    items = []
    for tag in tags:
        for ref in resolve(tag):
            items.append(f'<li id="ref-{prose.html(tag)}-{prose.html(ref.key)}"><b>[{prose.html(tag)}]</b> '
                         f"{ref.html()}</li>")
    return (f'<section class="references"><h2 id="{prose.html(heading_id)}">References</h2>'
            f"<p>The sources this page cites by tag, in full (all references: docs/references.md in the "
            f'repository).</p><ul class="references">{"".join(items)}</ul></section>')


def records(tags: Iterable[str]) -> dict[str, list[dict]]:
    """Tag -> its full references as plain data (for JSON exports such as scorecard.json)."""
    return {tag: [{"key": r.key, "text": r.text(), "urls": list(r.urls), "doi": r.doi} for r in resolve(tag)]
            for tag in dict.fromkeys(tags)}
