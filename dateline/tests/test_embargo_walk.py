"""The embargo walk: an article under embargo is public nowhere, and everywhere at its time.

Visits every output (``newsroom_outputs.appearances``): the article's page, edition home,
section, dossier and tag pages, a sibling's "Latest news" aside, the edition, section,
dossier and tag feeds, the sitemap and the news sitemap, search, the corrections page,
the reader endpoint, the breaking banner, the translation's hreflang/JSON-LD/language
switch and the ninjs API. The same walk proves an article under an unpublished section,
or a view-restricted one, is public nowhere.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from dateline.distribution.actions import create_api_key
from dateline.distribution.models import ApiKey
from dateline.news.models import ArticlePage, SectionPage
from dateline.news.signals import pages_changed
from dateline.newsroom import tasks
from dateline.newsroom.models import Release

from .newsroom_outputs import appearances, make_story

HOUR = timedelta(hours=1)


@pytest.fixture
def keys(db):
    plain = create_api_key(name="plain", subscriber="Daily", rate_limit_per_minute=1000)[1]
    early_key, early = create_api_key(name="early", subscriber="Wire partner", rate_limit_per_minute=1000)
    ApiKey.objects.filter(pk=early_key.pk).update(embargoed_content_allowed=True)
    return plain, early


@pytest.fixture
def sent():
    calls = []

    def receiver(sender, pages=(), locales=(), **kwargs):
        calls.append(({p.pk for p in pages}, {loc.language_code for loc in locales}))

    pages_changed.connect(receiver, dispatch_uid="test-embargo-walk")
    yield calls
    pages_changed.disconnect(dispatch_uid="test-embargo-walk")


def later(monkeypatch, moment):
    """Let the clock read ``moment`` (everything that asks ``django.utils.timezone.now``)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_embargoed_article_is_public_nowhere_then_everywhere_at_its_time(demo, keys, sent, monkeypatch):
    plain, early = keys
    embargo = timezone.now() + HOUR
    story = make_story(
        SectionPage.objects.get(locale__language_code="en"),
        embargo=embargo,
        breaking=True,
        breaking_until=embargo + 3 * HOUR,
    )
    before = appearances(story, api_key=plain)
    assert not any(before.values()), {name for name, seen in before.items() if seen}

    # The subscriber allowed embargoed content gets it early, marked "embargoed"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {early}"}
    item = Client().get(f"/api/ninjs/{story.article.pk}", **auth).json()
    assert item["embargoed"].startswith(timezone.localtime(embargo, item_zone(story)).isoformat()[:16])
    assert any(
        alt["value"] == str(story.article.pk)
        for entry in Client().get("/api/ninjs/", **auth).json()["items"]
        for alt in entry["altids"]
    )
    # Editors see it in preview
    editor = Client()
    from django.contrib.auth import get_user_model

    editor.force_login(get_user_model().objects.create_superuser("ed", "ed@example.org", "pw"))
    assert editor.get(f"/admin/pages/{story.article.pk}/view_draft/").status_code == 200

    # At the embargo time: everywhere, with nobody touching it
    later(monkeypatch, embargo + timedelta(seconds=1))
    after = appearances(story, api_key=plain)
    assert all(after.values()), {name for name, seen in after.items() if not seen}
    item = Client().get(f"/api/ninjs/{story.article.pk}", HTTP_AUTHORIZATION=f"Bearer {plain}").json()
    assert "embargoed" not in item

    # The worker's job purges what showed the article before, once
    sent.clear()
    assert tasks.release_due()["embargo"] == 1
    article = ArticlePage.objects.get(pk=story.article.pk)
    expected = {article.pk, article.get_parent().pk, article.get_parent().get_parent().pk, story.dossier.pk}
    assert sent and expected <= sent[0][0]
    assert tasks.release_due()["embargo"] == 0
    assert Release.objects.filter(article=article, kind=Release.EMBARGO).count() == 1


def item_zone(story):
    return story.article.local_published_at.tzinfo


def test_embargoed_original_is_not_an_alternate_of_its_public_translation(demo, keys):
    story = make_story(SectionPage.objects.get(locale__language_code="en"), embargo=timezone.now() + HOUR)
    html = Client().get(story.translation.url).content.decode()
    assert story.translation.title in html  # the translation itself is public
    assert f"/en/news/{story.article.slug}/" not in html


@pytest.mark.parametrize("hide", ["unpublish the section", "restrict the section"])
def test_article_under_an_unpublished_or_restricted_section_is_public_nowhere(demo, keys, hide):
    plain, _early = keys
    edition = SectionPage.objects.get(locale__language_code="en").get_parent()
    world = SectionPage(title="World", slug="world")
    edition.add_child(instance=world)
    world.save_revision().publish()
    ru_world = world.copy_for_translation(Locale.objects.get(language_code="ru"))
    ru_world.save_revision().publish()
    story = make_story(SectionPage.objects.get(pk=world.pk))
    shown = appearances(story, api_key=plain)
    assert all(v for k, v in shown.items() if k != "breaking banner"), shown
    world = SectionPage.objects.get(pk=world.pk)
    if hide == "unpublish the section":
        world.unpublish()
    else:
        PageViewRestriction.objects.create(page=world, restriction_type="password", password="secret")
    hidden = appearances(story, api_key=plain)
    assert not any(hidden.values()), {name for name, seen in hidden.items() if seen}
