"""A picture's markup is made once per process and what it shows: the same markup without reading a
rendition, new markup for every change of the photo or the slot, and none kept across ``clear_fragments``."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.news.fragments import clear_fragments
from dateline.photos.renditions import _picture_html, picture_html, pictures

from .test_photos import make_photo

pytestmark = pytest.mark.django_db
SLOT = {"widths": (480, 800), "sizes": "100vw", "alt": "Lecterns", "ratio": None, "eager": False, "css_class": "photo"}


def test_a_kept_picture_is_the_same_markup_without_reading_a_rendition(monkeypatch):
    photo = make_photo()
    first = picture_html(photo, **SLOT)
    assert first == _picture_html(photo, **SLOT)
    monkeypatch.setattr(type(photo), "get_renditions", lambda *a, **k: pytest.fail("renditions read again"))
    with CaptureQueriesContext(connection) as queries:
        assert picture_html(photo, **SLOT) == first
    assert len(queries) == 0


@pytest.mark.parametrize(
    "change",
    [
        {"alt": "Another text"},
        {"sizes": "50vw"},
        {"widths": (480,)},
        {"ratio": (16, 9)},
        {"eager": True},
        {"css_class": "photo photo--lead"},
    ],
)
def test_another_slot_gets_its_own_markup(change):
    photo = make_photo()
    picture_html(photo, **SLOT)
    slot = {**SLOT, **change}
    assert picture_html(photo, **slot) == _picture_html(photo, **slot) != _picture_html(photo, **SLOT)


def test_a_new_focal_point_or_file_gets_new_markup():
    photo = make_photo()
    before = picture_html(photo, **{**SLOT, "ratio": (1, 1)})
    photo.focal_point_x, photo.focal_point_y, photo.focal_point_width, photo.focal_point_height = 100, 100, 50, 50
    photo.save()
    after = picture_html(photo, **{**SLOT, "ratio": (1, 1)})
    assert after != before and after == _picture_html(photo, **{**SLOT, "ratio": (1, 1)})
    other = make_photo(width=1000, height=1000)
    assert picture_html(other, **SLOT) == _picture_html(other, **SLOT) != picture_html(photo, **SLOT)


def test_clear_fragments_forgets_every_picture():
    picture_html(make_photo(), **SLOT)
    assert len(pictures) == 1
    clear_fragments()
    assert len(pictures) == 0


def test_rendition_facts_are_read_once_per_photo_and_spec(monkeypatch):
    from dateline.photos.renditions import RenditionFacts, rendition_facts

    photo = make_photo()
    rendition = photo.get_rendition("width-800|format-jpeg")
    facts = rendition_facts(photo, "width-800|format-jpeg")
    assert facts == RenditionFacts(rendition.url, rendition.width, rendition.height, rendition.file.name)
    monkeypatch.setattr(type(photo), "get_rendition", lambda *a, **k: pytest.fail("rendition read again"))
    with CaptureQueriesContext(connection) as queries:
        assert rendition_facts(photo, "width-800|format-jpeg") == facts
    assert len(queries) == 0
    monkeypatch.undo()
    assert rendition_facts(photo, "fill-320x180").width == 320  # another spec: its own rendition
    photo.focal_point_x, photo.focal_point_y, photo.focal_point_width, photo.focal_point_height = 10, 10, 20, 20
    photo.save()
    cropped = rendition_facts(photo, "fill-320x180")
    assert cropped.url == photo.get_rendition("fill-320x180").url  # a new focal point: a new rendition
    clear_fragments()
    monkeypatch.setattr(type(photo), "get_rendition", lambda *a, **k: pytest.fail("read after clear_fragments"))
    with pytest.raises(pytest.fail.Exception):
        rendition_facts(photo, "width-800|format-jpeg")
