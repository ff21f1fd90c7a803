"""The newsroom's part of an article: urgency, breaking flag, embargo, corrections, publications.

``NewsroomArticleFields`` is mixed into ``ArticlePage``; ``ArticleCorrection`` and
``ArticlePublication`` are its records. ``released`` is the embargo rule every public
query applies (through ``ArticlePage.objects.visible()``).

Urgency follows the IPTC/agency scale of ninjs ``urgency`` (1 = most urgent, 9 = least):

=========  ===============  ==============================================================
urgency    ninjs urgency    as agencies use it
=========  ===============  ==============================================================
flash      1                a one-line alert of a major event ("FLASH", AP's/Reuters' 1)
urgent     3                an urgent story, ahead of the routine file ("URGENT")
normal     5                the routine file (AP's, Reuters' default priority)
=========  ===============  ==============================================================
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class Urgency(models.TextChoices):
    """How urgent an article is; ``NINJS_URGENCY`` maps it to ninjs ``urgency``."""

    FLASH = "flash", _("Flash")
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")


#: Urgency → ninjs ``urgency`` (IPTC scale, 1 highest … 9 lowest).
NINJS_URGENCY = {Urgency.FLASH: 1, Urgency.URGENT: 3, Urgency.NORMAL: 5}


def urgency_of_iptc(value: int | None) -> Urgency:
    """The urgency of an item with the IPTC urgency ``value`` (1 highest … 9 lowest, as NewsML-G2, NITF
    ``ed-urg`` and ninjs give it): 1 is a flash, 2 and 3 urgent, anything else (4–9, 0, none) normal."""
    if value == 1:
        return Urgency.FLASH
    if value in (2, 3):
        return Urgency.URGENT
    return Urgency.NORMAL


def released(now: datetime | None = None, prefix: str = "") -> Q:
    """A ``Q`` keeping articles whose embargo is empty or at or before ``now`` (default: the current time).

    An embargo lifts at read time: an article appears everywhere at its embargo time
    with nobody touching it. ``prefix`` names the relation to the article, if any.
    """
    now = now or timezone.now()
    return Q(**{f"{prefix}embargo__isnull": True}) | Q(**{f"{prefix}embargo__lte": now})


def public_pages(queryset, now: datetime | None = None):
    """``queryset`` (pages of any type) without what the public may not see: pages not live, view-restricted
    or under an unpublished page, and articles under embargo at ``now`` (see ``ArticlePage.objects.visible``).

    The restricted and unpublished subtrees come from ``dateline.news.visibility`` (cached; no query
    when the cache has them)."""
    from django.apps import apps

    from .visibility import exclude_hidden

    now = now or timezone.now()
    embargoed = apps.get_model("news", "ArticlePage").objects.filter(embargo__gt=now).values("pk")
    return exclude_hidden(queryset.live().exclude(pk__in=embargoed))


class NewsroomArticleFields(models.Model):
    """Urgency, the breaking flag with its expiry, and the embargo of an article.

    ``breaking_until`` (aware datetime) is when the edition-wide banner ends; an editor
    who ticks "breaking" without it gets ``DATELINE_NEWSROOM_BREAKING_HOURS`` (default 6)
    from the moment of saving. ``embargo`` (aware datetime, optional): before it the
    article is public nowhere (see ``dateline.newsroom.embargo``).
    """

    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL, blank=True
    )  # blank: a form (or an import) that leaves it out gets "normal" in ``clean``
    breaking = models.BooleanField(
        _("breaking news"),
        default=False,
        help_text=_("Show a banner linking to this article on every page of its edition until the expiry."),
    )
    breaking_until = models.DateTimeField(
        _("breaking until"),
        null=True,
        blank=True,
        help_text=_("When the breaking-news banner ends (default: six hours after saving)."),
    )
    embargo = models.DateTimeField(
        _("embargo"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Not to be published before this time: until then the article is public nowhere, "
            "and it appears everywhere at this time by itself."
        ),
    )

    class Meta:
        abstract = True

    @property
    def ninjs_urgency(self) -> int:
        """The ninjs ``urgency`` (1, 3 or 5) of this article's urgency."""
        return NINJS_URGENCY.get(self.urgency, NINJS_URGENCY[Urgency.NORMAL])

    @property
    def is_embargoed(self) -> bool:
        """True while the embargo time is still in the future."""
        return self.embargo is not None and self.embargo > timezone.now()

    @property
    def breaking_active(self) -> bool:
        """True while the breaking flag is set and its expiry is in the future."""
        return bool(self.breaking and self.breaking_until and self.breaking_until > timezone.now())

    @property
    def updated_at(self):
        """When the article was last republished with a changed headline, lead or body; else ``None``.

        Always later than the first publication; a republication with the same text
        (say, only a new tag) does not count.
        """
        if not self.pk:
            return None
        if "_updated_at" not in self.__dict__:  # read once per instance (the page, its JSON-LD, its meta tags)
            record = self.publications.filter(changed=True).only("published_at").first()
            self.__dict__["_updated_at"] = record.published_at if record is not None else None
        return self.__dict__["_updated_at"]

    @staticmethod
    def text_updated_at_expression():
        """``updated_at`` as a subquery, to annotate a queryset of articles with (``text_updated_at``)."""
        from django.db.models import OuterRef, Subquery

        changed = ArticlePublication.objects.filter(article=OuterRef("pk"), changed=True).order_by("-published_at")
        return Subquery(changed.values("published_at")[:1])

    def public_corrections(self):
        """The live corrections and updates of this article, oldest first (read once per instance)."""
        if "_public_corrections" not in self.__dict__:
            self.__dict__["_public_corrections"] = sorted(self.corrections.all(), key=lambda note: note.noted_at)
        return self.__dict__["_public_corrections"]

    def clean(self):
        super().clean()
        if not self.urgency:
            self.urgency = Urgency.NORMAL
        if self.breaking and self.breaking_until is None:
            self.breaking_until = timezone.now() + timedelta(hours=settings.DATELINE_NEWSROOM_BREAKING_HOURS)
        if self.breaking_until is not None and not self.breaking:
            self.breaking_until = None
        if self.embargo is not None and timezone.is_naive(self.embargo):
            raise ValidationError({"embargo": _("Give the embargo time with its time zone.")})


class CorrectionKind(models.TextChoices):
    """A correction fixes an error of fact; an update adds what has happened since."""

    CORRECTION = "correction", _("Correction")
    UPDATE = "update", _("Update")


class ArticleCorrection(Orderable):
    """A correction or update note on an article, added by an editor when republishing.

    Part of the article's revisions (a Wagtail inline child), so it goes live with the
    publication it belongs to. Shown on the article ("Correction, 12 March 2026, 15:40
    Moscow time: …"), in its JSON-LD ``correction``, ninjs ``ednote`` and on the
    edition's corrections page. ``noted_at`` is an aware datetime.
    """

    article = ParentalKey("news.ArticlePage", related_name="corrections", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=CorrectionKind.choices, default=CorrectionKind.CORRECTION)
    text = models.TextField(
        _("text"), help_text=_("E.g. “An earlier version of this article said … It was …”. In the edition's language.")
    )
    noted_at = models.DateTimeField(_("time"), default=timezone.now)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("noted_at")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ArticlePublication(models.Model):
    """One publication of an article's revision, and whether its text changed since the last.

    ``changed`` is True when the headline, lead or body differ from the previously
    published revision: the article then shows "Updated <time>".
    """

    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="publications")
    revision_id = models.PositiveBigIntegerField(null=True)
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    changed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.published_at:%Y-%m-%d %H:%M}"
