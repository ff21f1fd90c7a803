"""URLs of the readers app."""

app_name = "readers"
urlpatterns: list = []
