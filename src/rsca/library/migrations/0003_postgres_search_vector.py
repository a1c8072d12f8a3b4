from django.db import migrations


def forwards(apps, schema_editor):
    from rsca.library.fulltext import POSTGRES_INSTALL

    if schema_editor.connection.vendor == "postgresql":  # SQLite's FTS5 index is unchanged
        for statement in POSTGRES_INSTALL:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS library_resource_vector_gin")
        schema_editor.execute("ALTER TABLE library_resource DROP COLUMN IF EXISTS search_vector")
        schema_editor.execute("CREATE INDEX IF NOT EXISTS library_resource_search_gin ON library_resource "
                              "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, ''::text)))")


class Migration(migrations.Migration):
    dependencies = [("library", "0002_fulltext_index")]
    operations = [migrations.RunPython(forwards, backwards)]
