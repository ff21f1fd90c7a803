"""Reader URLs of the newsroom (inside the language prefix): /en/corrections/, /ru/corrections/."""

from django.urls import path

from . import views

app_name = "newsroom"
urlpatterns = [path("corrections/", views.corrections_page, name="corrections")]
