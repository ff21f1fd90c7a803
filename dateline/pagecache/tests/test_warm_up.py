"""A worker loads its templates, catalogues and URL patterns before it serves (``wsgi.warm_up``), without
reading the database."""

import pytest
from django.template import engines

from dateline.pagecache.wsgi import ADMIN_TEMPLATE_MARK, reader_template_names, warm_up


@pytest.fixture
def cached_loader():
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    yield loader
    loader.reset()


def test_the_reader_templates_are_compiled_before_the_first_render(cached_loader, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        warm_up()
    loaded = set(cached_loader.get_template_cache)
    assert {"base.html", "news/article_page.html", "news/edition_page.html", "search/search_page.html"} <= loaded


def test_the_newsroom_admin_screens_are_left_out():
    from pathlib import Path

    import dateline

    admin_screens = {
        path.relative_to(templates).as_posix()
        for templates in Path(dateline.__file__).parent.glob("*/templates")
        for path in templates.rglob("*.html")
        if ADMIN_TEMPLATE_MARK in path.read_text(encoding="utf-8")
    }
    names = reader_template_names()
    assert admin_screens, "the newsroom has admin screens extending Wagtail's"
    assert "news/includes/article_card.html" in names
    assert not admin_screens & set(names)
