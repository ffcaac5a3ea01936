"""Whether a URL or DOI from the sources may become a link on the site.

A BibTeX ``url`` or ``doi`` ends up in an ``href``; a value that is not a
well-formed web address could break out of the attribute or run script
(``javascript:``). The site escapes every attribute as well, but a source
that would need it is a mistake, and is reported where it is written.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
# Never in a well-formed address as written in a source: these must be percent-encoded.
_FORBIDDEN = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")
_HOST = re.compile(r"^(?:[\w-]+(?:\.[\w-]+)*\.?|\[[0-9a-fA-F:.]+\])$")
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")


def url_problem(url: str) -> str:
    """Why ``url`` is not a well-formed http(s) address, or "" when it is."""
    bad = _FORBIDDEN.search(url)
    if bad:
        return f"it contains {_describe(bad.group())} at character {bad.start() + 1}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        return f"it cannot be read as an address ({error})"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return f"it starts with '{parts.scheme}:' instead of https:// or http://" if parts.scheme \
            else "it does not start with https:// or http://"
    host = parts.netloc.rpartition("@")[2]
    host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if not host or not _HOST.match(host):
        return "it has no valid host name after '//'"
    return ""


def doi_problem(doi: str) -> str:
    """Why ``doi`` is not a well-formed bare DOI, or "" when it is."""
    bad = _FORBIDDEN.search(doi)
    if bad:
        return f"it contains {_describe(bad.group())} at character {bad.start() + 1}"
    if not DOI_RE.match(doi):
        return "a DOI starts with '10.', a number, and '/'"
    return ""


def _describe(char: str) -> str:
    names = {" ": "a space", '"': "a double quote", "'": "a single quote", "<": "'<'", ">": "'>'",
             "\\": "a backslash", "`": "a backtick"}
    return names.get(char, f"the character U+{ord(char):04X}")
