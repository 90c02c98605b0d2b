"""Who may open the project's own URLs: the language switch and Django's admin (collected by
tests/project/access_all.py)."""

from tests.access import Declared, public

DECLARATIONS: dict[str, Declared] = {
    "set_language": public(ok=405, not_a_page="POST only; tested in test_language_switch"),
    # Django's admin: superusers who passed MFA only (no persona is one; see
    # test_admin_site). Everyone else signed in gets 403.
    "admin:index": Declared(),
    "admin:login": Declared(),
    "admin:logout": Declared(),
    "admin:password_change": Declared(),
    "admin:password_change_done": Declared(),
    "admin:autocomplete": Declared(),
    "admin:jsi18n": Declared(),
    "admin:view_on_site": Declared(kwargs=lambda p: {"content_type_id": "1", "object_id": "1"}),
    "route:django-admin/(?P<url>.*)$": Declared(
        not_a_page="admin's catch-all for unknown admin URLs; see test_admin_site"
    ),
}
