"""`teilhabe organisations create SLUG --name NAME --dienste MBE,IKB,JMD` (cli.md)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from teilhabe.core.cli_support import activate_cli_language
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.services import OrganisationError, create_organisation


class Command(BaseCommand):
    help = "Manages provider organisations."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="creates an organisation")
        create.add_argument("slug")
        create.add_argument("--name", required=True)
        create.add_argument("--dienste", default="", help="services, e.g. MBE,IKB,JMD")
        create.add_argument(
            "--art", default=Organisation.Kind.PROVIDER, choices=Organisation.Kind.values
        )
        actions.add_parser("list", help="lists the organisations")

    def handle(self, *args: Any, **options: Any) -> None:
        activate_cli_language()
        if options["action"] == "list":
            for organisation in Organisation.objects.prefetch_related("services"):
                codes = ",".join(s.code for s in organisation.services.all())
                self.stdout.write(f"{organisation.slug}\t{organisation.name}\t{codes}")
            return
        try:
            organisation = create_organisation(
                options["slug"], options["name"], options["dienste"].split(","), options["art"]
            )
        except OrganisationError as error:
            self.stderr.write(str(error))
            sys.exit(1)
        self.stdout.write(_("Organisation %s created.") % organisation.slug)
