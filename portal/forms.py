from django import forms
from django.utils.translation import gettext_lazy as _

from lib.text import CleanCharField
from recruitment.forms import error_list


class _Errors:
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]


class ProposeForm(_Errors, forms.Form):
    title = CleanCharField(
        label=_("What would you like the forum to talk about?"),
        max_length=200,
        error_messages={"required": _("Enter what you would like to talk about")},
    )
    detail = CleanCharField(
        label=_("Tell us more (optional)"), required=False, multiline=True, widget=forms.Textarea
    )
    content_note = CleanCharField(
        multiline=True,
        label=_("Content note (optional)"),
        help_text=_("Say if the item may be difficult for others to hear or talk about."),
        required=False,
        widget=forms.Textarea,
    )


class SupportFlagForm(_Errors, forms.Form):
    note = forms.CharField(
        label=_("What the programme team should know (optional)"),
        help_text=_("Keep it short. Do not write down what they told the group."),
        required=False,
        max_length=1000,
        widget=forms.Textarea,
    )
