"""Readers' comments on articles, the site's moderation settings, and closed comment threads.

A comment is stored exactly as the reader sent it (name, optional e-mail, plain-text
body); it is only ever rendered escaped (see ``formatting.comment_html``). The
reader's address is kept as a keyed hash, never in clear.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

NAME_MAX_LENGTH = 80  # characters
BODY_MIN_LENGTH = 2  # characters (a line break counts as one)
BODY_MAX_LENGTH = 5000  # characters (a line break counts as one)


class CommentState(models.TextChoices):
    """Where a comment is in moderation; only ``APPROVED`` comments are shown to everyone."""

    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class HeldReason(models.TextChoices):
    """Why a comment went to the moderation queue instead of straight onto the page."""

    NONE = "", _("Not held")
    PREMODERATION = "premoderation", _("Pre-moderation")
    BANNED_WORD = "banned_word", _("Banned word")


class ReaderComment(models.Model):
    """One reader's comment on one article, or a reply (one level) to such a comment.

    ``parent`` is always a top-level comment of the same article: a reply to a reply
    is attached to the top-level comment (``actions.post_comment`` sees to it).
    """

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Never shown on the site."))
    body = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    state = models.CharField(
        _("state"), max_length=10, choices=CommentState.choices, default=CommentState.PENDING, db_index=True
    )
    held_reason = models.CharField(_("held for"), max_length=20, choices=HeldReason.choices, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reader_hash = models.CharField(_("reader"), max_length=64, db_index=True, editable=False)
    ip_hash = models.CharField(_("address (hashed)"), max_length=64, db_index=True, editable=False)
    form_nonce = models.CharField(max_length=64, unique=True, editable=False)

    panels = [FieldPanel("state")]

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["article", "state", "created_at"])]

    def __str__(self) -> str:
        text = " ".join(self.body.split())
        return f"{self.name}: {text[:60]}{'…' if len(text) > 60 else ''}"

    def queue_title(self):
        """The queue's title column: name and the start of the body, each isolated (``<bdi>``, escaped HTML).

        Isolation keeps a right-to-left name (or a stray override character) from
        reordering the rest of the row (Unicode bidirectional algorithm, UAX #9).
        """
        text = " ".join(self.body.split())
        start = f"{text[:60]}{'…' if len(text) > 60 else ''}"
        return format_html('<bdi dir="auto">{}</bdi>: <bdi dir="auto">{}</bdi>', self.name, start)

    queue_title.short_description = _("comment")


class ArticleCommentStatus(models.Model):
    """Whether comments are closed on one article (no row: open).

    Each edition's article (each translation) is closed separately; editors use the
    "Close comments" button of the page in the Wagtail admin.
    """

    article = models.OneToOneField(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comment_status",
    )
    closed = models.BooleanField(_("comments closed"), default=False)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("article comment status")
        verbose_name_plural = _("article comment statuses")

    def __str__(self) -> str:
        return str(self.article)

    @classmethod
    def closed_on(cls, article_id):
        """The status row of the article ``article_id`` (a value or an ``OuterRef``) when its comments are
        closed: empty when they are open."""
        return cls.objects.filter(article_id=article_id, closed=True)


class ModerationMode(models.TextChoices):
    """When a comment appears: after an editor approves it, or at once (editors remove it later)."""

    PRE = "pre", _("Pre-moderation: comments appear after an editor approves them")
    POST = "post", _("Post-moderation: comments appear at once, editors can remove them")


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """Site setting: the moderation mode and the banned words of each language.

    Banned words are one per line, matched as whole words, case-insensitively, with
    «ё» and «е» treated alike; a comment containing one always goes to the queue.
    """

    moderation_mode = models.CharField(
        _("moderation"), max_length=4, choices=ModerationMode.choices, default=ModerationMode.PRE
    )
    banned_words_en = models.TextField(
        _("banned words (English)"),
        blank=True,
        help_text=_("One word or phrase per line. A comment that contains one always waits for moderation."),
    )
    banned_words_ru = models.TextField(
        _("banned words (Russian)"),
        blank=True,
        help_text=_("One word or phrase per line. A comment that contains one always waits for moderation."),
    )

    panels = [
        FieldPanel("moderation_mode"),
        MultiFieldPanel([FieldPanel("banned_words_en"), FieldPanel("banned_words_ru")], heading=_("Banned words")),
    ]

    class Meta:
        verbose_name = _("comment moderation")

    def banned_words(self, language: str) -> list[str]:
        """Return the banned words and phrases of ``language`` ("en" or "ru"), blank lines dropped."""
        text = self.banned_words_ru if language == "ru" else self.banned_words_en
        return [line.strip() for line in text.splitlines() if line.strip()]
