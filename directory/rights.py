"""The 12 rights of the Code of Practice for Victims of Crime in England and Wales (the
Victims' Code, 2020, in force 2021), in plain English written for this product. English and
Welsh come from the gettext catalogue; the short versions for leaflets in other languages
are data (directory.models.RightSummary, seeded by migration).
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
    intro: Promise
    expect: tuple[Promise, ...]
    ask: Promise


RIGHTS: tuple[Right, ...] = (
    Right(
        1,
        "understand-and-be-understood",
        _("To be able to understand and to be understood"),
        _("You can get help to understand and be understood, including a free interpreter."),
        _(
            "Everyone you deal with must make sure you understand what is happening and that "
            "they understand you. This includes help if English is not your first language or "
            "if you have a disability."
        ),
        (
            _("A free interpreter when you report the crime, in interviews and at court."),
            _("Important documents translated into your language if you need them."),
            _("Help with communication if you need it, for example because of a disability."),
        ),
        _("Tell the police officer dealing with your case what help you need."),
    ),
    Right(
        2,
        "crime-recorded",
        _("To have the details of the crime recorded without unjustified delay"),
        _("The police must record the crime without unjustified delay and tell you they have."),
        _(
            "When you tell the police about a crime, they must record it quickly. You do not "
            "have to report a crime to get support."
        ),
        (
            _("Written confirmation that you reported the crime, with a crime reference number."),
            _("A short description of the crime in the confirmation."),
            _("Someone you choose can be with you when you report, in most cases."),
        ),
        _("Ask the police officer or staff who took your report."),
    ),
    Right(
        3,
        "information-when-reporting",
        _("To be given information when you report the crime"),
        _("When you report a crime you must be told what happens next and where to get help."),
        _(
            "When you report a crime, the police must give you information about what to "
            "expect and about your rights."
        ),
        (
            _("What happens next and how the criminal justice system works."),
            _("How to get support, and how to get protection if you need it."),
            _("Whether you can get extra help because of what happened or your situation."),
        ),
        _("Ask the police officer dealing with your case."),
    ),
    Right(
        4,
        "support-services",
        _("To be referred to support services and have support that meets your needs"),
        _("You can be referred to services that support victims, with support that fits you."),
        _(
            "Support services can help you cope and recover. You can get support whether or "
            "not you reported the crime, and however long ago it happened."
        ),
        (
            _("The police will ask if you want to be referred to a support service."),
            _("Most people are referred within 5 working days, some within 2 working days."),
            _("Support that takes account of your needs, for example your age or a disability."),
        ),
        _(
            "Ask the police officer dealing with your case, or find a support service "
            "yourself in our directory."
        ),
    ),
    Right(
        5,
        "compensation",
        _("To be given information about compensation"),
        _("You must be told how you may be able to get compensation."),
        _(
            "If you were hurt or lost money because of a crime, you may be able to get "
            "compensation."
        ),
        (
            _("Information about the Criminal Injuries Compensation Scheme for violent crime."),
            _("The court can order the offender to pay you compensation."),
            _("Help to understand how to claim."),
        ),
        _("Ask the police officer dealing with your case or a support service."),
    ),
    Right(
        6,
        "investigation-and-prosecution",
        _("To be given information about the investigation and prosecution"),
        _("You must be kept up to date about the investigation and any prosecution."),
        _(
            "The police and the Crown Prosecution Service must tell you about important "
            "decisions in your case."
        ),
        (
            _("To be told if someone is arrested, charged, released or given bail."),
            _("To be told if there will be no further action, and why."),
            _("To ask for a review of a decision not to charge someone or to stop a case."),
        ),
        _(
            "Ask the police officer dealing with your case. You can also call the Victim "
            "Focus Desk for an update."
        ),
    ),
    Right(
        7,
        "victim-personal-statement",
        _("To make a Victim Personal Statement"),
        _("You can say in a statement how the crime has affected you."),
        _(
            "A Victim Personal Statement lets you explain in your own words how the crime has "
            "affected you, physically, emotionally, financially or in any other way."
        ),
        (
            _("To be offered the chance to make a statement when you give a witness statement."),
            _("If someone is found guilty, the court will consider your statement."),
            _("You can ask to read your statement in court, or have it read for you."),
        ),
        _("Ask the police officer dealing with your case."),
    ),
    Right(
        8,
        "trial-and-witness",
        _("To be given information about the trial and your role as a witness"),
        _("You must be told about the trial, how it works and your role as a witness."),
        _(
            "If you are asked to give evidence, you will get information and support to help "
            "you do this."
        ),
        (
            _("The date, time and place of any court hearing."),
            _("Extra help to give evidence if you need it, for example a screen or video link."),
            _("The chance to visit the court before the trial."),
        ),
        _("Ask the Witness Care Unit. Its contact details are in the letter it sends you."),
    ),
    Right(
        9,
        "offender-after-conviction",
        _("To be given information about the offender after a conviction"),
        _("You must be told about the offender's sentence and any appeal."),
        _("If someone is found guilty, you must be told what happens to them."),
        (
            _("The sentence, and what it means."),
            _("If the offender appeals, and the result of the appeal."),
        ),
        _("Ask the Witness Care Unit or the police officer dealing with your case."),
    ),
    Right(
        10,
        "expenses-and-property",
        _("To be paid expenses and have your property returned"),
        _("You can claim some expenses as a witness and get your property back."),
        _(
            "Being a witness should not leave you out of pocket, and property taken as "
            "evidence should come back to you."
        ),
        (
            _("To claim travel costs and loss of earnings when you go to court as a witness."),
            _("Property taken as evidence returned as soon as possible."),
        ),
        _("Ask the Witness Care Unit about expenses, and the police officer about your property."),
    ),
    Right(
        11,
        "offender-release",
        _("To be given information about the offender's release"),
        _("You may be told about the offender's release through the Victim Contact Scheme."),
        _(
            "If the offender was sent to prison for 12 months or more for a violent or sexual "
            "crime, you can join the Probation Service's Victim Contact Scheme."
        ),
        (
            _("To be told when the offender may be released."),
            _("To say what conditions you think should be set when they are released."),
            _("To be told about conditions that relate to you, such as where they cannot go."),
        ),
        _("Ask the police officer dealing with your case to refer you to the scheme."),
    ),
    Right(
        12,
        "make-a-complaint",
        _("To make a complaint if your rights are not met"),
        _("You can complain if you do not get your rights."),
        _(
            "If you think you did not get your rights under the Victims' Code, you can "
            "complain to the organisation responsible."
        ),
        (
            _("To be told how to complain and to get an answer."),
            _(
                "If you are not happy with the answer, your MP can send your complaint to the "
                "Parliamentary and Health Service Ombudsman."
            ),
        ),
        _(
            "Complain to the organisation first, for example the police. Giving feedback on "
            "this website is not a complaint."
        ),
    ),
)

BY_SLUG = {right.slug: right for right in RIGHTS}
BY_NUMBER = {right.number: right for right in RIGHTS}
