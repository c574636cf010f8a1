"""Provenance (issue 16): quotes checked against the cited paragraph, references and how
sources are cited, meta, and what the brief says about who wrote it and when."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from policyscore.engine.explain import evidence, quoted
from policyscore.engine.provenance import documents
from policyscore.errors import ExitCode, ScenarioError
from policyscore.loading import load
from policyscore.loading.quotes import find, nearest, normalise
from policyscore.render.sentences import (
    byline,
    citation_label,
    cite_as,
    reference_entry,
    status_line,
)
from policyscore.results.analysis import Citation
from policyscore.results.provenance import MetaInfo, ReferenceInfo, surname, year
from tests.conftest import scenario_data

PARAGRAPH = (
    "Isolation hampers the capacity to influence the Taliban.\n"
    "It also exacerbates an ongoing  humanitarian crisis, as the “report” says. "
    "Biden’s shift matters."
)

# -- finding a quote --------------------------------------------------------------------


def _found(quote: str) -> str | None:
    span = find(quote, PARAGRAPH)
    return None if span is None else PARAGRAPH[span[0] : span[1]]


def test_an_exact_quote_is_found_where_it_is() -> None:
    assert _found("exacerbates an ongoing  humanitarian crisis") == (
        "exacerbates an ongoing  humanitarian crisis"
    )


@pytest.mark.parametrize(
    "quote",
    [
        "exacerbates an ongoing humanitarian crisis",  # one space for two
        "exacerbates\nan   ongoing\thumanitarian crisis",  # line break, tab, runs
        "  exacerbates an ongoing humanitarian crisis  ",  # around it
    ],
)
def test_whitespace_does_not_matter(quote: str) -> None:
    assert _found(quote) == "exacerbates an ongoing  humanitarian crisis"


def test_a_quote_across_a_line_break_of_the_paragraph_is_found() -> None:
    assert _found("the Taliban. It also") == "the Taliban.\nIt also"


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ('as the "report" says', "as the “report” says"),  # straight for curly
        ("Biden's shift", "Biden’s shift"),
        ("“Biden’s shift matters.”", "Biden’s shift matters."),  # quotation marks around it
        ("'Biden's shift'", "Biden’s shift"),
    ],
)
def test_typographic_quotes_do_not_matter(quote: str, shown: str) -> None:
    assert _found(quote) == shown


@pytest.mark.parametrize(
    "quote",
    [
        "exacerbates a growing humanitarian crisis",  # another word
        "Exacerbates an ongoing humanitarian crisis",  # a capital
        "humanitarian crisis as the",  # a comma left out
        "",
    ],
)
def test_an_absent_quote_is_not_found(quote: str) -> None:
    assert find(quote, PARAGRAPH) is None


def test_the_nearest_passage_is_the_run_of_words_most_like_the_quote() -> None:
    score, passage = nearest("exacerbates a growing humanitarian crisis", PARAGRAPH)
    assert passage == "exacerbates an ongoing humanitarian crisis,"
    assert 0.7 < score < 1


def test_normalise_maps_back_to_the_text() -> None:
    text, where = normalise("a \n b‘c")
    assert text == "a b'c"
    assert [("a \n b‘c")[i] for i in where] == ["a", " ", "b", "‘", "c"]


def test_the_quote_is_shown_in_its_sentence_marked() -> None:
    span = find("ongoing humanitarian crisis", PARAGRAPH)
    assert span is not None
    text, marks = quoted(PARAGRAPH, [span])
    assert text == ("… It also exacerbates an ongoing humanitarian crisis, as the “report” says. …")
    assert [text[a:b] for a, b in marks] == ["ongoing humanitarian crisis"]


def test_quotes_in_two_sentences_keep_the_sentences_between() -> None:
    first = find("Isolation hampers", PARAGRAPH)
    last = find("Biden’s", PARAGRAPH)
    assert first and last
    text, marks = quoted(PARAGRAPH, [first, last])
    assert text.startswith("Isolation hampers") and text.endswith("matters.")
    assert [text[a:b] for a, b in marks] == ["Isolation hampers", "Biden’s"]


# -- loading: quotes and references -------------------------------------------------------


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "paper.txt"
    path.write_text("Title of the paper\n\n" + PARAGRAPH + "\n", encoding="utf-8")
    return path


def _write(tmp_path: Path, **overrides: Any) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(scenario_data(**overrides), sort_keys=False), "utf-8")
    return path


def _with_score(score: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    options = scenario_data()["options"]
    options["alpha"]["scores"]["benefit"] = {"value": 6, "rationale": "Why.", **score}
    return {"options": options, **overrides}


REFERENCES = {
    "smith2024": {
        "title": "A paper",
        "author": "Jane Smith",
        "date": 2024,
        "file": "paper.txt",
    }
}


def test_a_quote_found_marks_its_words_in_the_cited_paragraph(tmp_path: Path, paper: Path) -> None:
    path = _write(
        tmp_path,
        **_with_score(
            {"sources": ["paper.txt#p1", "paper.txt#p2"], "quote": "ongoing humanitarian crisis"}
        ),
    )
    sources = load(path).sources[("alpha", "benefit")]
    assert sources[0].marks == ()
    ((a, b),) = sources[1].marks
    assert sources[1].quote is not None and sources[1].quote[a:b] == "ongoing  humanitarian crisis"


def test_a_quote_not_in_the_cited_paragraph_is_an_error_at_the_quote(
    tmp_path: Path, paper: Path
) -> None:
    path = _write(
        tmp_path,
        **_with_score(
            {"sources": ["paper.txt#p2"], "quote": ["Isolation hampers", "a growing crisis"]}
        ),
    )
    with pytest.raises(ScenarioError) as caught:
        load(path)
    error = caught.value
    assert error.exit_code == ExitCode.INVALID_INPUT
    text = str(error)
    assert "quote 'a growing crisis' is not in the cited paragraph (paper.txt#p2)" in text
    assert "nearest passage in paper.txt#p2: “ongoing humanitarian crisis,”" in text
    lines = path.read_text("utf-8").splitlines()
    location = text.split(": quote")[0].rsplit("scenario.yaml:", 1)[1]
    line, column = (int(n) for n in location.split(":"))
    assert lines[line - 1][column - 1 :].startswith("a growing crisis")


def test_a_quote_from_another_paragraph_than_the_cited_one_is_refused(
    tmp_path: Path, paper: Path
) -> None:
    path = _write(
        tmp_path, **_with_score({"sources": ["paper.txt#p1"], "quote": "Isolation hampers"})
    )
    with pytest.raises(ScenarioError, match="is not in the cited paragraph"):
        load(path)


def test_a_reference_is_cited_by_id_and_its_file_by_path(tmp_path: Path, paper: Path) -> None:
    options = scenario_data()["options"]
    options["alpha"]["scores"]["benefit"] = {
        "value": 6,
        "sources": ["smith2024#p2", "paper.txt#p1", "smith2024"],
        "quote": "Biden's shift",
    }
    path = _write(tmp_path, references=REFERENCES, options=options)
    loaded = load(path)
    sources = loaded.sources[("alpha", "benefit")]
    assert [s.reference for s in sources] == ["smith2024", "smith2024", "smith2024"]
    assert [s.paragraph for s in sources] == [2, 1, None]
    assert sources[0].file == paper.resolve() and sources[0].marks
    facts = evidence(loaded.scenario, loaded.sources)
    labels = [citation_label(c) for c in facts[("alpha", "benefit")].citations]
    assert labels == [
        "Smith (2024), para. 2",
        "Smith (2024), para. 1",
        "Smith (2024)",
    ]
    assert paper.resolve() in loaded.inputs


def test_a_reference_file_is_relative_to_the_file_that_names_it(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "paper.txt").write_text("One.\n\nTwo.\n", encoding="utf-8")
    base = tmp_path / "texts" / "base.yaml"
    data = scenario_data(references={"smith2024": {"title": "T", "file": "paper.txt"}})
    data["options"]["alpha"]["scores"]["benefit"] = {"value": 6, "sources": ["smith2024#p2"]}
    base.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    variant = tmp_path / "variant.yaml"
    variant.write_text("extends: texts/base.yaml\ntitle: Variant\n", "utf-8")
    (source,) = load(variant).sources[("alpha", "benefit")]
    assert source.quote == "Two."


def test_a_source_close_to_a_reference_id_is_a_typo(tmp_path: Path, paper: Path) -> None:
    path = _write(tmp_path, references=REFERENCES, **_with_score({"sources": ["smith2042"]}))
    with pytest.raises(ScenarioError, match="did you mean 'smith2024'"):
        load(path)


def test_a_reference_file_that_cannot_be_read_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, references={"x": {"title": "T", "file": "missing.txt"}})
    with pytest.raises(ScenarioError, match="the file of reference 'x' cannot be read"):
        load(path)


def test_a_variant_restating_sources_without_a_quote_drops_the_old_quote(
    tmp_path: Path, paper: Path
) -> None:
    _write(tmp_path, **_with_score({"sources": ["paper.txt#p2"], "quote": "Biden's shift"}))
    variant = tmp_path / "variant.yaml"
    variant.write_text(
        "extends: scenario.yaml\noptions:\n  alpha:\n    scores:\n      benefit:\n"
        "        value: 6\n        sources: ['paper.txt#p1']\n",
        "utf-8",
    )
    loaded = load(variant)
    assert loaded.scenario.options["alpha"].scores["benefit"].quote is None


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"as_of": "2026-02-30"}, "'2026-02-30' is not a day of the calendar"),
        ({"as_of": 2026}, "must be a date written YYYY-MM-DD"),
        ({"status": "approved"}, "input should be 'draft', 'reviewed' or 'final'"),
        ({"authors": []}, "meta.authors"),
    ],
)
def test_meta_is_checked(tmp_path: Path, meta: dict[str, Any], message: str) -> None:
    given = {"authors": ["A. Analyst"], "as_of": "2026-11-30", "status": "draft", **meta}
    with pytest.raises(ScenarioError, match=message):
        load(_write(tmp_path, meta=given))


def test_meta_reads_one_name_or_a_list(tmp_path: Path) -> None:
    meta = {"authors": "A. Analyst", "as_of": "2026-11-30", "status": "final", "reviewed_by": "B"}
    scenario = load(_write(tmp_path, meta=meta)).scenario
    assert scenario.meta is not None
    assert scenario.meta.authors == ["A. Analyst"] and scenario.meta.reviewed_by == ["B"]
    assert scenario.meta.as_of == datetime.date(2026, 11, 30)


# -- citing ------------------------------------------------------------------------------


def _reference(**fields: Any) -> ReferenceInfo:
    return ReferenceInfo(**{"id": "r", "title": "A title", **fields})


@pytest.mark.parametrize(
    ("authors", "date", "cited"),
    [
        (("Maheen Safian",), "2023", "Safian (2023)"),
        (("Safian, Maheen",), "2023-05-01", "Safian (2023)"),
        (("{World Bank}",), "May 2022", "World Bank (2022)"),
        (("A. One", "B. Two"), "2020", "One and Two (2020)"),
        (("A. One", "B. Two", "C. Three"), "2020", "One et al. (2020)"),
        ((), "2020", "A title (2020)"),
        (("A. One",), "", "One (n.d.)"),
    ],
)
def test_a_reference_is_cited_by_author_and_year(
    authors: tuple[str, ...], date: str, cited: str
) -> None:
    assert cite_as(_reference(authors=authors, date=date)) == cited


def test_two_references_with_the_same_authors_and_year_are_told_apart(tmp_path: Path) -> None:
    references = {
        "a": {"title": "First", "author": "J. Smith", "date": 2024},
        "b": {"title": "Second", "author": "Jane Smith", "date": "2024-06-01"},
        "c": {"title": "Third", "author": "J. Smith", "date": 2023},
    }
    options = scenario_data()["options"]
    options["alpha"]["scores"]["benefit"] = {"value": 6, "sources": ["a", "b", "c"]}
    loaded = load(_write(tmp_path, references=references, options=options))
    found = documents(loaded.scenario, loaded.sources)
    assert [cite_as(d) for d in found.values()] == [
        "Smith (2024a)",
        "Smith (2024b)",
        "Smith (2023)",
    ]
    assert [d.scores for d in found.values()] == [1, 1, 1]


def test_a_local_file_without_a_reference_is_cited_by_its_name() -> None:
    document = ReferenceInfo(id="paper.txt", title="", file="paper.txt", kind="file")
    assert citation_label(Citation("../x/paper.txt#p3", 3, "…", document)) == "paper.txt, para. 3"
    assert "its title, author and date are not given" in reference_entry(document)


def test_the_reference_list_names_title_author_date_and_where() -> None:
    entry = reference_entry(
        _reference(
            authors=("Maheen Safian",),
            date="2023",
            publisher="Marcellus Policy Analysis",
            url="https://example.org/paper",
            file="paper.txt",
            scores=24,
        )
    )
    assert entry == (
        "Maheen Safian (2023). A title. Marcellus Policy Analysis. https://example.org/paper. "
        "Cited as Safian (2023) by 24 scores; local copy paper.txt."
    )


def test_names_and_years() -> None:
    assert surname("Maheen Safian") == "Safian"
    assert surname("  van der Berg, Anna ") == "van der Berg"
    assert year("Fall 2023") == "2023" and year("undated") == "undated"


def test_the_byline_states_authors_date_and_status() -> None:
    day = datetime.date(2026, 11, 30)
    draft = MetaInfo(("A. Analyst", "C. Third"), day, "draft")
    assert (
        byline(draft)
        == "By A. Analyst and C. Third · as of 30 November 2026 · draft, not yet reviewed"
    )
    assert status_line(draft) == "Draft · 30 November 2026"
    reviewed = MetaInfo(("A. Analyst",), day, "reviewed", ("B. Reviewer",))
    assert byline(reviewed).endswith("reviewed, reviewed by B. Reviewer")
    assert "not stated" in byline(None) and status_line(None) == "Status and date not stated"
