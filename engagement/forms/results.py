"""Forms of the results pages: the partner saying what they changed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.forms.surveys import ErrorList
from engagement.services.results import MAX_WHAT_CHANGED


class WhatChangedForm(ErrorList, forms.Form):
    what_changed = forms.CharField(
        label=_("What did you change because of what people said?"),
        help_text=_(
            "Participants read this in their portal, under “You said, we did”. Write it for "
            "them: plain words, no names."
        ),
        max_length=MAX_WHAT_CHANGED,
        widget=forms.Textarea,
        error_messages={"required": _("Enter what you changed")},
    )
    what_changed_cy = forms.CharField(
        label=_("The same in Welsh (optional)"),
        max_length=MAX_WHAT_CHANGED,
        required=False,
        widget=forms.Textarea,
    )
