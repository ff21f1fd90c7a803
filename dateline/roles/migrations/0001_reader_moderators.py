"""Reader moderation: a "Reader moderators" group with the queues and nothing else; Wagtail's
"Moderators" get the queues too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    from dateline.roles.permissions import READER_MODERATION, READER_MODERATORS_GROUP, WAGTAIL_MODERATORS_GROUP

    # Permissions are made after migrations (post_migrate); make those needed here now.
    for label in ("wagtailadmin", "comments", "errorreports", "ratings"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for name in READER_MODERATION:
        app_label, codename = name.split(".")
        permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    reader_moderators, _ = Group.objects.get_or_create(name=READER_MODERATORS_GROUP)
    reader_moderators.permissions.add(*permissions)
    moderators = Group.objects.filter(name=WAGTAIL_MODERATORS_GROUP).first()
    if moderators is not None:
        moderators.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Reader moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("comments", "0001_initial"),
        ("errorreports", "0001_initial"),
        ("ratings", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
