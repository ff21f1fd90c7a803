"""Exact purge: which changes purge which tags (see ``dependencies``), now and on commit.

Connected in ``PageCacheConfig.ready`` to Django's model signals on pages (publish,
unpublish, edit, delete, scheduled go-live and expiry all save or delete the page),
Wagtail's move signals, the news app's ``pages_changed``, source agencies, tags and
sites. Each purge runs at once and again when the transaction commits, so a render
that read the old rows before the commit is never served after it.
"""

from __future__ import annotations

import logging
import threading

from django.db import transaction

from .dependencies import DRAFT_ONLY_FIELDS, PageState, state_of, tags_of_change
from .store import get_store

logger = logging.getLogger(__name__)
_moving = threading.local()


def purge_tags(tags) -> None:
    """Purge every cached page that carries one of ``tags``, now and when the transaction commits.

    Also removes those pages from the front-end cache when one is configured (``frontends``).
    """
    tags = set(tags)
    if not tags:
        return
    from .frontends import purge_frontends

    def run():
        get_store().purge_tags(tags)
        purge_frontends(tags)

    run()
    transaction.on_commit(run)


def _specific(page):
    """The specific page of ``page`` (one query when it is a plain ``Page``)."""
    from wagtail.models import Page

    if type(page) is Page and page.pk:
        return page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    return page


def _is_page(instance) -> bool:
    from wagtail.models import Page

    return isinstance(instance, Page)


def before_page_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save``: remember what readers saw of the page (nothing for a draft-only save)."""
    if raw or not _is_page(instance):
        return
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        instance._pagecache_before = False
        return
    instance._pagecache_before = state_of(_specific(instance), from_database=True) if instance.pk else None


def after_page_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """``post_save``: purge what the page showed before and shows now."""
    if raw or not _is_page(instance):
        return
    before = instance.__dict__.pop("_pagecache_before", None)
    if before is False:
        return
    purge_tags(tags_of_change(before, state_of(_specific(instance))))


def before_page_delete(sender, instance, **kwargs):
    """``pre_delete``: remember what readers saw of the page."""
    if _is_page(instance) and instance.pk:
        instance._pagecache_before = state_of(_specific(instance), from_database=True)


def after_page_delete(sender, instance, **kwargs):
    """``post_delete``: purge what the deleted page showed."""
    if _is_page(instance):
        purge_tags(tags_of_change(instance.__dict__.pop("_pagecache_before", None), None))


def before_page_move(sender, instance, **kwargs):
    """Wagtail's ``pre_page_move``: remember where the page was."""
    states = getattr(_moving, "states", {})
    states[instance.pk] = state_of(_specific(instance), from_database=True)
    _moving.states = states


def after_page_move(sender, instance, **kwargs):
    """Wagtail's ``post_page_move``: purge both places (everything, for a page with descendants)."""
    before = getattr(_moving, "states", {}).pop(instance.pk, None)
    after = state_of(_specific(instance), from_database=True)
    if after is not None and after.kind != "article":
        purge_tags({"all"})  # a section or dossier moved: every URL under it changed
        return
    purge_tags(tags_of_change(before, after) | tags_of_change(after, after))


def on_pages_changed(sender, pages=(), locales=(), **kwargs):
    """``dateline.news.signals.pages_changed``: purge each page as changed, and whole editions."""
    tags = {f"lang:{locale.language_code}" for locale in locales}
    for page in pages:
        state = state_of(_specific(page))
        if state is None:
            continue
        if state.live:
            tags |= tags_of_change(None, state)
        else:  # taken off (embargoed again): purge as if it went off
            tags |= tags_of_change(PageState(**{**state.__dict__, "live": True}), state)
    purge_tags(tags)


def on_agency_change(sender, instance, **kwargs):
    """A source agency renamed or deleted: the articles that credit it."""
    purge_tags({f"agency:{instance.pk}"})


def on_everything_change(sender, instance, **kwargs):
    """A tag renamed, a site changed: everything (rare editorial events)."""
    purge_tags({"all"})


def connect() -> None:
    """Connect the purge receivers (called from ``PageCacheConfig.ready``)."""
    from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
    from taggit.models import Tag
    from wagtail.models import Site
    from wagtail.signals import post_page_move, pre_page_move

    from dateline.news.models import SourceAgency
    from dateline.news.signals import pages_changed

    pre_save.connect(before_page_save, dispatch_uid="pagecache.before_page_save")
    post_save.connect(after_page_save, dispatch_uid="pagecache.after_page_save")
    pre_delete.connect(before_page_delete, dispatch_uid="pagecache.before_page_delete")
    post_delete.connect(after_page_delete, dispatch_uid="pagecache.after_page_delete")
    pre_page_move.connect(before_page_move, dispatch_uid="pagecache.before_page_move")
    post_page_move.connect(after_page_move, dispatch_uid="pagecache.after_page_move")
    pages_changed.connect(on_pages_changed, dispatch_uid="pagecache.pages_changed")
    for model, receiver in (
        (SourceAgency, on_agency_change),
        (Tag, on_everything_change),
        (Site, on_everything_change),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"pagecache.save.{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"pagecache.delete.{model.__name__}")
