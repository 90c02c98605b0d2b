"""URLs of post-contact feedback, one module per namespace (included in victimvoice/urls.py):

- `feedback.urls.responses` ("feedback"): the public form and the desk's routed queue.
- `feedback.urls.invitations` ("invitations"): invitation links, QR codes, invitations and
  API integrations.
- `feedback.urls.api` ("api", django-ninja's own): the JSON API at /api/v1/.
"""
