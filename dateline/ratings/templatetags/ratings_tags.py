"""Template tags of the ratings app."""

from django import template

from ..forms import VoteForm
from ..summary import figures_for, my_vote_text, summarize

register = template.Library()


@register.simple_tag
def article_rating(article) -> dict:
    """Return the article's rating summary at render time (the same for every reader; see ``summarize``)."""
    count, total = figures_for(article)
    return summarize(count, total)


@register.simple_tag
def rated_message(raw) -> str:
    """Return "Your vote: 4 of 5" for the ``?rated=4`` the no-JavaScript vote redirects to, else ""."""
    value = VoteForm.chosen(raw or "")
    return my_vote_text(value) if value is not None else ""
