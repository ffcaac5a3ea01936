"""The Harvard style and the author–year labels."""

from pathlib import Path

from macros.core.bibliography import load_bibliography
from macros.core.labels import label
from macros.render.bibliography_html import format_references

BIB = """
@article{owens2023,
  author = {Owens, R. and Lloyd, J.},
  title = {{From behaviour-based to ecological}},
  journal = {Journal of Social Work}, volume = {23}, number = {4}, pages = {741--760},
  year = {2023}, doi = {10.1177/14680173231162553}, urldate = {2025-08-16}
}
@incollection{beckett2022,
  author = {Beckett, H. and Lloyd, J.}, title = {Growing Pains},
  booktitle = {Safeguarding Young People}, editor = {Holmes, D.},
  publisher = {Jessica Kingsley Publishers}, address = {London}, year = {2022}
}
@misc{lga2024, author = {{Local Government Association}}, shortauthor = {LGA},
  title = {Standards}, year = {2024}, url = {https://www.local.gov.uk/x}, urldate = {2024-07-07}}
@misc{davis2022, author = {Davis}, year = {2022}, keywords = {incomplete}}
@book{firmin2022b, author = {Firmin, C. and Lefevre, M. and Huegler, N. and Peace, D.},
  title = {Beyond the Family Home}, publisher = {Policy Press}, year = {2022}}
@book{doherty2019, author = {Doherty, L. M. and {de St Croix}, T.}, title = {T},
  publisher = {P}, year = {2019}}
"""


def load(tmp_path: Path):
    file = tmp_path / "refs.bib"
    file.write_text(BIB, encoding="utf-8")
    bib, problems = load_bibliography(file)
    assert problems == []
    return bib


def test_labels_follow_the_article(tmp_path):
    refs = load(tmp_path).references
    assert str(label(refs["owens2023"])) == "Owens and Lloyd 2023"
    assert str(label(refs["firmin2022b"])) == "Firmin et al 2022"
    assert str(label(refs["lga2024"])) == "LGA 2024"
    assert str(label(refs["doherty2019"])) == "Doherty and de St Croix 2019"


def test_article_is_formatted_harvard_with_doi_link(tmp_path):
    html = format_references(load(tmp_path))["owens2023"]
    assert html.startswith("Owens, R. and Lloyd, J. (2023) ‘From behaviour-based to ecological’,")
    assert "<em>Journal of Social Work</em>, 23(4), pp. 741–760." in html
    assert '<a href="https://doi.org/10.1177/14680173231162553">' in html
    assert "(Accessed: 16 August 2025)" in html
    assert "bibtex-protected" not in html


def test_chapter_names_its_editor_and_book(tmp_path):
    html = format_references(load(tmp_path))["beckett2022"]
    assert "in Holmes, D. (ed.) <em>Safeguarding Young People</em>." in html
    assert "London: Jessica Kingsley Publishers." in html


def test_organisation_shows_its_short_name(tmp_path):
    html = format_references(load(tmp_path))["lga2024"]
    assert html.startswith("Local Government Association (LGA) (2024)")
    assert "(Accessed: 7 July 2024)" in html


def test_incomplete_entry_says_so(tmp_path):
    html = format_references(load(tmp_path))["davis2022"]
    assert html.startswith("Davis (2022)")
    assert "Incomplete reference" in html


def test_formatted_references_are_cached_by_content(tmp_path):
    bib = load(tmp_path)
    cache = tmp_path / "cache"
    first = format_references(bib, cache)
    files = list(cache.glob("references-*.json"))
    assert len(files) == 1 and dict(first) == dict(format_references(bib))
    files[0].write_text('{"owens2023": "stale"}', encoding="utf-8")  # keys differ: recomputed
    assert dict(format_references(bib, cache)) == dict(first)


def test_formatted_references_come_in_harvard_order_cached_or_not(tmp_path):
    """The references page lists them in this order; the cache must keep it."""
    bib = load(tmp_path)
    harvard = ["beckett2022", "davis2022", "doherty2019", "firmin2022b", "lga2024", "owens2023"]
    assert list(bib.references) != harvard  # the file's order is not the list's
    cache = tmp_path / "cache"
    assert list(format_references(bib)) == harvard
    assert list(format_references(bib, cache)) == harvard  # computed and stored
    assert list(format_references(bib, cache)) == harvard  # read back


TRICKY = ["Rosa", "O'Meara Daly", "2019", "Smith--Jones", "a---b", "``q''", "a  b", " lead",
          "trail ", "a\nb", "a\tb", "{de St Croix}", r"Citt\`a", r"\&", "50%", "x_y", "~", "$x$",
          "Ü ü", "{{Nested}} x", "{a}{b}", "{x", "x}", "}{", "{ x}", "‘quoted’", '"dq"', "can't",
          "-", "x - y", "#1", "^", ""]


def test_plain_text_shortcut_agrees_with_pybtex():
    """Values without LaTeX skip pybtex's parser; the result must be what pybtex gives."""
    from pybtex.richtext import Text

    from macros.core.labels import _PLAIN, plain

    values = set(TRICKY)
    for entry in load_bibliography(Path(__file__).parents[2] / "references.bib")[0].data.entries.values():
        values.update(entry.fields.values())
        for people in entry.persons.values():
            values.update(" ".join(p.prelast_names + p.last_names) for p in people)
    assert len(values) > 300  # the real list's values, not only the tricky ones

    def outcome(convert, value):
        try:
            return convert(value)
        except Exception as error:  # unbalanced braces: both must refuse alike
            return type(error)

    for value in values:
        assert outcome(plain, value) == outcome(lambda v: Text.from_latex(v).render(_PLAIN), value), \
            repr(value)
