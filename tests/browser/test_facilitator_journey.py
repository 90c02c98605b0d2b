"""A facilitator runs a meeting in the browser: schedules it, accepts a member's agenda item
and publishes the agenda, records attendance and consent, uploads a recording, checks and
shares the note, finalises it and sees the recording gone (from storage too). axe-core
runs on every page."""

import re
from typing import Any

import pytest

from tests.browser.helpers import assert_accessible
from tests.browser.test_recruitment_staff_journey import last_line, sign_in, today_parts

pytestmark = pytest.mark.browser

FORUM = "Violence against women and girls forum"
MEMBER_PROPOSES = """
from forums.models import Meeting
from forums.services import agenda_item_propose
from accounts.models import User
m = Meeting.objects.get(pk={meeting})
agenda_item_propose(actor=User.objects.get(email="member@example.org"), meeting=m,
    title="Letters after reporting", detail="The first letter was confusing.",
    content_note="Mentions a burglary at home.")
print("ok")
"""
RECORDING_STATE = """
from django.core.files.storage import default_storage
from forums.models import Recording
from privacy.models import RetentionReceipt
names = {names}
print(Recording.objects.filter(meeting_id={meeting}).count(),
      sum(default_storage.exists(n) for n in names),
      RetentionReceipt.objects.filter(rule="forums.recording_deleted_at_note").count())
"""
RECORDING_NAME = """
from forums.models import Recording
print(Recording.objects.get(meeting_id={meeting}).file.name)
"""
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 256


def test_a_facilitator_runs_a_meeting_from_schedule_to_final_note(page: Any, product: Any) -> None:
    email = last_line(
        product.manage(
            "shell",
            "-c",
            "from accounts.models import User; print(User.objects.get(email='member@example.org').email)",
        )
    )
    assert email == "member@example.org"
    sign_in(page, "facilitator_forum_a")

    page.goto("/forums/")
    assert_accessible(page)
    page.get_by_role("link", name=FORUM).click()
    page.wait_for_url(re.compile(r"/forums/\d+/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Schedule a meeting").first.click()
    page.wait_for_url(re.compile(r"/forums/\d+/meetings/new/$"))
    assert_accessible(page)
    day, month, year = today_parts(product)
    page.locator("input[name='day-day']").fill(str(day))
    page.locator("input[name='day-month']").fill(str(month))
    page.locator("input[name='day-year']").fill(str(year + 1))
    page.locator("input[name=start_time]").fill("18:00")
    page.get_by_role("radio", name="Online").check()
    page.locator("input[name=online_joining]").fill("The link comes the day before.")
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_url(re.compile(r"/forums/meetings/\d+/$"))
    assert_accessible(page)
    meeting = re.search(r"/forums/meetings/(\d+)/", page.url).group(1)  # type: ignore[union-attr]

    # A member proposes an item from their portal; the facilitator accepts it.
    assert last_line(product.manage("shell", "-c", MEMBER_PROPOSES.format(meeting=meeting))) == "ok"
    page.reload()
    page.get_by_role("link", name="Accept, defer or merge Letters after reporting").click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/agenda/\d+/$"))
    assert_accessible(page)
    page.get_by_label("Accept it for this meeting").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/$"))
    page.get_by_role("button", name="Publish the agenda").click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/agenda/publish/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Publish the agenda").click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/$"))
    assert "The agenda is published" in page.content()
    assert_accessible(page)

    # Attendance, with everyone who came agreeing to the recording.
    page.get_by_role("link", name="Record attendance and consent to recording").click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/attendance/$"))
    assert_accessible(page)
    for radio in page.locator("input[type=radio][value=attended]").all():
        radio.check()
    for radio in page.locator("input[type=radio][name^=consent_][value=yes]").all():
        radio.check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/$"))

    page.get_by_role("link", name="Upload a recording").click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/recording/new/$"))
    assert_accessible(page)
    page.locator("input[type=file]").set_input_files(
        {"name": "meeting.mp3", "mimeType": "audio/mpeg", "buffer": MP3}
    )
    page.get_by_label(re.compile("Everyone else in the meeting")).check()
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/$"))
    assert "Download the recording" in page.content()
    name = last_line(product.manage("shell", "-c", RECORDING_NAME.format(meeting=meeting)))
    state = RECORDING_STATE.format(meeting=meeting, names=repr([name]))
    assert last_line(product.manage("shell", "-c", state)).split() == ["1", "1", "0"]

    # The note: drafted, checked for personal details, shared, finalised.
    page.get_by_role("link", name="Write or check the note").click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/note/$"))
    assert_accessible(page)
    page.locator("textarea[name=text]").fill(
        "The forum discussed letters sent after reporting. Actions agreed."
    )
    page.get_by_role("button", name="Save and check for personal details").click()
    page.get_by_text("The note is saved and checked for personal details.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Share with the co-chairs").click()
    page.get_by_text("The note is shared with the co-chairs to check.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Finalise the note").click()
    page.wait_for_url(re.compile(rf"/forums/meetings/{meeting}/$"))
    assert_accessible(page)
    assert "No recording is kept: the note is final." in page.content()
    assert last_line(product.manage("shell", "-c", state)).split() == ["0", "0", "1"]
