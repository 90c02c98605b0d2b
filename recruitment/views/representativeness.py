"""The representativeness page for programme admins (recruitment.representativeness)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import role_required
from accounts.roles import Role
from lib.suppression import default_k
from recruitment.models import Cohort
from recruitment.reference import census
from recruitment.representativeness import funnel_labels, representativeness_report


@role_required(Role.PROGRAMME_ADMIN)
def representativeness(request: HttpRequest) -> HttpResponse:
    cohorts = list(Cohort.objects.order_by("position", "name"))
    slug = request.GET.get("forum") or ""
    cohort = None
    if slug:
        cohort = next((c for c in cohorts if c.slug == slug), None)
        if cohort is None:
            raise Http404
    return render(
        request,
        "recruitment/staff/representativeness.html",
        {
            "cohorts": cohorts,
            "cohort": cohort,
            "reports": representativeness_report(cohort=cohort),
            "columns": list(funnel_labels().values()),
            "area": census.area_name(),
            "k": default_k(),
        },
    )
