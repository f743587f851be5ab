"""Installs the catalogue of services (MBE, JMD, KIM, ...) from fixtures/services.json."""

from django.db import migrations

from teilhabe.organisations.catalogue import install_service_catalogue


def install(apps, schema_editor):
    install_service_catalogue(apps.get_model("organisations", "Service"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
