"""URLs of the distribution app."""

from django.urls import path

from .api import api as ninjs_api

app_name = "distribution"
urlpatterns: list = [
    # The IPTC ninjs API: /api/ninjs/, /api/ninjs/<id>, OpenAPI at /api/schema/ (api.py).
    path("api/", ninjs_api.urls),
]
