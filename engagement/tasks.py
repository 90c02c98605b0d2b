"""Background work of the engagement register. Tasks take ids only (or nothing, when
scheduled) and call services."""

from django_tasks import task


@task()
def send_invitation_reminders() -> int:
    """Remind, once, those who have not answered an invitation three days on (daily)."""
    from engagement.services.invitations import invitation_remind_due

    return invitation_remind_due()


@task()
def send_what_changed_reminders() -> int:
    """Remind partners who have not said what they changed, from 7 days before the date
    (daily; once each)."""
    from engagement.services.results import what_changed_remind_due

    return what_changed_remind_due()


@task()
def send_booking_reminders() -> int:
    """Remind people with a confirmed place the day before (hourly, so that each reminder
    goes at a time that is safe for them; once each)."""
    from engagement.services.booking import booking_remind_due

    return booking_remind_due()


@task()
def ask_inactive_whether_to_stay() -> int:
    """Ask participants inactive for two years whether to stay, and take off the register
    those asked long enough ago who did not answer (daily)."""
    from engagement.services.housekeeping import (
        participant_stay_ask_due,
        participant_stay_lapse_due,
    )

    return participant_stay_ask_due() + participant_stay_lapse_due()
