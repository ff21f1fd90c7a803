"""On SQLite, rebuild Wagtail's FTS5 search table with the Porter stemmer ("treaties" finds "treaty").

Wagtail creates ``wagtailsearch_indexentry_fts`` with FTS5's default ``unicode61`` tokenizer
(no stemming). This migration recreates it with ``porter unicode61`` (English stemming;
Cyrillic words pass through unstemmed) and copies the index entries back, so no
``update_index`` is needed. Nothing happens on PostgreSQL or when FTS5 is absent.
"""

from django.db import migrations

TOKENIZERS = {"forward": "porter unicode61", "backward": "unicode61"}


def _rebuild_fts_table(schema_editor, tokenizer: str) -> None:
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    entries = "wagtailsearch_indexentry"
    fts = f"{entries}_fts"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [fts])
        if cursor.fetchone() is None:
            return  # SQLite without FTS5: Wagtail uses its fallback backend
        cursor.execute(f"DROP TABLE {fts}")
        cursor.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(autocomplete, body, title, tokenize = '{tokenizer}')")
        cursor.execute(
            f"INSERT INTO {fts} (rowid, autocomplete, body, title) SELECT id, autocomplete, body, title FROM {entries}"
        )


def forward(apps, schema_editor):
    _rebuild_fts_table(schema_editor, TOKENIZERS["forward"])


def backward(apps, schema_editor):
    _rebuild_fts_table(schema_editor, TOKENIZERS["backward"])


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]
    operations = [migrations.RunPython(forward, backward, elidable=False)]
