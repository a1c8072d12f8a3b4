from django.db import migrations


def forwards(apps, schema_editor):
    from rsca.library.fulltext import install

    install(schema_editor)


def backwards(apps, schema_editor):
    from rsca.library.fulltext import remove

    remove(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
