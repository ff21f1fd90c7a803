"""The newsroom's admin: article listing with columns and filters, menu counts, withdrawing, revisions."""

from datetime import timedelta

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from dateline.news.models import ArticlePage, SectionPage

from .conftest import sign_in


def rows(response):
    tree = lxml.html.fromstring(response.content)
    return [" ".join(row.text_content().split()) for row in tree.xpath("//table[contains(@class, 'listing')]/tbody/tr")]


@pytest.fixture
def embargoed(demo):
    section = SectionPage.objects.get(locale__language_code="en")
    article = ArticlePage(
        title="Embargoed budget",
        slug="embargoed-budget",
        body="<p>x</p>",
        urgency="flash",
        embargo=timezone.now() + timedelta(hours=3),
    )
    section.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_listing_shows_the_newsroom_columns(client, users, embargoed):
    sign_in(client, users["editor"])
    response = client.get(reverse("articles:index"))
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    header = " ".join(tree.xpath("string(//table[contains(@class, 'listing')]/thead)").split())
    for column in ["Headline", "Section", "Publish time", "Source agency", "Urgency", "Embargo", "Status"]:
        assert column in header
    listed = rows(response)
    assert len(listed) == 3
    lavrov = next(r for r in listed if "Lavrov" in r)
    assert "News (en)" in lavrov and "TASS" in lavrov and "Normal" in lavrov
    assert "Flash" in next(r for r in listed if "Embargoed budget" in r)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"urgency": "flash"}, 1),
        ({"embargo": "future"}, 1),
        ({"embargo": "none"}, 2),
        ({"newsroom_status": "live"}, 3),
        ({"newsroom_status": "withdrawn"}, 0),
        ({"published_at_from": "2019-01-01", "published_at_to": "2019-01-31"}, 2),
    ],
)
def test_listing_filters(client, users, embargoed, params, expected):
    sign_in(client, users["editor"])
    assert len(rows(client.get(reverse("articles:index"), params))) == expected


def test_listing_filters_by_section_and_agency(client, users, embargoed):
    from dateline.news.models import SourceAgency

    sign_in(client, users["editor"])
    ru_news = SectionPage.objects.get(locale__language_code="ru")
    assert len(rows(client.get(reverse("articles:index"), {"section": ru_news.pk}))) == 1
    tass = SourceAgency.objects.get(locale__language_code="en")
    assert len(rows(client.get(reverse("articles:index"), {"source_agency": tass.pk}))) == 1


def test_menu_counts_waiting_items(client, users, en_article):
    from dateline.comments.models import ReaderComment
    from dateline.errorreports.models import ErrorReport

    ReaderComment.objects.create(
        article=en_article, name="Ann", body="Hello", language="en", reader_hash="r", ip_hash="i", form_nonce="n"
    )
    section = SectionPage.objects.get(locale__language_code="en")
    page = ArticlePage(title="Waiting", slug="waiting", body="<p>x</p>")
    section.add_child(instance=page)
    page.save_revision()
    from wagtail.models import Workflow

    Workflow.objects.get(name="Editor approval").start(page, users["reporter"])
    sign_in(client, users["editor"])
    html = client.get("/admin/").content.decode()
    assert "Awaiting approval (1)" in html
    sign_in(client, users["moderator"])
    html = client.get("/admin/").content.decode()
    pending = ReaderComment.objects.filter(state="pending").count()
    assert f"Reader comments ({pending})" in html
    assert f"Error reports ({ErrorReport.objects.filter(status='open').count()})" in html
    assert "Awaiting approval" not in html


def test_editor_withdraws_from_the_admin(client, users, en_article):
    sign_in(client, users["editor"])
    edit = client.get(f"/admin/pages/{en_article.pk}/edit/").content.decode()
    assert reverse("newsroom_withdraw", args=[en_article.pk]) in edit
    url = reverse("newsroom_withdraw", args=[en_article.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 200  # the reason is required
    assert ArticlePage.objects.get(pk=en_article.pk).live
    response = client.post(url, {"reason": "Could not be confirmed."})
    assert response.status_code == 302
    assert not ArticlePage.objects.get(pk=en_article.pk).live


def test_reporter_cannot_withdraw(client, users, en_article):
    sign_in(client, users["reporter"])
    assert client.post(reverse("newsroom_withdraw", args=[en_article.pk]), {"reason": "x"}).status_code in (302, 403)
    assert ArticlePage.objects.get(pk=en_article.pk).live


def test_revisions_can_be_compared(client, users, en_article):
    page = en_article.get_latest_revision_as_object()
    first = page.get_latest_revision()
    page.body = "<p>Changed body.</p>"
    second = page.save_revision()
    sign_in(client, users["editor"])
    url = reverse("wagtailadmin_pages:revisions_compare", args=[en_article.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Changed body." in response.content.decode()
