"""Figures shown as the report prints them: 197, 169.5, 15.60, 85.00%."""

from __future__ import annotations

from decimal import Decimal

from django import template

from pinggu._numbers import plain as plain_number

register = template.Library()


def _number(value: object) -> Decimal | None:
    """A template variable that is missing resolves to "": show a dash, not an error."""
    return Decimal(value) if isinstance(value, Decimal | int) else None


@register.filter
def plain(value: object) -> str:
    number = _number(value)
    return "—" if number is None else plain_number(number)


@register.filter
def points(value: object) -> str:
    number = _number(value)
    return "—" if number is None else f"{number:.2f}"


@register.filter
def pct(value: object) -> str:
    number = _number(value)
    return "—" if number is None else f"{number:.2f}%"


@register.filter
def get_item(mapping: dict[str, str], key: str) -> str:
    """A workflow step's Chinese name by its id (templates cannot index a dict by a variable)."""
    return mapping.get(key, key)
