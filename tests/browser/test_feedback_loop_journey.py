"""The feedback loop end to end, in the seeded demo: follow one
recommendation from the meeting where the forum said it (the facilitator's feedback
points), through a released monthly report and the police response with its reason and
progress updates (the police lead, who records one more), to the members' "What happened
to what we said" and the "You said, we did" item on the next meeting's agenda (refreshed
by the facilitator's button), and the public page. axe-core runs on every page."""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.browser.conftest import AXE
from tests.browser.helpers import assert_accessible
from tests.browser.test_member_portal import _sign_in_with_emailed_code
from tests.browser.test_recruitment_staff_journey import last_line, sign_in

pytestmark = pytest.mark.browser

# FIRST_TITLE of insights/demo/recommendations.py.
TITLE = "Tell victims who their officer is and how to reach them"
REASON_START = "We will give every victim a named team and a direct email address."
EVIDENCE = "Letters sent since October name the team and its email address."

IDS = """
from django.utils import timezone
from insights.models import Recommendation
from insights.selectors import next_meeting_of
rec = Recommendation.objects.get(title={title!r})
point = rec.points.order_by("meeting__starts_at").first()
upcoming = next_meeting_of(rec.forum)
print(rec.pk, point.meeting_id, upcoming.pk)
"""


@pytest.fixture
def new_page(browser: Any, product: Any) -> Iterator[Callable[[], Any]]:
    """Pages in fresh browser profiles, one per person (closed at the end)."""
    contexts: list[Any] = []

    def make() -> Any:
        context = browser.new_context(base_url=product.url, locale="en-GB")
        context.set_default_timeout(10_000)
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _main(page: Any) -> str:
    return page.locator("main").inner_text()


def test_one_recommendation_goes_from_a_meeting_back_to_the_members(
    page: Any, new_page: Callable[[], Any], product: Any
) -> None:
    rec_id, said_at, upcoming = (
        int(x) for x in last_line(product.manage("shell", "-c", IDS.format(title=TITLE))).split()
    )

    # 1. The facilitator: what the forum said at the meeting, redacted and confirmed.
    sign_in(page, "facilitator_forum_a")
    page.goto(f"/forums/meetings/{said_at}/")
    assert_accessible(page)
    page.get_by_role("link", name="Record and confirm what the forum said").click()
    page.wait_for_url(re.compile(rf"/insights/meetings/{said_at}/points/$"))
    assert_accessible(page)
    points = _main(page)
    assert "Confirmed" in points
    assert "did not know whom to ask for an update" in points or "never found out" in points
    assert "Dan Hollis" not in points and "07700 900461" not in points

    # 2. The police lead (Head of Profession): the released monthly report, then the
    # recommendation with its response and reason, and one more progress update.
    police = new_page()
    sign_in(police, "police_lead")
    police.goto("/reports/")
    assert_accessible(police)
    police.locator("main a[href*='/reports/']").filter(
        has_text=re.compile("Violence against women and girls forum")
    ).first.click()
    police.wait_for_url(re.compile(r"/reports/\d+/$"))
    assert_accessible(police)
    report = _main(police)
    assert "Violence against women and girls forum" in report and TITLE in report
    assert "Dan Hollis" not in report and "07700 900461" not in report

    police.goto("/insights/recommendations/")
    assert_accessible(police)
    police.get_by_role("link", name=TITLE).click()
    police.wait_for_url(re.compile(rf"/insights/recommendations/{rec_id}/$"))
    assert_accessible(police)
    detail = _main(police)
    assert "Partly accepted" in detail and REASON_START in detail
    police.get_by_role("button", name="Record progress").click()  # a link styled as a button
    police.wait_for_url(re.compile(rf"/insights/recommendations/{rec_id}/progress/$"))
    assert_accessible(police)
    police.get_by_label("Evidence of change").check()
    police.get_by_label("What has happened").fill(EVIDENCE)
    police.get_by_role("button", name="Record progress").click()
    police.wait_for_url(re.compile(rf"/insights/recommendations/{rec_id}/$"))
    assert_accessible(police)
    assert EVIDENCE in _main(police)

    # 3. The facilitator brings the next meeting's "You said, we did" item up to date.
    page.goto(f"/forums/meetings/{upcoming}/")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("for the next meeting")).click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{upcoming}/$"))
    assert_accessible(page)
    agenda = _main(page)
    assert "is up to date" in agenda
    assert f"{TITLE}: The police said yes to part of it." in agenda
    assert EVIDENCE in agenda

    # 4. The member: what happened to what we said, and the next meeting's agenda.
    member = new_page()
    member.set_viewport_size({"width": 375, "height": 812})
    _sign_in_with_emailed_code(member, product)
    member.get_by_role("link", name=re.compile("Go to your forum")).click()
    member.wait_for_url(re.compile(r"/portal/$"))
    member.get_by_role("link", name="What happened to what we said").click()
    member.wait_for_url(re.compile(r"/portal/what-happened/$"))
    assert_accessible(member)
    story = _main(member)
    assert TITLE in story
    assert "The police said yes to part of it" in story
    assert REASON_START in story
    assert EVIDENCE in story and "What has changed" in story
    assert "Dan Hollis" not in story
    member.goto(f"/portal/meetings/{upcoming}/")
    assert_accessible(member)
    next_agenda = _main(member)
    assert "You said, we did" in next_agenda and EVIDENCE in next_agenda

    # 5. Anyone: the public page shows what changed, with no names.
    public = new_page()
    public.goto("/")
    public.get_by_role("link", name="See what the police changed because victims spoke up").click()
    public.wait_for_url(re.compile(r"/you-said-we-did/$"))
    assert_accessible(public)
    shown = _main(public)
    assert TITLE in shown and REASON_START in shown and EVIDENCE in shown
    assert "Dan Hollis" not in shown and "07700 900461" not in shown
