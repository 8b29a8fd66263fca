"""Replay history at its dates: the demo runs the real services (so every change has
its audit entry and its rules are checked) with the clock set to the day it happened."""

from contextlib import contextmanager
from datetime import date, datetime, time
from unittest import mock

from django.utils import timezone


@contextmanager
def on(day: date, hour: int = 9):
    moment = timezone.make_aware(datetime.combine(day, time(hour)))
    with mock.patch.object(timezone, "now", return_value=moment):
        yield moment
