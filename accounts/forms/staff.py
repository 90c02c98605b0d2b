"""Forms for programme admins managing staff. They only collect and tidy answers: the rules
(which roles need forums or a panel seat, who may facilitate what) live in accounts.rules
and reach the form as ValidationErrors from the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.roles import FORUM_SCOPED_ROLES, STAFF_ROLES, PanelSeat, Role
from forums.models import Forum

STAFF_ROLE_CHOICES = [(role.value, role.label) for role in Role if role in STAFF_ROLES]
LANGUAGE_CHOICES = [("en", _("English")), ("cy", _("Welsh (Cymraeg)"))]


def _forum_label(forum: Forum) -> str:
    return _("%(forum)s (facilitated by %(organisation)s)") % {
        "forum": forum.name,
        "organisation": forum.facilitating_organisation.name,
    }


class RoleFieldsMixin(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=STAFF_ROLE_CHOICES,
        error_messages={"required": _("Select a role"), "invalid_choice": _("Select a role")},
    )
    forums = forms.ModelMultipleChoiceField(
        label=_("Which forums will they facilitate?"),
        queryset=Forum.objects.select_related("facilitating_organisation").order_by("name"),
        required=False,
        error_messages={"invalid_choice": _("Select forums from the list")},
    )
    panel_seat = forms.ChoiceField(
        label=_("Which seat on the vetting panel do they hold?"),
        choices=PanelSeat.choices,
        required=False,
        error_messages={"invalid_choice": _("Select a seat from the list")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forums_field: Any = self.fields["forums"]
        forums_field.label_from_instance = _forum_label

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        # Answers hidden under another role's option are not part of the answer.
        if role not in FORUM_SCOPED_ROLES:
            data["forums"] = []
        if role != Role.VETTING_PANEL:
            data["panel_seat"] = ""
        return data


class StaffInviteForm(RoleFieldsMixin):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={
            "required": _("Enter their full name"),
            "max_length": _("Full name must be 200 characters or fewer"),
        },
    )
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Select an organisation"),
        error_messages={
            "required": _("Select their organisation"),
            "invalid_choice": _("Select their organisation"),
        },
    )
    language = forms.ChoiceField(
        label=_("Which language should the invitation be in?"),
        choices=LANGUAGE_CHOICES,
        initial="en",
        error_messages={
            "required": _("Select a language"),
            "invalid_choice": _("Select a language"),
        },
    )

    field_order = ["full_name", "email", "organisation", "role", "forums", "panel_seat", "language"]


class RoleAssignForm(RoleFieldsMixin):
    pass


class ConfirmForm(forms.Form):
    """A confirmation page's form: nothing to fill in, only the CSRF token and a button."""
