"""Local calendar days: the store works in local time, the database keeps UTC.

The one place where a day or a date range becomes UTC bounds for queries on
``created_at``, and where a stored UTC moment becomes a local date or hour again.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """UTC-aware [start, end) of the local calendar day ``day`` (the machine's time zone)."""
    return period_bounds(day, day)


def period_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """UTC-aware [start, end) from the local start of ``date_from`` to the local end of ``date_to``."""
    if date_to < date_from:
        raise ValidationError(_("Tanggal akhir {date_to} lebih awal dari tanggal mulai {date_from}",
                                date_to=date_to.strftime("%d-%m-%Y"), date_from=date_from.strftime("%d-%m-%Y")))
    start = datetime.combine(date_from, time()).astimezone()
    # the next day's local midnight, not start + 24 h: right across a daylight-saving change too
    end = datetime.combine(date_to + timedelta(days=1), time()).astimezone()
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def _aware(moment: datetime) -> datetime:
    # the database hands back UTC; a naive value can only have come from there
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def local_date(dt: datetime) -> date:
    """The local calendar date of a stored moment."""
    return _aware(dt).astimezone().date()


def local_hour(dt: datetime) -> int:
    """The local hour of the day (0-23) of a stored moment."""
    return _aware(dt).astimezone().hour
