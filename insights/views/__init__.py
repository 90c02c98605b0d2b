"""Pages of the feedback loop, one module per feature (urls: insights.urls.staff and
insights.urls.public):

- `insights.views.recommendations`: capture of feedback points (facilitators),
  recommendations (programme admins), police review (police leads) and the Head of
  Profession's overview; the role decorators and page helpers the other modules share.
- `insights.views.lists`: the managed lists (programme admins): themes, owner areas and
  police leads' positions.
- `insights.views.yousaid`: "You said, we did": the public page and the facilitator's button
  that puts the item on the forum's next meeting.
"""
