"""Subject requests for forum members (privacy/subjects.py, docs/subject-requests.md).

A member's place in a forum, their attendance and recording consent, the agenda items they
proposed and their reviews of meeting notes are found through their account (or, for a
member without one, with their application: see recruitment/subject_data.py, whose erasure
deletes the Membership and so, by cascade, the ForumMembership and its attendance).

Erasure deletes the forum membership with its attendance, and anonymises what the person
wrote for the forum (agenda items, note reviews): the words stay in the forum's record,
without the name. Meetings, venues, documents, recordings and notes are the forum's, not
a person's: the people linked to them are staff, recorded as who did what.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums.models import AgendaItem, ForumMembership, NoteReview
from privacy.subjects import (
    Counts,
    Match,
    Person,
    Provider,
    Section,
    model_fields,
    not_subject_data,
    register,
    text,
)

not_subject_data(
    {
        "forums.forum": "A group; its representatives and co-chairs are named by their account.",
        "forums.venue": "A meeting place, not a person.",
        "forums.meeting": "The forum's meeting; created_by is the member of staff who made it.",
        "forums.agendadocument": "A draft for appraisal; uploaded_by is a member of staff.",
        "forums.recording": "Kept only until the note is final; uploaded_by is staff.",
        "forums.meetingnote": "The forum's note; finalised_by is the facilitator.",
    }
)


@register
class ForumsProvider(Provider):
    name = "forums"
    title = gettext_lazy("Forum membership and meetings")
    models = (
        "forums.forummembership",
        "forums.attendance",
        "forums.agendaitem",
        "forums.notereview",
    )
    order = 50  # before recruitment and accounts

    def for_user(self, user: Any) -> list[Match]:
        person = Person.for_user(user)
        matches = [
            self.match(fm, _("Place in %(forum)s") % {"forum": fm.forum.name}, person)
            for fm in ForumMembership.objects.filter(user=user).select_related("forum")
        ]
        matches += [
            self.match(
                item, _("Agenda item proposed %(when)s") % {"when": text(item.created_at)}, person
            )
            for item in AgendaItem.objects.filter(proposed_by=user)
        ]
        matches += [
            self.match(
                r, _("Review of a meeting note %(when)s") % {"when": text(r.created_at)}, person
            )
            for r in NoteReview.objects.filter(reviewer=user)
        ]
        return matches

    def export(self, match: Match) -> Section:
        obj: Any = match.get()
        if obj is None:
            return Section(match.description)
        if isinstance(obj, ForumMembership):
            fields = [(_("Forum"), obj.forum.name)]
            fields += model_fields(obj, ["status", "joined_on", "stepped_back_on", "left_on"])
            for attendance in obj.attendances.select_related("meeting"):
                fields.append(
                    (
                        _("Meeting on %(when)s") % {"when": text(attendance.meeting.starts_at)},
                        "{}; {}: {}".format(
                            attendance.get_status_display(),
                            _("agreed to recording"),
                            text(attendance.recording_consent),
                        ),
                    )
                )
            return Section(match.description, fields)
        if isinstance(obj, AgendaItem):
            return Section(
                match.description, model_fields(obj, ["title", "detail", "content_note", "status"])
            )
        return Section(match.description, model_fields(obj, ["comment", "approved", "created_at"]))

    def erase(self, match: Match) -> Counts:
        obj: Any = match.get()
        if obj is None:
            return Counts()
        if isinstance(obj, ForumMembership):
            return self.delete_unless_held(match)
        if isinstance(obj, AgendaItem):
            AgendaItem.objects.filter(pk=obj.pk).update(proposed_by=None)
            return Counts(anonymised=1)
        NoteReview.objects.filter(pk=obj.pk).update(reviewer=None)
        return Counts(anonymised=1)
