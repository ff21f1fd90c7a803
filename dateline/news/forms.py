"""The editors' page form: an empty slug becomes a transliteration of the title."""

from wagtail.admin.forms import WagtailAdminPageForm

from .slugs import available_slug


class NewsPageForm(WagtailAdminPageForm):
    """Wagtail's page form, with the slug optional: left empty, it is made from the title.

    «Лавров встретился с Маасом» gets ``lavrov-vstretilsya-s-maasom`` (see ``slugs.available_slug``;
    ``-2``, ``-3``... when a sibling already has it),
    whether or not the editor's browser ran the admin's own slug script.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        if "slug" in self.fields and not self.cleaned_data.get("slug") and self.cleaned_data.get("title"):
            # Unique among the siblings: the editor cannot fix a clash in a field they left empty
            parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
            self.cleaned_data["slug"] = available_slug(parent, self.cleaned_data["title"], self.instance)
        return super().clean()
