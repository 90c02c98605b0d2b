"""The engagement register's services, one module per feature (docs/architecture.md)."""

from engagement.services.requests import (
    opportunity_from_request,
    request_decide,
    request_resubmit,
    request_submit,
    request_withdraw,
)
from engagement.services.terms import terms_on, terms_set

# Every feature adds the names other code needs to this one list.
__all__ = [
    "opportunity_from_request",
    "request_decide",
    "request_resubmit",
    "request_submit",
    "request_withdraw",
    "terms_on",
    "terms_set",
]
