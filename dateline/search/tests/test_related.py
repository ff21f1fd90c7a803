"""Related stories under an article: same dossier, then shared tags, then similar text; the translation link."""

from datetime import timedelta

import lxml.html
import pytest
from django.utils import timezone

from dateline.news.models import ArticlePage, SectionPage
from dateline.search.related import RELATED_LIMIT, choose_related, related_articles

pytestmark = pytest.mark.django_db


def add(section, title, hours_ago, body="Nothing in common.", tags=(), dossier=None, live=True):
    article = ArticlePage(
        title=title,
        body=f"<p>{body}</p>",
        locale=section.locale,
        published_at=timezone.now() - timedelta(hours=hours_ago),
        dossier=dossier,
        live=False,
    )
    section.add_child(instance=article)
    if tags:
        article.tags.add(*tags)
    revision = article.save_revision()
    if live:
        revision.publish()
    article.refresh_from_db()
    return article


@pytest.fixture
def stories(en_article, ru_article):
    news = SectionPage.objects.get(pk=en_article.get_parent().pk)
    ru_news = SectionPage.objects.get(pk=ru_article.get_parent().pk)
    dossier = en_article.dossier
    return {
        "similar": add(news, "Geneva consultations on the Intermediate-Range treaty", 1, "Lavrov and Washington."),
        "two_tags": add(news, "Kremlin comment", 5, tags=["Russia", "Sergey Lavrov"]),
        "dossier_old": add(news, "Treaty signed in 1987", 9000, dossier=dossier),
        "one_tag": add(news, "Weather in Moscow", 2, tags=["Russia"]),
        "dossier_new": add(news, "INF: the last day", 3, dossier=dossier),
        "unrelated": add(news, "Football results", 1),
        "draft": add(news, "Draft about the INF Treaty", 1, tags=["INF Treaty"], dossier=dossier, live=False),
        "other_edition": add(ru_news, "ДРСМД: новости", 1, tags=["Russia"]),
    }


def test_dossier_first_then_shared_tags_then_similar_text(en_article, stories):
    titles = [a.title for a in related_articles(en_article, limit=10)]
    assert titles[:2] == [stories["dossier_new"].title, stories["dossier_old"].title]  # newest first
    assert titles[2:4] == [stories["two_tags"].title, stories["one_tag"].title]  # most shared tags first
    assert titles[4] == stories["similar"].title
    for name in ("draft", "other_edition", "unrelated"):
        assert stories[name].title not in titles, name
    assert en_article.title not in titles


def test_limit_keeps_the_order(en_article, stories):
    assert [a.title for a in related_articles(en_article)] == [
        stories["dossier_new"].title,
        stories["dossier_old"].title,
        stories["two_tags"].title,
        stories["one_tag"].title,
    ][:RELATED_LIMIT]


def test_bounded_number_of_queries(en_article, stories, django_assert_max_num_queries):
    article = ArticlePage.objects.get(pk=en_article.pk)
    # On SQLite the similar-text ranking reads its candidates' index entries first (one query), then
    # ranks within their ids instead of among every match of a common word.
    with django_assert_max_num_queries(10):
        assert len(related_articles(article, limit=10)) == 5


def test_related_stories_are_shown_under_the_article(client, en_article, stories):
    doc = lxml.html.fromstring(client.get(en_article.url).content)
    section = doc.xpath("//section[contains(@class, 'related')]")[0]
    assert section.xpath("string(.//h2)") == "Related stories"
    assert [a.get("href") for a in section.xpath(".//h3/a")] == [a.url for a in related_articles(en_article)]
    body_end = doc.xpath("//div[contains(@class, 'article-body')]")[0]
    assert body_end.getparent().getparent().index(body_end.getparent()) < section.getparent().index(section)


def test_no_related_block_without_related_stories(client, en_article):
    doc = lxml.html.fromstring(client.get(en_article.url).content)
    assert doc.xpath("//section[contains(@class, 'related')]") == []


@pytest.mark.parametrize(
    ("language", "other", "label"), [("en", "ru", "Читать на русском"), ("ru", "en", "Read in English")]
)
def test_translation_is_linked_in_its_own_language(client, en_article, ru_article, language, other, label):
    article, translation = {"en": (en_article, ru_article), "ru": (ru_article, en_article)}[language]
    doc = lxml.html.fromstring(client.get(article.url).content)
    link = doc.xpath("//p[@class='read-translation']/a")[0]
    assert link.text_content() == label
    assert (link.get("href"), link.get("lang"), link.get("hreflang")) == (translation.url, other, other)


def test_no_translation_link_without_a_live_translation(client, en_article, ru_article):
    ru_article.unpublish()
    doc = lxml.html.fromstring(client.get(en_article.url).content)
    assert doc.xpath("//p[@class='read-translation']") == []


def test_similar_text_is_looked_for_among_the_newest_articles_only(en_article, monkeypatch):
    import dateline.search.related

    news = SectionPage.objects.get(pk=en_article.get_parent().pk)
    ArticlePage.objects.filter(pk=en_article.pk).update(dossier=None)
    en_article = ArticlePage.objects.get(pk=en_article.pk)
    en_article.tags.clear()
    old = add(news, "Geneva consultations on the Intermediate-Range treaty", 500, "Lavrov and Washington.")
    for n in range(3):
        add(news, f"Football results {n}", n + 1)
    assert old.pk in [a.pk for a in choose_related(en_article)]
    monkeypatch.setattr(dateline.search.related, "SIMILARITY_WINDOW", 3)  # the three football pages
    assert old.pk not in [a.pk for a in choose_related(en_article)]


def test_the_choice_is_kept_until_the_tree_changes_and_never_shows_a_hidden_article(en_article, stories):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = related_articles(en_article)
    with CaptureQueriesContext(connection) as queries:
        assert [a.pk for a in related_articles(en_article)] == [a.pk for a in first]
    assert len(queries) <= 2  # the articles by id (and their pictures' renditions)
    ArticlePage.objects.get(pk=first[0].pk).unpublish()
    assert first[0].pk not in [a.pk for a in related_articles(en_article)]
