"""Every app's access declarations in one dict, for the persona matrix
(tests/project/test_persona_matrix.py), the identity sweep
(tests/project/test_police_lead_identity.py) and any other test that walks every URL.

Each app declares its own URL namespaces in tests/<app>/access.py with the helpers of
tests/access.py; this module imports each of them (one direction: no app's declarations
import this one) and merges them. A URL declared by two modules fails at import, so the
matrix cannot run with one declaration silently replacing another.
"""

from types import ModuleType

from tests.access import Declared
from tests.accounts import access as accounts
from tests.dashboards import access as dashboards
from tests.desk import access as desk
from tests.directory import access as directory
from tests.engagement import access as engagement
from tests.expenses import access as expenses
from tests.feedback import access as feedback
from tests.forums import access as forums
from tests.insights import access as insights
from tests.notify import access as notify
from tests.pages import access as pages
from tests.portal import access as portal
from tests.privacy import access as privacy
from tests.project import access as project
from tests.recruitment import access as recruitment
from tests.redaction import access as redaction
from tests.reports import access as reports

MODULES: tuple[ModuleType, ...] = (
    pages,
    project,
    notify,
    accounts,
    forums,
    recruitment,
    privacy,
    redaction,
    portal,
    expenses,
    insights,
    reports,
    feedback,
    directory,
    dashboards,
    desk,
    engagement,
)


def collect(modules: tuple[ModuleType, ...]) -> dict[str, Declared]:
    """The modules' DECLARATIONS merged; a URL declared twice is an error."""
    merged: dict[str, Declared] = {}
    declared_in: dict[str, str] = {}
    for module in modules:
        for name, declared in module.DECLARATIONS.items():
            if name in merged:
                raise ValueError(
                    f"{name!r} is declared twice: in {declared_in[name]} and in {module.__name__}"
                )
            merged[name] = declared
            declared_in[name] = module.__name__
    return merged


DECLARATIONS = collect(MODULES)
