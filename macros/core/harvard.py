"""A Harvard reference style as a pybtex style class.

Built from pybtex's own template nodes (``sentence``, ``optional``,
``first_of``…), one ``get_<type>_template`` per entry type, in the Harvard
pattern the article's list follows: Author, A. (Year) Title. Place: Publisher.
A missing optional field is simply left out (``optional`` absorbs pybtex's
``FieldIsMissing``); an entry marked ``incomplete`` says so in its text.
"""

from __future__ import annotations

from datetime import date

from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import (
    FieldIsMissing,
    field,
    first_of,
    href,
    join,
    names,
    node,
    optional,
    sentence,
    tag,
    words,
)

from .bibliography import INCOMPLETE, keywords_of


@node
def accessed(children, context):
    """``urldate`` (ISO ``YYYY-MM-DD``) as "16 August 2025"."""
    entry = context["entry"]
    value = entry.fields.get("urldate", "")
    if not value or not (entry.fields.get("url") or entry.fields.get("doi")):
        raise FieldIsMissing("urldate", entry)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return Text(value)
    return Text(f"{day.day} {day:%B %Y}")


@node
def short_name(children, context):
    """" (ADCS)" after an organisation's full name, when it has a short one."""
    short = context["entry"].fields.get("shortauthor", "")
    return Text(" (", Text.from_latex(short), ")") if short else Text()


class HarvardStyle(BaseStyle):
    """Harvard (author–date) style for the references page."""

    default_name_style = "lastfirst"
    default_label_style = "number"
    default_sorting_style = "author_year_title"

    def __init__(self, **kwargs):
        kwargs.setdefault("abbreviate_names", True)
        super().__init__(**kwargs)

    # -- shared pieces -----------------------------------------------------

    def creators(self):
        """Authors, or editors marked "(ed.)"/"(eds.)", then the year."""
        people = first_of[
            optional[names("author", sep=", ", sep2=" and ", last_sep=" and ")],
            optional[join(sep=" ")[
                names("editor", sep=", ", sep2=" and ", last_sep=" and "),
                "(ed.)",
            ]],
        ]
        return join[people, short_name, " (", field("year"), ")"]

    def web(self):
        """doi and url as links, with the date the article's authors read them."""
        return join(sep=" ")[
            optional[join["doi: ", href(join["https://doi.org/", field("doi", raw=True)])[
                field("doi", raw=True)]]],
            optional[join["Available at: ", href(field("url", raw=True))[field("url", raw=True)]]],
            optional[join["(Accessed: ", accessed, ")"]],
        ]

    def place_publisher(self, publisher="publisher"):
        return first_of[
            optional[join[field("address"), ": ", field(publisher)]],
            optional[field(publisher)],
        ]

    def notes(self):
        return optional[sentence[field("note")]]

    def wrap(self, e, *parts):
        """The whole entry; an incomplete one is flagged in its text."""
        body = toplevel[parts]
        if INCOMPLETE in keywords_of(e):
            return toplevel[
                body,
                tag("strong")["[Incomplete reference: the article gives no further details.]"],
            ]
        return body

    # -- one template per entry type --------------------------------------

    def get_article_template(self, e):
        volume = optional[join[field("volume"), optional["(", field("number"), ")"]]]
        pages = optional[join["pp. ", field("pages")]]
        return self.wrap(
            e,
            join(sep=" ")[self.creators(), join["‘", field("title"), "’,"]],
            sentence[tag("em")[field("journal")], volume, pages],
            self.notes(),
            self.web(),
        )

    def get_book_template(self, e):
        return self.wrap(
            e,
            join(sep=" ")[self.creators(), sentence[tag("em")[field("title")]]],
            optional[sentence[field("edition")]],
            optional[sentence[self.place_publisher()]],
            self.notes(),
            self.web(),
        )

    def get_incollection_template(self, e):
        editors = optional[join(sep=" ")[
            names("editor", sep=", ", sep2=" and ", last_sep=" and "), "(ed.)"]]
        return self.wrap(
            e,
            join(sep=" ")[self.creators(), join["‘", field("title"), "’,"]],
            sentence[words["in", editors, tag("em")[field("booktitle")]]],
            optional[sentence[self.place_publisher(), optional[join["pp. ", field("pages")]]]],
            self.notes(),
            self.web(),
        )

    get_inbook_template = get_incollection_template

    def get_techreport_template(self, e):
        return self.wrap(
            e,
            join(sep=" ")[self.creators(), sentence[tag("em")[field("title")]]],
            optional[sentence[words[optional[field("type")], optional[field("number")]]]],
            optional[sentence[self.place_publisher("institution")]],
            self.notes(),
            self.web(),
        )

    get_report_template = get_techreport_template

    def get_misc_template(self, e):
        return self.wrap(
            e,
            self.creators(),
            optional[sentence[tag("em")[field("title")]]],
            optional[sentence[field("howpublished")]],
            optional[sentence[field("publisher")]],
            self.notes(),
            self.web(),
        )

    get_online_template = get_misc_template


__all__ = ["HarvardStyle"]
