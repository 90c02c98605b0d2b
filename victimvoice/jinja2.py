"""The Jinja2 environment: GOV.UK Frontend macros, Django's i18n and URL helpers."""

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.forms import BaseForm, BaseFormSet
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, pass_context
from jinja2.runtime import Context

from lib.suppression import count_display

# The hidden prefix GOV.UK Frontend reads out before each error message ("Error: Enter
# your name"). The package hard-codes English; every error message of every form gets it
# in the page's language from the one patch below (see _GovukFrontendLoader).
ERROR_PREFIX = gettext_lazy("Error")


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def link(href: str, text: str, classes: str = "govuk-link") -> SafeString:
    """An `<a>` for a component's `html` parameter, with `text` escaped: never build one by
    joining strings with `~`, which escapes the tags and shows them as text."""
    return format_html('<a class="{}" href="{}">{}</a>', classes, href, text)


@pass_context
def page_has_errors(context: Context) -> bool:
    """Whether the page shows errors, so base.html starts its title with "Error: " (GOV.UK).

    Any bound form or formset in the context with errors counts, whatever its name, so a
    view never works this out. A page whose errors are not a form's (a search's filters, an
    import's rows) says so in its template: `{% set form_has_errors = ... %}`."""
    if context.get("form_has_errors"):
        return True
    for value in context.get_all().values():
        if isinstance(value, BaseForm) and value.is_bound and value.errors:
            return True
        if isinstance(value, BaseFormSet) and value.is_bound and value.total_error_count():
            return True
    return False


class _GovukFrontendLoader(PackageLoader):
    """govuk-frontend-jinja's templates, with English defaults the package hard-codes made
    translatable. Each patch must still apply: a new package version that changes the line
    fails loudly here rather than quietly speaking English on Welsh pages."""

    PATCHES = {
        "components/error-message/macro.html": (
            'params.visuallyHiddenText | default("Error")',
            'params.visuallyHiddenText | default(_("Error"))',
        ),
    }

    def get_source(self, environment: Environment, template: str) -> Any:
        source, filename, uptodate = super().get_source(environment, template)
        patch = self.PATCHES.get(template)
        if patch is not None:
            old, new = patch
            if old not in source:
                raise RuntimeError(f"govuk-frontend-jinja's {template} changed: update the patch.")
            source = source.replace(old, new)
        return source, filename, uptodate


def environment(**options: Any) -> Environment:
    loader = options.pop("loader")
    options.setdefault("extensions", []).append("jinja2.ext.i18n")
    # Django's Jinja2 backend passes autoescape=True (settings.TEMPLATES) in `options`.
    env = Environment(  # noqa: S701
        loader=ChoiceLoader(
            [
                loader,
                PrefixLoader(
                    {"govuk_frontend_jinja": _GovukFrontendLoader("govuk_frontend_jinja")}
                ),
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
            "link": link,
            "page_has_errors": page_has_errors,
            "get_messages": get_messages,
            "get_current_language": translation.get_language,
            "service_name": settings.SERVICE_NAME,
            "settings_languages": settings.LANGUAGES,
        }
    )
    env.filters["date"] = lambda value, fmt="j F Y": date_format(value, fmt) if value else ""
    # Counts shown outside the oversight body: {{ cell | suppressed }} (lib/suppression/).
    env.filters["suppressed"] = count_display
    return env
