"""Photos: responsive renditions and their markup, captions and credits, cards, the demo picture."""

from __future__ import annotations

import io

import lxml.html
import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import features

pytestmark = pytest.mark.django_db


def make_photo(width=1600, height=900, **fields):
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 90, 140)).save(buffer, "JPEG", quality=80)
    return get_image_model().objects.create(file=ImageFile(buffer, name="photo.jpg"), **{"title": "A photo", **fields})


def parse(markup) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(str(markup))


def srcset_widths(srcset: str) -> list[int]:
    return [int(part.strip().split()[-1].rstrip("w")) for part in srcset.split(",")]


@pytest.fixture
def all_formats(settings):
    settings.DATELINE_PHOTO_FORMATS = "avif,webp"


def test_picture_has_modern_sources_srcset_sizes_and_dimensions(all_formats):
    from dateline.photos.renditions import picture_html

    photo = make_photo()
    picture = parse(picture_html(photo, widths=(480, 800, 1200), sizes="100vw", alt="Lecterns"))
    assert picture.tag == "picture"
    types = [source.get("type") for source in picture.xpath(".//source")]
    expected = [mime for name, mime in [("avif", "image/avif"), ("webp", "image/webp")] if features.check(name)]
    assert types == expected and "image/webp" in types  # this Pillow writes WebP
    for source in picture.xpath(".//source"):
        assert srcset_widths(source.get("srcset")) == [480, 800, 1200]
        assert source.get("sizes") == "100vw"
        extension = "." + source.get("type").split("/")[1]
        assert all(url.split()[0].endswith(extension) for url in source.get("srcset").split(","))
    img = picture.xpath(".//img")[0]
    assert srcset_widths(img.get("srcset")) == [480, 800, 1200]
    assert (img.get("width"), img.get("height")) == ("1200", "675")  # the ratio of the original: no layout shift
    assert img.get("alt") == "Lecterns" and img.get("loading") == "lazy" and img.get("decoding") == "async"


def test_a_format_pillow_cannot_write_is_skipped(all_formats, monkeypatch):
    from dateline.photos import renditions

    monkeypatch.setattr(renditions.features, "check", lambda name: name == "webp")
    assert renditions.modern_formats() == ("webp",)
    monkeypatch.setattr(renditions.features, "check", lambda name: False)
    picture = parse(renditions.picture_html(make_photo(), widths=(480,), sizes="100vw"))
    assert picture.xpath(".//source") == [] and picture.xpath(".//img")


def test_no_rendition_wider_than_the_original(settings):
    from dateline.photos.renditions import picture_html

    small = make_photo(width=600, height=400)
    img = parse(picture_html(small, widths=(480, 800, 1200), sizes="100vw")).xpath(".//img")[0]
    assert srcset_widths(img.get("srcset")) == [480]
    tiny = make_photo(width=300, height=200)
    img = parse(picture_html(tiny, widths=(480, 800), sizes="100vw")).xpath(".//img")[0]
    assert srcset_widths(img.get("srcset")) == [300] and img.get("width") == "300"


def test_card_slot_crops_to_16_9_and_lead_loads_eagerly():
    from dateline.photos.templatetags.photo_tags import photo

    image = make_photo(width=1000, height=1000)
    card = parse(photo(image, "card", alt="")).xpath(".//img")[0]
    assert (card.get("width"), card.get("height")) == ("480", "270")
    assert card.get("loading") == "lazy"
    lead = parse(photo(image, "lead")).xpath(".//img")[0]
    assert lead.get("loading") == "eager" and lead.get("fetchpriority") == "high"
    assert photo(None, "lead") == ""


def test_body_image_is_a_figure_with_caption_and_credit(en_article, client):
    from wagtail.rich_text import expand_db_html

    image = make_photo(caption="Delegations in Geneva.", credit="Photo: Anna Petrova / TASS")
    html = expand_db_html(f'<p>Text.</p><embed embedtype="image" id="{image.pk}" format="left" alt="Delegations"/>')
    figure = lxml.html.fromstring(html).xpath("//figure")[0]
    assert "richtext-image" in figure.get("class") and "left" in figure.get("class")
    img = figure.xpath(".//picture//img")[0]
    assert img.get("alt") == "Delegations" and img.get("loading") == "lazy" and img.get("width")
    assert figure.xpath("string(.//figcaption)").split() == "Delegations in Geneva. Photo: Anna Petrova / TASS".split()


def test_article_lead_image_caption_and_credit_per_edition(client, demo):
    from dateline.news.models import ArticlePage

    for article in ArticlePage.objects.all():
        doc = lxml.html.fromstring(client.get(article.url).content)
        figure = doc.xpath("//figure[contains(@class, 'lead-image')]")[0]
        assert figure.xpath("string(.//*[@class='photo-caption-text'])") == article.lead_image_caption
        assert figure.xpath("string(.//*[@class='photo-credit'])") == article.lead_image_credit
        img = figure.xpath(".//img")[0]
        assert img.get("alt") == article.lead_image_caption and img.get("width") and img.get("height")
        assert img.get("loading") == "eager"
        og = {m.get("property"): m.get("content") for m in doc.xpath("//meta[@property]")}
        assert og["og:image"].startswith("http") and og["og:image:width"] == "1200"


def test_the_article_caption_wins_over_the_photos_own(en_article):
    photo = en_article.lead_image
    photo.caption, photo.credit = "Photo's caption", "Photo's credit"
    photo.save()
    en_article.lead_image_caption = en_article.lead_image_credit = ""
    assert (en_article.lead_image_caption_text, en_article.lead_image_credit_text) == (photo.caption, photo.credit)
    en_article.lead_image_caption = "Article's caption"
    assert en_article.lead_image_caption_text == "Article's caption"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_cards_show_the_picture_on_every_listing(client, demo, language):
    from dateline.news.models import ArticlePage

    article = ArticlePage.objects.get(locale__language_code=language)
    edition = article.edition
    tag = article.tags.first()
    query = {"en": "treaty", "ru": "договор"}[language]
    for url in [
        edition.url,
        article.get_parent().url,
        f"{edition.url}tags/{tag.slug}/",
        article.dossier.url,
        f"/{language}/search/?q={query}",
    ]:
        doc = lxml.html.fromstring(client.get(url).content)
        cards = doc.xpath(f"//*[contains(@class, 'card--with-image')][.//a[@href='{article.url}']]")
        assert cards, url
        link = cards[0].xpath(".//a[contains(@class, 'card-image')]")[0]
        assert link.get("aria-hidden") == "true" and link.get("tabindex") == "-1"  # the headline link names it
        img = link.xpath(".//img")[0]
        assert img.get("width") and img.get("height") and img.get("srcset"), url


def test_demo_ships_its_picture_once_with_caption_and_credit(demo):
    from wagtail.images import get_image_model

    from dateline.news.demo_content import load_demo_content
    from dateline.news.models import ArticlePage

    assert "lead image" in demo.created
    photo = get_image_model().objects.get()
    assert photo.credit and (photo.width, photo.height) == (1600, 900)
    assert {a.lead_image_id for a in ArticlePage.objects.all()} == {photo.pk}
    assert load_demo_content().created == [] and get_image_model().objects.count() == 1


def test_demo_loaded_before_the_picture_gets_it_once(demo):
    from wagtail.images import get_image_model

    from dateline.news.demo_content import load_demo_content
    from dateline.news.models import ArticlePage

    get_image_model().objects.all().delete()  # as a demo loaded by an older Dateline
    assert set(ArticlePage.objects.values_list("lead_image", flat=True)) == {None}
    report = load_demo_content()
    assert {"lead image", "en article lead image", "ru article lead image"} <= set(report.created)
    assert None not in set(ArticlePage.objects.values_list("lead_image", flat=True))
    assert ArticlePage.objects.get(locale__language_code="ru").lead_image_caption.startswith("Трибуны")
