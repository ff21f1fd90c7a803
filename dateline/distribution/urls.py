"""URLs of the distribution app."""

from django.urls import path

from . import sitemaps
from .api import api as ninjs_api

app_name = "distribution"
urlpatterns: list = [
    # The IPTC ninjs API: /api/ninjs/, /api/ninjs/<id>, OpenAPI at /api/schema/ (api.py).
    path("api/", ninjs_api.urls),
    # Sitemaps (index when large), the Google News sitemap, robots.txt (sitemaps.py).
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
