"""URLs of the errorreports app."""

app_name = "errorreports"
urlpatterns: list = []
