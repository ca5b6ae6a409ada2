"""Accounts storage: profiles (role + binding), organisations, invitations, API tokens and
failed-login counters.

Secrets (invitation codes, API tokens) are stored only as SHA-256 digests: a copy of the
database gives nobody a working token. SHA-256 (not Argon2) is right here because the secrets
are 256-bit random values, not human passwords: there is nothing to brute-force.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .roles import Role


def _role_choices() -> list[tuple[str, str]]:
    return [(r.value, r.value) for r in Role]


class Organisation(models.Model):
    """A humanitarian organisation (UN agency, NGO). The access app reuses it."""

    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """The role of one user, and what it is bound to.

    Invariant (database constraint): a liaison has a contributor and no organisation; a
    humanitarian officer has an organisation and no contributor; every other role has neither.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(max_length=20, choices=_role_choices())
    contributor = models.ForeignKey(
        "forcegen.Contributor", null=True, blank=True, on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="profile_binding_matches_role",
                condition=(
                    Q(role=Role.LIAISON, contributor__isnull=False, organisation__isnull=True)
                    | Q(
                        role=Role.HUMANITARIAN, organisation__isnull=False, contributor__isnull=True
                    )
                    | (
                        ~Q(role__in=[Role.LIAISON, Role.HUMANITARIAN])
                        & Q(contributor__isnull=True, organisation__isnull=True)
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        bound = self.contributor_id or self.organisation_id or ""
        return f"{self.user} ({self.role}{' ' if bound else ''}{bound or ''})"


class Invitation(models.Model):
    """An invitation to create an account in a given role. Single use, expires."""

    email = models.EmailField()
    role = models.CharField(max_length=20, choices=_role_choices())
    contributor = models.ForeignKey(
        "forcegen.Contributor", null=True, blank=True, on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)
    code_sha256 = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]


class ApiToken(models.Model):
    """A revocable API token. Only the SHA-256 of the token is kept; ``prefix`` (the first
    characters) lets a person recognise a token in a list without it being usable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class FailedLogin(models.Model):
    """Failed sign-ins per (username, client address). In the database rather than a cache so
    that several app servers share the count (the scale path runs several)."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45)
    failures = models.PositiveIntegerField(default=0)
    last_failed_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["username", "ip"], name="failed_login_key")]
