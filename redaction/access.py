"""Who may review which redacted text. Every page about one text reaches it through
get_item_for_user, so anyone else gets a 404.

The oversight body's programme admins review everything. For facilitators to review their
own forums' notes, change REVIEWER_ROLES and item_list_for.
"""

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from redaction.models import RedactedText

# Roles that may open the review pages at all.
REVIEWER_ROLES = (Role.PROGRAMME_ADMIN,)


def item_list_for(user: User) -> QuerySet[RedactedText]:
    if not user.is_authenticated:
        return RedactedText.objects.none()
    if user.has_role(Role.PROGRAMME_ADMIN):
        return RedactedText.objects.all()
    return RedactedText.objects.none()


def get_item_for_user(user: User, item_id: int) -> RedactedText:
    """The redacted text, or Http404 for anyone who may not review it."""
    try:
        return item_list_for(user).select_related("reviewed_by").get(pk=item_id)
    except RedactedText.DoesNotExist:
        raise Http404 from None
