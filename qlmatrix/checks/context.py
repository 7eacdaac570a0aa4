"""Look-ups every rule needs, computed once per plan so checks stay linear."""

from __future__ import annotations

import difflib
import functools

from ..model import LEAD_REFERENCE, Plan, Ref, Unit


class Context:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.units: tuple[Unit, ...] = tuple(plan.all_units())
        by_name: dict[str, Unit] = {}
        for unit in self.units:
            for known in unit.names:
                by_name.setdefault(known, unit)
        self.by_name = by_name

    def resolve(self, ref: Ref) -> Unit | None:
        return self.by_name.get(ref.name)

    def is_known(self, ref: Ref) -> bool:
        return ref.name in self.by_name or ref.name == LEAD_REFERENCE

    @functools.cached_property
    def _candidates(self) -> list[str]:
        return list(self.by_name)

    def suggest(self, name: str) -> str | None:
        """The declared name closest to `name`, for "did you mean"."""
        close = difflib.get_close_matches(name, self._candidates, n=1, cutoff=0.5)
        return close[0] if close else None
