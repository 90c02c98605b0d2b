"""How sure the engine was of each redaction, on the review pages: stored with each
automatic redaction, shown in words and as a tag, the least sure listed first."""

import re
from typing import Any

import pytest
from django.urls import reverse

from redaction.engine import find_spans
from redaction.models import RedactedText
from redaction.selectors import highlighted_html, in_check_order, spans_of, unsure_count
from redaction.services import redaction_add, redaction_prepare

pytestmark = pytest.mark.django_db

TEXT = "Ring Tobias Wren on 07700 900456 by Quillon Yard, then see Ashcombe."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def span(word: str, type_: str, confidence: str | None = None) -> dict[str, Any]:
    start, end = at(word)
    stored: dict[str, Any] = {"start": start, "end": end, "type": type_, "origin": "auto"}
    if confidence is not None:
        stored["confidence"] = confidence
    return stored


@pytest.fixture
def item() -> RedactedText:
    """Two redactions the engine was sure of, one fairly sure, two not sure."""
    return RedactedText.objects.create(
        purpose="demo",
        original=TEXT,
        spans=[
            span("Tobias Wren", "NAME", "medium"),
            span("07700 900456", "PHONE", "high"),
            span("Quillon", "NAME", "low"),
            span("Yard", "ADDRESS", "high"),
            span("Ashcombe", "NAME", "low"),
        ],
    )


def review_html(client_as: Any, item: RedactedText) -> str:
    response = client_as("programme_admin").get(reverse("redaction:review", args=[item.pk]))
    assert response.status_code == 200
    return str(response.content.decode())


def table_of(html: str) -> str:
    """The list of what was hidden (after its heading), not the highlighted text."""
    return html[html.index('id="redactions"') :]


def rows_of(html: str) -> list[str]:
    body = table_of(html)
    body = body[body.index("<tbody") : body.index("</tbody>")]
    return body.split('<tr class="govuk-table__row">')[1:]


# Storing


def test_each_automatic_redaction_keeps_how_sure_the_engine_was():
    text = "Mrs Okafor rang from 07700 900789 about Zorblatt Quenton."
    item = redaction_prepare(text=text, purpose="demo")
    assert item.spans
    expected = [(s.start, s.end, s.confidence) for s in find_spans(text)]
    assert [(s["start"], s["end"], s["confidence"]) for s in item.spans] == expected
    assert all(s["confidence"] in ("high", "medium", "low") for s in item.spans)
    assert RedactedText.objects.get(pk=item.pk).spans == item.spans


def test_a_reviewers_redaction_has_no_confidence(personas):
    item = redaction_prepare(text="Ring 07700 900123 today about the hall", purpose="demo")
    redaction_add(actor=personas["programme_admin"], item=item, phrase="the hall", type="ADDRESS")
    added = next(s for s in item.spans if s["origin"] == "reviewer")
    assert "confidence" not in added
    # A reviewer's redaction merged with the engine's is the reviewer's.
    redaction_add(actor=personas["programme_admin"], item=item, phrase="Ring 07700", type="PHONE")
    merged = next(s for s in item.spans if s["type"] == "PHONE")
    assert merged["origin"] == "reviewer" and "confidence" not in merged


# Reading


def test_the_least_sure_come_first_keeping_their_place_in_the_text(item):
    shown = in_check_order(spans_of(item))
    assert [s.words for s in shown] == [
        "Quillon",
        "Ashcombe",
        "Tobias Wren",
        "07700 900456",
        "Yard",
    ]
    assert [s.index for s in shown] == [2, 4, 0, 1, 3]
    assert [s.confidence_label for s in shown] == [
        "Not sure",
        "Not sure",
        "Fairly sure",
        "Sure",
        "Sure",
    ]
    assert unsure_count(item) == 2


def test_highlighted_text_marks_the_unsure_without_relying_on_colour(item):
    html = str(highlighted_html(item))
    assert (
        '<mark class="vv-redaction vv-redaction--unsure">Quillon <strong>[NAME]</strong>'
        ' <span class="vv-redaction__unsure">(not sure)</span></mark>'
    ) in html
    assert '<mark class="vv-redaction">Tobias Wren <strong>[NAME]</strong></mark>' in html
    assert html.count("(not sure)") == 2


# The review page


def test_the_page_says_how_sure_the_engine_was_and_lists_the_unsure_first(client_as, item):
    html = review_html(client_as, item)
    table = table_of(html)
    assert "The engine was not sure of 2 of these. Check them first." in table
    assert table.index("The engine was not sure") < table.index("<table")
    assert "How sure the engine was" in table
    rows = rows_of(html)
    assert len(rows) == 5
    hidden = [re.findall(r'<td class="govuk-table__cell">([^<]*)</td>', row)[1] for row in rows]
    assert hidden == [
        "Quillon",
        "Ashcombe",
        "Tobias Wren",
        "07700 900456",
        "Yard",
    ]
    # The words are always there, the tag's colour only adds to them.
    assert re.search(r'class="govuk-tag govuk-tag--orange">\s*Not sure\s*<', rows[0])
    assert re.search(r'class="govuk-tag govuk-tag--blue">\s*Fairly sure\s*<', rows[2])
    assert re.search(r'class="govuk-tag govuk-tag--grey">\s*Sure\s*<', rows[3])
    # The highlighted text says which it was not sure of, and explains the marking.
    assert html.count('<span class="vv-redaction__unsure">(not sure)</span>') == 2
    assert "underlined with dots" in html


def test_undo_from_the_reordered_list_removes_the_redaction_shown(client_as, item):
    browser = client_as("programme_admin")
    first = rows_of(review_html(client_as, item))[0]
    posted = dict(re.findall(r'name="(span_index|start|end)" value="(\d+)"', first))
    assert posted["span_index"] == "2"
    response = browser.post(reverse("redaction:undo", args=[item.pk]), posted)
    assert response.status_code == 302
    left = [TEXT[s["start"] : s["end"]] for s in RedactedText.objects.get(pk=item.pk).spans]
    assert left == ["Tobias Wren", "07700 900456", "Yard", "Ashcombe"]


def test_a_page_with_one_unsure_redaction_says_so_in_the_singular(client_as, personas):
    item = RedactedText.objects.create(
        purpose="demo",
        original=TEXT,
        spans=[span("07700 900456", "PHONE", "high"), span("Ashcombe", "NAME", "low")],
    )
    html = review_html(client_as, item)
    assert "The engine was not sure of 1 of these. Check it first." in html


def test_a_page_the_engine_was_sure_of_has_no_summary(client_as):
    item = RedactedText.objects.create(
        purpose="demo", original=TEXT, spans=[span("07700 900456", "PHONE", "high")]
    )
    html = review_html(client_as, item)
    assert "The engine was not sure" not in html
    assert "underlined with dots" not in html
    assert "(not sure)" not in html
    assert "Sure" in table_of(html)


def test_a_text_kept_before_the_engine_said_how_sure_it_was_still_renders(client_as, personas):
    item = RedactedText.objects.create(
        purpose="demo",
        original=TEXT,
        spans=[span("Tobias Wren", "NAME"), span("07700 900456", "PHONE")],
    )
    redaction_add(actor=personas["programme_admin"], item=item, phrase="Ashcombe", type="NAME")
    html = review_html(client_as, item)
    rows = rows_of(html)
    assert len(rows) == 3
    assert "Not recorded" in rows[0] and "Tobias Wren" in rows[0]
    assert "Not recorded" in rows[1]
    assert "Not found by the engine" in rows[2] and "Ashcombe" in rows[2]
    assert "govuk-tag--orange" not in html
    assert "The engine was not sure" not in html
    assert '<mark class="vv-redaction">Tobias Wren <strong>[NAME]</strong></mark>' in html


def test_the_queue_shows_how_many_the_engine_was_not_sure_of(client_as, item):
    html = client_as("programme_admin").get(reverse("redaction:queue")).content.decode()
    assert "Engine not sure of" in html
    row = next(
        r
        for r in html.split('<tr class="govuk-table__row">')
        if reverse("redaction:review", args=[item.pk]) in r
    )
    cells = re.findall(r'govuk-table__cell--numeric">\s*(\d+)\s*<', row)
    assert cells == ["5", "2"]
