"""The Harvard style and the author–year labels."""

from pathlib import Path

from macros.core.bibliography import load_bibliography
from macros.core.labels import agrees, label
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


def test_citations_as_written_agree_with_their_entry(tmp_path):
    refs = load(tmp_path).references
    for written, key in [("Owens and Lloyd 2023", "owens2023"), ("Owens & Lloyd, 2023", "owens2023"),
                         ("2023", "owens2023"), ("Owens and Lloyd (2023, p17)", "owens2023"),
                         ("Firmin et al 2022, p42", "firmin2022b"), ("Firmin et al. 2022", "firmin2022b"),
                         ("Firmin and colleagues (2022", "firmin2022b"),
                         ("Firmin, Lefevre, Huegler and Peace 2022", "firmin2022b"),
                         ("LGA 2024", "lga2024"), ("Local Government Association, 2024", "lga2024"),
                         ("Davis 2022 p119", "davis2022"), ("Doherty and de St Croix 2019", "doherty2019")]:
        assert agrees(written, refs[key]), written


def test_citations_as_written_that_differ_from_their_entry(tmp_path):
    refs = load(tmp_path).references
    for written, key in [("Owen and Lloyd 2023", "owens2023"), ("Owens and Lloyd 2022", "owens2023"),
                         ("Owens et al 2023", "owens2023"), ("Firmin and Lefevre 2022", "firmin2022b"),
                         ("Firmin 2022", "firmin2022b"), ("Ibid", "owens2023"),
                         ("Doherty and St Croix 2019", "doherty2019")]:
        assert not agrees(written, refs[key]), written


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


def format_one(tmp_path: Path, bibtex: str) -> str:
    """One entry, formatted; tags and entities are kept (they are part of the contract)."""
    file = tmp_path / "one.bib"
    file.write_text(bibtex, encoding="utf-8")
    bib, problems = load_bibliography(file)
    assert problems == []
    (html,) = format_references(bib).values()
    return html


def test_two_editors_are_eds(tmp_path):
    html = format_one(tmp_path, """@incollection{millar2023, author = {Millar, H.}, title = {T},
        booktitle = {B}, editor = {Firmin, C. and Lloyd, J.}, publisher = {BUP}, year = {2023}}""")
    assert "in Firmin, C. and Lloyd, J. (eds) <em>B</em>." in html
    assert "(ed.)" not in html


def test_one_editor_is_ed(tmp_path):
    html = format_one(tmp_path, "@book{holmes2022, editor = {Holmes, D.}, title = {T}, "
                                "publisher = {P}, year = {2022}}")
    assert html.startswith("Holmes, D. (ed.) (2022)")


def test_article_number_is_not_a_page(tmp_path):
    html = format_one(tmp_path, """@article{firmin2024, author = {Firmin, C.}, title = {T},
        journal = {J}, volume = {160}, eid = {107595}, year = {2024}}""")
    assert "<em>J</em>, 160, Article 107595." in html
    assert "pp." not in html


def test_edition_in_words_is_an_ordinal_edn(tmp_path):
    html = format_one(tmp_path, "@book{mann2020, author = {Mann, D.}, title = {T}, edition = {Second}, "
                                "publisher = {Routledge}, year = {2020}}")
    assert "<em>T</em>. 2nd edn. Routledge." in html
    assert "Second" not in html


def test_edition_as_a_number_is_an_ordinal_edn(tmp_path):
    for given, shown in (("1st", "1st edn"), ("3", "3rd edn"), ("11th", "11th edn"), ("22", "22nd edn")):
        html = format_one(tmp_path, "@book{k2020, author = {A, B.}, title = {T}, edition = {" + given
                                    + "}, publisher = {P}, year = {2020}}")
        assert f". {shown}. P." in html, given


def test_title_opening_with_a_quote_is_not_quoted_again(tmp_path):
    html = format_one(tmp_path, """@article{firmin2024, author = {Firmin, C.},
        title = {{‘Known to services’ or ‘Known by professionals’: Relationality}},
        journal = {J}, year = {2024}}""")
    assert "(2024) ‘Known to services’ or ‘Known by professionals’: Relationality, <em>J</em>." in html
    assert "‘‘" not in html and "’’" not in html


def test_title_is_quoted_once(tmp_path):
    html = format_one(tmp_path, "@article{a2020, author = {A, B.}, title = {Plain}, journal = {J}, "
                                "year = {2020}}")
    assert "(2020) ‘Plain’, <em>J</em>." in html


def test_organisation_as_author_and_publisher_is_named_once(tmp_path):
    html = format_one(tmp_path, """@misc{rcgp2022, author = {{RCGP}}, title = {Fit for the Future},
        howpublished = {RCGP}, year = {2022}}""")
    assert html == "RCGP (2022) <em>Fit for the Future</em>."


def test_short_name_inside_the_full_name_is_not_repeated(tmp_path):
    html = format_one(tmp_path, """@misc{tce2023, author = {{Tackling Child Exploitation programme}},
        shortauthor = {Tackling Child Exploitation}, title = {Practice principles},
        howpublished = {Tackling Child Exploitation programme}, year = {2023}}""")
    assert html == "Tackling Child Exploitation programme (2023) <em>Practice principles</em>."


def test_a_different_publisher_is_kept(tmp_path):
    html = format_one(tmp_path, "@misc{hmip2023, author = {{HMIP}}, title = {T}, "
                                "howpublished = {HMIP website}, year = {2023}}")
    assert html.endswith("<em>T</em>. HMIP website.")


def test_day_and_month_of_an_article_are_shown(tmp_path):
    html = format_one(tmp_path, """@article{doherty2019, author = {Doherty, L. M.}, title = {T},
        journal = {Youth and Policy}, year = {2019}, month = nov, day = {18}}""")
    assert "<em>Youth and Policy</em>, 18 November." in html


def test_month_of_an_issue_comes_before_its_pages(tmp_path):
    html = format_one(tmp_path, """@article{lefevre2019, author = {Lefevre, M.}, title = {T}, journal = {J},
        volume = {49}, number = {7}, pages = {1837--1855}, year = {2019}, month = oct}""")
    assert "<em>J</em>, 49(7), October, pp. 1837–1855." in html


def test_month_of_a_report_is_shown(tmp_path):
    html = format_one(tmp_path, """@techreport{scott2017, author = {Scott, S.}, title = {Evaluation report},
        institution = {University of Bedfordshire}, year = {2017}, month = mar}""")
    assert "<em>Evaluation report</em>. March 2017. University of Bedfordshire." in html


def test_accessed_date_keeps_its_day(tmp_path):
    html = format_one(tmp_path, """@incollection{hickle2019, author = {Hickle, K.}, title = {T},
        booktitle = {B}, publisher = {P}, year = {2019}, doi = {10.51952/9781447351429.ch008},
        urldate = {2025-08-19}}""")
    assert "(Accessed: 19 August 2025)" in html


def test_others_at_the_end_of_the_authors_is_et_al(tmp_path):
    html = format_one(tmp_path, "@article{lamph2023, author = {Lamph, G. and Nowland, R. and others}, "
                                "title = {T}, journal = {J}, year = {2023}}")
    assert html.startswith("Lamph, G., Nowland, R. et al. (2023)")
    assert "others" not in html


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
