"""The figures of an article's rating as the reader sees them, in the current language.

Numbers are formatted by Django's localisation (English "4.3", Russian "4,3") and
the vote count by ``ngettext`` (Russian has three plural forms: 1 голос,
2 голоса, 5 голосов), so that the page's JavaScript needs no string catalog.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.utils import formats
from django.utils.translation import gettext, ngettext

from .models import MAX_STARS, ArticleRating, average_of


def figures_of(article_id: int) -> tuple[int, int]:
    """Return ``(vote_count, vote_sum)`` of the article ``article_id`` (zeros without votes)."""
    row = ArticleRating.objects.filter(pk=article_id).values_list("vote_count", "vote_sum").first()
    return row if row else (0, 0)


def figures_annotations() -> dict:
    """``rating_vote_count`` and ``rating_vote_sum`` of each article as subqueries (``None`` without votes), read
    with the article that an article page routes to (``news.models.ARTICLE_ANNOTATIONS_HOOK``)."""
    rating = ArticleRating.objects.filter(pk=OuterRef("pk")).order_by()
    return {
        "rating_vote_count": Subquery(rating.values("vote_count")[:1]),
        "rating_vote_sum": Subquery(rating.values("vote_sum")[:1]),
    }


def figures_for(article) -> tuple[int, int]:
    """``(vote_count, vote_sum)`` of ``article``: read with it when it was routed to (``figures_annotations``),
    else from the database (``figures_of``)."""
    if "rating_vote_count" in article.__dict__:
        return article.rating_vote_count or 0, article.rating_vote_sum or 0
    return figures_of(article.pk)


def summarize(vote_count: int, vote_sum: int, my_vote: int | None = None) -> dict:
    """Return the JSON-ready summary of a rating in the current language.

    ``{"count": int, "average": float|None (one decimal), "averageText": "4,3", "countText":
    "12 голосов", "stars": int (the average rounded to whole stars, for the star display),
    "myVote": int|None, "myVoteText": "Ваша оценка: 4 из 5" or ""}``.
    """
    average = average_of(vote_count, vote_sum)
    if average is None:
        average_text = ""
        count_text = gettext("No votes yet")
    else:
        average_text = formats.number_format(average, decimal_pos=1, use_l10n=True)
        count_text = ngettext("%(count)s vote", "%(count)s votes", vote_count) % {
            "count": formats.number_format(vote_count, use_l10n=True, force_grouping=True)
        }
    return {
        "count": vote_count,
        "average": float(average) if average is not None else None,
        "averageText": average_text,
        "countText": count_text,
        "stars": int(average.to_integral_value(rounding="ROUND_HALF_UP")) if average is not None else 0,
        "myVote": my_vote,
        "myVoteText": my_vote_text(my_vote),
    }


def my_vote_text(my_vote: int | None) -> str:
    """Return "Your vote: 4 of 5" in the current language, or "" without a vote."""
    if not my_vote:
        return ""
    return gettext("Your vote: %(value)s of %(max)s") % {"value": my_vote, "max": MAX_STARS}
