"""Each kind of change purges exactly the cached pages that show it, and no others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page

from dateline.news.models import ArticlePage, DossierPage, EditionPage, SectionPage
from dateline.news.signals import pages_changed

pytestmark = pytest.mark.django_db


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_article(section: SectionPage, title: str, *, minutes_ago: int, live: bool = True, **fields) -> ArticlePage:
    tags = fields.pop("tags", None)
    article = ArticlePage(
        title=title,
        lead=f"Lead of {title}.",
        body=f"<p>Body of {title}.</p>",
        published_at=timezone.now() - timedelta(minutes=minutes_ago),
        live=False,
        **fields,
    )
    section.add_child(instance=article)
    if tags:
        article.tags.add(*tags)
    return publish(article) if live else article


@pytest.fixture
def site(demo):
    """Both demo editions plus a World section of nine older English articles, and tagged copy."""
    en = EditionPage.objects.get(locale__language_code="en")
    news = SectionPage.objects.child_of(en).get(slug="news")
    world = SectionPage(title="World", slug="world")
    en.add_child(instance=world)
    publish(world)
    world = SectionPage.objects.get(pk=world.pk)
    old = []
    for n in range(9):
        article = add_article(world, f"World story {n}", minutes_ago=60 * 24 * (n + 2))
        old.append(article)
    oldest = old[-1]
    oldest.tags.add("archive")
    publish(oldest)
    old[0].tags.add("other")
    publish(old[0])
    return {"en": en, "news": news, "world": world, "old": old, "oldest": ArticlePage.objects.get(pk=oldest.pk)}


def urls_of(site) -> dict[str, str]:
    en = site["en"]
    ru = EditionPage.objects.get(locale__language_code="ru")
    en_article = ArticlePage.objects.get(locale__language_code="en", slug__startswith="russia")
    ru_article = ArticlePage.objects.get(locale__language_code="ru")
    dossier = DossierPage.objects.get(locale__language_code="en")
    urls = {
        "en home": en.url,
        "en feed": en.url + "feed/rss/",
        "en news": site["news"].url,
        "en news feed": site["news"].url + "feed/atom/",
        "en world": site["world"].url,
        "en world p2": site["world"].url + "?page=1&utm_source=x",
        "en article": en_article.url,
        "en dossier": dossier.url,
        "en dossier feed": dossier.url + "feed/rss/",
        "en tag archive": en.url + "tags/archive/",
        "en tag archive feed": en.url + "tags/archive/feed/rss/",
        "en tag other": en.url + "tags/other/",
        "en search": en.url + "search/?q=story",
        "ru home": ru.url,
        "ru article": ru_article.url,
        "ru dossier": DossierPage.objects.get(locale__language_code="ru").url,
        "ru search": ru.url + "search/?q=story",
        "sitemap": "/sitemap.xml",
        "news sitemap": "/news-sitemap.xml",
        "robots": "/robots.txt",
    }
    for n, article in enumerate(site["old"]):
        urls[f"en old {n}"] = ArticlePage.objects.get(pk=article.pk).url
    return urls


def warm(client, urls: dict[str, str]) -> None:
    for name, url in urls.items():
        response = client.get(url)
        if response.status_code == 200 and response.get("X-Dateline-Cache") != "hit":
            response = client.get(url)
        assert response.get("X-Dateline-Cache") == "hit", f"{name} ({url}) is not cached"


def purged(client, urls: dict[str, str]) -> set[str]:
    """The names of the pages that are no longer cached (each requested once)."""
    return {name for name, url in urls.items() if client.get(url).get("X-Dateline-Cache") != "hit"}


def en_articles(urls):
    return {name for name in urls if name.startswith("en old") or name == "en article"}


def test_a_new_article_purges_its_listings_feeds_sitemaps_tag_dossier_and_the_latest_asides(client, site):
    urls = urls_of(site)
    warm(client, urls)
    dossier = DossierPage.objects.get(locale__language_code="en")
    add_article(site["news"], "Breaking story", minutes_ago=0, dossier=dossier, tags=["archive"])
    assert purged(client, urls) == {
        "en home",
        "en feed",
        "en news",
        "en news feed",
        "en dossier",
        "en dossier feed",
        "en tag archive",
        "en tag archive feed",
        "en search",
        "sitemap",
        "news sitemap",
        "en article",  # the newest articles' asides now list it...
        *{f"en old {n}" for n in range(9)},  # ...and every other article's aside too
    }


def test_editing_an_old_article_purges_it_and_its_lists_not_the_asides_of_the_others(client, site):
    urls = urls_of(site)
    warm(client, urls)
    oldest = site["oldest"]
    oldest.title = "World story 8, corrected"
    publish(oldest)
    assert purged(client, urls) == {
        "en old 8",
        "en home",
        "en feed",
        "en world",
        "en world p2",
        "en tag archive",
        "en tag archive feed",
        "en search",
        "sitemap",
    }


def test_a_draft_of_a_live_article_purges_nothing(client, site):
    urls = urls_of(site)
    warm(client, urls)
    oldest = site["oldest"]
    oldest.title = "Not yet published"
    oldest.save_revision()
    assert purged(client, urls) == set()


def test_unpublishing_and_deleting_an_article_purge_what_showed_it(client, site):
    urls = urls_of(site)
    warm(client, urls)
    site["oldest"].unpublish()
    expected = {
        "en old 8",
        "en home",
        "en feed",
        "en world",
        "en world p2",
        "en tag archive",
        "en tag archive feed",
        "en search",
        "sitemap",
    }
    assert purged(client, urls) == expected
    del urls["en old 8"]  # a 404 now
    warm(client, urls)
    ArticlePage.objects.get(pk=site["old"][7].pk).delete()
    assert purged(client, urls) == {"en old 7"} | expected - {"en old 8", "en tag archive", "en tag archive feed"}


def test_a_dossier_edit_purges_the_dossier_its_articles_boxes_and_the_home(client, site):
    urls = urls_of(site)
    warm(client, urls)
    dossier = DossierPage.objects.get(locale__language_code="en")
    dossier.body = "<p>New background.</p>"
    publish(dossier)
    assert purged(client, urls) == {"en dossier", "en dossier feed", "en article", "en home", "sitemap"}


def test_a_published_translation_purges_the_original_for_its_hreflang_but_not_its_lists(client, site):
    original = add_article(site["news"], "Story to translate", minutes_ago=60 * 24 * 30)
    urls = urls_of(site)
    urls["en original"] = original.url
    warm(client, urls)
    translation = original.copy_for_translation(Locale.objects.get(language_code="ru"))
    assert purged(client, urls) == set()  # a draft translation shows nothing yet
    publish(translation)
    got = purged(client, urls)
    assert "en original" in got  # its hreflang alternates and language switch now name the translation
    assert {"ru home", "ru search", "sitemap"} <= got
    assert not got & {"en home", "en world", "en news", "en feed", "en tag archive", "en old 0", "en article"}


def test_an_approved_comment_purges_only_its_article(client, site):
    from dateline.comments.actions import moderate
    from dateline.comments.models import CommentState, ReaderComment

    urls = urls_of(site)
    warm(client, urls)
    article = ArticlePage.objects.get(locale__language_code="en", slug__startswith="russia")
    comment = ReaderComment.objects.create(article=article, name="Reader", body="Well written.")
    moderate(ReaderComment.objects.filter(pk=comment.pk), CommentState.APPROVED)
    assert purged(client, urls) == {"en article"}


def test_pages_changed_purges_a_whole_edition_or_a_page_as_a_change(client, site):
    urls = urls_of(site)
    warm(client, urls)
    pages_changed.send(sender=None, pages=[], locales=[Locale.objects.get(language_code="ru")])
    assert purged(client, urls) == {"ru home", "ru article", "ru dossier", "ru search"}
    warm(client, urls)
    pages_changed.send(sender=None, pages=[site["oldest"]], locales=[])
    assert "en old 8" in purged(client, urls)


def test_scheduled_go_live_and_expiry_purge_like_publishing(client, site):
    urls = urls_of(site)
    article = add_article(site["news"], "Embargoed story", minutes_ago=0, live=False)
    article.go_live_at = timezone.now() - timedelta(seconds=1)
    article.save_revision(approved_go_live_at=article.go_live_at)
    warm(client, urls)
    call_command("publish_scheduled")
    assert ArticlePage.objects.get(pk=article.pk).live
    assert {"en home", "en news", "en article", "sitemap"} <= purged(client, urls)
    urls["embargoed"] = ArticlePage.objects.get(pk=article.pk).url
    warm(client, urls)
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    call_command("publish_scheduled")
    assert not ArticlePage.objects.get(pk=article.pk).live
    assert {"embargoed", "en home", "en news", "en old 0", "sitemap"} <= purged(client, urls)


def test_moving_an_article_purges_both_sections(client, site):
    urls = urls_of(site)
    warm(client, urls)
    site["oldest"].move(site["news"], pos="last-child")
    got = purged(client, urls)
    assert {"en world", "en news", "en old 8", "en home", "sitemap"} <= got
    assert "ru home" not in got


def test_a_renamed_section_purges_its_whole_edition_only(client, site):
    urls = urls_of(site)
    warm(client, urls)
    world = site["world"]
    world.title = "International"
    publish(world)
    got = purged(client, urls)
    assert {name for name in urls if name.startswith("en ")} <= got
    assert not {name for name in got if name.startswith("ru ")}
