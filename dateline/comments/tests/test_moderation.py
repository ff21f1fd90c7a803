"""Moderation rules: pre/post mode, banned words per language (whole word, any case, ё = е)."""

import pytest

from dateline.comments.models import CommentSettings, CommentState, HeldReason, ModerationMode
from dateline.comments.moderation import find_banned_word, initial_state


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Buy CHEAP pills now", "cheap"),
        ("a cheaply made argument", None),  # whole words only
        ("Это ЁЛКА", "елка"),  # ё and е are one letter for the list
        ("это елка", "елка"),
        ("ёлочка", None),
        ("casino  online here", "casino online"),  # a phrase, any white space between its words
        ("casino", None),
    ],
)
def test_find_banned_word(text, found):
    assert find_banned_word(text, ["cheap", "елка", "casino online"]) == found


def test_pre_moderation_holds_every_comment():
    settings = CommentSettings(moderation_mode=ModerationMode.PRE)
    assert initial_state(settings, "en", "Fine words") == (CommentState.PENDING, HeldReason.PREMODERATION)


def test_post_moderation_approves_at_once():
    settings = CommentSettings(moderation_mode=ModerationMode.POST)
    assert initial_state(settings, "en", "Fine words") == (CommentState.APPROVED, HeldReason.NONE)


def test_banned_word_holds_a_comment_even_in_post_moderation():
    settings = CommentSettings(moderation_mode=ModerationMode.POST, banned_words_en="spam\n", banned_words_ru="дурак")
    assert initial_state(settings, "en", "This is SPAM.") == (CommentState.PENDING, HeldReason.BANNED_WORD)
    assert initial_state(settings, "ru", "Сам Дурак!") == (CommentState.PENDING, HeldReason.BANNED_WORD)
    # each language has its own list
    assert initial_state(settings, "en", "Сам дурак") == (CommentState.APPROVED, HeldReason.NONE)
