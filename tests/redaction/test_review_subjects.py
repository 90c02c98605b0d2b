"""Subject requests reach texts under redaction review (redaction/subject_data.py)."""

import pytest

from privacy.subjects import SubjectQuery, registry
from redaction.models import RedactedText, Status
from redaction.services import redaction_prepare, redaction_release

pytestmark = pytest.mark.django_db

TEXT = "Gary Oakes (gary.oakes@example.org, 07700 900123) spoke at the meeting."


def provider():
    return registry.provider("redaction")


def test_a_text_is_found_by_the_name_email_or_phone_it_mentions():
    item = redaction_prepare(text=TEXT, purpose="forum_note")
    redaction_prepare(text="Nothing about anyone.", purpose="demo")
    for query in (
        SubjectQuery(name="gary oakes"),
        SubjectQuery(email="GARY.OAKES@example.org"),
        SubjectQuery(phone="+44 7700 900123"),
    ):
        matches = provider().find(query.normalised())
        assert [m.pk for m in matches] == [item.pk], query
    assert provider().find(SubjectQuery(name="Oak").normalised()) == []


def test_the_export_of_a_mentioning_text_shows_the_original_words():
    redaction_prepare(text=TEXT, purpose="forum_note")
    [match] = provider().find(SubjectQuery(name="Gary Oakes").normalised())
    values = dict(provider().export(match).fields)
    assert TEXT in values.values()


def test_erasing_deletes_a_pending_text_and_keeps_only_the_redacted_version_of_a_released_one(
    personas,
):
    pending = redaction_prepare(text=TEXT, purpose="forum_note")
    released = redaction_prepare(text=TEXT, purpose="forum_note")
    redaction_release(actor=personas["programme_admin"], item=released)
    matches = provider().find(SubjectQuery(name="Gary Oakes").normalised())
    counts = [provider().erase(m).as_dict() for m in matches]
    assert sorted((c["erased"], c["anonymised"]) for c in counts) == [(0, 1), (1, 0)]
    assert not RedactedText.objects.filter(pk=pending.pk).exists()
    kept = RedactedText.objects.get(pk=released.pk)
    assert kept.status == Status.RELEASED
    assert "Gary" not in kept.original and kept.original == kept.released
    assert provider().find(SubjectQuery(name="Gary Oakes").normalised()) == []


def test_a_reviewer_finds_what_they_released_but_not_the_words():
    from accounts.models import User

    admin = User.objects.get(email="programme.admin@example.org")
    item = redaction_prepare(text=TEXT, purpose="forum_note")
    redaction_release(actor=admin, item=item)
    [match] = provider().for_user(admin)
    assert match.pk == item.pk
    assert "Gary" not in str(provider().export(match).fields)
    assert provider().erase(match).anonymised == 1
    assert RedactedText.objects.get(pk=item.pk).reviewed_by is None
