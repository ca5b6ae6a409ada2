"""API schemas: ``inputs`` (strict, validated at the edge) and ``outputs`` (what the API
returns, the error envelope included). The OpenAPI document is generated from these classes."""

from .inputs import *  # noqa: F403
from .inputs import __all__ as _inputs
from .outputs import *  # noqa: F403
from .outputs import __all__ as _outputs

__all__ = [*_inputs, *_outputs]
