"""Each newsroom role, signed in through the admin's login form, can do its job and no more."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from dateline.news.models import ArticlePage, DossierPage, SectionPage, SourceAgency
from dateline.newsroom.roles import WORKFLOW_NAME

from .conftest import sign_in


def article_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "",
            "lead": "A lead.",
            "body": rich_text("<p>Body.</p>"),
            "dateline_place": "Moscow",
            "byline": "",
            "published_at": "2026-03-12 15:40",
            "time_zone": "Europe/Moscow",
            "source_url": "",
            "tags": "",
            "corrections": inline_formset([]),
            **extra,
        }
    )


def new_article(section, title="Fresh story", live=True):
    article = ArticlePage(title=title, slug=title.lower().replace(" ", "-"), body="<p>Text.</p>", lead="Lead.")
    section.add_child(instance=article)
    revision = article.save_revision()
    if live:
        revision.publish()
    return ArticlePage.objects.get(pk=article.pk)


def test_both_editions_use_the_editor_approval_workflow(demo):
    for article in ArticlePage.objects.all():
        workflow = article.get_workflow()
        assert workflow is not None and workflow.name == WORKFLOW_NAME
        task = workflow.tasks.get().specific
        assert [g.name for g in task.groups.all()] == ["Editors"]


def test_reporter_writes_and_submits_in_their_section_but_cannot_publish(client, users, en_news):
    sign_in(client, users["reporter"])
    add_url = f"/admin/pages/add/news/articlepage/{en_news.pk}/"
    assert client.get(add_url).status_code == 200
    # "Publish" is not theirs: the page is saved as a draft, not published
    response = client.post(add_url, article_form("Reporter tries to publish", **{"action-publish": "publish"}))
    assert response.status_code in (200, 302, 403)
    tried = ArticlePage.objects.filter(title="Reporter tries to publish").first()
    assert tried is None or not tried.live
    # Submitting sends the draft to the editors
    response = client.post(add_url, article_form("Reporter's draft", **{"action-submit": "submit"}))
    assert response.status_code == 302, response.context["form"].errors
    draft = ArticlePage.objects.get(title="Reporter's draft")
    assert not draft.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Editor approval"


def test_editor_runs_the_wire_desk_and_a_reporter_does_not(client, users):
    sign_in(client, users["editor"])
    for name in ("wire_inbox:index", "wire_sources:index", "wire_sources:add"):
        assert client.get(reverse(name)).status_code == 200, name
    client.logout()
    sign_in(client, users["reporter"])
    for name in ("wire_inbox:index", "wire_sources:index"):
        assert client.get(reverse(name)).status_code in (302, 403), name


def test_reporter_cannot_write_outside_their_section(client, users):
    sign_in(client, users["reporter"])
    ru_news = SectionPage.objects.get(locale__language_code="ru")
    response = client.get(f"/admin/pages/add/news/articlepage/{ru_news.pk}/")
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/pages/add/news/articlepage/{ru_news.pk}/", article_form("Elsewhere"))
    assert not ArticlePage.objects.filter(title="Elsewhere").exists()
    ru_article = ArticlePage.objects.get(locale__language_code="ru")
    assert client.get(f"/admin/pages/{ru_article.pk}/edit/").status_code in (302, 403)
    agency = SourceAgency.objects.first()
    assert client.get(reverse("wagtailsnippets_news_sourceagency:edit", args=[agency.pk])).status_code in (302, 403)


def test_editor_approves_a_reporters_draft_and_it_goes_live(client, users, en_news, django_user_model):
    from django.test import Client

    reporter = sign_in(Client(), users["reporter"])
    reporter.post(
        f"/admin/pages/add/news/articlepage/{en_news.pk}/", article_form("For approval", **{"action-submit": "s"})
    )
    draft = ArticlePage.objects.get(title="For approval")
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    sign_in(client, users["editor"])
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Good to go"})
    assert response.status_code in (200, 302), response.content.decode()[:500]
    draft.refresh_from_db()
    assert draft.live


def test_editor_publishes_schedules_and_edits_dossiers_and_agencies(client, users, en_news):
    sign_in(client, users["editor"])
    add_url = f"/admin/pages/add/news/articlepage/{en_news.pk}/"
    client.post(add_url, article_form("Editor's own", **{"action-publish": "publish"}))
    assert ArticlePage.objects.get(title="Editor's own").live
    client.post(add_url, article_form("Scheduled one", go_live_at="2099-01-01 10:00", **{"action-publish": "publish"}))
    scheduled = ArticlePage.objects.get(title="Scheduled one")
    assert not scheduled.live and scheduled.get_latest_revision().approved_go_live_at is not None
    dossier = DossierPage.objects.get(locale__language_code="ru")
    assert client.get(f"/admin/pages/{dossier.pk}/edit/").status_code == 200
    agency = SourceAgency.objects.first()
    assert client.get(reverse("wagtailsnippets_news_sourceagency:edit", args=[agency.pk])).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_news_sourceagency:add") + "?locale=en", {"name": "Reuters", "url": ""}
    )
    assert response.status_code == 302
    assert SourceAgency.objects.filter(name="Reuters").exists()
    # editors do not run the site
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)


def test_translator_translates_and_submits_but_cannot_publish(client, users, en_news):
    article = new_article(en_news, "To translate")
    sign_in(client, users["translator"])
    ru = Locale.objects.get(language_code="ru")
    url = reverse("simple_translation:submit_page_translation", args=[article.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [ru.pk]})
    assert response.status_code == 302, response.context["form"].errors
    translation = article.get_translation(ru)
    assert not translation.live
    edit = client.post(
        f"/admin/pages/{translation.pk}/edit/",
        article_form("Для перевода", slug="dlya-perevoda", **{"action-publish": "publish"}),
    )
    assert edit.status_code in (200, 302)
    translation.refresh_from_db()
    assert not translation.live
    client.post(
        f"/admin/pages/{translation.pk}/edit/",
        article_form("Для перевода", slug="dlya-perevoda", **{"action-submit": "submit"}),
    )
    assert WorkflowState.objects.get(object_id=str(translation.pk)).status == WorkflowState.STATUS_IN_PROGRESS


def test_moderator_has_the_reader_queues_only(client, users, en_article):
    sign_in(client, users["moderator"])
    assert client.get(reverse("reader_comments:list")).status_code == 200
    assert client.get("/admin/snippets/errorreports/errorreport/").status_code == 200
    assert client.get(f"/admin/pages/{en_article.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/add/news/articlepage/{en_article.get_parent().pk}/").status_code in (302, 403)
    perms = en_article.permissions_for_user(users["moderator"])
    assert not perms.can_edit() and not perms.can_publish()


def test_administrator_runs_the_site(client, users, en_article):
    sign_in(client, users["administrator"])
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200
    assert client.get(f"/admin/pages/{en_article.pk}/edit/").status_code == 200
    assert en_article.permissions_for_user(users["administrator"]).can_publish()


@pytest.mark.parametrize("role", ["reporter", "translator"])
def test_only_editors_and_administrators_can_publish(users, en_article, role):
    assert not Page.objects.get(pk=en_article.pk).permissions_for_user(users[role]).can_publish()
    assert Page.objects.get(pk=en_article.pk).permissions_for_user(users["editor"]).can_publish()


def test_a_new_section_gets_its_reporters_group(demo):
    from django.contrib.auth.models import Group

    edition = SectionPage.objects.get(locale__language_code="en").get_parent()
    edition.add_child(instance=SectionPage(title="World", slug="world"))
    group = Group.objects.get(name="Reporters: World (en)")
    assert group.page_permissions.count() == 2
