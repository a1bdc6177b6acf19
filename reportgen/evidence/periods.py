"""Period sanity: a period cannot end before it starts, and a figure an article reports
as done cannot cover days after the article was published.

Each rule gives a problem at the field to fix, with the fix. Run per fact, beside the
quote checks (the article's date comes from the sources file, part of the cache key).
"""

from __future__ import annotations

from ..problems import Problem
from .validate import Record
from .values import PartialDate

#: kinds whose period is of what already happened (a forecast is a target)
ACTUAL_KINDS = ("trade", "growth", "rank")


def period_problems(fact: Record, source: Record | None) -> list[Problem]:
    kind, period = fact.get("kind"), fact.get("period")
    if kind == "event":
        return _reversed(fact, fact.get("start"), fact.get("end"), ())
    if not period:
        return []
    end = period.get("end")
    problems = _reversed(fact, period.get("start"), end, ("period",))
    published = source.get("date") if source is not None else None
    if kind in ACTUAL_KINDS and end is not None and published is not None \
            and end.year >= published.year and end.last_day() > published.last_day():
        problems.append(Problem(
            "period-after-article",
            f"the period ends on {end.last_day()} (end: {end}), after the article's date "
            f"{published}: an article cannot report a figure for days after it was published",
            fact.location("period", "end"),
            hint=f"end the period by {published.last_day()} (the article's date, or the "
            "data's last day if it says); for a figure still to come, use kind target "
            "with basis forecast",
        ))
    return problems


def _reversed(fact: Record, start: PartialDate | None, end: PartialDate | None,
              at: tuple) -> list[Problem]:
    # (31 stands for the month's last day: exact, as start is a real date)
    if start is None or end is None or (start.year, start.month or 1, start.day or 1) <= \
            (end.year, end.month or 12, end.day or 31):
        return []
    return [Problem(
        "period-reversed",
        f"the period starts on {start.first_day()} (start: {start}) after it ends on "
        f"{end.last_day()} (end: {end})",
        fact.location(*at, "end"),
        hint="swap start and end, or correct the year",
    )]
