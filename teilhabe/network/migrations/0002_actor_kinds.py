"""Installs the catalogue of actor kinds from fixtures/actor_kinds.json."""

from django.db import migrations

from teilhabe.network.catalogue import install_actor_kinds


def install(apps, schema_editor):
    install_actor_kinds(apps.get_model("network", "ActorKind"))


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
