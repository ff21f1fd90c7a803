"""Responsive ``<picture>`` markup of a photo: AVIF/WebP sources, ``srcset``/``sizes``, fixed dimensions.

A picture is offered at a few widths (``srcset`` with ``w`` descriptors; the browser picks
by ``sizes``), in each modern format Pillow can write here (``DATELINE_PHOTO_FORMATS``,
default AVIF then WebP; a format Pillow lacks is skipped, see ``modern_formats``) as
``<source>`` elements, with the original format as the ``<img>`` fallback. The ``<img>``
carries ``width`` and ``height`` (of its largest rendition) so the browser reserves the
right box before the file arrives: no layout shift. Pictures above the fold load eagerly
(``fetchpriority="high"`` for the lead image), the rest ``loading="lazy"``.

Renditions are Wagtail's (``image.get_renditions``: one query for the ones already made;
missing ones are made once and kept). Widths larger than the original are not made.

Each worker process keeps the markup of ``PICTURE_CACHE_SIZE`` pictures (``news.fragments``)
under what it shows: the photo's id, file, size and focal point and the slot's widths, crop,
``sizes``, alt text and loading. Reading a picture's renditions took about 1 ms (six of them from
the renditions cache); a page rendered again after a purge takes its pictures from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from PIL import features

from dateline.news.fragments import FragmentCache, picture_key

#: Pictures' markup kept per process (about 1 KB each), and for how many seconds at most.
PICTURE_CACHE_SIZE = 2000
PICTURE_CACHE_SECONDS = 600

pictures = FragmentCache(PICTURE_CACHE_SIZE, PICTURE_CACHE_SECONDS)
#: Single renditions' facts kept per process (``rendition_facts``; about 200 bytes each).
RENDITION_FACTS_SIZE = 5000
rendition_facts_kept = FragmentCache(RENDITION_FACTS_SIZE, PICTURE_CACHE_SECONDS)

#: MIME type of each Wagtail output format.
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif"}


def modern_formats() -> tuple[str, ...]:
    """The formats of ``DATELINE_PHOTO_FORMATS`` that this Pillow can write, in preference order."""
    wanted = [name.strip().lower() for name in settings.DATELINE_PHOTO_FORMATS.split(",") if name.strip()]
    return tuple(name for name in wanted if name in ("avif", "webp") and features.check(name))


@dataclass
class Picture:
    """The renditions of one photo at one layout slot: ``sources`` [(MIME type, srcset)], fallback ``img``."""

    src: str
    srcset: str
    width: int
    height: int
    sources: list[tuple[str, str]] = field(default_factory=list)


def _spec(width: int, ratio: tuple[int, int] | None) -> str:
    if ratio is None:
        return f"width-{width}"
    return f"fill-{width}x{round(width * ratio[1] / ratio[0])}"


def _widths(image, widths: tuple[int, ...]) -> list[int]:
    """``widths`` not wider than the original (at least the original width when all are)."""
    fitting = [w for w in sorted(set(widths)) if w <= image.width]
    return fitting or [image.width]


@dataclass(frozen=True)
class RenditionFacts:
    """What a page, a feed or the API shows of one rendition: its ``url`` (the storage's), ``width`` and
    ``height`` (pixels) and its ``file_name`` (in the storage, for the MIME type)."""

    url: str
    width: int
    height: int
    file_name: str


def rendition_facts(image, spec: str) -> RenditionFacts:
    """The ``RenditionFacts`` of ``image``'s rendition for the Wagtail filter ``spec`` (made if missing).

    Kept per process (``RENDITION_FACTS_SIZE``) under what the rendition depends on: the photo's id,
    file, size and focal point (``picture_key``) and the spec. Wagtail's ``get_rendition`` reads
    the renditions cache and, finding the rendition there, writes it back (Wagtail marks only
    prefetched renditions as already cached): two cache operations per rendition, the second a
    write of the cache's SQLite file on the default install, for each article's sharing image
    and each rendition of a ninjs item.
    """
    key = (picture_key(image), spec)
    facts = rendition_facts_kept.get(key) if image.pk else None
    if facts is None:
        rendition = image.get_rendition(spec)
        facts = RenditionFacts(rendition.url, rendition.width, rendition.height, rendition.file.name)
        if image.pk:
            rendition_facts_kept.set(key, facts)
    return facts


def picture_renditions(image, widths: tuple[int, ...], ratio: tuple[int, int] | None = None) -> Picture:
    """Return the ``Picture`` of ``image`` at ``widths`` (pixels), cropped to ``ratio`` (w, h) if given."""
    widths_list = _widths(image, widths)
    base_specs = [_spec(w, ratio) for w in widths_list]
    specs = list(base_specs)
    for name in modern_formats():
        specs += [f"{spec}|format-{name}" for spec in base_specs]
    renditions = image.get_renditions(*specs)

    def srcset(spec_list):
        return ", ".join(f"{renditions[s].url} {renditions[s].width}w" for s in spec_list)

    largest = renditions[base_specs[-1]]
    return Picture(
        src=largest.url,
        srcset=srcset(base_specs),
        width=largest.width,
        height=largest.height,
        sources=[(MIME_TYPES[name], srcset([f"{s}|format-{name}" for s in base_specs])) for name in modern_formats()],
    )


def picture_html(
    image,
    *,
    widths: tuple[int, ...],
    sizes: str,
    alt: str = "",
    ratio: tuple[int, int] | None = None,
    eager: bool = False,
    css_class: str = "",
) -> SafeString:
    """Return the ``<picture>`` element of ``image`` (see the module doc); ``alt`` "" marks it decorative.

    From this process's ``pictures`` when the same picture was rendered for the same slot.
    """
    key = (picture_key(image), widths, sizes, alt, ratio, eager, css_class, modern_formats())
    html = pictures.get(key) if image.pk else None
    if html is None:
        html = _picture_html(image, widths=widths, sizes=sizes, alt=alt, ratio=ratio, eager=eager, css_class=css_class)
        if image.pk:
            pictures.set(key, html)
    return html


def _picture_html(
    image,
    *,
    widths: tuple[int, ...],
    sizes: str,
    alt: str,
    ratio: tuple[int, int] | None,
    eager: bool,
    css_class: str,
) -> SafeString:
    pic = picture_renditions(image, widths, ratio)
    sources = format_html_join(
        "", '<source type="{}" srcset="{}" sizes="{}">', ((mime, srcset, sizes) for mime, srcset in pic.sources)
    )
    loading = mark_safe(' loading="eager" fetchpriority="high"' if eager else ' loading="lazy"')  # constant markup
    return format_html(
        '<picture{}>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        ' decoding="async"{}></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        sources,
        pic.src,
        pic.srcset,
        sizes,
        pic.width,
        pic.height,
        alt,
        loading,
    )
