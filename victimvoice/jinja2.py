"""The Jinja2 environment: GOV.UK Frontend macros, Django's i18n and URL helpers."""

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from lib.suppression import count_display


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    loader = options.pop("loader")
    options.setdefault("extensions", []).append("jinja2.ext.i18n")
    # Django's Jinja2 backend passes autoescape=True (settings.TEMPLATES) in `options`.
    env = Environment(  # noqa: S701
        loader=ChoiceLoader(
            [
                loader,
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        **options,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext, translation.ngettext, newstyle=True
    )
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "get_current_language": translation.get_language,
            "service_name": settings.SERVICE_NAME,
            "settings_languages": settings.LANGUAGES,
        }
    )
    env.filters["date"] = lambda value, fmt="j F Y": date_format(value, fmt) if value else ""
    # Counts shown outside the oversight body: {{ cell | suppressed }} (lib/suppression.py).
    env.filters["suppressed"] = count_display
    return env
