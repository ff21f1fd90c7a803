"""The rating endpoint over HTTP: JSON for the widget, the no-JavaScript form, errors in the page's language."""

import lxml.html
import pytest
from django.test import Client
from django.utils import translation

from dateline.ratings.models import Vote
from dateline.ratings.summary import figures_of, summarize
from dateline.readers.tokens import READER_COOKIE

JSON = {"HTTP_ACCEPT": "application/json"}


def rate_url(article, language="en"):
    return f"/{language}/-/ratings/{article.pk}/"


def reader_client(article, language="en", **kwargs):
    """A client that has loaded the reader state (reader cookie + CSRF cookie), as the page's script does."""
    client = Client(**kwargs)
    state = client.get(f"/{language}/-/reader/state/{article.pk}/").json()
    client.csrf_token = state["csrfToken"]
    return client


def post_vote(client, article, stars, language="en", **extra):
    headers = {**JSON, "HTTP_X_CSRFTOKEN": getattr(client, "csrf_token", ""), **extra}
    return client.post(rate_url(article, language), {"stars": stars}, **headers)


def test_json_vote_returns_the_new_figures_and_my_vote(en_article):
    client = reader_client(en_article, enforce_csrf_checks=True)
    response = post_vote(client, en_article, 4)
    assert response.status_code == 201
    data = response.json()
    assert data["ratings"]["count"] == 1
    assert data["ratings"]["average"] == 4.0
    assert data["ratings"]["myVote"] == 4
    assert data["ratings"]["countText"] == "1 vote"
    assert data["message"] == "Thank you! Your vote: 4 of 5."
    assert "no-cache" in response["Cache-Control"]


def test_second_vote_of_the_same_reader_changes_it(en_article):
    client = reader_client(en_article, enforce_csrf_checks=True)
    post_vote(client, en_article, 5)
    response = post_vote(client, en_article, 2)
    assert response.status_code == 200
    assert response.json()["ratings"]["count"] == 1
    assert response.json()["ratings"]["myVote"] == 2
    assert figures_of(en_article.pk) == (1, 2)


def test_bad_value_is_400_in_the_page_language_and_nothing_stored(ru_article):
    client = reader_client(ru_article, "ru", enforce_csrf_checks=True)
    for stars in ["0", "6", "", "five", "3.5"]:
        response = post_vote(client, ru_article, stars, "ru")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "invalid_value"
        assert error["message"] == "Выберите от 1 до 5 звёзд."
    assert client.post(rate_url(ru_article, "ru"), {}, HTTP_X_CSRFTOKEN=client.csrf_token, **JSON).status_code == 400
    assert Vote.objects.count() == 0


def test_unknown_article_is_404(demo, en_article):
    client = reader_client(en_article, enforce_csrf_checks=True)
    response = client.post("/en/-/ratings/999999/", {"stars": 4}, HTTP_X_CSRFTOKEN=client.csrf_token, **JSON)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_article"
    assert Vote.objects.count() == 0


def test_missing_reader_cookie_is_403_and_nothing_stored(en_article):
    client = reader_client(en_article, enforce_csrf_checks=True)
    del client.cookies[READER_COOKIE]
    response = post_vote(client, en_article, 4)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "missing_token"
    assert Vote.objects.count() == 0


def test_forged_reader_cookie_is_refused(en_article):
    client = reader_client(en_article, enforce_csrf_checks=True)
    client.cookies[READER_COOKIE] = "0123456789abcdef0123456789abcdef"
    assert post_vote(client, en_article, 4).status_code == 403
    assert Vote.objects.count() == 0


def test_missing_csrf_token_is_403_json_in_the_page_language(ru_article):
    client = reader_client(ru_article, "ru", enforce_csrf_checks=True)
    client.csrf_token = ""
    response = post_vote(client, ru_article, 4, "ru")
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "csrf_failed"
    assert error["message"].startswith("Срок действия формы истёк")
    assert Vote.objects.count() == 0


def test_rate_limit_is_429_with_retry_after(en_article, settings):
    settings.DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY = 1
    assert post_vote(reader_client(en_article), en_article, 4).status_code == 201
    response = post_vote(reader_client(en_article), en_article, 4)  # a new cookie, same address
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert int(response["Retry-After"]) > 0
    assert figures_of(en_article.pk) == (1, 4)


def confirm_form(client, article, stars, language="en"):
    """GET the no-JavaScript rating page and return (action, fields) of its form, parsed as HTML."""
    response = client.get(rate_url(article, language), {"stars": stars})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    doc = lxml.html.fromstring(response.content)
    form = doc.xpath("//form[@method='post']")[0]
    fields = dict(form.form_values())
    return form.get("action"), fields, doc


def test_no_javascript_flow_confirms_posts_and_redirects_back(en_article):
    client = Client(enforce_csrf_checks=True)
    action, fields, doc = confirm_form(client, en_article, 4)
    assert fields["stars"] == "4"  # the star the reader clicked is preselected
    assert fields["csrfmiddlewaretoken"]
    response = client.post(action, fields)
    assert response.status_code == 303
    assert response["Location"] == f"{en_article.url}?rated=4#rating"
    assert figures_of(en_article.pk) == (1, 4)
    page = client.get(response["Location"].split("#")[0])
    status = lxml.html.fromstring(page.content).xpath("//*[@data-rating-status]")[0].text_content()
    assert status.strip() == "Your vote: 4 of 5"


def test_replayed_form_adds_no_vote(en_article):
    client = Client(enforce_csrf_checks=True)
    action, fields, _ = confirm_form(client, en_article, 5)
    assert client.post(action, fields).status_code == 303
    assert client.post(action, fields).status_code == 303  # the same form sent again
    assert figures_of(en_article.pk) == (1, 5)
    stranger = Client(enforce_csrf_checks=True)  # the captured form replayed without its cookies
    response = stranger.post(action, fields)
    assert response.status_code == 403
    assert figures_of(en_article.pk) == (1, 5)
    assert Vote.objects.count() == 1


def test_no_javascript_error_page_is_in_the_page_language(ru_article):
    client = Client(enforce_csrf_checks=True)
    action, fields, _ = confirm_form(client, ru_article, 4, "ru")
    fields["stars"] = "6"
    response = client.post(action, fields)
    assert response.status_code == 400
    doc = lxml.html.fromstring(response.content)
    assert doc.get("lang") == "ru"
    assert doc.xpath("//*[@role='alert']")[0].text_content().strip() == "Выберите от 1 до 5 звёзд."
    assert Vote.objects.count() == 0


def test_rate_page_of_unknown_article_is_404(demo):
    assert Client().get("/en/-/ratings/999999/").status_code == 404


def test_reader_state_gives_my_vote_and_the_figures(en_article):
    client = reader_client(en_article, enforce_csrf_checks=True)
    post_vote(client, en_article, 3)
    state = client.get(f"/en/-/reader/state/{en_article.pk}/").json()["ratings"]
    assert (state["myVote"], state["count"], state["average"]) == (3, 1, 3.0)
    other = Client().get(f"/en/-/reader/state/{en_article.pk}/").json()["ratings"]
    assert (other["myVote"], other["count"]) == (None, 1)


def test_widget_is_the_same_for_every_reader(en_article):
    post_vote(reader_client(en_article), en_article, 5)
    voter = reader_client(en_article)
    post_vote(voter, en_article, 4)
    first = voter.get(en_article.url)
    second = Client().get(en_article.url)
    assert first.content == second.content
    assert first.cookies == {} and b"csrfmiddlewaretoken" not in first.content
    widget = lxml.html.fromstring(first.content).xpath("//section[@id='rating']")[0]
    assert [b.get("value") for b in widget.xpath(".//button[@name='stars']")] == ["1", "2", "3", "4", "5"]
    assert widget.xpath(".//h2")[0].text_content() == "Rate it"
    assert widget.xpath(".//*[@data-rating-average]")[0].text_content() == "4.5"
    assert widget.xpath(".//*[@data-rating-count]")[0].text_content() == "2 votes"
    assert widget.xpath(".//form")[0].get("method") == "get"


def test_russian_widget_has_no_english_strings(ru_article):
    post_vote(reader_client(ru_article, "ru"), ru_article, 5, "ru")
    post_vote(reader_client(ru_article, "ru"), ru_article, 4, "ru")
    doc = lxml.html.fromstring(Client().get(ru_article.url).content)
    widget = doc.xpath("//section[@id='rating']")[0]
    assert widget.xpath(".//h2")[0].text_content() == "Оцените"
    assert widget.xpath(".//*[@data-rating-average]")[0].text_content() == "4,5"
    assert widget.xpath(".//*[@data-rating-count]")[0].text_content() == "2 голоса"
    texts = " ".join(widget.itertext()) + " ".join(
        value for el in widget.iter() for name, value in el.attrib.items() if name.startswith(("data-", "title"))
    )
    for english in ("Rate", "vote", "of 5", "Sending", "connection"):
        assert english not in texts


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "1 голос"),
        (2, "2 голоса"),
        (4, "4 голоса"),
        (5, "5 голосов"),
        (11, "11 голосов"),
        (12, "12 голосов"),
        (21, "21 голос"),
        (22, "22 голоса"),
        (25, "25 голосов"),
        (101, "101 голос"),
        (111, "111 голосов"),
    ],
)
def test_russian_vote_count_has_the_right_plural_form(count, text):
    with translation.override("ru"):
        assert summarize(count, count * 4)["countText"] == text


def test_average_is_formatted_per_language():
    with translation.override("en"):
        assert summarize(12, 52)["averageText"] == "4.3"
        assert summarize(12, 52)["countText"] == "12 votes"
        assert summarize(0, 0)["countText"] == "No votes yet"
    with translation.override("ru"):
        assert summarize(12, 52)["averageText"] == "4,3"
        assert summarize(0, 0)["countText"] == "Оценок пока нет"
        assert summarize(1, 4, my_vote=4)["myVoteText"] == "Ваша оценка: 4 из 5"


def test_signed_in_reader_votes_by_account_over_http(en_article, django_user_model):
    user = django_user_model.objects.create_user("member", password="pw")
    client = reader_client(en_article, enforce_csrf_checks=True)
    client.force_login(user)
    client.csrf_token = client.get(f"/en/-/reader/state/{en_article.pk}/").json()["csrfToken"]  # rotated at login
    assert post_vote(client, en_article, 5).status_code == 201
    del client.cookies[READER_COOKIE]  # the account is enough
    assert post_vote(client, en_article, 3).status_code == 200
    vote = Vote.objects.get()
    assert (vote.user, vote.reader_id, vote.value) == (user, None, 3)
