"""Background work of the feedback loop, one module per feature, scheduled in
lib/scheduler.py by each task's own dotted path (what django-tasks records):

- `insights.tasks.recommendations.send_overdue_summary`: each morning, the overdue summary.
- `insights.tasks.yousaid.send_you_said_we_did`: each morning, "You said, we did".

Both are re-exported here, so a task queued under the path `insights.tasks.<name>` still
imports.
"""

from insights.tasks.recommendations import send_overdue_summary as send_overdue_summary
from insights.tasks.yousaid import send_you_said_we_did as send_you_said_we_did
