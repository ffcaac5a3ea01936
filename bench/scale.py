"""A copy of the project's sources, N times larger, that still passes every check.

Scale N keeps the original sources and adds N - 1 clones of each module page,
each with its own module id, prompt ids and title, citing its own clones of
the references, plus N - 1 clones of each glossary entry under invented terms
that occur in the cloned pages. So the site grows in pages, terms and
references together, as a larger article would, and ``python -m macros check``
still passes (the benchmark checks that before it measures anything).

Invented words are syllables between a fixed prefix and a final "n", so
none is an English word, and none is another's plural (which would end in "s").
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pybtex.database import Entry, parse_string

from macros.engine import CONFIG_FILE

#: Top-level folders a copy of the project leaves out: not sources.
SKIP = {"tests", "bench"}
SYLLABLES = ("ka", "lo", "mi", "ve", "ru", "sa", "te", "no", "pi", "du", "be", "zo")
FRONT_RE = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
# A citation key after "@" (see macros/core/citekeys.py): word characters, with
# internal punctuation, not ending in punctuation; in a citation as written,
# "[Munro 2011](@munro2011)", the words before it too.
KEY_RE = re.compile(r"(?:\[(?P<written>[^\[\]@]+)\]\()?(?<![\w@\\])(?P<at>-?@)"
                    r"(?P<key>[\w](?:[\w:.#$%&+?<>~/-]*[\w])?)")
YEAR_RE = re.compile(r"\b\d{4}[a-z]?\b")


class _TolerantLoader(yaml.SafeLoader):
    """Reads the engine config as data; engine tags (``!ENV``, ``!!python/name``) become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict[str, Any]:
    """An MkDocs config file as plain data (what the benchmark needs: nav, theme, extensions),
    merged over the file it names in ``INHERIT`` as the engine merges them."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    parent = data.pop("INHERIT", None)
    return _merge(read_config(path.parent / parent), data) if parent else data


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    for key, value in child.items():
        base[key] = (_merge(base[key], value) if isinstance(base.get(key), dict) and isinstance(value, dict)
                     else value)
    return base


@dataclass(frozen=True)
class ScaledSources:
    root: Path
    pages: int
    modules: int
    terms: int
    references: int
    markdown_bytes: int  # every page under docs/, front matter included


def invented(number: int, prefix: str = "zy", length: int = 4) -> str:
    """A made-up word, distinct for each number: its base-12 digits as syllables."""
    syllables = []
    while number or len(syllables) < length:
        number, digit = divmod(number, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
    return prefix + "".join(reversed(syllables)) + "n"


def split_front(text: str) -> tuple[dict[str, Any], str]:
    match = FRONT_RE.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


def join_front(data: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000) + "---\n" + body


def rename_ids(value: Any, suffix: str) -> Any:
    """Every ``id`` in nested front matter (prompt ids) made unique with ``suffix``."""
    if isinstance(value, dict):
        return {k: (f"{v}{suffix}" if k == "id" and isinstance(v, str) else rename_ids(v, suffix))
                for k, v in value.items()}
    if isinstance(value, list):
        return [rename_ids(v, suffix) for v in value]
    return value


def rekey(text: str, authors: dict[str, str], k: int, used: set[str], noted: frozenset[str] = frozenset()
          ) -> str:
    """Citations of the works in ``authors`` pointed at their clone ``k``, whose author
    ``authors`` gives; the keys cited go into ``used``.

    A citation as written ("[Beckett and Lloyd 2022](@beckett2022)") names
    the clone's invented author instead ("[Qukaloveru 2022](@beckett2022c1)"),
    keeping the year and what follows it, so it agrees with its entry as the
    original did; for the works in ``noted`` (whose entries explain, in a
    citenote, why the text names them differently) the words stay as they are,
    and differ from the clone's entry as they did from the original's.
    """
    def swap(match: re.Match) -> str:
        key = match.group("key")
        if key not in authors:
            return match.group(0)
        used.add(key)
        cited = f"{match.group('at')}{key}c{k}"
        written = match.group("written")
        if written is None or key in noted:
            return cited if written is None else f"[{written}]({cited}"
        year = YEAR_RE.search(written)
        if year and written[:year.start()].strip(" ,("):
            written = f"{authors[key]} {written[year.start():]}"
        return f"[{written}]({cited}"
    return KEY_RE.sub(swap, text)


def bibtex_entry(key: str, entry: Entry, author: str) -> str:
    """One entry in BibTeX, its fields as the source wrote them (pybtex's writer would
    escape their backslashes), its people replaced by one invented author."""
    roles = list(entry.persons) or ["author"]
    fields = [(role, f"{author}, A.") for role in roles]
    fields += [(name, value) for name, value in entry.fields.items() if name != "shortauthor"]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry.original_type}{{{key},\n{body}\n}}\n"


def prompt_ids(value: Any) -> list[str]:
    """Every ``id`` in nested front matter: the prompt ids of a module page."""
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == "id" and isinstance(v, str)] + \
            [i for v in value.values() for i in prompt_ids(v)]
    if isinstance(value, list):
        return [i for v in value for i in prompt_ids(v)]
    return []


def _project_files(source: Path) -> list[str]:
    """The project's files as git sees them: tracked, or new and not ignored."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=source, capture_output=True, text=True, check=True).stdout
    return sorted({name for name in listed.split("\0") if name and name.split("/")[0] not in SKIP})


def _copy_project(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    for name in _project_files(source):
        if (source / name).is_file():  # a file deleted but not yet committed is listed too
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)


def _nav_files(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    return []


def make_scaled_copy(source: Path, target: Path, n: int) -> ScaledSources:
    """Write the project's sources scaled ``n`` times into ``target``."""
    _copy_project(source, target)
    docs, glossary = target / "docs", target / "glossary"
    nav = read_config(source / CONFIG_FILE).get("nav", [])
    modules = []  # (docs-relative path, front matter, body) in reading order
    for src in _nav_files(nav):
        path = docs / src
        if path.is_file():
            front, body = split_front(path.read_text(encoding="utf-8"))
            if front.get("module"):
                modules.append((src, front, body))
    bib_text = (target / "references.bib").read_text(encoding="utf-8")
    bib = parse_string(bib_text, "bibtex")
    noted = frozenset(key for key, entry in bib.entries.items() if entry.fields.get("citenote"))
    term_files = sorted(glossary.glob("*.md"))
    terms = [(f.stem, *split_front(f.read_text(encoding="utf-8"))) for f in term_files]

    extra_nav, cited, word, clones = [], set(), 0, []
    prompts: list[str] = []
    for k in range(1, n):
        suffix = f"-c{k}"
        # Each clone of a work has an invented author, so no two labels clash.
        authors = {}
        for key in bib.entries:
            word += 1
            authors[key] = invented(word, prefix="Qu", length=4).capitalize()
        # Glossary clones first: each gets an invented term, used on one cloned page.
        mentions: dict[int, list[str]] = {}
        for index, (term_id, front, definition) in enumerate(terms):
            word += 1
            name = invented(word)
            mentions.setdefault(index % len(modules), []).append(name)
            data = dict(front, term=name, forms=[])
            data.pop("unused", None)
            source_data = dict(data.get("source") or {})
            if source_data.get("module"):
                source_data["module"] = f"{source_data['module']}{suffix}"
            data["source"] = source_data
            data["related"] = [f"{r}{suffix}" for r in data.get("related") or []]
            (glossary / f"{term_id}{suffix}.md").write_text(
                join_front(data, rekey(definition, authors, k, cited, noted)), encoding="utf-8")
        section = []
        for index, (src, front, body) in enumerate(modules):
            data = rename_ids(dict(front), suffix)
            data["module"] = f"{front['module']}{suffix}"
            data["title"] = f"{front.get('title', src)} (copy {k})"
            prompts += prompt_ids(data)
            words = mentions.get(index, [])
            body = rekey(body, authors, k, cited, noted)
            if words:
                body = body.rstrip("\n") + "\n\nTerms invented for the benchmark: " + ", ".join(words) + ".\n"
            clone = src.removesuffix(".md") + f"{suffix}.md"
            (docs / clone).write_text(join_front(data, body), encoding="utf-8")
            section.append(clone)
        extra_nav.append({f"Copy {k}": section})
        # References: clones of the works the cloned pages and entries cite, and
        # of further reading.
        for key, entry in bib.entries.items():
            if key in cited or "further-reading" in entry.fields.get("keywords", ""):
                clones.append(bibtex_entry(f"{key}c{k}", entry, authors[key]))
    if clones:
        (target / "references.bib").write_text(
            bib_text.rstrip("\n") + "\n\n" + "\n".join(clones), encoding="utf-8")
    # Published module and prompt ids are registered (module-ids.yml); so are the clones'.
    registry_file = target / "module-ids.yml"
    if registry_file.exists() and n > 1:
        registry = yaml.safe_load(registry_file.read_text(encoding="utf-8")) or {}
        published = registry.setdefault("published", {})
        for k in range(1, n):
            for src, front, _ in modules:
                published[f"{front['module']}-c{k}"] = src.removesuffix(".md") + f"-c{k}.md"
        if registry.get("prompts") is not None:
            registry["prompts"].setdefault("published", []).extend(prompts)
        registry_file.write_text(yaml.safe_dump(registry, sort_keys=False, allow_unicode=True),
                                 encoding="utf-8")
    # The clones' nav goes in a child config, so the config itself is not rewritten.
    (target / "properdocs.base.yml").write_text((source / CONFIG_FILE).read_text(encoding="utf-8"),
                                            encoding="utf-8")
    (target / CONFIG_FILE).write_text(
        "INHERIT: properdocs.base.yml\n" + yaml.safe_dump({"nav": [*nav, *extra_nav]}, sort_keys=False,
                                                      allow_unicode=True), encoding="utf-8")
    pages = list(docs.rglob("*.md"))
    return ScaledSources(
        root=target, pages=len(pages), modules=len(modules) * n, terms=len(terms) * n,
        references=len(bib.entries) + len(clones),
        markdown_bytes=sum(p.stat().st_size for p in pages),
    )
