"""Test-wide settings: every run gets its own CONTINGENT_HOME (database, keys) so tests never
touch a developer's demo data."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("CONTINGENT_HOME", tempfile.mkdtemp(prefix="contingent-test-"))
os.environ.setdefault(
    "CONTINGENT_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789"
)
