from django import forms
from django.utils.translation import gettext_lazy as _

from lib.text import CleanCharField
from pages.models import Satisfaction

COMMENTS_MAX_LENGTH = 1200


class ServiceFeedbackForm(forms.Form):
    satisfaction = forms.ChoiceField(
        choices=Satisfaction.choices,
        error_messages={
            "required": _("Select how you feel about this service"),
            "invalid_choice": _("Select how you feel about this service"),
        },
    )
    comments = CleanCharField(
        required=False,
        multiline=True,
        max_length=COMMENTS_MAX_LENGTH,
        error_messages={"max_length": _("Your comments must be 1,200 characters or less")},
    )
