"""A per-process cache keyed by what makes a value stale. Its one use is the working-day
calendar (rounds/workflow.py): every round page needs it and it changes once a year. Results
are stored in the database instead (engine.py), so every process and restart shares them.

A changed input means a new key, so an entry is never invalidated: a stale one is simply never
looked up again, and the whole cache is dropped when it is full.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self._size = size
        self._items: dict[K, V] = {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value for `key`, made (and kept) on first use."""
        if key in self._items:
            return self._items[key]
        if len(self._items) >= self._size:
            self._items.clear()
        value = self._items[key] = make()
        return value
