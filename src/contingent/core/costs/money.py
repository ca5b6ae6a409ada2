"""Money as ``Decimal`` US dollars rounded to the cent; floats are refused.

Why not float: a funding gap published to the cent must add up exactly in every export, and
``0.1 + 0.2`` does not. Why not integer cents everywhere: rates, contributions and exports are
read and written by people in dollars; ``Decimal`` keeps the dollars readable and exact.
Rounding is half-up to the cent (the usual accounting convention), applied once per
(deployment line, month) so each published cell is exactly the sum that produced it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from contingent.core.errors import ErrorCode, ValidationError

CENT = Decimal("0.01")


def to_usd(value: object, *, field: str) -> Decimal:
    """Parse ``value`` (Decimal, int or numeric string) into dollars; refuses floats and junk."""
    if isinstance(value, bool | float):
        raise ValidationError(
            "money must be a Decimal, an int or a numeric string, never a float",
            code=ErrorCode.INVALID_INPUT,
            fields={field: f"got {type(value).__name__}"},
        )
    try:
        amount = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise ValidationError(
            "not an amount of money", fields={field: f"cannot read {value!r}"}
        ) from None
    if not amount.is_finite():
        raise ValidationError("not an amount of money", fields={field: "not finite"})
    return amount


def cents(amount: Decimal) -> Decimal:
    """Round to the cent, half-up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
