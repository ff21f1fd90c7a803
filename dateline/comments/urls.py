"""URLs of the comments app (inside the language prefix: /<lang>/-/comments/...)."""

from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("<int:page_id>/new/", views.new_comment, name="new"),
]
