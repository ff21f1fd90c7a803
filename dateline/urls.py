"""URLs of the whole site.

Outside the language prefix: the Wagtail admin (the only admin: Django's own is not
installed), machine-read outputs (sitemaps,
robots.txt, the ninjs API). Inside ``/en/`` and ``/ru/``: everything a reader
sees, including the small JSON endpoints of the reader apps, so that every
message comes in the page's language. Wagtail's page serving comes last.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline.security.mail import HonestPasswordResetView

urlpatterns = [
    # Wagtail's password reset, which says so when the mail cannot be sent (dateline/security/mail.py)
    path("admin/password_reset/", HonestPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
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
    path("", include("dateline.newsroom.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DATELINE_SERVE_MEDIA:
    # Uploaded images on a one-machine install; an agency behind a web server or a CDN
    # sets DATELINE_SERVE_MEDIA=0 and serves MEDIA_ROOT from there.
    urlpatterns = [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
        *urlpatterns,
    ]

# Error pages in the request's language (Django's own are English only).
handler400 = "dateline.error_pages.bad_request"
handler403 = "dateline.error_pages.permission_denied"
handler404 = "dateline.error_pages.page_not_found"
handler500 = "dateline.error_pages.server_error"
