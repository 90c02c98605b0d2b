"""URLs of the feedback loop, one module per namespace (included in victimvoice/urls.py):

- `insights.urls.staff` ("insights", under /insights/): capture, recommendations, police
  review, the managed lists and the "You said, we did" agenda button.
- `insights.urls.public` ("yousaid", under /you-said-we-did/): the public page, no account.
"""
