"""`teilhabe demo`: loads the demo city "Musterstadt" into an empty database."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from teilhabe.core.cli_support import activate_cli_language
from teilhabe.demo import musterstadt
from teilhabe.organisations.models import Organisation


class Command(BaseCommand):
    help = 'Loads the demo city "Musterstadt" into an empty database and prints the logins.'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (but print the logins) when the demo city is already loaded",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=musterstadt.DEMO_SCALE,
            help="size of the casework: 1 is a big city (60,000 clients, about 90,000 cases, "
            "600,000 sessions, 150,000 goals); the default is a small town",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        activate_cli_language()
        if musterstadt.is_loaded():
            if not options["if_empty"]:
                self.stderr.write(_("The demo city is already loaded."))
                sys.exit(1)
        elif Organisation.objects.exists():
            self.stderr.write(
                _("The database is not empty; the demo city is loaded only into an empty one.")
            )
            sys.exit(1)
        else:
            musterstadt.load(options["scale"])
            self.stdout.write(_('Demo city "Musterstadt" loaded.'))
        self.print_logins()

    def print_logins(self) -> None:
        logins = musterstadt.demo_logins()
        self.stdout.write("")
        self.stdout.write(_("Demo logins (password for all: %s):") % logins[0].password)
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(
                f"  {login.username.ljust(width)}  {login.role} – {login.organisation}"
            )
        self.stdout.write("")
