"""Pages of post-contact feedback, one module per feature:

- `feedback.views.responses`: the public feedback form and the Victim Focus Desk's queue of
  routed comments (urls: feedback.urls.responses).
- `feedback.views.invitations`: invitation links, QR codes, sending invitations and API
  integrations (urls: feedback.urls.invitations).

The JSON API's operations are in feedback/api.py (urls: feedback.urls.api).
"""
