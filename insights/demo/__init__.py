"""Demo data of the feedback loop (seed_demo steps), one module per feature:

- `insights.demo.recommendations`: themes, owner areas, points and recommendations on the
  demo forums (`seed_insights`).
- `insights.demo.yousaid`: the "You said, we did" item and the member persona's digest
  (`seed_you_said_we_did`, after the monthly reports).
"""

from insights.demo.recommendations import FIRST_TITLE as FIRST_TITLE
from insights.demo.recommendations import seed_insights as seed_insights
from insights.demo.yousaid import seed_you_said_we_did as seed_you_said_we_did
