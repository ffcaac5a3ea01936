"""Citations written as the source gives them, and the notes their differences need.

An edition keeps the authors' in-text citations word for word
(``[Brierly 2021](@brierley2021)``) while each links to the corrected entry.
Where the words do not name the entry as the reference list does (a misspelt
name, another year, a shortened author list), the reader is owed an
explanation: the entry's ``citenote`` field gives it, in plain text, and the
site shows it beside every such citation and on the editorial notes page. A
difference without a note, and a note that no citation needs, are problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .bibliography import Bibliography, Reference
from .labels import agrees, label, plain
from .pages import CitationUse
from .problems import Problem

#: The BibTeX field that explains why the text cites a work differently.
CITENOTE = "citenote"
#: The element id of a work's row on the editorial notes page, where its note marks lead.
NOTE_ANCHOR = "cite-{key}"


def note_of(ref: Reference) -> str:
    return plain(ref.entry.fields.get(CITENOTE, "")).strip()


def differences(uses: Iterable[CitationUse], references: Mapping[str, Reference]
                ) -> dict[str, list[CitationUse]]:
    """Citations written differently from their entry, by key, in the order given."""
    found: dict[str, list[CitationUse]] = {}
    for use in uses:
        ref = references.get(use.key)
        if use.written and ref is not None and not agrees(use.written, ref):
            found.setdefault(use.key, []).append(use)
    return found


def check_citation_notes(uses: Iterable[CitationUse], bibliography: Bibliography) -> list[Problem]:
    """Every difference has its note; every note has a difference to explain."""
    problems = []
    references = bibliography.references
    differing = differences(uses, references)
    for key, found in differing.items():
        ref = references[key]
        if note_of(ref):
            continue
        for use in found:
            problems.append(Problem(
                use.path, use.line, use.column, "cite-written-differs",
                f"'{use.written}' does not name '{key}' as its entry does ({label(ref)})",
                f"if these are the authors' words, explain the difference in the entry's "
                f"{CITENOTE} field (shown beside the citation and on the editorial notes page); "
                "otherwise correct the words or the key",
            ))
    for key, ref in references.items():
        if note_of(ref) and key not in differing:
            problems.append(Problem(
                bibliography.path, ref.line_of(CITENOTE), 1, "bib-citenote-unused",
                f"entry '{key}' has a {CITENOTE}, but no citation names it differently",
                f"remove the {CITENOTE}, or cite the work as the source writes it: [words](@{key})",
            ))
    return problems
