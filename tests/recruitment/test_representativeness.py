"""The representativeness page: applicants, accepted and members beside the area's
Census 2021 population, per forum and overall, with small numbers suppressed."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from recruitment import services as s
from recruitment.reference import census
from recruitment.representativeness import representativeness_report
from tests.recruitment.staff import make_application, to_vetting

pytestmark = pytest.mark.django_db

BLACK = {
    "ethnic_group": "black_caribbean",
    "disability": "no",
    "sexual_orientation": "straight",
    "gender_identity": "same",
    "age_band": "25_34",
}


def _accept(application, admin):
    to_vetting(application, admin)
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)


def _report(field, **kwargs):
    return next(r for r in representativeness_report(**kwargs) if r.field == field)


def _general():
    """The cohort these tests apply to: the cast's own member applied to another one."""
    from recruitment.models import Cohort

    return Cohort.objects.get(slug="general")


def _row(report, label):
    return next(r for r in report.rows if r.label.startswith(label))


def test_counts_go_through_the_funnel_beside_the_census(personas):
    admin = personas["programme_admin"]
    for n in range(10):
        application = make_application(equality=BLACK)
        if n < 5:
            _accept(application, admin)
    black = _row(_report("ethnic_group", cohort=_general()), "Black")
    assert [c.value for c in black.cells] == [10, 5, 0]
    assert black.shares[:2] == [pytest.approx(100.0), pytest.approx(100.0)]
    assert black.census == pytest.approx(13.5, abs=0.1)


def test_small_numbers_and_what_would_give_them_away_are_hidden(personas):
    for _ in range(10):
        make_application(equality=BLACK)
    make_application(equality={**BLACK, "ethnic_group": "white_irish"})
    report = _report("ethnic_group")
    white = _row(report, "White")
    assert white.cells[0].value is None and white.cells[0].display == "fewer than 5"
    assert white.shares[0] is None
    shown = [c.value for row in report.rows for c in row.cells if c.value is not None]
    assert not [v for v in shown if 0 < v < 5]
    # The total is shown, so one more applicants' cell is hidden with the white one.
    assert sum(1 for row in report.rows if row.cells[0].suppressed) >= 2


def test_people_who_did_not_answer_are_counted_on_their_own(personas):
    for _ in range(5):
        make_application()
    report = _report("sexual_orientation", cohort=_general())
    assert _row(report, "Not answered").cells[0].value == 5


def test_each_forum_has_its_own_report(personas):
    for _ in range(5):
        make_application(cohorts=("young-people",), equality=BLACK)
    from recruitment.models import Cohort

    other = Cohort.objects.exclude(slug="young-people").first()
    assert _row(_report("ethnic_group", cohort=other), "Black").cells[0].value == 0
    young = Cohort.objects.get(slug="young-people")
    assert _row(_report("ethnic_group", cohort=young), "Black").cells[0].value == 5


def test_disability_has_no_census_figure_and_says_so(personas):
    assert _report("disability").has_census is False


def test_the_census_area_and_figures_are_a_setting(tmp_path):
    (tmp_path / "ethnicity_london.csv").write_text(
        "area_code,category_level,category,count\n"
        "W99,total,Total: all usual residents,200\n"
        "W99,high_level_group,White,150\n"
    )
    with override_settings(
        RECRUITMENT_CENSUS_DIR=str(tmp_path), RECRUITMENT_CENSUS_AREA_CODE="W99"
    ):
        assert census.population_share("ethnic_group", "White") == pytest.approx(75.0)
        assert census.population_share("sexual_orientation", "Bisexual") is None
    assert census.population_share("ethnic_group", "White") == pytest.approx(53.76, abs=0.01)


def test_the_page_shows_a_chart_with_a_table_beside_it(client_as, personas):
    for _ in range(5):
        make_application(equality=BLACK)
    client = client_as("programme_admin")
    page = client.get(reverse("recruitment_staff:representativeness"))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count('role="img"') == 5 and text.count("<table") == 5
    assert "Office for National Statistics" in text
    forum = client.get(reverse("recruitment_staff:representativeness") + "?forum=young-people")
    assert forum.status_code == 200
    assert (
        client.get(reverse("recruitment_staff:representativeness") + "?forum=nope").status_code
        == 404
    )


def test_the_page_reads_every_application_in_a_fixed_number_of_queries(client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("programme_admin")
    url = reverse("recruitment_staff:representativeness")
    client.get(url)
    counts = []
    for _ in range(2):
        for _ in range(4):
            make_application(equality=BLACK)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12
