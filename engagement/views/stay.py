"""The link in "do you want to stay on the register?" (engagement/services/housekeeping.py).
A GET only asks (mail scanners open links); the answer is a POST. The page never shows the
person's name or details: whoever holds the link sees only the question."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from engagement.services.housekeeping import participant_for_stay_token, participant_stay_answer
from lib.rules import RuleBroken


@never_cache
@require_http_methods(["GET", "POST"])
def stay(request: HttpRequest, token: str) -> HttpResponse:
    participant = participant_for_stay_token(token)
    if participant is None:
        return render(
            request,
            "engagement/stay/unusable.html",
            {"contact_email": settings.CONTACT_EMAIL},
            status=404,
        )
    if request.method == "POST":
        choice = request.POST.get("stay")
        if choice in ("yes", "no"):
            try:
                participant_stay_answer(participant=participant, stay=choice == "yes")
            except RuleBroken:
                return render(
                    request,
                    "engagement/stay/unusable.html",
                    {"contact_email": settings.CONTACT_EMAIL},
                    status=404,
                )
            return render(
                request,
                "engagement/stay/answered.html",
                {"stayed": choice == "yes", "days": settings.ENGAGEMENT_LEFT_DAYS},
            )
        return render(request, "engagement/stay/ask.html", {"error": True}, status=400)
    return render(request, "engagement/stay/ask.html", {"error": False})
