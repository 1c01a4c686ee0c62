"""Figures shown as the report prints them: 197, 169.5, 15.60, 85.00%."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pinggu import plain as plain_number

from .. import access, roles
from ..dashboard.board import Cell, Table

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


@register.simple_tag
def table_body(table: Table) -> SafeString:
    """A dashboard table's rows. Written in Python, not as a template loop: the city's heat
    table has hundreds of rows of dozens of cells, and the template engine took seconds."""
    round_url = reverse("round", args=[0]).removesuffix("0/")
    rows = []
    for row in table.rows:
        link = row.link or (f"{round_url}{row.round_id}/" if row.round_id else "")
        cells = "".join(_cell_html(cell, link) for cell in row.cells)
        rows.append(f"<tr>{cells}</tr>")
    return mark_safe("\n".join(rows))  # every value is escaped in _cell_html


def _cell_html(cell: Cell, link: str) -> str:
    css = cell.kind + (f" flag-{cell.flag}" if cell.flag else "")
    value = cell.value
    if value is None:
        text = "—"
    elif cell.kind == "station" and link:
        text = f'<a href="{escape(link)}">{escape(value)}</a>'
    elif isinstance(value, date):
        text = value.strftime("%Y-%m-%d")
    elif not cell.is_number:
        text = escape(value)
    elif cell.kind == "percent":
        text = pct(value)
    elif cell.kind == "percent1":
        text = f"{Decimal(value):.1f}%"
    elif cell.kind == "points":
        text = points(value)
    elif cell.kind == "change":
        text = ("+" if isinstance(value, Decimal | int) and value > 0 else "") + points(value)
    else:
        text = plain(value)
    return f'<td class="{css}">{text}</td>'


@register.filter
def may(user: User | AnonymousUser, action: str) -> bool:
    """Whether the user, by any of their memberships, may take `action` (roles.py): for links
    in the layout, outside any one round."""
    return roles.can(access.roles(user), action)
