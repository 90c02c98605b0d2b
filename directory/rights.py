"""The 12 rights of the Code of Practice for Victims of Crime in England and Wales (the
Victims' Code), in plain English written for this product. English and Welsh come from the
gettext catalogue; the short versions in other languages are data (directory.models.RightSummary).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Right:
    number: int
    slug: str
    title: Promise
    summary: Promise
    expect: tuple[Promise, ...] = ()
    ask: Promise | None = None


RIGHTS: tuple[Right, ...] = (
    Right(
        1,
        "understand-and-be-understood",
        _("To be able to understand and to be understood"),
        _("You can get help to understand and be understood, including an interpreter."),
    ),
    Right(
        2,
        "crime-recorded",
        _("To have the details of the crime recorded without unjustified delay"),
        _("The police must record the crime without unjustified delay."),
    ),
    Right(
        3,
        "information-when-reporting",
        _("To be given information when you report the crime"),
        _("When you report a crime you must be given information about what happens next."),
    ),
    Right(
        4,
        "support-services",
        _("To be referred to support services and have support that meets your needs"),
        _(
            "You can be referred to services that support victims, with support that fits your needs."
        ),
    ),
    Right(
        5,
        "compensation",
        _("To be given information about compensation"),
        _("You must be told how you may be able to get compensation."),
    ),
    Right(
        6,
        "investigation-and-prosecution",
        _("To be given information about the investigation and prosecution"),
        _("You must be kept up to date about the investigation and any prosecution."),
    ),
    Right(
        7,
        "victim-personal-statement",
        _("To make a Victim Personal Statement"),
        _("You can say in a statement how the crime has affected you."),
    ),
    Right(
        8,
        "trial-and-witness",
        _("To be given information about the trial and your role as a witness"),
        _("You must be told about the trial, how it works and your role as a witness."),
    ),
    Right(
        9,
        "offender-after-conviction",
        _("To be given information about the offender after a conviction"),
        _("You must be told about the offender's sentence and any appeal."),
    ),
    Right(
        10,
        "expenses-and-property",
        _("To be paid expenses and have your property returned"),
        _("You can claim some expenses as a witness and get your property back."),
    ),
    Right(
        11,
        "offender-release",
        _("To be given information about the offender's release"),
        _(
            "You may be able to hear about the offender's release through the Victim Contact Scheme."
        ),
    ),
    Right(
        12,
        "make-a-complaint",
        _("To make a complaint if your rights are not met"),
        _("You can complain if you do not get your rights."),
    ),
)

BY_SLUG = {right.slug: right for right in RIGHTS}
