"""What happens when an editor translates an article (Wagtail's *Translate* action), and when
an article is published: its publication is recorded and a breaking banner's edition purged."""

from django.utils.dateparse import parse_datetime
from wagtail.signals import copy_for_translation_done, page_published, page_unpublished

TEXT_FIELDS = ("title", "lead", "body")


def mark_article_translation(sender, source_obj, target_obj, **kwargs):
    """Mark a new translation of an article and point it at its edition's dossier and agency.

    Wagtail copies every field as it is; for the copy in the other locale Dateline sets
    ``translated_from`` to the original's locale and swaps ``dossier`` and
    ``source_agency`` for their translations in the new locale where those exist (else
    leaves them empty rather than pointing at the other edition). Saves the page and a
    new draft revision, so the editor opens the corrected copy.
    """
    from .models import ArticlePage

    target = getattr(target_obj, "specific", target_obj)
    if not isinstance(target, ArticlePage) or target.locale_id == source_obj.locale_id:
        return
    target.translated_from_id = source_obj.locale_id
    if target.dossier_id:
        translation = target.dossier.get_translation_or_none(target.locale)
        target.dossier = translation
    if target.source_agency_id:
        target.source_agency = target.source_agency.get_translation_or_none(target.locale)
    target.save(update_fields=["translated_from", "dossier", "source_agency"])
    target.save_revision()


def record_publication(sender, instance, revision=None, **kwargs):
    """On each publication of an article: record it, note whether its text changed, purge banners.

    The text changed when headline, lead or body differ from the previously published
    revision (the article then shows "Updated"); ``newsroom`` lifts a withdrawal.
    When the breaking banner was set, changed or cleared, every page of the edition is
    purged (``pages_changed`` with the article's locale).
    """
    from wagtail.models import Revision

    from .models import ArticlePublication
    from .signals import pages_changed

    previous = ArticlePublication.objects.filter(article_id=instance.pk).exclude(revision_id=None).first()
    before = {}
    if previous is not None:
        old = Revision.objects.filter(pk=previous.revision_id).first()
        before = old.content if old is not None else {}
    changed = previous is not None and any(
        (before.get(name) or "") != (getattr(instance, name) or "") for name in TEXT_FIELDS
    )
    ArticlePublication.objects.create(
        article_id=instance.pk, revision_id=getattr(revision, "pk", None), changed=changed
    )
    was_breaking = bool(before.get("breaking")) and before.get("breaking_until") is not None
    now_breaking = bool(instance.breaking)
    if was_breaking or now_breaking:
        old_until = parse_datetime(before["breaking_until"]) if before.get("breaking_until") else None
        if (was_breaking, old_until) != (now_breaking, instance.breaking_until) or previous is None:
            pages_changed.send(sender=type(instance), pages=[instance], locales=[instance.locale])


def purge_banner_on_unpublish(sender, instance, **kwargs):
    """An unpublished breaking article takes its banner with it: purge its edition."""
    from .signals import pages_changed

    if getattr(instance, "breaking_active", False):
        pages_changed.send(sender=type(instance), pages=[instance], locales=[instance.locale])


def forget_tree_of_page(sender, instance=None, **kwargs):
    """A page was saved or deleted: forget what is cached of the page tree (``news.visibility``)."""
    from wagtail.models import Page

    from .visibility import forget_tree

    if isinstance(instance, Page):
        forget_tree()


def connect() -> None:
    """Connect the news app's signal handlers (called from ``NewsConfig.ready``)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_slug_changed, post_page_move

    from .models import ArticlePage
    from .signals import pages_changed
    from .visibility import forget_tree

    # What can hide or show a subtree: a page's live flag, place or existence, and its privacy.
    post_save.connect(forget_tree_of_page, dispatch_uid="news.hidden_subtrees.save")
    post_delete.connect(forget_tree_of_page, dispatch_uid="news.hidden_subtrees.delete")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed, pages_changed):
        signal.connect(forget_tree, dispatch_uid=f"news.hidden_subtrees.{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(forget_tree, sender=PageViewRestriction, dispatch_uid=f"news.hidden_subtrees.pvr.{id(signal)}")
        # A site's host, port or root page (``news.middleware.site_for_request``).
        signal.connect(forget_tree, sender=Site, dispatch_uid=f"news.hidden_subtrees.site.{id(signal)}")

    copy_for_translation_done.connect(mark_article_translation, dispatch_uid="news.mark_article_translation")
    page_published.connect(record_publication, sender=ArticlePage, dispatch_uid="news.record_publication")
    page_unpublished.connect(purge_banner_on_unpublish, sender=ArticlePage, dispatch_uid="news.unpublish_banner")
