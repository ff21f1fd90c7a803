"""An index on ``wagtailcore_page (last_published_at)`` for the ninjs list's newest-first order.

The list orders by the later of an article's last publication and its ``published_at``
(``distribution.ninjs.newest_versions``); it reads the first items by each of the two
columns from an index. ``published_at`` has its own (``ArticlePage``); Wagtail indexes
``first_published_at`` but not ``last_published_at``. Plain SQL that PostgreSQL and SQLite
both read, on Wagtail's table, as in 0005.
"""

from django.db import migrations

NAME = "dateline_page_last_published"


class Migration(migrations.Migration):
    dependencies = [("news", "0005_reader_page_indexes")]
    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page (last_published_at)",
            f"DROP INDEX IF EXISTS {NAME}",
        )
    ]
