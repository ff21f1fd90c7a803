"""The IPTC ninjs API: items valid against the official ninjs 2.2 schema, auth, limits, filters."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import lxml.html
import pytest
from django.core.cache import cache
from django.utils import timezone
from jsonschema import Draft202012Validator
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from dateline.distribution.actions import create_api_key
from dateline.distribution.ninjs import article_to_ninjs, distributable_articles
from dateline.news.models import ArticlePage, DossierPage, SectionPage, SourceAgency

SCHEMA_FILE = Path(__file__).parent / "files" / "ninjs-schema_2.2.json"
LIST_URL = "/api/ninjs/"


@pytest.fixture(scope="module")
def ninjs_validator():
    """A Draft 2020-12 validator of the official ninjs 2.2 schema, checking formats (date-time)."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid_ninjs(validator, item):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(item)]
    assert errors == []


@pytest.fixture
def api_key(db):
    """An active key (returns the full key string), 1000 requests a minute."""
    return create_api_key(name="Tests", subscriber="Example Daily", rate_limit_per_minute=1000)[1]


@pytest.fixture
def get(client, api_key):
    """GET with the key as a Bearer token; returns (response, parsed JSON)."""

    def _get(url, **params):
        response = client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {api_key}")
        return response, response.json()

    return _get


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def full_article(demo, en_article):
    """A live English article with a lead image, tags, byline, source agency, source URL, body link."""
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    image = get_image_model().objects.create(
        title="Kremlin at dusk",
        file=get_test_image_file(size=(1200, 800)),
        collection=collection,
        caption="The Kremlin seen from the river at dusk.",
        credit="Anna Petrova / Dateline",
    )
    section = en_article.get_parent()
    article = ArticlePage(
        title="Moscow hosts talks on arms control",
        lead="Delegations met in Moscow on Tuesday.",
        body='<p>Talks began <a href="/en/news/">see also</a>.</p><p>Second paragraph.</p>',
        dateline_place="Moscow",
        byline="Anna Petrova",
        published_at=timezone.now() - timedelta(hours=1),
        source_agency=SourceAgency.objects.get(locale=en_article.locale),
        source_url="https://tass.com/politics/1",
        lead_image=image,
        dossier=en_article.dossier,
        locale=en_article.locale,
        live=False,
    )
    section.add_child(instance=article)
    article.tags.add("arms control", "Russia")
    return publish(article)


def test_every_list_item_validates_against_ninjs_schema(get, full_article, ninjs_validator):
    response, data = get(LIST_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert data["count"] == 3
    languages = set()
    for item in data["items"]:
        assert_valid_ninjs(ninjs_validator, item)
        languages.add(item["language"])
    assert languages == {"en", "ru"}


def test_detail_validates_and_equals_builder_output(get, full_article, ru_article, ninjs_validator, rf):
    for article in (full_article, ru_article):
        response, item = get(f"/api/ninjs/{article.pk}")
        assert response.status_code == 200
        assert_valid_ninjs(ninjs_validator, item)
        built = article_to_ninjs(distributable_articles().get(pk=article.pk))
        assert item == built  # nothing dropped by the response model


def test_item_fields_of_full_article(get, full_article):
    _response, item = get(f"/api/ninjs/{full_article.pk}")
    site = Site.objects.get(is_default_site=True)
    assert item["uri"] == f"urn:dateline:{site.hostname}:article:{full_article.translation_key}:en"
    assert item["headlines"][0] == {"role": "main", "contenttype": "text/plain", "value": full_article.title}
    assert item["descriptions"][0]["value"] == full_article.lead
    body = item["bodies"][0]
    assert body["contenttype"] == "text/html"
    link = lxml.html.fragment_fromstring(body["value"], create_parent="div").cssselect("a")[0]
    assert link.get("href") == f"{site.root_url}/en/news/"
    assert body["wordcount"] == 5
    assert item["by"] == "Anna Petrova"
    assert item["located"] == "Moscow"
    assert item["language"] == "en"
    rels = {(s["rel"], s["name"]) for s in item["subjects"]}
    assert {("tag", "arms control"), ("tag", "Russia"), ("section", "News")} <= rels
    assert ("dossier", full_article.dossier.title) in rels
    assert (
        item["infosources"] == [{"name": "TASS", "role": "source", "uri": "https://tass.com/"}]
        or item["infosources"][0]["name"] == full_article.source_agency.name
    )
    assert item["organisations"][0]["name"] == full_article.source_agency.name
    assert "people" not in item
    associations = {a["name"]: a for a in item["associations"]}
    assert associations["source"]["uri"] == "https://tass.com/politics/1"
    image = associations["leadimage"]
    assert image["type"] == "picture"
    assert image["by"] == "Anna Petrova / Dateline"  # the photo's credit
    assert {
        "role": "caption",
        "contenttype": "text/plain",
        "value": "The Kremlin seen from the river at dusk.",
    } in image["descriptions"]
    for rendition in image["renditions"]:
        assert rendition["href"].startswith(f"{site.root_url}/media/")
        assert rendition["contenttype"] == "image/png"
        assert rendition["width"] > 0 and rendition["height"] > 0
    sizes = {r["name"]: (r["width"], r["height"]) for r in image["renditions"]}
    assert sizes["medium"] == (800, 533)
    assert sizes["thumbnail"] == (320, 180)
    assert item["renditions"][0]["href"] == full_article.get_full_url()
    assert {"role": "dateline-id", "value": str(full_article.pk)} in item["altids"]
    assert timezone.datetime.fromisoformat(item["versioncreated"]) >= timezone.datetime.fromisoformat(
        item["firstcreated"]
    )


def test_times_carry_the_article_time_zone(get, en_article):
    _response, item = get(f"/api/ninjs/{en_article.pk}")
    expected = en_article.local_published_at.isoformat(timespec="seconds")
    assert item["firstcreated"] == expected
    assert (
        item["firstcreated"][-6:]
        == en_article.local_published_at.strftime("%z")[:3] + ":" + (en_article.local_published_at.strftime("%z")[3:])
    )


def test_drafts_future_and_unpublished_articles_are_not_distributed(get, full_article, en_article):
    section = en_article.get_parent()
    draft = ArticlePage(title="Draft story", body="<p>Not yet.</p>", locale=en_article.locale, live=False)
    section.add_child(instance=draft)
    draft.save_revision()
    embargoed = ArticlePage(
        title="Embargoed story",
        body="<p>Later.</p>",
        locale=en_article.locale,
        published_at=timezone.now() + timedelta(hours=2),
        live=False,
    )
    section.add_child(instance=embargoed)
    publish(embargoed)
    full_article.unpublish()

    _response, data = get(LIST_URL, limit=100)
    ids = {altid["value"] for item in data["items"] for altid in item["altids"] if altid["role"] == "dateline-id"}
    assert str(en_article.pk) in ids
    assert not {str(draft.pk), str(embargoed.pk), str(full_article.pk)} & ids
    for page in (draft, embargoed, full_article):
        response, body = get(f"/api/ninjs/{page.pk}")
        assert response.status_code == 404
        assert body["error"]["code"] == "not_found"


def test_pagination_with_next_and_previous_links(get, full_article, settings):
    settings.DATELINE_BASE_URL = "https://news.example.org"
    response, first = get(LIST_URL, limit=2)
    assert first["count"] == 3 and len(first["items"]) == 2
    assert first["previous"] is None
    next_url = urlparse(first["next"])
    assert (next_url.scheme, next_url.netloc) == ("https", "news.example.org")  # the site's address, not Host
    assert next_url.path == LIST_URL
    params = {k: v[0] for k, v in parse_qs(next_url.query).items()}
    assert params == {"limit": "2", "offset": "2"}
    _response, second = get(LIST_URL, **params)
    assert len(second["items"]) == 1 and second["next"] is None
    assert parse_qs(urlparse(second["previous"]).query)["offset"] == ["0"]
    uris = [item["uri"] for item in first["items"] + second["items"]]
    assert len(set(uris)) == 3
    # Newest version first.
    times = [timezone.datetime.fromisoformat(item["versioncreated"]) for item in first["items"] + second["items"]]
    assert times == sorted(times, reverse=True)


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "ten"}])
def test_bad_pagination_is_400_json(get, params):
    response, data = get(LIST_URL, **params)
    assert response.status_code == 400
    assert data["error"]["code"] == "invalid_parameter"


def test_filter_by_locale(get, full_article):
    _r, en = get(LIST_URL, locale="en")
    _r, ru = get(LIST_URL, locale="ru")
    assert {i["language"] for i in en["items"]} == {"en"} and en["count"] == 2
    assert {i["language"] for i in ru["items"]} == {"ru"} and ru["count"] == 1
    response, data = get(LIST_URL, locale="de")
    assert response.status_code == 400
    assert data["error"]["code"] == "invalid_parameter"


def test_filter_since(get, full_article, en_article):
    future = (timezone.now() + timedelta(minutes=5)).isoformat()
    _r, none = get(LIST_URL, since=future)
    assert none["count"] == 0
    _r, all_ = get(LIST_URL, since="2000-01-01")
    assert all_["count"] == 3
    # Only items updated at or after the moment: re-publishing the demo article brings it back.
    moment = timezone.now()
    publish(en_article)
    _r, updated = get(LIST_URL, since=moment.isoformat())
    assert [i["altids"][0]["value"] for i in updated["items"]] == [str(en_article.pk)]
    response, data = get(LIST_URL, since="yesterday")
    assert response.status_code == 400
    assert data["error"]["code"] == "invalid_parameter"
    assert "since" in data["error"]["message"]


def test_filter_section_and_dossier(get, full_article, en_article):
    other_section = SectionPage(title="World", slug="world", locale=en_article.locale, live=False)
    en_article.get_parent().get_parent().add_child(instance=other_section)
    publish(other_section)
    world_story = ArticlePage(title="World story", body="<p>Abroad.</p>", locale=en_article.locale, live=False)
    other_section.add_child(instance=world_story)
    publish(world_story)

    _r, world = get(LIST_URL, section="world")
    assert [i["headlines"][0]["value"] for i in world["items"]] == ["World story"]
    _r, news = get(LIST_URL, section="news")
    assert news["count"] == 3  # both editions' "news" sections
    response, data = get(LIST_URL, section="nosuch")
    assert response.status_code == 400 and data["error"]["code"] == "invalid_parameter"

    dossier = DossierPage.objects.get(pk=en_article.dossier_id)
    _r, by_slug = get(LIST_URL, dossier=dossier.slug, locale="en")
    assert by_slug["count"] == 2
    _r, by_id = get(LIST_URL, dossier=str(dossier.pk))
    assert by_id["count"] == 2  # the English article and full_article
    response, data = get(LIST_URL, dossier="nosuch")
    assert response.status_code == 400 and data["error"]["code"] == "invalid_parameter"


def test_ru_item_is_in_russian(get, ru_article, ninjs_validator):
    _r, item = get(f"/api/ninjs/{ru_article.pk}")
    assert_valid_ninjs(ninjs_validator, item)
    assert item["language"] == "ru"
    assert item["headlines"][0]["value"] == ru_article.title
    assert item["uri"].endswith(":ru")
    site = Site.objects.get(is_default_site=True)
    assert item["renditions"][0]["href"].startswith(f"{site.root_url}/ru/")
    en = ArticlePage.objects.get(translation_key=ru_article.translation_key, locale__language_code="en")
    assert item["uri"].rsplit(":", 1)[0] == f"urn:dateline:{site.hostname}:article:{en.translation_key}"


def test_uri_is_stable_across_slug_changes(get, en_article):
    _r, before = get(f"/api/ninjs/{en_article.pk}")
    en_article.slug = "renamed-story"
    publish(en_article)
    _r, after = get(f"/api/ninjs/{en_article.pk}")
    assert after["uri"] == before["uri"]
    assert int(after["version"]) > int(before["version"])


def test_unknown_urls_under_api_are_json_404(get, demo, en_article):
    for url in ("/api/ninjs/abc", "/api/nothing/here"):
        response, data = get(url)
        assert response.status_code == 404
        assert data["error"]["code"] == "not_found"
    response, item = get(f"/api/ninjs/{en_article.pk}/")
    assert response.status_code == 200 and item["altids"][0]["value"] == str(en_article.pk)


def test_list_query_count_does_not_grow_with_items(client, api_key, demo, en_article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(LIST_URL, {"limit": 100}, HTTP_AUTHORIZATION=f"Bearer {api_key}")
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    few, few_count = count_queries()
    section = en_article.get_parent()
    for number in range(10):
        story = ArticlePage(title=f"Story {number}", body="<p>Text.</p>", locale=en_article.locale, live=False)
        section.add_child(instance=story)
        story.tags.add("economy")
        publish(story)
    cache.clear()
    many, many_count = count_queries()
    assert many_count == few_count + 10
    assert many <= few + 2  # per-request memo of sections, editions and sites


def test_russian_text_is_sent_as_utf8_not_escaped(client, api_key, ru_article):
    response = client.get(f"/api/ninjs/{ru_article.pk}", HTTP_AUTHORIZATION=f"Bearer {api_key}")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    raw = response.content.decode("utf-8")
    assert ru_article.title in raw and "\\u04" not in raw
    assert json.loads(raw)["headlines"][0]["value"] == ru_article.title


def test_articles_behind_a_view_restriction_are_not_distributed(get, full_article):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=full_article, restriction_type="password", password="secret")
    _r, data = get(LIST_URL)
    assert str(full_article.pk) not in {item["altids"][0]["value"] for item in data["items"]}
    response, _body = get(f"/api/ninjs/{full_article.pk}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url,params,status",
    [
        (LIST_URL, {"offset": "9" * 30}, 400),
        (LIST_URL, {"dossier": "9" * 30}, 400),
        (LIST_URL, {"dossier": "²"}, 400),  # a digit to str.isdigit, not to int()
        ("/api/ninjs/" + "9" * 30, {}, 404),
    ],
)
def test_out_of_range_numbers_are_json_errors_not_500(get, demo, url, params, status):
    response, data = get(url, **params)
    assert response.status_code == status
    assert data["error"]["code"] == ("not_found" if status == 404 else "invalid_parameter")


def listed_ids(data) -> list[str]:
    return [item["altids"][0]["value"] for item in data["items"]]


def test_a_poll_with_since_learns_of_withdrawals(get, full_article, en_article, ninjs_validator):
    from wagtail.models import PageViewRestriction

    from dateline.newsroom.withdrawals import withdraw

    moment = timezone.now().isoformat()
    withdraw(ArticlePage.objects.get(pk=full_article.pk), "Legal reasons.")
    _r, polled = get(LIST_URL, since=moment)
    assert polled["count"] == 1
    [item] = polled["items"]
    assert listed_ids(polled) == [str(full_article.pk)]
    assert item["pubstatus"] == "canceled" and item["ednote"] == "Legal reasons." and "bodies" not in item
    assert_valid_ninjs(ninjs_validator, item)
    # Merged with what was published meanwhile, newest version first, across pages.
    publish(en_article)
    _r, both = get(LIST_URL, since=moment)
    assert listed_ids(both) == [str(en_article.pk), str(full_article.pk)] and both["count"] == 2
    assert [i["pubstatus"] for i in both["items"]] == ["usable", "canceled"]
    _r, first = get(LIST_URL, since=moment, limit=1)
    _r, second = get(LIST_URL, since=moment, limit=1, offset=1)
    assert listed_ids(first) + listed_ids(second) == listed_ids(both) and first["next"] and not second["next"]
    # Not in the listing of published articles, nor in a poll from after the withdrawal.
    _r, listing = get(LIST_URL)
    assert str(full_article.pk) not in listed_ids(listing)
    _r, later = get(LIST_URL, since=(timezone.now() + timedelta(minutes=1)).isoformat())
    assert later["count"] == 0
    # The list's filters apply to it.
    section = full_article.get_parent()
    dossier = DossierPage.objects.get(pk=full_article.dossier_id)
    for params, listed in [
        ({"locale": "en"}, True),
        ({"locale": "ru"}, False),
        ({"section": section.slug}, True),
        ({"dossier": str(dossier.pk)}, True),
    ]:
        _r, data = get(LIST_URL, since=moment, **params)
        assert (str(full_article.pk) in listed_ids(data)) is listed, params
    other = DossierPage(
        title="Another story", slug="another-story", body="<p>Background.</p>", locale=en_article.locale, live=False
    )
    section.get_parent().add_child(instance=other)
    publish(other)
    _r, data = get(LIST_URL, since=moment, dossier=str(other.pk))
    assert str(full_article.pk) not in listed_ids(data)
    # Never distributed behind a view restriction: its withdrawal is not told either.
    PageViewRestriction.objects.create(page=full_article, restriction_type="password", password="secret")
    _r, data = get(LIST_URL, since=moment)
    assert listed_ids(data) == [str(en_article.pk)] and data["count"] == 1


def test_a_republished_article_is_no_longer_canceled_in_a_poll(get, full_article):
    from dateline.newsroom.withdrawals import withdraw

    moment = timezone.now().isoformat()
    withdraw(ArticlePage.objects.get(pk=full_article.pk), "Checking.")
    ArticlePage.objects.get(pk=full_article.pk).get_latest_revision().publish()
    _r, data = get(LIST_URL, since=moment)
    assert [i["pubstatus"] for i in data["items"]] == ["usable"] and listed_ids(data) == [str(full_article.pk)]
