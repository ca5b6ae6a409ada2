from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from contingent.web.accounts.roles import role_of

from .schemas import ErrorOut, MeOut

router = Router(tags=["accounts"])


@router.get("", response={200: MeOut, 401: ErrorOut}, operation_id="get_me")
def get_me(request: HttpRequest) -> dict:
    user = request.auth  # type: ignore[attr-defined]
    role = role_of(user)
    profile = getattr(user, "profile", None)
    return {
        "username": user.get_username(),
        "role": role.value if role else None,
        "contributor": profile.contributor.code if profile and profile.contributor else None,
        "organisation": profile.organisation.key if profile and profile.organisation else None,
    }
