"""Copy images uploaded before ``photos.Photo`` became the image model (Wagtail's ``wagtailimages.Image``).

Each image keeps its primary key, so lead images chosen before stay chosen; the files are
not moved. Renditions are not copied: they are made again on first use.
"""

from django.db import migrations

FIELDS = [
    "id",
    "title",
    "file",
    "width",
    "height",
    "created_at",
    "uploaded_by_user_id",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
    "file_size",
    "file_hash",
    "collection_id",
    "description",
]


def copy_images(apps, schema_editor):
    Image = apps.get_model("wagtailimages", "Image")
    Photo = apps.get_model("photos", "Photo")
    existing = set(Photo.objects.values_list("pk", flat=True))
    Photo.objects.bulk_create(
        Photo(**{name: getattr(image, name) for name in FIELDS})
        for image in Image.objects.exclude(pk__in=existing).iterator()
    )
    if schema_editor.connection.vendor == "postgresql" and Photo.objects.exists():
        with schema_editor.connection.cursor() as cursor:  # the next new photo gets a fresh id
            table = Photo._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")


class Migration(migrations.Migration):
    dependencies = [("photos", "0001_initial"), ("wagtailimages", "0027_image_description")]
    operations = [migrations.RunPython(copy_images, migrations.RunPython.noop)]
