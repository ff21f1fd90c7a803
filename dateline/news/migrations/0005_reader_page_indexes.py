"""Two partial indexes that keep every reader page's checks flat as the archive grows (``make bench``).

* ``wagtailcore_page (path) WHERE NOT live AND numchild > 0``: ``ArticlePage.objects.visible()``
  looks for unpublished pages with children (an article under a hidden section is hidden);
  without it that query read the whole page table, twice per page (21 ms at 100,000
  articles on PostgreSQL), with it it reads only those few pages (0.04 ms).
* ``news_articlepage (published_at) WHERE breaking``: the breaking-news banner of every
  page asks for the newest breaking article; with none breaking, that walked every article
  (71 ms at 100,000), with it the few breaking ones (0.03 ms).

Plain SQL that PostgreSQL and SQLite both read, outside the models' state (the first is on
Wagtail's table): nothing for ``makemigrations`` to follow.
"""

from django.db import migrations

INDEXES = {
    "dateline_page_hidden_parents": "wagtailcore_page (path) WHERE NOT live AND numchild > 0",
    "dateline_article_breaking": "news_articlepage (published_at) WHERE breaking",
}


class Migration(migrations.Migration):
    dependencies = [("news", "0004_lead_image_photo_caption_credit"), ("wagtailcore", "0001_initial")]
    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}", f"DROP INDEX IF EXISTS {name}")
        for name, definition in INDEXES.items()
    ]
