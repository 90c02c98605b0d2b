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
        _("To understand and be understood"),
        _("You can get help to understand and be understood. You can get a free interpreter."),
        _(
            "Everyone you deal with must check that you know what is going on. They must also "
            "check that they understand you. You can get help if English is not your first "
            "language, or if you have a disability."
        ),
        (
            _(
                "A free interpreter when you report the crime, when the police talk to you, and at court."
            ),
            _("Key letters and papers in your own language, if you need them."),
            _("Help to speak, read or write if you need it, for example because of a disability."),
        ),
        _("Tell the police officer dealing with your case what help you need."),
    ),
    Right(
        2,
        "crime-recorded",
        _("To have the crime recorded without delay"),
        _(
            "The police must record the crime without delay, unless there is a good reason. "
            "They must tell you they have done it."
        ),
        _(
            "When you tell the police about a crime, they must record it quickly. You do not "
            "have to report a crime to get support."
        ),
        (
            _(
                "A letter or email that says you reported the crime. It has a crime reference number."
            ),
            _("A short note of what the crime was, in the same letter or email."),
            _("In most cases, someone you choose can be with you when you report."),
        ),
        _("Ask the police officer or staff who took your report."),
    ),
    Right(
        3,
        "information-when-reporting",
        _("To be told what you need to know when you report the crime"),
        _("When you report a crime, you must be told what happens next and where to get help."),
        _(
            "When you report a crime, the police must tell you what to expect. They must also "
            "tell you about your rights."
        ),
        (
            _("What happens next, and how the police, the courts and the justice system work."),
            _("How to get support, and how to get protection if you need it."),
            _("If you can get extra help because of what happened to you, or your situation."),
        ),
        _("Ask the police officer dealing with your case."),
    ),
    Right(
        4,
        "support-services",
        _("To be put in touch with support that meets your needs"),
        _(
            "The police can refer you to services that help victims. This means they put you in "
            "touch. The support should fit your needs."
        ),
        _(
            "Support services can help you cope and recover. You can get support if you reported "
            "the crime or not. You can get it however long ago the crime happened."
        ),
        (
            _("The police will ask if you want them to refer you to a support service."),
            _(
                "Most people are referred within 5 working days. Some people, for example "
                "victims of the most serious crimes, are referred within 2 working days."
            ),
            _("Support that fits your needs, for example your age or a disability."),
        ),
        _(
            "Ask the police officer dealing with your case. Or you can find a support service "
            "yourself in our list."
        ),
    ),
    Right(
        5,
        "compensation",
        _("To be told about compensation"),
        _(
            "You must be told how you might get compensation. This is money for harm or loss "
            "that a crime caused you."
        ),
        _(
            "If you were hurt or lost money because of a crime, you might be able to get "
            "compensation."
        ),
        (
            _(
                "Facts about the Criminal Injuries Compensation Scheme. It is for people hurt in "
                "a violent crime."
            ),
            _("The court can order the person who did the crime to pay you."),
            _("Help to understand how to claim."),
        ),
        _("Ask the police officer dealing with your case, or a support service."),
    ),
    Right(
        6,
        "investigation-and-prosecution",
        _("To be kept up to date about the police work and any court case"),
        _(
            "You must be told what is happening while the police look into the crime. You must "
            "also be told if someone is taken to court."
        ),
        _(
            "The police and the Crown Prosecution Service must tell you about big decisions in "
            "your case. The Crown Prosecution Service decides if a case goes to court."
        ),
        (
            _("To be told if someone is arrested, charged, released or given bail."),
            _("To be told if the police will take no further action, and why."),
            _("To ask for a review if they decide not to charge someone, or to stop a case."),
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
            "A Victim Personal Statement lets you say in your own words how the crime has "
            "affected you. It could be how it hurt you, how it made you feel, what it cost you, "
            "or how it changed your life in any other way."
        ),
        (
            _("To be offered the chance to make a statement when you give a witness statement."),
            _("If someone is found guilty, the court will think about your statement."),
            _("You can ask to read your statement in court, or have it read for you."),
        ),
        _("Ask the police officer dealing with your case."),
    ),
    Right(
        8,
        "trial-and-witness",
        _("To be told about the trial and your role as a witness"),
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
        _("To be told about the offender after they are found guilty"),
        _("You must be told about the offender's sentence and any appeal."),
        _(
            "The offender is the person who did the crime. If they are found guilty, you must "
            "be told what happens to them."
        ),
        (
            _("The sentence, and what it means."),
            _(
                "If the offender appeals. This means they ask a higher court to change the "
                "decision. You must be told what the court decides."
            ),
        ),
        _("Ask the Witness Care Unit or the police officer dealing with your case."),
    ),
    Right(
        10,
        "expenses-and-property",
        _("To be paid expenses and get your property back"),
        _("You can claim some costs as a witness and get your things back."),
        _(
            "Being a witness should not cost you money. Things the police took as evidence "
            "should come back to you."
        ),
        (
            _("To claim travel costs and lost pay when you go to court as a witness."),
            _("Things taken as evidence given back to you as soon as they can be."),
        ),
        _("Ask the Witness Care Unit about costs. Ask the police officer about your things."),
    ),
    Right(
        11,
        "offender-release",
        _("To be told about the offender's release"),
        _("You may be told when the offender is let out, through the Victim Contact Scheme."),
        _(
            "You can join the Victim Contact Scheme if the offender was sent to prison for 12 "
            "months or more for a violent or sexual crime. The Probation Service runs the scheme."
        ),
        (
            _("To be told when the offender may be released."),
            _("To say what rules you think they should have to follow when they are released."),
            _("To be told about rules that affect you, such as places they must not go."),
        ),
        _("Ask the police officer dealing with your case to put you in touch with the scheme."),
    ),
    Right(
        12,
        "make-a-complaint",
        _("To make a complaint if you do not get your rights"),
        _("You can complain if you do not get your rights."),
        _(
            "If you think you did not get your rights under the Victims' Code, you can "
            "complain. Complain to the service that should have given you the right."
        ),
        (
            _("To be told how to complain, and to get an answer."),
            _(
                "If you are not happy with the answer, you can ask your MP to send your "
                "complaint to the Parliamentary and Health Service Ombudsman. Your MP is your "
                "Member of Parliament."
            ),
        ),
        _(
            "Complain to the service first, for example the police. Giving feedback on "
            "this website is not a complaint."
        ),
    ),
)

BY_SLUG = {right.slug: right for right in RIGHTS}
BY_NUMBER = {right.number: right for right in RIGHTS}
