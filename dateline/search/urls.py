"""URLs of the search app (inside the language prefix: /en/search/, /ru/search/)."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
]
