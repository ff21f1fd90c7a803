"""Readers' 1-5 star ratings of articles.

- ``models``: ``Vote`` (one per article per account or per anonymous reader cookie) and
  ``ArticleRating`` (running count and sum, updated in the vote's transaction).
- ``actions``: ``cast_vote`` and ``delete_vote``, the only writes; they lock the article's
  ``ArticleRating`` row, so figures are exact under concurrency (PostgreSQL).
- ``views.rate``: ``/<lang>/-/ratings/<page_id>/`` - GET: the no-JavaScript rating page;
  POST: a vote, answered as JSON for the widget or by a 303 back to the article.
- ``reader_state``: the "ratings" part of the reader state JSON (the reader's vote).
- ``summary``: the figures as text in the current language (decimal comma, plural forms).
- ``admin_views`` / ``wagtail_hooks``: the "Ratings" menu of the Wagtail admin.

Each edition's article (English original, Russian translation) has its own rating.
"""
