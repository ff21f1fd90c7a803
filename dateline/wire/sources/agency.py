"""IPTC agency XML formats into ``WireItem`` lists: NewsML-G2, NITF 3.x and NewsML 1.x.

* **NewsML-G2** (a ``newsMessage`` with an ``itemSet``, or a single
  ``newsItem``): text items (``itemClass`` ``ninat:text``; picture items of a
  message give the text items their lead image). guid and ``version`` of the
  ``newsItem``; ``contentMeta``: ``headline`` (a ``headline`` whose role names a
  sub-headline is the subheadline), ``description`` (summary) as the lead, ``by``
  else ``creator``, ``located`` else ``dateline``, ``urgency``, ``subject``/
  ``keyword``, ``language``; ``itemMeta``: ``firstCreated``, ``versionCreated``;
  ``rightsInfo``: ``copyrightNotice`` and ``usageTerms``; the body is the XHTML or
  NITF ``inlineXML`` of the ``contentSet``.
* **NITF 3.x**: ``hl1``/``hl2``, ``abstract``, ``byline`` (its ``byttl`` job title
  left out), ``dateline/location`` else ``evloc/@city``, ``date.issue``/
  ``story.date``/``date.release`` (``norm`` attributes), ``urgency/@ed-urg``,
  ``tobject.subject`` and ``key-list``, ``doc-id``, ``doc.copyright``/
  ``rights.owner``, ``baselang``/``xml:lang``; the body is ``body.content``
  (its ``media`` become the lead image, never body text).
* **NewsML 1.x** (AFP and others): ``NewsItem`` identification, ``NewsLines``,
  ``NewsManagement`` and the NITF ``DataContent``.

Times are read by ``wiredates.parse_wire_date`` (a time without a zone is read in
``default_zone`` and flagged). The document's declared encoding is honoured,
aliases included (``sources.encoding``).
"""

from __future__ import annotations

import re

from lxml import etree

from ..language import normalise_language
from ..richtext import lead_from_html, sanitise_body_html
from .base import SourceError, WireItem
from .wiredates import parse_wire_date

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BODY_TAG_MAP = {"hl1": "h2", "hl2": "h3", "block": "div", "body.content": "div", "bq": "blockquote", "fn": "p"}
DROPPED = {"media", "head", "title", "byline", "tagline", "caption", "credit", "byttl"}
PICTURE_CLASSES = ("ninat:picture", "icls:picture", "ninat:graphic")
TEXT_CLASSES = ("ninat:text", "icls:text", "ninat:composite")
MAX_SUBJECTS = 20
DATELINE_CREDIT = re.compile(r"\s*\([^)]*\)\s*[-—–]*\s*$|\s*[-—–,]+\s*$")


def parse_xml(data: bytes):
    """The root element of XML ``data`` (UTF-8 bytes) with namespaces stripped; ``SourceError`` when malformed.

    External entities and network access are off (no XXE).
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"XML does not parse: {exc}") from exc
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = etree.QName(element).localname
    return root


def _text(element) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _first_text(root, *paths: str) -> str:
    for path in paths:
        for found in root.xpath(path):
            value = found if isinstance(found, str) else _text(found)
            value = " ".join(value.split())
            if value:
                return value
    return ""


def _urgency(value: str) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 9 else None


def _version(value: str) -> int | None:
    match = re.match(r"^\s*(\d{1,18})\s*$", str(value or ""))
    return int(match.group(1)) if match else None


def _remove_keeping_tail(element) -> None:
    parent, previous = element.getparent(), element.getprevious()
    if parent is None:
        return
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _body_html(container) -> str:
    """HTML of a NITF ``body.content`` or XHTML ``body``: NITF tags mapped, media and captions left out."""
    if container is None:
        return ""
    for dropped in [e for e in container.iter() if isinstance(e.tag, str) and e.tag in DROPPED and e is not container]:
        _remove_keeping_tail(dropped)
    for element in container.iter():
        if isinstance(element.tag, str) and element.tag in BODY_TAG_MAP:
            element.tag = BODY_TAG_MAP[element.tag]
    return etree.tostring(container, method="html", encoding="unicode", with_tail=False)


def _pick_lang(elements, language: str) -> list:
    """The elements in ``language`` when some are, else all of them."""
    matching = [e for e in elements if normalise_language(e.get(XML_LANG)) == language]
    return matching or list(elements)


def _dates(first: str, version: str, default_zone: str) -> tuple:
    first_reading = parse_wire_date(first, default_zone)
    version_reading = parse_wire_date(version, default_zone) if version else first_reading
    published = version_reading.value or first_reading.value
    problem = version_reading.problem or first_reading.problem
    if not first and not version:
        problem = "the document gives no date"
    return first_reading.value or published, published, problem


def _finish(item: WireItem, text_source: str) -> WireItem:
    if not item.lead:
        item.lead = lead_from_html(item.body_html)
    if not item.title:
        item.title = item.lead[:120]
    if not item.guid:
        item.guid = text_source
    return item


# --- NewsML-G2 --------------------------------------------------------------------------------


def read_newsml_g2(root, location: str, default_zone: str = "UTC") -> list[WireItem]:
    """The text items of a NewsML-G2 ``newsMessage`` or ``newsItem`` root element (namespaces stripped)."""
    items = [root] if root.tag == "newsItem" else root.xpath(".//itemSet/newsItem | .//newsItem")
    if root.tag not in ("newsItem", "newsMessage"):
        raise SourceError(f"not a NewsML-G2 document (root {root.tag})")
    pictures = [item for item in items if _item_class(item) in PICTURE_CLASSES]
    image_url, image_credit = _picture(pictures[0]) if pictures else ("", "")
    readings = []
    for news_item in items:
        if news_item in pictures or (_item_class(news_item) and _item_class(news_item) not in TEXT_CLASSES):
            continue
        readings.append(_g2_item(news_item, location, default_zone, image_url, image_credit))
    if not readings:
        raise SourceError("the NewsML-G2 document holds no text item")
    return readings


def _item_class(news_item) -> str:
    return (news_item.xpath("string(itemMeta/itemClass/@qcode)") or "").strip()


def _picture(news_item) -> tuple[str, str]:
    href = news_item.xpath("string(.//contentSet/remoteContent[1]/@href)") or ""
    credit = _first_text(news_item, "contentMeta/creditline", "contentMeta/by", "rightsInfo/copyrightHolder/name")
    return href.strip(), credit


def _g2_item(news_item, location: str, default_zone: str, image_url: str, image_credit: str) -> WireItem:
    meta = news_item.find("contentMeta")
    meta = meta if meta is not None else etree.Element("contentMeta")
    language = normalise_language(news_item.get(XML_LANG)) or normalise_language(meta.xpath("string(language/@tag)"))
    headlines = _pick_lang(meta.findall("headline"), language)
    main = [h for h in headlines if "sub" not in (h.get("role") or "").lower()]
    subs = [h for h in headlines if "sub" in (h.get("role") or "").lower()]
    title = _text(main[0]) if main else (_text(headlines[0]) if headlines else "")
    summaries = [d for d in _pick_lang(meta.findall("description"), language) if "caption" not in (d.get("role") or "")]
    body = None
    for inline in news_item.xpath("contentSet/inlineXML"):
        body = inline.find(".//body.content")
        if body is None:
            body = inline.find(".//body")
        if body is None and len(inline):
            body = inline[0]
        if body is not None:
            break
    body_html = sanitise_body_html(_body_html(body), title=title)
    first, published, problem = _dates(
        _first_text(news_item, "itemMeta/firstCreated", "contentMeta/contentCreated"),
        _first_text(news_item, "itemMeta/versionCreated", "contentMeta/contentModified"),
        default_zone,
    )
    place = _first_text(meta, "located/name", "located/@literal") or DATELINE_CREDIT.sub(
        "", _first_text(meta, "dateline")
    )
    subjects = []
    for subject in meta.findall("subject"):
        names = _pick_lang(subject.findall("name"), language)
        name = _text(names[0]) if names else (subject.get("literal") or subject.get("qcode") or "")
        if name and name not in subjects:
            subjects.append(name)
    subjects += [_text(k) for k in meta.findall("keyword") if _text(k) and _text(k) not in subjects]
    rights = " ".join(
        _text(e)
        for e in _pick_lang(news_item.xpath("rightsInfo/copyrightNotice | rightsInfo/usageTerms"), language)
        if _text(e)
    )
    provider = (
        _first_text(news_item, "itemMeta/provider/name", "itemMeta/provider/@literal")
        or (news_item.xpath("string(itemMeta/provider/@qcode)").split(":")[-1])
    )
    item = WireItem(
        title=title,
        body_html=body_html,
        lead=_text(summaries[0]) if summaries else "",
        published_at=published,
        author=_first_text(meta, "by", "creator/name", "creator/@literal"),
        url=_first_text(news_item, "itemMeta/link[@rel='irel:canonical']/@href"),
        guid=(news_item.get("guid") or "").strip(),
        language=language,
        source_name=_first_text(meta, "creditline") or provider,
        subheadline=_text(subs[0]) if subs else "",
        dateline_place=place,
        first_created=first,
        urgency=_urgency(_first_text(meta, "urgency")),
        subjects=subjects[:MAX_SUBJECTS],
        rights=rights,
        version=_version(news_item.get("version")),
        image_url=image_url,
        image_credit=image_credit,
        date_problem=problem,
        format="newsml-g2",
    )
    return _finish(item, location)


# --- NITF ------------------------------------------------------------------------------------


def read_nitf(root, location: str, default_zone: str = "UTC") -> list[WireItem]:
    """The one story of an NITF 3.x ``nitf`` root element (namespaces stripped) as a one-item list."""
    head = root.find("head")
    head = head if head is not None else etree.Element("head")
    body_head = root.find("body/body.head")
    body_head = body_head if body_head is not None else etree.Element("body.head")
    language = normalise_language(root.get("baselang")) or normalise_language(root.get(XML_LANG))
    language = language or normalise_language(root.xpath("string(body/body.content/@xml:lang)"))
    title = _first_text(body_head, "hedline/hl1") or _first_text(head, "title")
    byline = body_head.find("byline")
    if byline is not None:
        for job in byline.findall("byttl"):
            job.getparent().remove(job)
    media = root.xpath(".//media[@media-type='image' or @media-type='Photo' or @media-type='photo']")
    image_url = media[0].xpath("string(media-reference/@source)").strip() if media else ""
    image_credit = _first_text(media[0], "media-producer", "media-metadata[@name='credit']/@value") if media else ""
    body_html = sanitise_body_html(_body_html(root.find("body/body.content")), title=title)
    issue = head.xpath("string(docdata/date.issue/@norm)") or body_head.xpath("string(dateline/story.date/@norm)")
    release = head.xpath("string(docdata/date.release/@norm)") or head.xpath("string(pubdata/@date.publication)")
    first, published, problem = _dates(issue, release or issue, default_zone)
    doc_id = head.find("docdata/doc-id")
    guid = ""
    if doc_id is not None and (doc_id.get("id-string") or "").strip():
        guid = f"nitf:{doc_id.get('regsrc') or ''}:{doc_id.get('id-string').strip()}"
    subjects = []
    for subject in head.xpath("tobject/tobject.subject"):
        name = (
            subject.get("tobject.subject.detail")
            or subject.get("tobject.subject.matter")
            or subject.get("tobject.subject.type")
            or subject.get("tobject.subject.refnum")
            or ""
        )
        if name and name not in subjects:
            subjects.append(name)
    subjects += [k for k in head.xpath("docdata/key-list/keyword/@key") if k not in subjects]
    copyright_ = head.find("docdata/doc.copyright")
    rights = ""
    if copyright_ is not None and copyright_.get("holder"):
        rights = f"© {copyright_.get('year') or ''} {copyright_.get('holder')}".replace("  ", " ")
    rights = rights or _first_text(body_head, "rights/rights.owner")
    place = _first_text(body_head, "dateline/location/city", "dateline/location") or head.xpath(
        "string(docdata/evloc/@city)"
    )
    item = WireItem(
        title=title,
        body_html=body_html,
        lead=_first_text(body_head, "abstract"),
        published_at=published,
        author=_text(byline),
        url="",
        guid=guid,
        language=language,
        source_name=_first_text(body_head, "distributor") or (doc_id.get("regsrc") if doc_id is not None else ""),
        subheadline=_first_text(body_head, "hedline/hl2"),
        dateline_place=place.strip().title() if place.isupper() else place.strip(),
        first_created=first,
        urgency=_urgency(head.xpath("string(docdata/urgency/@ed-urg)")),
        subjects=subjects[:MAX_SUBJECTS],
        rights=rights,
        version=None,
        image_url=image_url,
        image_credit=image_credit,
        date_problem=problem,
        format="nitf",
    )
    return [_finish(item, location)]


# --- NewsML 1.x ---------------------------------------------------------------------------------


def read_newsml_1(root, location: str, default_zone: str = "UTC") -> list[WireItem]:
    """The text ``NewsItem`` elements of a NewsML 1.x ``NewsML`` root (its NITF ``DataContent`` as the body)."""
    items = []
    for news_item in root.xpath(".//NewsItem"):
        ident = news_item.find("Identification/NewsIdentifier")
        management = news_item.find("NewsManagement")
        lines = news_item.find(".//NewsLines")
        language = normalise_language(news_item.get(XML_LANG)) or normalise_language(
            news_item.xpath("string(.//DescriptiveMetadata/Language/@FormalName)")
        )
        title = _first_text(lines, "HeadLine") if lines is not None else ""
        content = news_item.find(".//ContentItem/DataContent")
        body = content.find(".//body.content") if content is not None else None
        body_html = sanitise_body_html(_body_html(body), title=title)
        first, published, problem = _dates(
            _first_text(management, "FirstCreated") if management is not None else "",
            _first_text(management, "ThisRevisionCreated") if management is not None else "",
            default_zone,
        )
        place = news_item.xpath("string(.//Location/Property[@FormalName='City']/@Value)")
        if not place and lines is not None:
            place = _first_text(lines, "DateLine").split(",")[0]
        subjects = list(dict.fromkeys(news_item.xpath(".//Property[@FormalName='Keyword']/@Value")))
        item = WireItem(
            title=title,
            body_html=body_html,
            lead="",
            published_at=published,
            author=_first_text(lines, "ByLine") if lines is not None else "",
            url="",
            guid=_first_text(ident, "PublicIdentifier") if ident is not None else "",
            language=language,
            source_name=news_item.xpath("string(.//AdministrativeMetadata/Provider/Party/@FormalName)"),
            subheadline=_first_text(lines, "SubHeadLine") if lines is not None else "",
            dateline_place=place.strip().title() if place.isupper() else place.strip(),
            first_created=first,
            urgency=_urgency(news_item.xpath("string(NewsManagement/Urgency/@FormalName)")),
            subjects=subjects[:MAX_SUBJECTS],
            rights=" ".join(news_item.xpath(".//RightsMetadata//UsageType/text()")).strip(),
            version=_version(_first_text(ident, "RevisionId") if ident is not None else ""),
            date_problem=problem,
            format="newsml-1",
        )
        items.append(_finish(item, location))
    if not items:
        raise SourceError("the NewsML document holds no NewsItem")
    return items


def read_agency_xml(data: bytes, location: str, default_zone: str = "UTC") -> tuple[str, list[WireItem]]:
    """Parse agency XML ``data`` (UTF-8) and return (format name, items); ``SourceError`` when unreadable."""
    root = parse_xml(data)
    tag = root.tag
    if tag in ("newsMessage", "newsItem"):
        return "newsml-g2", read_newsml_g2(root, location, default_zone)
    if tag == "nitf":
        return "nitf", read_nitf(root, location, default_zone)
    if tag == "NewsML":
        return "newsml-1", read_newsml_1(root, location, default_zone)
    raise SourceError(f"{tag} documents are not supported (NewsML-G2 newsMessage/newsItem, NITF, NewsML 1.x)")


__all__ = ["parse_xml", "read_agency_xml"]
