"""The editors' side: reports close themselves when a corrected revision is published; the admin queue."""

from django.test import Client
from lxml import html as lxml_html

from dateline.errorreports.actions import set_status, submit_report
from dateline.errorreports.models import ErrorReport
from dateline.errorreports.passages import article_text, html_to_text, locate_passage, passage_survives

QUEUE = "/admin/snippets/errorreports/errorreport/"


def report(article, selected, fingerprint="f" * 64):
    """Store a report of ``selected`` in ``article`` as a reader would."""
    return submit_report(
        article_id=article.pk, selected_text=selected, fingerprint=fingerprint, rate_key=fingerprint
    ).report


def publish_body(article, old: str, new: str):
    """Publish a new revision of ``article`` whose body has ``old`` replaced by ``new``."""
    assert old in article.body
    article.body = article.body.replace(old, new)
    revision = article.save_revision()
    revision.publish()
    return revision


def test_publishing_a_corrected_revision_closes_the_report(en_article):
    open_report = report(en_article, "Heiko Maas")  # in the lead
    typo = report(en_article, "Pershing missiles")
    revision = publish_body(en_article, "Pershing missiles", "Pershing II missiles")
    typo.refresh_from_db()
    open_report.refresh_from_db()
    assert typo.status == ErrorReport.Status.FIXED
    assert typo.fixed_revision_id == revision.pk
    assert typo.status_changed_at is not None
    assert open_report.status == ErrorReport.Status.OPEN


def test_an_edit_elsewhere_in_the_context_does_not_close_the_report(en_article):
    typo = report(en_article, "Ryabkov")  # "... in Geneva. Ryabkov said following the meeting ..."
    assert "inter-agency" in typo.context_before
    publish_body(en_article, "inter-agency", "interagency")  # in the context, > 20 characters away
    typo.refresh_from_db()
    assert typo.status == ErrorReport.Status.OPEN


def test_a_lead_correction_closes_the_report(en_article):
    typo = report(en_article, "Heiko Maas")
    en_article.lead = en_article.lead.replace("Heiko Maas", "Heiko Maaß")
    en_article.save_revision().publish()
    typo.refresh_from_db()
    assert typo.status == ErrorReport.Status.FIXED


def test_dismissed_reports_stay_dismissed_on_publish(en_article):
    typo = report(en_article, "Pershing missiles")
    set_status([typo.pk], ErrorReport.Status.DISMISSED)
    publish_body(en_article, "Pershing missiles", "Pershing II missiles")
    typo.refresh_from_db()
    assert typo.status == ErrorReport.Status.DISMISSED


def test_a_draft_does_not_close_the_report(en_article):
    typo = report(en_article, "Pershing missiles")
    en_article.body = en_article.body.replace("Pershing missiles", "Pershing II missiles")
    en_article.save_revision()  # not published
    typo.refresh_from_db()
    assert typo.status == ErrorReport.Status.OPEN


def test_plain_text_matches_what_the_reader_sees():
    html = '<h3>Title</h3><p>One <em>empha</em>sis&nbsp;&amp; <a href="/x">link</a>.</p><ul><li>a</li><li>b</li></ul>'
    assert html_to_text(html) == "Title One emphasis & link. a b"
    assert html_to_text("<p>x<script>var y = 1;</script></p><p>z</p>") == "x z"


def test_locate_and_survive():
    text = "The cat sat. The cat ran."
    second = locate_passage(text, "cat", before_hint="sat. The ", context_chars=5)
    assert second.start == 17 and second.before == " The " and second.after == " ran."
    assert locate_passage(text, "dog") is None
    assert passage_survives(text, "cat", "sat. The ", " ran.")
    assert not passage_survives("The cat sat. The dog ran.", "cat", "sat. The ", " ran.")


def test_article_text_has_lead_then_body(en_article):
    text = article_text(en_article)
    assert text.startswith("Moscow is ready to continue dialogue")
    assert 'TASS reported. "Clearly, the destruction' in text  # lead and body apart, quotes decoded


def admin_client(django_user_model) -> Client:
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-for-tests")
    client = Client()
    client.force_login(user)
    return client


def test_the_queue_lists_reports_with_a_link_to_the_article_editor(en_article, ru_article, django_user_model):
    report(en_article, "Heiko Maas")
    report(ru_article, "Хайко Маасом")
    client = admin_client(django_user_model)
    response = client.get(QUEUE)
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    hrefs = {a.get("href") for a in page.iter("a")}
    assert f"/admin/pages/{en_article.pk}/edit/" in hrefs
    assert f"/admin/pages/{ru_article.pk}/edit/" in hrefs
    marks = [m.text_content() for m in page.cssselect(".errorreport-passage mark")]
    assert sorted(marks) == sorted(["Heiko Maas", "Хайко Маасом"])
    # the menu has the queue
    dashboard = client.get("/admin/")
    assert QUEUE in dashboard.content.decode()
    # nobody adds a report in the admin
    assert client.get(QUEUE + "add/").status_code in (302, 403)


def test_the_queue_filters_by_status_and_language(en_article, ru_article, django_user_model):
    fixed = report(en_article, "Heiko Maas")
    set_status([fixed.pk], ErrorReport.Status.FIXED)
    report(ru_article, "Хайко Маасом")
    client = admin_client(django_user_model)

    def marks(query):
        page = lxml_html.fromstring(client.get(QUEUE + query).content)
        return [m.text_content() for m in page.cssselect(".errorreport-passage mark")]

    assert marks("?status=open") == ["Хайко Маасом"]
    assert marks("?status=fixed") == ["Heiko Maas"]
    assert marks(f"?locale={en_article.locale_id}") == ["Heiko Maas"]


def test_bulk_actions_mark_fixed_dismiss_and_reopen(en_article, django_user_model):
    first = report(en_article, "Heiko Maas")
    second = report(en_article, "Ryabkov")
    client = admin_client(django_user_model)
    for action, status in [
        ("errorreport_mark_fixed", "fixed"),
        ("errorreport_dismiss", "dismissed"),
        ("errorreport_reopen", "open"),
    ]:
        url = f"/admin/bulk/errorreports/errorreport/{action}/?id={first.pk}&id={second.pk}"
        confirm = client.get(url)
        assert confirm.status_code == 200
        response = client.post(url, {"next": QUEUE})
        assert response.status_code == 302
        assert set(ErrorReport.objects.values_list("status", flat=True)) == {status}


def test_an_editor_sets_the_status_on_the_reports_page(en_article, django_user_model):
    typo = report(en_article, "Heiko Maas")
    client = admin_client(django_user_model)
    edit_url = f"{QUEUE}edit/{typo.pk}/"
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {"status": "dismissed"})
    assert response.status_code == 302
    typo.refresh_from_db()
    assert typo.status == ErrorReport.Status.DISMISSED
    assert typo.selected_text == "Heiko Maas"  # read-only fields are untouched


def test_the_queue_is_for_editors_only(en_article, django_user_model):
    report(en_article, "Heiko Maas")
    reader = django_user_model.objects.create_user("reader", "r@example.com", "pw-for-tests")
    client = Client()
    client.force_login(reader)
    assert client.get(QUEUE).status_code in (302, 403)
