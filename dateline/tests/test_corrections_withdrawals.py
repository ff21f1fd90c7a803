"""Corrections, updates and withdrawals in every output, in both languages."""

import json
import re
from datetime import UTC, datetime

import feedparser
import pytest
from django.core.cache import cache
from django.test import Client

from dateline.distribution.actions import create_api_key
from dateline.news.models import ArticleCorrection as Correction
from dateline.news.models import ArticlePage
from dateline.news.models import ArticlePublication as Publication
from dateline.newsroom.withdrawals import withdraw

from .newsroom_outputs import appearances, make_story

NOTED = datetime(2026, 3, 12, 12, 40, tzinfo=UTC)  # 15:40 Moscow time


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def add_note(article, text, kind="correction", noted_at=NOTED, body=None):
    """Republish ``article`` (from its latest revision) with a new note and optionally a new body."""
    page = article.get_latest_revision_as_object()
    page.corrections.add(Correction(kind=kind, text=text, noted_at=noted_at))
    if body is not None:
        page.body = body
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def text_of(response) -> str:
    """The page's text without tags, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split()).replace(" :", ":").replace(" ,", ",")


def jsonld(html):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(s) for s in scripts]


def test_correction_shows_on_the_article_in_each_language(en_article, ru_article):
    add_note(en_article, "An earlier version of this article said the talks failed.", body="<p>Corrected.</p>")
    add_note(ru_article, "В предыдущей версии статьи говорилось, что переговоры сорвались.", body="<p>Исправлено.</p>")
    en = text_of(Client().get(en_article.url))
    assert "Correction, 12 March 2026, 15:40 Moscow time:" in en
    assert "An earlier version of this article said the talks failed." in en
    ru = text_of(Client().get(ru_article.url))
    assert "Исправление, 12 марта 2026, 15:40 мск:" in ru
    assert "Correction," not in ru


def test_update_note_and_updated_time(en_article):
    add_note(en_article, "Adds the minister's statement.", kind="update", body="<p>More text.</p>")
    html = text_of(Client().get(en_article.url)) + Client().get(en_article.url).content.decode()
    assert "Update, 12 March 2026, 15:40 Moscow time:" in html
    assert 'class="article-updated"' in html and "Updated " in html


def test_typo_fix_needs_no_note_and_a_republish_without_changes_shows_no_update(en_article):
    page = en_article.get_latest_revision_as_object()
    page.save_revision().publish()  # same text
    html = Client().get(en_article.url).content.decode()
    assert 'class="article-updated"' not in html
    page = ArticlePage.objects.get(pk=en_article.pk).get_latest_revision_as_object()
    page.body = page.body.replace("Lavrov", "Lavrov ", 1) if "Lavrov" in page.body else page.body + "<p>.</p>"
    page.save_revision().publish()  # a typo fix: no note, and none is required
    html = Client().get(en_article.url).content.decode()
    assert 'class="article-notes"' not in html
    assert 'class="article-updated"' in html
    assert Publication.objects.filter(article=en_article, changed=True).count() == 1


def test_correction_in_jsonld_feeds_ninjs_and_the_corrections_page(en_article, ru_article):
    before = ArticlePage.objects.get(pk=en_article.pk).last_published_at
    article = add_note(en_article, "The meeting was in Moscow, not Berlin.", body="<p>Fixed.</p>")
    data = [d for d in jsonld(Client().get(article.url).content.decode()) if d.get("@type") == "NewsArticle"][0]
    assert data["correction"][0]["@type"] == "CorrectionComment"
    assert data["correction"][0]["text"] == "The meeting was in Moscow, not Berlin."
    assert data["dateModified"] > data["datePublished"]
    assert datetime.fromisoformat(data["dateModified"]) >= before.replace(microsecond=0)
    feed = feedparser.parse(Client().get("/en/feed/atom/").content)
    entry = [e for e in feed.entries if e.link.endswith(article.url)][0]
    assert entry.updated_parsed > entry.published_parsed
    key = create_api_key(name="t", subscriber="s", rate_limit_per_minute=100)[1]
    item = Client().get(f"/api/ninjs/{article.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert item["ednote"].startswith("Correction, 12 March 2026, 15:40 Moscow time: The meeting was in Moscow")
    assert item["version"] == str(ArticlePage.objects.get(pk=article.pk).live_revision_id)
    assert item["urgency"] == 5
    page = Client().get("/en/corrections/").content.decode()
    assert "The meeting was in Moscow, not Berlin." in page and article.url in page
    ru_page = Client().get("/ru/corrections/").content.decode()
    assert "The meeting was in Moscow" not in ru_page and "Исправления и обновления" in ru_page


@pytest.mark.parametrize("language", ["en", "ru"])
def test_withdrawal_answers_410_in_the_readers_language(demo, language):
    article = ArticlePage.objects.get(locale__language_code=language)
    url = article.url
    withdraw(
        article, {"en": "The agency could not confirm the report.", "ru": "Агентство не смогло подтвердить."}[language]
    )
    response = Client().get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert {"en": "This article has been withdrawn", "ru": "Эта статья отозвана"}[language] in html
    assert {"en": "The agency could not confirm", "ru": "Агентство не смогло"}[language] in html
    assert f'<html lang="{language}"' in html


def test_withdrawn_article_is_out_of_every_output_and_ninjs_says_canceled(demo):
    from dateline.news.models import SectionPage

    story = make_story(SectionPage.objects.get(locale__language_code="en"))
    key = create_api_key(name="t", subscriber="s", rate_limit_per_minute=1000)[1]
    before = appearances(story, api_key=key)
    assert all(value for name, value in before.items() if name not in ("corrections page", "breaking banner")), before
    withdraw(ArticlePage.objects.get(pk=story.article.pk), "Legal reasons.")
    after = appearances(story, api_key=key)
    assert not any(after.values()), after
    item = Client().get(f"/api/ninjs/{story.article.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert item["pubstatus"] == "canceled" and item["ednote"] == "Legal reasons."
    assert "bodies" not in item


def test_republishing_lifts_the_withdrawal(en_article):
    url = en_article.url
    withdraw(en_article, "Oops.")
    assert Client().get(url).status_code == 410
    ArticlePage.objects.get(pk=en_article.pk).get_latest_revision().publish()
    assert Client().get(url).status_code == 200


@pytest.mark.django_db
def test_a_path_with_a_nul_byte_is_a_plain_404(client):
    """The withdrawal lookup of a 404 never sends a NUL to the database (PostgreSQL refuses it: was a 500)."""
    assert client.get("/en/news/x%00y/").status_code == 404
