from django.db import transaction

from pages.models import Satisfaction, ServiceFeedback


@transaction.atomic
def service_feedback_record(*, satisfaction: Satisfaction | str, comments: str) -> ServiceFeedback:
    """Store feedback about the website. It holds no name or contact details."""
    return ServiceFeedback.objects.create(
        satisfaction=Satisfaction(satisfaction), comments=comments.strip()
    )
