"""What happens when an editor translates an article (Wagtail's *Translate* action)."""

from wagtail.signals import copy_for_translation_done


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


def connect() -> None:
    """Connect the news app's signal handlers (called from ``NewsConfig.ready``)."""
    copy_for_translation_done.connect(mark_article_translation, dispatch_uid="news.mark_article_translation")
