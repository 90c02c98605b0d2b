"""Reads of the material pages: an invitation from its link's token, the programme team's
material and the comments on a document, by section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.http import Http404

from engagement.access import may_run_register, opportunity_list_for
from engagement.models import (
    DocumentComment,
    Material,
    Opportunity,
)


def material_of_opportunity(opportunity: Opportunity) -> list[Material]:
    """The opportunity's material, newest last, with the number of comments on each."""
    return list(
        opportunity.material.annotate(comment_count=Count("comments")).order_by("created_at", "id")
    )


def material_for_team(*, viewer: Any, material_id: int) -> Material:
    """Material for the programme team (who may see internal-only material), else Http404."""
    if not may_run_register(viewer):
        raise Http404
    found = (
        Material.objects.select_related("opportunity")
        .filter(pk=material_id, opportunity__in=opportunity_list_for(viewer))
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass
class SectionComments:
    section: str
    comments: list[DocumentComment]


def comments_by_section(material: Material) -> list[SectionComments]:
    """The comments on a document under each of its sections, in the document's order
    (comments on a section since removed come last)."""
    comments = list(material.comments.select_related("text").order_by("created_at", "id"))
    order = list(material.sections or [""])
    for comment in comments:
        if comment.section not in order:
            order.append(comment.section)
    return [
        SectionComments(section=name, comments=[c for c in comments if c.section == name])
        for name in order
    ]
