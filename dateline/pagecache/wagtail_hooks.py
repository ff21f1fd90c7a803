"""Wagtail hooks of the page cache: note which page (and route) a request is served by."""

from wagtail import hooks

from .dependencies import tags_of_page, tags_of_route


@hooks.register("before_serve_page")
def note_served_page(page, request, serve_args, serve_kwargs):
    """Attach the dependency tags of the page (or of its route: feed, tag page) to the request."""
    if len(serve_args) == 3 and callable(serve_args[0]):  # RoutablePageMixin: (view, args, kwargs)
        view, _args, view_kwargs = serve_args
        name = getattr(view, "__name__", "")
        if name != "index_route":
            request.pagecache_tags = tags_of_route(page, name, view_kwargs)
            return None
    request.pagecache_tags = tags_of_page(page)
    return None
