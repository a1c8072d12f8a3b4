"""PostgreSQL: the narrow full-text index table with its triggers replaces the expression index of the first
design (0002 installs the current design on a new database; SQLite: no change)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from rsca.library import fulltext

    if schema_editor.connection.vendor == "postgresql":
        fulltext.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0002_fulltext_index")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
