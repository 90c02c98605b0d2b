"""Writes for post-contact feedback, one module per feature:

- `feedback.services.responses`: codes, teams and postings, starting the form, saving a
  response (routed to the Victim Focus Desk when it suggests a risk or a complaint), the
  desk's handling, and the retention batches. Re-exported here: `from feedback import
  services` then `services.response_submit(...)`.
- `feedback.services.invitations`: invitations by text message or email, their links, and
  API integrations (`from feedback.services import invitations`).
"""

from feedback.services.responses import CHANNELS as CHANNELS
from feedback.services.responses import COMMENT_MAX_LENGTH as COMMENT_MAX_LENGTH
from feedback.services.responses import COMMENT_PURPOSE as COMMENT_PURPOSE
from feedback.services.responses import EQUALITY_FIELDS as EQUALITY_FIELDS
from feedback.services.responses import CoreAnswers as CoreAnswers
from feedback.services.responses import Submitted as Submitted
from feedback.services.responses import borough_general_team as borough_general_team
from feedback.services.responses import code_generate as code_generate
from feedback.services.responses import form_session_start as form_session_start
from feedback.services.responses import (
    invitation_contact_clear_batch as invitation_contact_clear_batch,
)
from feedback.services.responses import officer_posting_set as officer_posting_set
from feedback.services.responses import response_comment_drop_batch as response_comment_drop_batch
from feedback.services.responses import response_equality_record as response_equality_record
from feedback.services.responses import response_submit as response_submit
from feedback.services.responses import routed_comment_handle as routed_comment_handle
from feedback.services.responses import team_code_ensure as team_code_ensure
from feedback.services.responses import team_ensure as team_ensure
