"""Subcommands of ``contingent`` beyond the core ones in ``contingent.cli``.

Each module here defines ``register(subparsers)`` adding its parser(s) with ``set_defaults(func=…)``;
``func(args) -> int`` runs after Django is set up. Add a module, then list it in ``MODULES``.
"""

from __future__ import annotations

import argparse
from importlib import import_module

MODULES: list[str] = ["transparency", "access", "plan"]


def register_all(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for name in MODULES:
        import_module(f"{__name__}.{name}").register(subparsers)
