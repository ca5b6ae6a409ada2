"""``{{ value|label:"stage" }}``: the reader's word for a stored enum value (see labels.py)."""

from __future__ import annotations

from django import template

from ..labels import label as _label

register = template.Library()


@register.filter
def label(value: object, kind: str) -> str:
    return _label(kind, value)


@register.filter
def labels(values: object, kind: str) -> str:
    """A list of enum values as labels joined by commas; an em dash for none."""
    items = [_label(kind, v) for v in (values or [])]  # type: ignore[union-attr]
    return ", ".join(items) or "—"
