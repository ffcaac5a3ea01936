"""Every problem code: what is wrong and how to fix it, in one table.

A code is what a maintainer can search for (in this table, in CONTRIBUTING,
in the code); the message of each problem says what is wrong in that place,
the table says it in general. Codes that mean a file could not be read are
marked: they are reported first, and the cross-checks stay silent about what
such a file would have defined (see :mod:`macros.core.names`).

The field rules of each kind of source are its JSON Schema (``schemas/``);
their codes are ``KIND-SUFFIX`` for the suffixes in :data:`SCHEMA_SUFFIXES`,
and the codes a schema can give are read from it (see
:func:`macros.core.schemas.schema_codes`). The table in CONTRIBUTING is made
from both: ``python -m macros.checks.problem_table`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    wrong: str  # what is wrong
    fix: str  # how to fix it
    unreadable: bool = False  # the file (or its front matter) could not be read at all


#: The codes of the checks written in Python (the schemas' codes are made from their suffixes).
CODES: tuple[Code, ...] = (
    # Reading a file at all
    Code("source-encoding", "The file is not UTF-8 (Latin-1, Windows-1252, UTF-16…).",
         "Save it as UTF-8.", True),
    Code("source-control-character", "The file holds an invisible control character (NUL, escape…).",
         "Delete it: sources hold text, tabs and newlines only.", True),
    Code("yaml-syntax", "The YAML (front matter or a .yml file) cannot be parsed.",
         "Check the indentation (spaces, not tabs) at the place named; quote values that contain ': '.",
         True),
    Code("yaml-alias", "The YAML uses an anchor (`&name`) or an alias (`*name`).",
         "Write the value out in full where it is needed.", True),
    Code("yaml-too-deep", "The YAML is nested deeper than any source needs.",
         "Check the brackets and the indentation.", True),
    Code("yaml-value", "A YAML value cannot be read as what it looks like (a date that does not exist).",
         "Correct it, or quote it to keep it as text.", True),
    Code("yaml-duplicate-key", "A key is written twice in one mapping; YAML would silently keep the last.",
         "Keep one of them.", True),
    Code("front-matter-unclosed", "Front matter opened with `---` is never closed.",
         "Add a line `---` after the last front-matter key.", True),
    Code("front-matter-type", "The front matter is not a mapping of keys to values.",
         "Write `key: value` lines between the `---` fences.", True),
    Code("term-empty", "A glossary file is empty.",
         "Give it front matter (term, short, source) and a definition, or delete it.", True),
    Code("pathway-empty", "A pathway file is empty.", "Give it its fields, or delete it.", True),
    Code("course-empty", "A course file is empty.", "Give it its fields, or delete it.", True),
    Code("framework-empty", "framework.yml is empty.", "Give it its layers, core and rings.", True),
    Code("registry-empty", "module-ids.yml is empty.", "List every published module id under 'published'.",
         True),
    Code("bib-missing", "references.bib does not exist.", "Create it, with an entry for every work cited.",
         True),
    Code("bib-empty", "references.bib has no entries.", "Add an entry for every work the site cites.", True),
    Code("bib-syntax", "A BibTeX entry cannot be parsed.",
         "Check that entry for an unclosed brace or a missing comma.", True),
    # The bibliography
    Code("bib-error", "pybtex found another problem in the file.", "Correct the entry the message names."),
    Code("bib-duplicate-key", "Two entries have the same key.",
         "Give each work its own key; add a/b when surname and year clash."),
    Code("bib-duplicate-field", "An entry gives a field twice; only the first would be used.",
         "Keep one of them."),
    Code("bib-unknown-type", "An entry's type is one the reference style does not format.",
         "Use `@article`, `@book`, `@incollection`, `@inbook`, `@techreport`, `@report`, `@online`"
         " or `@misc`."),
    Code("bib-missing-field", "An entry lacks a field its type requires.",
         "Give the field, or mark an entry whose details are not known with `keywords = {incomplete}`."),
    Code("bib-bad-doi", "A DOI is not a bare DOI (10.xxxx/…).",
         "Write it without https://doi.org/ or spaces."),
    Code("bib-bad-url", "A URL is not a full http(s) address.",
         "Write a full address starting with https://, without spaces."),
    Code("bib-unknown-keyword", "'keywords' holds a word the site does not know.",
         "Use only 'incomplete' and 'further-reading'."),
    Code("bib-latex", "A field holds LaTeX that cannot be shown as text (`\\emph`, an unknown command).",
         "Write the characters themselves in UTF-8 (é, not `\\'e`), and plain words for formatting."),
    Code("bib-label-clash", "Two entries would be cited identically (Firmin et al 2022).",
         "Give the years a suffix: 2022a, 2022b."),
    Code("bib-uncited", "An entry is cited nowhere.", "Cite it, or mark it `keywords = {further-reading}`."),
    Code("bib-further-reading-cited", "An entry marked further-reading is cited.",
         "Remove 'further-reading' from its keywords."),
    Code("bib-citenote-unused", "An entry has a `citenote`, but no citation names it differently.",
         "Remove the `citenote`, or cite the work as the source writes it: `[words](@key)`."),
    # Citations in pages and definitions
    Code("cite-syntax", "A bracketed citation cannot be read.",
         "Write `[@key]`, `[@key, p. 3]` or `[@a; @b]`; a key holds letters, digits and"
         " `_ : . # $ % & - + ? < > ~ /`."),
    Code("cite-unknown-key", "A citation names a key that references.bib does not have.",
         "Correct the key (the message suggests the closest), or add the entry."),
    Code("cite-written-differs", "A citation's words (`[words](@key)`) do not name its entry as the entry"
         " does (another name or year).",
         "If they are the authors' words, explain the difference in the entry's `citenote`; otherwise"
         " correct the words or the key."),
    # Modules and prompts
    Code("module-duplicate-id", "Two pages have the same module id.",
         "Give one a new id; ids are never reused."),
    Code("prompt-duplicate-id", "Two prompts have the same id.",
         "Give the prompt a new id: readers' answers are kept under it, so never reuse one."),
    Code("prompt-unknown-layer", "'lens' or 'prompts' names a layer framework.yml does not have.",
         "Use a layer id from framework.yml."),
    Code("prompt-missing-layer", "A module lacks the lens, or two prompts, for a layer.",
         "Add them under 'lens: LAYER:' and 'prompts: LAYER:'."),
    Code("prompt-basis-not-found", "A prompt's basis is not in the module's text.",
         "Quote, word for word, the phrase of the page the prompt rests on."),
    # Glossary
    Code("term-bad-id", "A glossary file's name is not a lower-case id.",
         "Rename it like relational-practice.md."),
    Code("term-no-definition", "A glossary entry has no definition.", "Write it below the front matter."),
    Code("term-duplicate", "Two entries define the same term.", "Merge them, or rename one."),
    Code("term-form-clash", "Two entries claim the same form of a word.",
         "Remove the form from one of them."),
    Code("term-duplicate-form", "An entry lists the same form twice.", "Remove one of them."),
    Code("term-unknown-related", "'related' names no other entry.",
         "Use the id (file name) of another entry."),
    Code("term-unknown-layer", "'layers' names a layer framework.yml does not have.",
         "Use a layer id from framework.yml."),
    Code("term-unknown-module", "'source.module' names no module.",
         "Use the 'module' id of a page in docs/article/."),
    Code("term-unused", "A term (or its forms) appears on no page.",
         "Add the form the text uses to 'forms', or mark the entry 'unused: true'."),
    Code("term-marked-unused", "An entry marked 'unused' appears on a page.", "Remove 'unused: true'."),
    # Pathways and courses
    Code("pathway-unknown-layer", "A pathway's layer is not in framework.yml.",
         "Use a layer id from framework.yml."),
    Code("pathway-unknown-module", "A step names no module.", "Use a module id."),
    Code("pathway-unknown-prompt", "A step names no prompt.",
         "Use a prompt id of that module for this layer."),
    Code("pathway-wrong-prompt", "A step names a prompt of another module or layer.",
         "Choose a prompt of the step's module for the pathway's layer."),
    Code("course-unknown-module", "A session names no module.", "Use a module id from the catalogue."),
    Code("course-unknown-prompt", "A session names no prompt.", "Use a prompt id from a module card."),
    Code("course-timing", "A session's activities take longer than the session.",
         "Lengthen the session or shorten its activities."),
    # The framework and the module id registry
    Code("framework-unknown-term", "An element names no glossary entry.", "Use a glossary id."),
    Code("framework-unknown-module", "An element or quote names no module.", "Use a module id."),
    Code("framework-unknown-layer", "A ring names a layer the framework does not list.",
         "Use one of the framework's layer ids."),
    Code("framework-quote-not-found", "A quote is not in the module named.",
         "Quote the authors word for word, from the module named."),
    Code("registry-moved", "A published module is now at another address.",
         "Move it back: published addresses must not change."),
    Code("registry-removed", "A published module no longer exists and is not redirected.",
         "Redirect its id to its replacement under 'redirects', or restore the module."),
    Code("registry-bad-redirect", "A redirect points to an id that is not a module (or, for a prompt,"
         " not a prompt).",
         "Redirect to a current module or prompt id."),
    Code("registry-unregistered", "A module is not in module-ids.yml.", "Add it under 'published'."),
    Code("registry-prompt-removed", "A published prompt no longer exists and is not redirected; readers'"
         " journal answers are kept under its id.",
         "Redirect its id to its replacement under 'prompts: redirects:', or restore the prompt."),
    Code("registry-prompt-unregistered", "A prompt is not in module-ids.yml.",
         "Add its id under 'prompts: published:'."),
    Code("registry-bad-path", "A published address in module-ids.yml is not a plain page path inside"
         " docs/ (absolute, '..', a backslash, not .md).",
         "Write the page's path inside docs/ with '/' between folders, such as article/NAME.md."),
    # The edition (CITATION.cff)
    Code("edition-unreadable", "CITATION.cff cannot be read as YAML.",
         "Check it with 'cffconvert --validate'."),
    Code("edition-missing-field", "CITATION.cff gives no 'version', or no valid 'date-released'.",
         "Add 'version: 1.0.0' and 'date-released: YYYY-MM-DD'."),
    # Files
    Code("source-symlink-outside", "A symbolic link in a source folder leads out of the project (or into"
         " .git, or round in a loop); the build would publish what it points to.",
         "Copy the file into the project instead, or remove the link."),
    # The built site's links (macros/checks/site_links.py, reported at the built file's line and column)
    Code("site-link-broken", "A link or a resource of a built page leads to a file the site does not have.",
         "Correct the link where the page gets it (its Markdown, the data or the template), or restore"
         " the page it names."),
    Code("site-anchor-broken", "A link leads to a #fragment for which its page has no element with that id.",
         "Link to an id the page has (a heading's id comes from its text, a glossary entry's or a"
         " reference's from its id)."),
    Code("site-link-outside", "A relative link climbs above the site's root folder.",
         "Remove a '../': links between pages stay inside the site."),
    Code("site-link-scheme", "A link uses a scheme other than http(s), mailto or tel (javascript:, file:,"
         " or data: on a link).", "Link within the site with a relative address, elsewhere with https:."),
)

#: What each source kind's schema codes are about, by code prefix.
SCHEMA_SOURCES: dict[str, str] = {
    "module": "a module page's front matter",
    "prompt": "a module's lens or prompts",
    "term": "a glossary entry",
    "pathway": "a pathway",
    "course": "a course",
    "framework": "framework.yml",
    "registry": "module-ids.yml",
}

#: The schemas' codes: KIND-SUFFIX, with what is wrong (about ``{source}``) and how to fix it.
SCHEMA_SUFFIXES: dict[str, tuple[str, str]] = {
    "unknown-field": ("A field that {source} may not have.",
                      "Remove it, or correct its name (the message suggests the closest)."),
    "missing-field": ("A field that {source} must have is missing.",
                      "Add it (the message says what it holds)."),
    "field-type": ("A value in {source} is of the wrong type, or empty.",
                   "Write the kind of value the message names."),
    "field-count": ("A list in {source} has too few or too many items.",
                    "Add or remove items to fit the bounds named."),
    "too-long": ("A text in {source} is longer than allowed.", "Shorten it to the length named."),
    "bad-id": ("An id in {source} is not a lower-case id.",
               "Use lower-case letters, digits and single hyphens, like 'relational-practice'."),
    "field-value": ("A value in {source} is out of bounds or not in its form.",
                    "Correct it as the message says."),
}

#: Codes reported first: the file could not be read, and what follows may be its consequence.
UNREADABLE = frozenset(code.code for code in CODES if code.unreadable)
