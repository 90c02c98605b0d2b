"""Writes of the feedback loop, one module per feature (docs/insights.md):

- `insights.services.recommendations`: themes, owner areas and police leads' positions,
  feedback points, recommendations, police responses and progress, and the daily overdue
  summary.
- `insights.services.yousaid`: "You said, we did": the agenda item on a forum's next meeting
  and the members' digests (docs/you-said-we-did.md).

Each function checks who may act, runs in one transaction and writes its audit event there.
Callers import them from here: `from insights import services`.
"""

from insights.services.recommendations import POINT_PURPOSE as POINT_PURPOSE
from insights.services.recommendations import overdue_summary_send as overdue_summary_send
from insights.services.recommendations import owner_area_create as owner_area_create
from insights.services.recommendations import owner_area_update as owner_area_update
from insights.services.recommendations import point_confirm as point_confirm
from insights.services.recommendations import point_record as point_record
from insights.services.recommendations import police_lead_profile_set as police_lead_profile_set
from insights.services.recommendations import (
    recommendation_assign_area as recommendation_assign_area,
)
from insights.services.recommendations import recommendation_raise as recommendation_raise
from insights.services.recommendations import recommendation_respond as recommendation_respond
from insights.services.recommendations import recommendation_update as recommendation_update
from insights.services.recommendations import theme_create as theme_create
from insights.services.recommendations import theme_update as theme_update
from insights.services.yousaid import (
    you_said_we_did_agenda_refresh as you_said_we_did_agenda_refresh,
)
from insights.services.yousaid import (
    you_said_we_did_agenda_refresh_all as you_said_we_did_agenda_refresh_all,
)
from insights.services.yousaid import you_said_we_did_digest_send as you_said_we_did_digest_send
from insights.services.yousaid import you_said_we_did_digests_send as you_said_we_did_digests_send
