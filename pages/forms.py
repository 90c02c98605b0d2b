from django import forms
from django.utils.translation import gettext_lazy as _

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
    comments = forms.CharField(
        required=False,
        max_length=COMMENTS_MAX_LENGTH,
        error_messages={"max_length": _("Your comments must be 1,200 characters or less")},
    )
