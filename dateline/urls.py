"""URLs of the whole site.

Outside the language prefix: the admin, machine-read outputs (sitemaps,
robots.txt, the ninjs API). Inside ``/en/`` and ``/ru/``: everything a reader
sees, including the small JSON endpoints of the reader apps, so that every
message comes in the page's language. Wagtail's page serving comes last.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("dateline.distribution.urls")),
]

urlpatterns += i18n_patterns(
    path("-/ratings/", include("dateline.ratings.urls")),
    path("-/comments/", include("dateline.comments.urls")),
    path("-/errorreports/", include("dateline.errorreports.urls")),
    path("-/reader/", include("dateline.readers.urls")),
    path("", include("dateline.search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
