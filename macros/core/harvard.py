"""A Harvard reference style as a pybtex style class.

Built from pybtex's own template nodes (``sentence``, ``optional``,
``first_of``…), one ``get_<type>_template`` per entry type, in the Harvard
pattern the article's list follows: Author, A. (Year) Title. Place: Publisher.
A missing optional field is simply left out (``optional`` absorbs pybtex's
``FieldIsMissing``); an entry marked ``incomplete`` says so in its text.

Harvard conventions the templates keep: "(ed.)" for one editor and "(eds)"
for several; an article number (``eid``) as "Article 107595", never as
pages; an edition as "2nd edn"; a title that already opens with a quotation
mark gets no second pair; an organisation that is also the publisher, or
whose short name is part of its full name, is named once; and the day and
month that the source gives (``day``, ``month``) are shown.
"""

from __future__ import annotations

import re
from datetime import date

from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import (
    FieldIsMissing,
    field,
    first_of,
    href,
    join,
    node,
    optional,
    sentence,
    tag,
    words,
)

from .bibliography import INCOMPLETE, keywords_of
from .labels import plain

ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth", "tenth")
_ORDINAL_NUMBER = re.compile(r"^(\d+)(?:st|nd|rd|th)?\.?$", re.IGNORECASE)
_OPENING_QUOTES = ("‘", "“", "'", '"', "`")


def ordinal(number: int) -> str:
    """1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd"."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


@node
def edition(children, context):
    """``edition`` as Harvard writes it: "Second", "2" or "2nd" → "2nd edn"."""
    value = plain(context["entry"].fields.get("edition", "")).strip()
    if not value:
        raise FieldIsMissing("edition", context["entry"])
    match = _ORDINAL_NUMBER.match(value)
    if match:
        return Text(ordinal(int(match.group(1))), " edn")
    word = value.rstrip(".").casefold()
    if word in ORDINAL_WORDS:
        return Text(ordinal(ORDINAL_WORDS.index(word) + 1), " edn")
    return Text(value.rstrip("."), " edn")  # "Revised edn", as the source gives it


@node
def people(children, context, role):
    """"Owens, R. and Lloyd, J."; a list that ends in ``others`` ends in "et al."."""
    entry = context["entry"]
    persons = list(entry.persons.get(role, []))
    if not persons:
        raise FieldIsMissing(role, entry)
    others = str(persons[-1]) == "others"
    style = context["style"]
    named = persons[:-1] if others else persons
    formatted = [style.format_name(person, style.abbreviate_names) for person in named]
    if others:
        return Text(join(sep=", ")[formatted].format_data(context), " et al.")
    return join(sep=", ", sep2=" and ", last_sep=" and ")[formatted].format_data(context)


@node
def editor_role(children, context):
    """"(ed.)" after one editor, "(eds)" after two or more."""
    editors = context["entry"].persons.get("editor", [])
    return Text("(eds)" if len(editors) > 1 else "(ed.)")


@node
def quoted(children, context):
    """Children in single quotation marks, unless they already open with one."""
    text = join[children].format_data(context)
    if str(text).startswith(_OPENING_QUOTES):
        return text
    return Text("‘", text, "’")


def _organisation_names(entry) -> set[str]:
    """How an organisation that is the author is named: full name and short name."""
    names = {plain(entry.fields.get("shortauthor", "")).casefold()} - {""}
    for person in entry.persons.get("author", []):
        if not person.first_names and not person.middle_names:  # a name only: "{Ofsted}", "{RCGP}"
            names.add(plain(" ".join(person.prelast_names + person.last_names)).casefold())
    return names


@node
def unless_author(children, context, name):
    """Field ``name`` (a publisher), left out when it only repeats the author's name."""
    entry = context["entry"]
    value = entry.fields.get(name, "")
    if not value or plain(value).strip().casefold() in _organisation_names(entry):
        raise FieldIsMissing(name, entry)
    return Text.from_latex(value)


@node
def issued(children, context, year=True):
    """The day and month of publication the source gives: "March 2017", or "18 November"
    where the year is already shown beside the authors."""
    entry = context["entry"]
    month = plain(entry.fields.get("month", "")).strip()
    if not month:
        raise FieldIsMissing("month", entry)
    day = plain(entry.fields.get("day", "")).strip()
    parts = [day, month] + ([plain(entry.fields.get("year", ""))] if year else [])
    return Text(" ".join(part for part in parts if part))


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
    """" (ADCS)" after an organisation's full name, when its short name is an abbreviation.

    A short name that is part of the full name ("Tackling Child Exploitation"
    for "Tackling Child Exploitation programme") would only repeat it.
    """
    entry = context["entry"]
    short = plain(entry.fields.get("shortauthor", "")).strip()
    full = " ".join(plain(" ".join(p.prelast_names + p.last_names)) for p in entry.persons.get("author", []))
    if not short or short.casefold() in full.casefold():
        return Text()
    return Text(" (", short, ")")


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
        """Authors, or editors marked "(ed.)"/"(eds)", then the year."""
        who = first_of[
            optional[people("author")],
            optional[self.editors()],
        ]
        return join[who, short_name, " (", field("year"), ")"]

    def editors(self):
        """"Holmes, D. (ed.)", "Firmin, C. and Lloyd, J. (eds)"."""
        return join(sep=" ")[people("editor"), editor_role]

    def web(self):
        """doi and url as links, with the date the article's authors read them."""
        return join(sep=" ")[
            optional[join["doi: ", href(join["https://doi.org/", field("doi", raw=True)])[
                field("doi", raw=True)]]],
            optional[join["Available at: ", href(field("url", raw=True))[field("url", raw=True)]]],
            optional[join["(Accessed: ", accessed, ")"]],
        ]

    def place_publisher(self, publisher="publisher"):
        """"London: Routledge"; a publisher that only repeats the author is left out."""
        return first_of[
            optional[join[field("address"), ": ", unless_author(publisher)]],
            optional[unless_author(publisher)],
            optional[field("address")],
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
        pages = first_of[optional[join["Article ", field("eid")]], optional[join["pp. ", field("pages")]]]
        return self.wrap(
            e,
            join(sep=" ")[self.creators(), join[quoted[field("title")], ","]],
            sentence[tag("em")[field("journal")], volume, optional[issued(year=False)], pages],
            self.notes(),
            self.web(),
        )

    def get_book_template(self, e):
        return self.wrap(
            e,
            join(sep=" ")[self.creators(), sentence[tag("em")[field("title")]]],
            optional[sentence[edition]],
            optional[sentence[issued]],
            optional[sentence[self.place_publisher()]],
            self.notes(),
            self.web(),
        )

    def get_incollection_template(self, e):
        return self.wrap(
            e,
            join(sep=" ")[self.creators(), join[quoted[field("title")], ","]],
            sentence[words["in", optional[self.editors()], tag("em")[field("booktitle")]]],
            optional[sentence[edition]],
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
            optional[sentence[issued]],
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
            optional[sentence[issued]],
            optional[sentence[unless_author("howpublished")]],
            optional[sentence[unless_author("publisher")]],
            self.notes(),
            self.web(),
        )

    get_online_template = get_misc_template


__all__ = ["HarvardStyle"]
