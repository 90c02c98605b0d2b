"""Reads of the feedback loop, one module per feature (docs/insights.md):

- `insights.selectors.recommendations`: recommendations, points and managed lists, with
  visibility applied in one place (insights.access).
- `insights.selectors.yousaid`: "You said, we did" for a forum, a member and the public, the
  agenda item's text and who is due a digest (docs/you-said-we-did.md).

Callers import them from here: `from insights import selectors`.
"""

from insights.selectors.recommendations import OVERDUE as OVERDUE
from insights.selectors.recommendations import ShownPoint as ShownPoint
from insights.selectors.recommendations import active_themes as active_themes
from insights.selectors.recommendations import confirmed_points as confirmed_points
from insights.selectors.recommendations import overdue_recommendations as overdue_recommendations
from insights.selectors.recommendations import owner_areas as owner_areas
from insights.selectors.recommendations import point_text as point_text
from insights.selectors.recommendations import points_for_meeting as points_for_meeting
from insights.selectors.recommendations import recommendation_history as recommendation_history
from insights.selectors.recommendations import recommendation_list as recommendation_list
from insights.selectors.recommendations import recommendation_overview as recommendation_overview
from insights.selectors.recommendations import recommendation_points as recommendation_points
from insights.selectors.recommendations import status_counts as status_counts
from insights.selectors.yousaid import AGENDA_TITLE as AGENDA_TITLE
from insights.selectors.yousaid import AGENDA_TITLES as AGENDA_TITLES
from insights.selectors.yousaid import Entry as Entry
from insights.selectors.yousaid import ForumStory as ForumStory
from insights.selectors.yousaid import PublicEntry as PublicEntry
from insights.selectors.yousaid import ThemeGroup as ThemeGroup
from insights.selectors.yousaid import agenda_item_on as agenda_item_on
from insights.selectors.yousaid import agenda_summary as agenda_summary
from insights.selectors.yousaid import digest_due as digest_due
from insights.selectors.yousaid import forum_names as forum_names
from insights.selectors.yousaid import forum_you_said_we_did as forum_you_said_we_did
from insights.selectors.yousaid import may_be_told as may_be_told
from insights.selectors.yousaid import member_you_said_we_did as member_you_said_we_did
from insights.selectors.yousaid import next_meeting_of as next_meeting_of
from insights.selectors.yousaid import progress_words as progress_words
from insights.selectors.yousaid import public_you_said_we_did as public_you_said_we_did
from insights.selectors.yousaid import recommendations_moved as recommendations_moved
from insights.selectors.yousaid import status_sentence as status_sentence
from insights.selectors.yousaid import status_words as status_words
