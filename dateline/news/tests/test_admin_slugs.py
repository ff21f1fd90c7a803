"""An empty slug is made from the headline and never clashes with a sibling's slug."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from dateline.news.models import ArticlePage, SectionPage


@pytest.fixture
def editor_client(client, demo):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pass")
    client.force_login(user)
    return client


def publish_article(client, section, title):
    data = nested_form_data(
        {
            "title": title,
            "slug": "",
            "lead": "Лид.",
            "body": rich_text("<p>Текст статьи.</p>"),
            "dateline_place": "Москва",
            "byline": "",
            "published_at": "2019-01-18 16:00",
            "time_zone": "Europe/Moscow",
            "source_url": "",
            "tags": "",
            "corrections": inline_formset([]),
            "action-publish": "publish",
        }
    )
    return client.post(f"/admin/pages/add/news/articlepage/{section.pk}/", data)


@pytest.mark.parametrize(
    "title,slug", [("«—»!!!", "article"), ("Лавров встретился с Маасом", "lavrov-vstretilsya-s-maasom")]
)
def test_same_headline_twice_with_empty_slug_gets_a_numbered_slug(editor_client, title, slug):
    section = SectionPage.objects.get(locale__language_code="ru")
    for _ in range(2):
        response = publish_article(editor_client, section, title)
        assert response.status_code == 302, response.content.decode()[:2000]
    slugs = sorted(ArticlePage.objects.filter(title=title).values_list("slug", flat=True))
    assert slugs == [slug, f"{slug}-2"]
