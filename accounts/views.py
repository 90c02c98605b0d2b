from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import signed_in_required


@signed_in_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/dashboard.html")
