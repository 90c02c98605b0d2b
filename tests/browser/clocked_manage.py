"""`python -m tests.browser.clocked_manage <command> ...`: manage.py with the clock started at
VV_PRODUCT_CLOCK (an ISO time, Europe/London) and ticking from there, for browser journeys
that must happen on a given day (a Friday before a bank holiday). Test-only: time-machine is
a development dependency."""

import os
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine


def main() -> None:
    start = datetime.fromisoformat(os.environ["VV_PRODUCT_CLOCK"])
    if start.tzinfo is None:
        start = start.replace(tzinfo=ZoneInfo("Europe/London"))
    time_machine.travel(start, tick=True).start()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", *sys.argv[1:]])


if __name__ == "__main__":
    main()
