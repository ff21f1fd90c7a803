"""URLs of the errorreports app (inside the language prefix: /<lang>/-/errorreports/)."""

from django.urls import path

from . import views

app_name = "errorreports"
urlpatterns = [
    path("<int:page_id>/", views.report, name="report"),
]
