"""Template tags of the ratings app."""

from django import template

from ..actions import InvalidStars, parse_stars
from ..summary import figures_of, my_vote_text, summarize

register = template.Library()


@register.simple_tag
def article_rating(article) -> dict:
    """Return the article's rating summary at render time (the same for every reader; see ``summarize``)."""
    count, total = figures_of(article.pk)
    return summarize(count, total)


@register.simple_tag
def rated_message(raw) -> str:
    """Return "Your vote: 4 of 5" for the ``?rated=4`` the no-JavaScript vote redirects to, else ""."""
    try:
        return my_vote_text(parse_stars(raw or ""))
    except InvalidStars:
        return ""
