"""URLs of the readers app (inside the language prefix)."""

from django.urls import path

from . import views

app_name = "readers"
urlpatterns = [
    path("state/<int:page_id>/", views.reader_state, name="state"),
]
