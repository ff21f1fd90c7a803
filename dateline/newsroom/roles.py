"""The newsroom's roles as Django groups, and the "Editor approval" workflow.

Each role is a group; a user gets a role by being put in its group (Wagtail admin →
Settings → Users → Roles). ``ROLES`` is the one definition, applied by the data
migration ``0001_roles_and_workflow`` and by ``apply_roles`` at any later time:

=============  ==========================================================================
group          may
=============  ==========================================================================
Reporters      enter the admin, upload images and documents. Pages only in the sections
               given to them: each section has its own group "Reporters: <section>
               (<language>)" (created with the section) with *add* and *change* on it.
               Without *publish*, saving sends the draft to "Editor approval".
Editors        add, change, publish (and so schedule with "go live at"), lock, unlock and
               delete every page (articles, sections, dossiers) of both editions; add,
               change and delete source agencies; approve the "Editor approval" task; run
               the wire desk (sources, and taking or dismissing inbox items).
Translators    add and change pages of both editions (never publish) and submit
               translations (*Translate* in the page menu); their saves go to approval.
Moderators     the reader queues only: readers' comments and spelling-error reports
               (view, change, delete), ratings (view, delete votes). No page permission.
Administrators every permission there is, and every page permission on the tree root.
=============  ==========================================================================

Page permissions are Wagtail's ``GroupPagePermission`` rows on the tree root (depth 1),
so they cover both editions and every page later added below them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dateline.roles.permissions import READER_MODERATION

REPORTERS = "Reporters"
EDITORS = "Editors"
TRANSLATORS = "Translators"
MODERATORS = "Moderators"
ADMINISTRATORS = "Administrators"
WORKFLOW_NAME = "Editor approval"
TASK_NAME = "Editor approval"

ADMIN_ACCESS = "wagtailadmin.access_admin"
MEDIA_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
ALL_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
SECTION_REPORTER_PERMISSIONS = ["add_page", "change_page"]

#: group name → (model permissions "app_label.codename", page permissions on the tree root)
ROLES: dict[str, tuple[list[str], list[str]]] = {
    REPORTERS: ([ADMIN_ACCESS, *MEDIA_PERMISSIONS], []),
    EDITORS: (
        [
            ADMIN_ACCESS,
            *MEDIA_PERMISSIONS,
            "news.add_sourceagency",
            "news.change_sourceagency",
            "news.delete_sourceagency",
            "news.view_sourceagency",
            "simple_translation.submit_translation",
            # the wire desk: sources and the inbox editors take copy from
            "wire.view_wiresource",
            "wire.add_wiresource",
            "wire.change_wiresource",
            "wire.delete_wiresource",
            "wire.view_inboxitem",
            "wire.change_inboxitem",
        ],
        ALL_PAGE_PERMISSIONS,
    ),
    TRANSLATORS: (
        [ADMIN_ACCESS, *MEDIA_PERMISSIONS, "simple_translation.submit_translation"],
        ["add_page", "change_page"],
    ),
    MODERATORS: (READER_MODERATION, []),  # the reader queues only (dateline/roles, also "Reader moderators")
    ADMINISTRATORS: (["*"], ALL_PAGE_PERMISSIONS),
}

ROLE_LABELS = {
    REPORTERS: _("Reporters"),
    EDITORS: _("Editors"),
    TRANSLATORS: _("Translators"),
    MODERATORS: _("Moderators"),
    ADMINISTRATORS: _("Administrators"),
}


def _permission(apps, dotted: str):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(apps, codename: str):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="wagtailcore", content_type__model="page", codename=codename)


def apply_roles(apps) -> None:
    """Create or reset the role groups, their permissions and the "Editor approval" workflow.

    ``apps`` is a migration's app registry (or ``django.apps.apps``). Idempotent: a group's
    model and root-page permissions are set to exactly ``ROLES``; other groups are left alone.
    Raises ``Permission.DoesNotExist`` when a permission named in ``ROLES`` is missing.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).order_by("path").first()

    groups = {}
    for name, (model_perms, page_perms) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if model_perms == ["*"]:
            group.permissions.set(Permission.objects.all())
        else:
            group.permissions.set([_permission(apps, dotted) for dotted in model_perms])
        GroupPagePermission.objects.filter(group=group).exclude(page__depth__gt=1).delete()
        if root is not None:
            for codename in page_perms:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=root.pk, permission=_page_permission(apps, codename)
                )
        _apply_collection_permissions(apps, group, model_perms)
    _apply_workflow(apps, groups[EDITORS], root)


def _apply_collection_permissions(apps, group, model_perms) -> None:
    """Images and documents are permitted per collection: give the group's on the root collection."""
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    collection = Collection.objects.filter(depth=1).order_by("path").first()
    GroupCollectionPermission.objects.filter(group=group).delete()
    if collection is None:
        return
    media = MEDIA_PERMISSIONS if model_perms == ["*"] else [p for p in model_perms if p in MEDIA_PERMISSIONS]
    for dotted in media:
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=_permission(apps, dotted)
        )


def _apply_workflow(apps, editors, root) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    content_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    task.groups.set([editors])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page_id=root.pk, defaults={"workflow": workflow})
    # Wagtail's default "Moderators approval" would send pages to the reader-queue moderators
    Workflow.objects.exclude(pk=workflow.pk).filter(workflow_pages__isnull=True).update(active=False)


def ensure_section_reporters_group(section):
    """Return the group "Reporters: <section title> (<language>)" with add/change on ``section``.

    Created once per section (on its first save); a reporter put in it (and in
    "Reporters") writes and submits articles in that section only. Renaming the
    section later does not rename the group: it is found by its page permission.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    existing = (
        Group.objects.filter(name__startswith=f"{REPORTERS}: ", page_permissions__page=section).distinct().first()
    )
    if existing is not None:
        return existing
    name = f"{REPORTERS}: {section.title} ({section.locale.language_code})"
    group, _created = Group.objects.get_or_create(name=name)
    for codename in SECTION_REPORTER_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)
    return group
