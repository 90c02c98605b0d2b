"""Who may see which expense claim, in the style of forums.access: the member who claimed
and the programme team (a receipt is 404 for anyone else)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from expenses.models import ExpenseClaim


def claim_list_for(user: User) -> QuerySet[ExpenseClaim]:
    """Every claim for the programme team; a member's own claims; nothing for anyone else."""
    if not user.is_authenticated:
        return ExpenseClaim.objects.none()
    if user.has_role(Role.PROGRAMME_ADMIN):
        return ExpenseClaim.objects.all()
    return ExpenseClaim.objects.filter(claimant=user).select_related("meeting", "forum")


def get_claim_for_user(user: User, claim_id: int) -> ExpenseClaim:
    """The claim, or Http404 for someone who may not see it."""
    claim = claim_list_for(user).filter(pk=claim_id).first()
    if claim is None:
        raise Http404
    return claim
