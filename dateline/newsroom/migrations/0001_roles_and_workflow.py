"""The newsroom's roles (groups with their permissions) and the "Editor approval" workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    from dateline.newsroom.roles import REPORTERS, SECTION_REPORTER_PERMISSIONS, apply_roles

    apply_roles(apps)

    # Sections that exist already get their reporters' group (new ones get it when created).
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    SectionPage = apps.get_model("news", "SectionPage")
    for section in SectionPage.objects.select_related("locale"):
        if GroupPagePermission.objects.filter(page_id=section.pk, group__name__startswith=f"{REPORTERS}: ").exists():
            continue
        group, _created = Group.objects.get_or_create(
            name=f"{REPORTERS}: {section.title} ({section.locale.language_code})"
        )
        for codename in SECTION_REPORTER_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page_id=section.pk, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("simple_translation", "0001_initial"),
        ("news", "0001_initial"),
        ("comments", "0001_initial"),
        ("errorreports", "0001_initial"),
        ("ratings", "0001_initial"),
        ("wire", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
