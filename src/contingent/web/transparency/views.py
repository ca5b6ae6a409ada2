"""Public portal pages (no login)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def portal(request: HttpRequest) -> HttpResponse:
    return render(request, "transparency/portal.html", {})
