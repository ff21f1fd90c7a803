"""Signal handlers of the newsroom: section reporters' groups, lifting a withdrawal on republication."""

from django.db.models.signals import post_save
from wagtail.signals import page_published


def create_section_reporters_group(sender, instance, created, raw=False, **kwargs):
    """Give a new section its "Reporters: <section> (<language>)" group (see ``roles``)."""
    if raw or not created:
        return
    from .roles import ensure_section_reporters_group

    ensure_section_reporters_group(instance)


def lift_withdrawal(sender, instance, **kwargs):
    """Publishing a withdrawn article again lifts its withdrawal (its URL answers 200 again)."""
    from .models import Withdrawal

    Withdrawal.objects.filter(article_id=instance.pk).delete()


def connect() -> None:
    """Connect the newsroom's signal handlers (called from ``NewsroomConfig.ready``)."""
    from dateline.news.models import ArticlePage, SectionPage

    post_save.connect(
        create_section_reporters_group, sender=SectionPage, dispatch_uid="newsroom.section_reporters_group"
    )
    page_published.connect(lift_withdrawal, sender=ArticlePage, dispatch_uid="newsroom.lift_withdrawal")
