"""On SQLite, index Snowball stems (``dateline.search.stemming``) instead of FTS5's Porter stemmer.

The search backend now writes headlines and texts to ``wagtailsearch_indexentry`` as the
Snowball stems of their edition's language (Russian too, which FTS5 cannot stem) and stems
queries the same way. This migration rebuilds the FTS5 table with the plain ``unicode61``
tokenizer and rewrites the entries already indexed as stems (the language of a page's
locale; ``LANGUAGE_CODE`` for other objects), so no ``update_index`` is needed.
Backwards: the Porter table back, the entries left as stems (run ``update_index``).
Nothing happens on PostgreSQL or when FTS5 is absent.
"""

from django.conf import settings
from django.db import migrations

ENTRIES = "wagtailsearch_indexentry"
FTS = f"{ENTRIES}_fts"


def _fts_exists(cursor) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS])
    return cursor.fetchone() is not None


def _recreate_fts(cursor, tokenizer: str) -> None:
    cursor.execute(f"DROP TABLE {FTS}")
    cursor.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title, tokenize = '{tokenizer}')")
    cursor.execute(f"INSERT INTO {FTS} (rowid, autocomplete, body, title) SELECT id, autocomplete, body, title FROM {ENTRIES}")


def forward(apps, schema_editor):
    from dateline.search.stemming import stem_text

    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if not _fts_exists(cursor):
            return
        cursor.execute(
            "SELECT e.id, e.title, e.body, l.language_code FROM wagtailsearch_indexentry e "
            "LEFT JOIN wagtailcore_page p ON e.content_type_id = p.content_type_id AND e.object_id = CAST(p.id AS TEXT) "
            "LEFT JOIN wagtailcore_locale l ON l.id = p.locale_id"
        )
        rows = cursor.fetchall()
        for entry_id, title, body, language in rows:
            language = language or settings.LANGUAGE_CODE
            cursor.execute(
                f"UPDATE {ENTRIES} SET title = %s, body = %s WHERE id = %s",
                [stem_text(title, language), stem_text(body, language), entry_id],
            )
        _recreate_fts(cursor, "unicode61")


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if _fts_exists(cursor):
            _recreate_fts(cursor, "porter unicode61")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_sqlite_porter_tokenizer"),
        ("wagtailcore", "0057_page_locale_fields_notnull"),
    ]
    operations = [migrations.RunPython(forward, backward, elidable=False)]
