"""The names one kind of source defines, and which of them could not be read.

Module ids, prompt ids, layers, glossary ids and citation keys are defined in
one kind of source and referred to from others. When a source that defines
names fails to load, a reference to one of its names is not known to be
wrong: reporting it would bury the real problem (the file that could not be
read) under its consequences. So the cross-checks ask :meth:`Names.is_unknown`,
which is true only of a name that no source defines *and* that no unread
source could define.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .problems import did_you_mean

T = TypeVar("T")


@dataclass(frozen=True)
class Names(Generic[T]):
    """Defined names with their records, in source order.

    ``unread`` holds names known to be defined by a source that could not be
    read (a glossary file's name is its id, whatever its contents);
    ``complete`` is false when such a source might define any name (a page
    whose front matter could not be read might be any module).
    """

    defined: Mapping[str, T] = field(default_factory=dict)
    unread: frozenset[str] = frozenset()
    complete: bool = True

    def is_unknown(self, name: str) -> bool:
        """Whether a reference to ``name`` is surely wrong."""
        return self.complete and name not in self.defined and name not in self.unread

    def get(self, name: str) -> T | None:
        return self.defined.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self.defined

    def __iter__(self):
        return iter(self.defined)

    def __len__(self) -> int:
        return len(self.defined)

    def suggest(self, name: str, otherwise: str) -> str:
        """A "did you mean" among the defined names, or ``otherwise``."""
        return did_you_mean(name, self.defined) or otherwise
