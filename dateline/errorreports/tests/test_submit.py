"""Readers' reports reach the server: validation, storage, merging, rate limits, both languages."""

import re

import pytest
from django.test import Client
from lxml import html as lxml_html

from dateline.errorreports.models import ErrorReport, ErrorReportSubmission
from dateline.errorreports.passages import article_text
from dateline.readers.tokens import READER_COOKIE

TOO_LONG = {"en": "The selected text is too long", "ru": "Выделенный текст слишком длинный"}


def post_report(client, article, language=None, **data):
    """POST a report as the dialog does (Accept: application/json); return the response."""
    language = language or article.locale.language_code
    return client.post(f"/{language}/-/errorreports/{article.pk}/", data, HTTP_ACCEPT="application/json")


def prefix_of_length(text: str, n: int) -> str:
    """The start of ``text`` that is exactly ``n`` characters once stripped."""
    k = n
    while len(text[:k].strip()) < n:
        k += 1
    return text[:k]


def with_reader_cookie(client, article) -> Client:
    response = client.get(f"/{article.locale.language_code}/-/reader/state/{article.pk}/")
    assert READER_COOKIE in response.cookies
    return client


def test_report_is_stored_with_revision_context_and_hashed_fingerprint(client, en_article):
    text = article_text(en_article)
    selected = "Sergey Lavrov said at a joint press conference"
    start = text.index(selected)
    response = post_report(
        client,
        en_article,
        selected_text="Sergey  Lavrov\nsaid at a joint press conference",  # the reader's whitespace
        context_before=text[start - 60 : start],
        context_after=text[start + len(selected) : start + len(selected) + 60],
        comment="Lavrov spoke on Friday.",
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 201, response.content
    assert response.json()["ok"] is True
    report = ErrorReport.objects.get()
    en_article.refresh_from_db()
    assert report.article_id == en_article.pk
    assert report.locale.language_code == "en"
    assert report.revision_id == en_article.live_revision_id is not None
    assert report.selected_text == selected
    assert report.context_before == text[start - 60 : start]
    assert report.context_after == text[start + len(selected) : start + len(selected) + 60]
    assert report.count == 1
    assert report.status == ErrorReport.Status.OPEN
    assert report.created_at is not None
    submission = report.submissions.get()
    assert submission.comment == "Lavrov spoke on Friday."
    assert re.fullmatch(r"[0-9a-f]{64}", submission.fingerprint)
    assert "203.0.113.9" not in submission.fingerprint


def test_context_is_taken_from_the_article_not_from_the_reader(client, en_article):
    response = post_report(
        client, en_article, selected_text="Heiko Maas", context_before="forged", context_after="<b>forged</b>"
    )
    assert response.status_code == 201
    report = ErrorReport.objects.get()
    assert report.context_before.endswith("with his German counterpart ")
    assert "forged" not in report.context_before + report.context_after


def test_context_picks_the_occurrence_the_reader_selected(client, en_article):
    text = article_text(en_article)
    occurrences = [m.start() for m in re.finditer("INF Treaty", text)]
    assert len(occurrences) >= 3
    second = occurrences[1]
    response = post_report(
        client,
        en_article,
        selected_text="INF Treaty",
        context_before=text[second - 60 : second],
        context_after=text[second + 10 : second + 70],
    )
    assert response.status_code == 201
    report = ErrorReport.objects.get()
    assert report.context_before == text[second - 60 : second]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_too_long_selection_is_refused_in_the_pages_language(client, demo, language):
    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code=language)
    text = article_text(article)
    response = post_report(client, article, selected_text=prefix_of_length(text, 201))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "too_long"
    assert error["message"].startswith(TOO_LONG[language])
    assert not ErrorReport.objects.exists()
    # 200 characters are accepted
    assert post_report(client, article, selected_text=prefix_of_length(text, 200)).status_code == 201


def test_the_limit_is_a_setting_shared_with_the_page(client, en_article, settings):
    settings.DATELINE_ERRORREPORTS_MAX_SELECTION = 10
    response = post_report(client, en_article, selected_text="Moscow is ready")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_long"
    page = lxml_html.fromstring(client.get(en_article.url).content)
    (control,) = page.cssselect("[data-errorreport]")
    assert control.get("data-max-selection") == "10"
    assert control.get("data-context-chars") == "60"


@pytest.mark.parametrize("selected", ["", "   \n\t "])
def test_empty_selection_is_refused(client, en_article, selected):
    response = post_report(client, en_article, selected_text=selected)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "empty"
    assert not ErrorReport.objects.exists()


def test_empty_selection_message_is_russian_on_the_russian_page(client, ru_article):
    response = post_report(client, ru_article, selected_text="")
    assert response.json()["error"]["message"] == "Сначала выделите текст с ошибкой."


@pytest.mark.parametrize(
    "selected",
    ["<script>alert(1)</script>", "<b>Lavrov</b>", "Lavrov <em>said</em>", "not in this article at all"],
)
def test_selection_must_be_text_of_the_article(client, en_article, selected):
    response = post_report(client, en_article, selected_text=selected)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "not_in_article"
    assert not ErrorReport.objects.exists()


def test_markup_in_the_comment_is_kept_as_text_and_escaped_in_the_queue(client, en_article, django_user_model):
    comment = '<script>alert("x")</script><b>bold</b> & <img src=x onerror=alert(2)>'
    assert post_report(client, en_article, selected_text="Heiko Maas", comment=comment).status_code == 201
    assert ErrorReportSubmission.objects.get().comment == comment
    admin = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-for-tests")
    client.force_login(admin)
    response = client.get("/admin/snippets/errorreports/errorreport/")
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    assert not [s for s in page.iter("script") if "alert" in (s.text or "")]
    assert not page.xpath("//img[@onerror]")
    (cell,) = page.cssselect(".errorreport-comment")
    assert cell.text_content() == comment


def test_too_long_comment_is_refused(client, en_article, settings):
    settings.DATELINE_ERRORREPORTS_MAX_COMMENT = 20
    response = post_report(client, en_article, selected_text="Heiko Maas", comment="x" * 21)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "comment_too_long"
    assert not ErrorReport.objects.exists()


def test_too_long_context_is_refused(client, en_article):
    response = post_report(client, en_article, selected_text="Heiko Maas", context_before="x" * 61)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "context_too_long"


def test_nul_characters_are_refused(client, en_article):
    response = post_report(client, en_article, selected_text="Heiko Maas", comment="a\x00b")
    assert response.status_code == 400
    assert not ErrorReport.objects.exists()


def test_unknown_article_is_404(client, demo):
    response = client.post("/en/-/errorreports/999999/", {"selected_text": "x"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_article"


def test_unpublished_article_is_404(client, en_article):
    en_article.unpublish()
    response = post_report(client, en_article, selected_text="Heiko Maas")
    assert response.status_code == 404
    assert not ErrorReport.objects.exists()


def test_identical_reports_merge_into_one_with_a_count(en_article):
    first, second = with_reader_cookie(Client(), en_article), with_reader_cookie(Client(), en_article)
    assert post_report(first, en_article, selected_text="Heiko Maas", comment="one").status_code == 201
    assert post_report(second, en_article, selected_text="Heiko Maas", comment="two").status_code == 201
    report = ErrorReport.objects.get()
    assert report.count == 2
    assert sorted(report.submissions.values_list("comment", flat=True)) == ["one", "two"]


def test_a_replayed_report_is_not_counted_twice(en_article):
    reader = with_reader_cookie(Client(), en_article)
    assert post_report(reader, en_article, selected_text="Heiko Maas").status_code == 201
    replay = post_report(reader, en_article, selected_text="Heiko Maas", comment="later thought")
    assert replay.status_code == 200
    report = ErrorReport.objects.get()
    assert report.count == 1
    assert report.submissions.get().comment == "later thought"


def test_the_same_words_in_another_context_are_another_report(client, en_article):
    text = article_text(en_article)
    starts = [m.start() for m in re.finditer("INF Treaty", text)][:2]
    for start in starts:
        post_report(client, en_article, selected_text="INF Treaty", context_before=text[start - 60 : start])
    assert ErrorReport.objects.count() == 2


def test_a_new_revision_gets_its_own_report(en_article):
    reader = with_reader_cookie(Client(), en_article)
    post_report(reader, en_article, selected_text="Heiko Maas")
    en_article.byline = "Staff"  # the text is unchanged, the revision is new
    en_article.save_revision().publish()
    post_report(reader, en_article, selected_text="Heiko Maas")
    assert ErrorReport.objects.count() == 2
    assert ErrorReport.objects.filter(status=ErrorReport.Status.OPEN).count() == 2


def test_reports_are_rate_limited_per_address(en_article, settings):
    settings.DATELINE_ERRORREPORTS_RATE_LIMIT = 3
    settings.DATELINE_ERRORREPORTS_RATE_WINDOW = 600
    same_address = [Client(REMOTE_ADDR="198.51.100.7") for _ in range(4)]
    words = ["Heiko Maas", "Geneva", "Pershing", "Ryabkov"]
    statuses = [
        post_report(c, en_article, selected_text=w).status_code for c, w in zip(same_address, words, strict=True)
    ]
    assert statuses == [201, 201, 201, 429]
    assert ErrorReport.objects.count() == 3
    refused = post_report(same_address[0], en_article, selected_text="Geneva")
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 0 < int(refused["Retry-After"]) <= 600
    # another address is not limited
    assert post_report(Client(REMOTE_ADDR="198.51.100.8"), en_article, selected_text="Ryabkov").status_code == 201


def test_rate_limit_message_is_russian_on_the_russian_page(ru_article, settings):
    settings.DATELINE_ERRORREPORTS_RATE_LIMIT = 1
    client = Client(REMOTE_ADDR="198.51.100.9")
    post_report(client, ru_article, selected_text="Хайко Маасом")
    response = post_report(client, ru_article, selected_text="Рябков")
    assert response.status_code == 429
    assert "Попробуйте" in response.json()["error"]["message"]


def test_csrf_protection_stays_on(en_article):
    client = Client(enforce_csrf_checks=True)
    response = post_report(client, en_article, selected_text="Heiko Maas")
    assert response.status_code == 403
    assert not ErrorReport.objects.exists()
    # with the token from the state endpoint it goes through
    token = client.get(f"/en/-/reader/state/{en_article.pk}/").json()["csrfToken"]
    response = client.post(
        f"/en/-/errorreports/{en_article.pk}/",
        {"selected_text": "Heiko Maas"},
        HTTP_ACCEPT="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201


def test_selection_across_paragraphs_links_and_emphasis(client, en_article):
    en_article.lead = ""
    en_article.body = (
        '<p>The minister spoke <em>in Berlin</em> on <a href="https://example.com/">Friday</a>.</p>'
        "<p>He <b>left</b>&nbsp;early &amp; quietly.</p>"
    )
    en_article.save_revision().publish()
    # what Chromium's selection gives: paragraphs apart, markup gone
    selected = "in Berlin on Friday.\n\nHe left\u00a0early & quietly"
    response = post_report(client, en_article, selected_text=selected)
    assert response.status_code == 201, response.content
    report = ErrorReport.objects.get()
    assert report.selected_text == "in Berlin on Friday. He left early & quietly"
    assert report.context_before == "The minister spoke "
    assert report.context_after == "."


def test_the_control_is_in_the_pages_language_and_carries_no_per_reader_state(client, ru_article):
    response = client.get(ru_article.url)
    page = lxml_html.fromstring(response.content)
    (control,) = page.cssselect("[data-errorreport]")
    assert control.get("data-msg-too-long") == "Выделенный текст слишком длинный"
    (title,) = control.cssselect("dialog h2")
    assert title.text_content() == "Сообщите об орфографической ошибке"
    buttons = [b.text_content().strip() for b in control.cssselect("dialog button")]
    assert buttons == ["Отправить", "Отмена"]
    assert not control.cssselect("input[name=csrfmiddlewaretoken]")
    assert response.cookies == {}


def test_no_javascript_form_posts_and_thanks_the_reader(ru_article):
    client = Client(enforce_csrf_checks=True)
    form_page = client.get(f"/ru/-/errorreports/{ru_article.pk}/")
    assert form_page.status_code == 200
    assert "no-cache" in form_page["Cache-Control"] or "no-store" in form_page["Cache-Control"]
    doc = lxml_html.fromstring(form_page.content)
    assert doc.cssselect("h1")[0].text_content() == "Сообщите об орфографической ошибке"
    token = doc.cssselect("input[name=csrfmiddlewaretoken]")[0].get("value")
    response = client.post(
        f"/ru/-/errorreports/{ru_article.pk}/",
        {"csrfmiddlewaretoken": token, "selected_text": "Хайко Маасом", "comment": ""},
    )
    assert response.status_code == 303
    assert response["Location"].endswith(f"/ru/-/errorreports/{ru_article.pk}/?sent=1")
    assert ErrorReport.objects.count() == 1
    thanks = lxml_html.fromstring(client.get(response["Location"]).content)
    assert thanks.cssselect(".errorreport-thanks")[0].text_content() == "Спасибо! Редакция проверит ошибку."


def test_no_javascript_form_shows_the_error_in_the_form(client, en_article):
    response = client.post(f"/en/-/errorreports/{en_article.pk}/", {"selected_text": "x" * 300})
    assert response.status_code == 400
    doc = lxml_html.fromstring(response.content)
    assert "The selected text is too long" in doc.cssselect("[role=alert]")[0].text_content()
    assert doc.cssselect("textarea[name=selected_text]")[0].text_content().lstrip("\n") == "x" * 300  # kept


def test_an_embargoed_article_takes_no_report(en_article):
    from datetime import timedelta

    from django.utils import timezone

    from dateline.errorreports.actions import ReportRejected, submit_report

    type(en_article).objects.filter(pk=en_article.pk).update(embargo=timezone.now() + timedelta(hours=1))
    with pytest.raises(ReportRejected) as refused:
        submit_report(article_id=en_article.pk, selected_text="Lavrov", fingerprint="f" * 64, rate_key="test-embargo")
    assert refused.value.code == "unknown_article"
    assert ErrorReport.objects.count() == 0
