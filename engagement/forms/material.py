"""Forms of the material pages: the programme team's upload, a participant's comment on a
section of a document. The rules (file types, sections) are in engagement.services.material."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.models import MaterialKind
from engagement.services.material import COMMENT_MAX_CHARS
from recruitment.forms.staff import error_list


class ErrorList:
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]


class MaterialForm(ErrorList, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={
            "required": _("Enter a title"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=MaterialKind.choices,
        error_messages={
            "required": _("Select whether it is a document or a video"),
            "invalid_choice": _("Select whether it is a document or a video"),
        },
    )
    file = forms.FileField(
        label=_("The file"),
        help_text=_("A document must be a PDF. A video must be an MP4 or WebM file."),
        error_messages={
            "required": _("Select a file"),
            "empty": _("The selected file is empty"),
            "invalid": _("Select a file"),
        },
    )
    internal_only = forms.BooleanField(
        label=_("Internal only: never shown to participants or partners"), required=False
    )
    sections = forms.CharField(
        label=_("Sections of the document (optional)"),
        help_text=_(
            "One per line. People comment on each section. Leave empty for a video, or to "
            "take comments on the whole document."
        ),
        required=False,
        widget=forms.Textarea,
    )


class CommentForm(ErrorList, forms.Form):
    section = forms.ChoiceField(
        label=_("Which section is your comment about?"),
        error_messages={
            "required": _("Select the section your comment is about"),
            "invalid_choice": _("Select the section your comment is about"),
        },
    )
    comment = forms.CharField(
        label=_("Your comment"),
        help_text=_(
            "Please do not include names or other details that could identify you or anyone "
            "else. A person checks every comment before it is shared."
        ),
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea,
        error_messages={
            "required": _("Enter your comment"),
            "max_length": _("Your comment must be %(limit_value)s characters or fewer"),
        },
    )

    def __init__(self, *args: Any, sections: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sections:
            self.fields["section"].choices = [(s, s) for s in sections]  # type: ignore[attr-defined]
        else:
            # A document without sections takes comments on the whole of it.
            del self.fields["section"]
