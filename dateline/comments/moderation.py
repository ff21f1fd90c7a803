"""Moderation rules: which state a new comment starts in, and the banned-word check."""

from __future__ import annotations

import re

from dateline.readers.text import fold

from .models import CommentSettings, CommentState, HeldReason, ModerationMode


def find_banned_word(text: str, words: list[str]) -> str | None:
    """Return the first of ``words`` found in ``text`` as a whole word, or ``None``.

    Both are compared in their folded form (``dateline.readers.text.fold``: NFKC,
    zero-width characters and soft hyphens dropped, Latin/Cyrillic look-alikes as one
    letter, case-folded, «ё» as «е»), so «ду\u200bрак», «дурaк» (Latin a) and «ДУРАК»
    all match «дурак». A match needs word boundaries on both sides (so "ass" does not
    match "class"); a phrase of several words matches with any run of white space
    between them.
    """
    folded = fold(text)
    for word in words:
        parts = fold(word).split()
        if not parts:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in parts) + r"(?!\w)"
        if re.search(pattern, folded):
            return word
    return None


def initial_state(settings: CommentSettings, language: str, text: str) -> tuple[str, str]:
    """Return ``(state, held_reason)`` of a new comment in ``language`` with ``text`` (name and body).

    A banned word of the language sends the comment to the queue whatever the mode;
    otherwise pre-moderation holds it and post-moderation approves it at once.
    """
    if find_banned_word(text, settings.banned_words(language)):
        return CommentState.PENDING, HeldReason.BANNED_WORD
    if settings.moderation_mode == ModerationMode.POST:
        return CommentState.APPROVED, HeldReason.NONE
    return CommentState.PENDING, HeldReason.PREMODERATION
