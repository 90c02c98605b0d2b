"""The audit events of insights: themes, owner areas, feedback points, recommendations and
"You said, we did" (privacy/audit_events.py)."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry

events = registry.app("insights", _("Feedback points and recommendations"))

THEME_ADDED = events.add(
    "insights.theme_added", _("Added a theme"), fields=["name"], was=["theme added"]
)
THEME_CHANGED = events.add(
    "insights.theme_changed",
    _("Changed a theme"),
    fields=["name", "name_cy", "active"],
    was=["theme changed"],
)
OWNER_AREA_ADDED = events.add(
    "insights.owner_area_added",
    _("Added an owner area"),
    fields=["name", "leads"],
    was=["owner area added"],
)
OWNER_AREA_CHANGED = events.add(
    "insights.owner_area_changed",
    _("Changed an owner area"),
    fields=["name", "description", "active", "leads"],
    was=["owner area changed"],
)
POLICE_POSITION_SET = events.add(
    "insights.police_position_set",
    _("Set a police lead's position"),
    fields=["position"],
    was=["police position"],
)
POINT_RECORDED = events.add(
    "insights.point_recorded",
    _("Recorded a feedback point"),
    fields=["kind", "text", "themes", "agenda_item"],
    was=["feedback point recorded"],
)
POINT_CONFIRMED = events.add(
    "insights.point_confirmed",
    _("Confirmed a feedback point"),
    fields=["confirmed_at"],
    was=["point confirmed"],
)
RECOMMENDATION_RAISED = events.add(
    "insights.recommendation_raised",
    _("Raised a recommendation"),
    fields=["title", "ask", "why", "points", "owner_area"],
    was=["recommendation raised from *"],
)
RECOMMENDATION_AREA_CHOSEN = events.add(
    "insights.recommendation_area_chosen",
    _("Chose the owner area of a recommendation"),
    fields=["owner_area"],
    was=["owner area chosen"],
)
RECOMMENDATION_RESPONDED = events.add(
    "insights.recommendation_responded",
    _("Gave the police response to a recommendation"),
    fields=["status", "response"],
    was=["police response: *"],
)
RECOMMENDATION_PROGRESS = events.add(
    "insights.recommendation_progress",
    _("Recorded progress on a recommendation"),
    fields=["progress_updates", "status"],
    was=["progress: *"],
)
YOU_SAID_ITEM_ADDED = events.add(
    "insights.you_said_item_added",
    _("Added the \u201cYou said, we did\u201d item to an agenda"),
    fields=["title", "detail"],
    was=["you said, we did: agenda item added by the daily job"],
)
YOU_SAID_ITEM_REFRESHED = events.add(
    "insights.you_said_item_refreshed",
    _("Brought the \u201cYou said, we did\u201d agenda item up to date"),
    fields=["detail"],
    was=["you said, we did: agenda item refreshed"],
)
YOU_SAID_DIGEST_SENT = events.add(
    "insights.you_said_digest_sent",
    _("Sent the \u201cYou said, we did\u201d summary"),
    fields=["sent_at", "recommendations"],
    was=["you said, we did: digest sent"],
)
