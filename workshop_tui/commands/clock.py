"""The day it is in Belgium, whatever the machine's time zone (the default `today` of the checks)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def today_in_belgium() -> date:
    return datetime.now(BRUSSELS).date()
