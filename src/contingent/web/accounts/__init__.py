"""People and roles: who is signed in, in which role, bound to which contributor or organisation.

Public names other apps use:

- ``roles.Role`` — the roles of DESIGN.md's table (planner, liaison, humanitarian, operations,
  auditor, admin); ``roles.role_of(user)`` gives ``Role | None`` (``None``: anonymous or no profile).
- ``decorators.role_required(*roles)`` — page decorator: anonymous → redirect to the login page,
  wrong role → 403.
- ``request.user.profile.role / .contributor / .organisation`` (``models.Profile``).
- ``tokens.issue_token / user_for_token / revoke_token`` — API tokens stored hashed.
- ``throttle`` — failed-login counting and lock-out.
"""
