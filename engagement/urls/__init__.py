"""The engagement register's URLs, one module per feature, in one namespace.

Mounted at the site's root: each module's paths start with their own prefix:
`register/` (public: joining, the links in invitations), `portal/register/` (a
participant's own pages) and `engagement/` (the programme team and partner agencies).
URLs carry record ids, tokens or step names only, never personal data.
"""

from engagement.urls import (
    booking,
    invitations,
    joining,
    material,
    opportunities,
    portal,
    requests,
    results,
    selection,
    stay,
    surveys,
)

app_name = "engagement"

urlpatterns = [
    *joining.urlpatterns,
    *portal.urlpatterns,
    *requests.urlpatterns,
    *opportunities.urlpatterns,
    *invitations.urlpatterns,
    *surveys.urlpatterns,
    *results.urlpatterns,
    *selection.urlpatterns,
    *material.urlpatterns,
    *booking.urlpatterns,
    *stay.urlpatterns,
]
