"""The IPTC ninjs API for subscribers: ``/api/ninjs/``, ``/api/ninjs/{id}``, ``/api/schema/``.

Built on django-ninja, which also writes the OpenAPI 3.1 description.

Authentication: the key goes in ``Authorization: Bearer <key>`` or in
``X-Api-Key: <key>``. Errors are JSON ``{"error": {"code", "message"}}``, the
message in the language of ``Accept-Language`` (English or Russian):

====  ======================  ==================================================
401   ``missing_api_key``     no key sent
401   ``malformed_api_key``   ``Authorization`` is not ``Bearer <key>``, or the
                              key is not shaped ``dl_<prefix>_<secret>``
403   ``invalid_api_key``     no such key
403   ``revoked_api_key``     the key was revoked by an editor
429   ``rate_limited``        over the key's requests per minute; ``Retry-After``
                              gives the seconds to wait
429   ``too_many_bad_keys``   this address sent too many wrong keys
                              (``DATELINE_API_BAD_KEY_LIMIT`` per
                              ``DATELINE_API_BAD_KEY_WINDOW`` seconds); every
                              key, even a right one, is refused from it until
                              ``Retry-After`` seconds have passed
400   ``invalid_parameter``   a bad query parameter (``since``, ``locale``...)
404   ``not_found``           no distributable article with that id
====  ======================  ==================================================
"""

from __future__ import annotations

import hashlib
import hmac
import operator
from datetime import UTC, datetime
from functools import reduce
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import APIKeyHeader, HttpBearer

from dateline.news.articles import MAX_PAGE_ID
from dateline.news.models import ArticlePage, DossierPage, SectionPage
from dateline.news.visibility import cached_for_tree, hidden_subtrees
from dateline.ratelimit import RateLimitExceeded, current, hit
from dateline.readers.tokens import client_ip, hashed

from .absolute import site_url
from .actions import KEY_SCHEME, record_api_key_use
from .api_schemas import ErrorBody, NinjsItem, NinjsPage
from .models import KEY_PREFIX_LENGTH, ApiKey, hash_api_key
from .ninjs import (
    NinjsBuilder,
    article_to_ninjs,
    distributable_articles,
    listed_by,
    newest_versions,
    withdrawn_ninjs,
)

RATE_WINDOW_SECONDS = 60  # the per-key limit counts requests per minute

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Offsets past this are refused (400): offset + limit must stay within the databases' 64-bit integers.
MAX_OFFSET = MAX_PAGE_ID - MAX_PAGE_SIZE
ERROR_RESPONSES = {400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody}


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message"}}`` with an HTTP ``status``.

    ``headers`` are added to the response (``Retry-After``, ``WWW-Authenticate``).
    """

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


BAD_KEY_SCOPE = "ninjs-bad-key"


def _bad_key_address(request: HttpRequest) -> str:
    return hashed(client_ip(request), "dateline.distribution.bad-key")


def _too_many_bad_keys(retry_after: int) -> ApiError:
    return ApiError(
        429,
        "too_many_bad_keys",
        _("Too many requests with a wrong API key from this address. Retry in %(seconds)d seconds.")
        % {"seconds": retry_after},
        {"Retry-After": str(retry_after)},
    )


def refuse_blocked_address(request: HttpRequest) -> None:
    """Raise ``ApiError`` 429 when the client's address sent too many wrong keys in the current window.

    Checked before any key, so that an address past the limit learns nothing more
    about which keys exist (``DATELINE_API_BAD_KEY_LIMIT`` per ``..._WINDOW`` seconds).
    """
    limit = settings.DATELINE_API_BAD_KEY_LIMIT
    if limit <= 0:
        return
    used, retry_after = current(BAD_KEY_SCOPE, _bad_key_address(request), settings.DATELINE_API_BAD_KEY_WINDOW)
    if used >= limit:
        raise _too_many_bad_keys(retry_after)


def bad_key(request: HttpRequest, error: ApiError) -> ApiError:
    """Count a wrong key (malformed, unknown, revoked) from the client's address; return the error to raise.

    That is ``error`` itself, or 429 ``too_many_bad_keys`` with ``Retry-After`` once
    the address is over ``DATELINE_API_BAD_KEY_LIMIT``.
    """
    try:
        hit(
            BAD_KEY_SCOPE,
            _bad_key_address(request),
            settings.DATELINE_API_BAD_KEY_LIMIT,
            settings.DATELINE_API_BAD_KEY_WINDOW,
        )
    except RateLimitExceeded as exc:
        return _too_many_bad_keys(exc.retry_after)
    return error


def check_api_key(request: HttpRequest, raw_key: str) -> ApiKey:
    """Return the active ``ApiKey`` whose hash matches ``raw_key`` and count the request.

    Raises ``ApiError`` 401 (malformed key), 403 (unknown or revoked key) or
    429 (over the key's rate limit, or the address sent too many wrong keys;
    with ``Retry-After`` in seconds).
    """
    refuse_blocked_address(request)
    scheme, _sep, rest = raw_key.partition("_")
    prefix = rest.partition("_")[0]
    if scheme != KEY_SCHEME or len(prefix) != KEY_PREFIX_LENGTH or len(rest) <= KEY_PREFIX_LENGTH + 1:
        raise bad_key(
            request,
            ApiError(
                401,
                "malformed_api_key",
                _("The API key is malformed: expected dl_<prefix>_<secret>."),
                {"WWW-Authenticate": 'Bearer realm="ninjs", error="invalid_token"'},
            ),
        )
    api_key = ApiKey.objects.filter(prefix=prefix).first()
    if api_key is None or not hmac.compare_digest(api_key.key_hash, hash_api_key(raw_key)):
        raise bad_key(request, ApiError(403, "invalid_api_key", _("This API key is not valid.")))
    if not api_key.is_active:
        raise bad_key(request, ApiError(403, "revoked_api_key", _("This API key has been revoked.")))
    limit = api_key.rate_limit_per_minute
    try:
        count = hit("ninjs-apikey", str(api_key.pk), limit, RATE_WINDOW_SECONDS)
    except RateLimitExceeded as exc:
        raise ApiError(
            429,
            "rate_limited",
            _("Too many requests: this key may make %(limit)d requests a minute. Retry in %(seconds)d seconds.")
            % {"limit": limit, "seconds": exc.retry_after},
            {"Retry-After": str(exc.retry_after)},
        ) from exc
    if count == 1 or api_key.last_used_at is None:  # one write per key and minute at most
        record_api_key_use(api_key)
    request.rate_remaining = (limit, max(limit - count, 0))
    return api_key


class BearerKeyAuth(HttpBearer):
    """The key in ``Authorization: Bearer <key>`` (RFC 6750)."""

    def __call__(self, request: HttpRequest):
        value = request.headers.get("Authorization", "").strip()
        if not value:
            return None
        scheme, _sep, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            refuse_blocked_address(request)
            raise bad_key(
                request,
                ApiError(
                    401,
                    "malformed_api_key",
                    _("The Authorization header must be “Bearer <API key>”."),
                    {"WWW-Authenticate": 'Bearer realm="ninjs", error="invalid_request"'},
                ),
            )
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey:
        return check_api_key(request, token)


class HeaderKeyAuth(APIKeyHeader):
    """The key in the ``X-Api-Key`` header."""

    param_name = "X-Api-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        if not key:
            return None
        return check_api_key(request, key.strip())


class Utf8JSONRenderer(JSONRenderer):
    """JSON in UTF-8 as it is: Cyrillic text takes 2 bytes a letter instead of 6 as ``\\uXXXX``."""

    json_dumps_params = {"ensure_ascii": False}


class DatelineNinjaAPI(NinjaAPI):
    """A NinjaAPI included under the ``distribution`` URL namespace (for its OpenAPI server path)."""

    def get_root_path(self, path_params):
        return reverse(f"distribution:{self.urls_namespace}:api-root", kwargs=path_params)


api = DatelineNinjaAPI(
    title="Dateline ninjs API",
    version="1.0.0",
    description=(
        "Published articles of both editions as IPTC ninjs 2.2 news items "
        "(https://iptc.org/standards/ninjs/). Send your key as `Authorization: Bearer <key>` "
        'or `X-Api-Key: <key>`. Every error is JSON `{"error": {"code": ..., "message": ...}}`: '
        "401 missing or malformed key, 403 unknown or revoked key, 429 over the key's per-minute "
        "limit (see `Retry-After`), 400 bad parameter, 404 no such item."
    ),
    openapi_url="/schema/",
    docs_url=None,
    urls_namespace="ninjs_api",
    auth=[BearerKeyAuth(), HeaderKeyAuth()],
    renderer=Utf8JSONRenderer(),
)


class _UrlconfWithoutLanguagePrefixes:
    """An empty URLconf for ``request.urlconf`` on API errors.

    Django's ``LocaleMiddleware`` turns every 404 outside the language prefix
    into a redirect to ``/en/...`` when the URLconf uses ``i18n_patterns``; the
    API's JSON 404 must reach the subscriber as it is. The URL was already
    resolved, so this only changes what the middlewares check afterwards.
    """

    urlpatterns: list = []


def error_response(request: HttpRequest, status: int, code: str, message: str, headers=None) -> HttpResponse:
    """Return the JSON error response ``{"error": {"code", "message"}}`` with ``status``."""
    request.urlconf = _UrlconfWithoutLanguagePrefixes
    response = api.create_response(request, {"error": {"code": code, "message": message}}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return error_response(request, exc.status, exc.code, exc.message, exc.headers)


@api.exception_handler(AuthenticationError)
def _missing_key(request, exc):
    return error_response(
        request,
        401,
        "missing_api_key",
        _("An API key is required: send it as “Authorization: Bearer <key>”."),
        {"WWW-Authenticate": 'Bearer realm="ninjs"'},
    )


@api.exception_handler(ValidationError)
def _invalid_parameter(request, exc: ValidationError):
    names = sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")})
    return error_response(
        request,
        400,
        "invalid_parameter",
        _("Invalid value of the parameter(s): %(names)s.") % {"names": ", ".join(names) or "?"},
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error_response(request, 404, "not_found", _("There is no published article with this id."))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return error_response(request, exc.status_code, "http_error", str(exc))


def parse_since(value: str) -> datetime:
    """Parse an ISO 8601 date-time (a date alone means its midnight); naive values are UTC.

    Raises ``ApiError`` 400 when ``value`` is not ISO 8601.
    """
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "+"))
    except ValueError as exc:
        raise ApiError(
            400,
            "invalid_parameter",
            _("“since” must be an ISO 8601 date-time such as 2026-01-31T09:00:00+03:00."),
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:  # 9999-12-31T23:59:59-23:59 is past year 9999 in UTC, 0001-01-01T00:00:00+23:59 before year 1
        return moment.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ApiError(
            400,
            "invalid_parameter",
            _("“since” is out of range: give a date-time between the years 1 and 9999 in UTC."),
        ) from exc


def reject_control_characters(**parameters: str | None) -> None:
    """Raise ``ApiError`` 400 when a query parameter holds a NUL or another control character.

    No slug, id or date contains one, and PostgreSQL refuses NUL in a query (a 500 before).
    """
    for name, value in parameters.items():
        if value and any(ord(char) < 32 or ord(char) == 127 for char in value):
            raise ApiError(
                400,
                "invalid_parameter",
                _("“%(name)s” must not contain control characters.") % {"name": name},
            )


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    """The absolute URL of another page of the listing, on ``DATELINE_BASE_URL`` (never the request's Host)."""
    params = request.GET.copy()
    params["offset"] = str(offset)
    params["limit"] = str(limit)
    return site_url(f"{request.path}?{urlencode(sorted(params.items()))}")


def _add_rate_headers(request: HttpRequest, response: HttpResponse) -> None:
    rate = getattr(request, "rate_remaining", None)
    if rate is not None:
        response["X-RateLimit-Limit"], response["X-RateLimit-Remaining"] = str(rate[0]), str(rate[1])
    response["Cache-Control"] = "private, no-store"


@api.get(
    "/ninjs/",
    response={200: NinjsPage, **ERROR_RESPONSES},
    summary="List published articles as ninjs items",
    by_alias=True,
    url_name="ninjs_list",
)
def ninjs_list(
    request: HttpRequest,
    response: HttpResponse,
    limit: int = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page (1–100)"),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Number of items to skip"),
    since: str | None = Query(
        None, description="ISO 8601 date-time: only items whose versioncreated is at or after it (naive = UTC)"
    ),
    section: str | None = Query(None, description="Slug of a section, e.g. news"),
    locale: str | None = Query(None, description="Language of the edition: en or ru"),
    dossier: str | None = Query(None, description="Slug or id of a dossier"),
):
    """Published articles, the most recently published or updated first.

    With ``since``, the articles withdrawn since then come too, as items with ``pubstatus``
    "canceled" at the time of their withdrawal (``withdrawals_since``), so that a subscriber
    polling for changes learns of them. Filters combine (AND). An unknown ``locale``,
    ``section`` or ``dossier`` and a malformed ``since`` are 400 errors, not empty lists.
    """
    reject_control_characters(since=since, section=section, locale=locale, dossier=dossier)
    embargoed = _embargoed_allowed(request)
    articles = distributable_articles(embargoed=embargoed)
    since_at = parse_since(since) if since else None
    if since_at:
        articles = articles.filter(version_at__gte=since_at)
    if locale:
        codes = [code for code, _name in settings.LANGUAGES]
        if locale not in codes:
            raise ApiError(
                400,
                "invalid_parameter",
                _("Unknown locale “%(value)s”: use one of %(codes)s.") % {"value": locale, "codes": ", ".join(codes)},
            )
        articles = articles.filter(locale__language_code=locale)
    sections = dossiers = None
    if section:
        sections = list(SectionPage.objects.filter(slug=section))
        listed = listed_by(sections)
        if listed is None:
            raise ApiError(400, "invalid_parameter", _("There is no section “%(value)s”.") % {"value": section})
        articles = articles.filter(pk__in=listed)
    if dossier:
        dossiers = list(
            DossierPage.objects.filter(pk=int(dossier))
            if dossier.isascii() and dossier.isdigit() and int(dossier) <= MAX_PAGE_ID
            else DossierPage.objects.filter(slug=dossier)
        )
        listed = listed_by(dossiers)
        if listed is None:
            raise ApiError(400, "invalid_parameter", _("There is no dossier “%(value)s”.") % {"value": dossier})
        articles = articles.filter(pk__in=listed)
    # Counting reads every article: the count is kept until the page tree changes, per filter.
    filters = repr((embargoed, since_at and since_at.isoformat(), locale, section, dossier))
    count = cached_for_tree("ninjs-count:" + hashlib.sha256(filters.encode()).hexdigest(), articles.count)
    withdrawn = withdrawals_since(since_at, locale, sections, dossiers) if since_at else None
    withdrawn_count = withdrawn.count() if withdrawn is not None else 0
    builder = NinjsBuilder(request)
    if withdrawn_count:
        # Both lists newest first, merged by version time: the page's share of each comes from its first
        # offset + limit (a poll with ``since`` reads few).
        entries = [
            (article.version_at, article.pk, article) for article in newest_versions(articles, 0, offset + limit)
        ]
        entries += [(w.withdrawn_at, w.article_id, w) for w in withdrawn[: offset + limit]]
        entries.sort(key=lambda entry: entry[:2], reverse=True)
        items = [
            builder.item(entry) if isinstance(entry, ArticlePage) else withdrawn_ninjs(entry.article, entry, request)
            for _at, _pk, entry in entries[offset : offset + limit]
        ]
    else:
        items = [builder.item(article) for article in newest_versions(articles, offset, limit)]
    count += withdrawn_count
    _add_rate_headers(request, response)
    return {
        "count": count,
        "next": _page_url(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _page_url(request, max(offset - limit, 0), limit) if offset > 0 else None,
        "items": items,
    }


def withdrawals_since(since: datetime, locale: str | None, sections, dossiers) -> QuerySet:
    """The withdrawals made at or after ``since`` of articles still unpublished, newest first, with each
    article and its locale; limited as the list is: to the edition of ``locale`` (a language code), to
    articles directly under one of ``sections`` and to articles of one of ``dossiers`` (lists of pages,
    ``None``: no such filter). Articles behind a view restriction are left out, as they were never
    distributed.

    A subscriber polling ``?since=`` learns of a withdrawal by the ``canceled`` item it gives
    (``withdrawn_ninjs``), as ``GET /api/ninjs/<id>`` tells it.
    """
    from dateline.newsroom.models import Withdrawal

    withdrawals = (
        Withdrawal.objects.filter(withdrawn_at__gte=since, article__live=False)
        .select_related("article__locale")
        .order_by("-withdrawn_at", "-article_id")
    )
    if locale:
        withdrawals = withdrawals.filter(article__locale__language_code=locale)
    if sections is not None:
        withdrawals = withdrawals.filter(
            reduce(
                operator.or_,
                (Q(article__path__startswith=page.path, article__depth=page.depth + 1) for page in sections),
                Q(pk__in=[]),
            )
        )
    if dossiers is not None:
        withdrawals = withdrawals.filter(article__dossier__in=dossiers)
    for prefix in hidden_subtrees().restricted:
        withdrawals = withdrawals.exclude(article__path__startswith=prefix)
    return withdrawals


@api.get(
    "/ninjs/{int:article_id}/",
    response={200: NinjsItem},
    by_alias=True,
    include_in_schema=False,
    url_name="ninjs_detail_slash",
)
@api.get(
    "/ninjs/{int:article_id}",
    response={200: NinjsItem, 404: ErrorBody, **ERROR_RESPONSES},
    summary="One published article as a ninjs item",
    by_alias=True,
    url_name="ninjs_detail",
)
def ninjs_detail(request: HttpRequest, response: HttpResponse, article_id: int):
    """The article with this page id (the ``dateline-id`` altid of list items), if published."""
    articles = distributable_articles(embargoed=_embargoed_allowed(request))
    article = articles.filter(pk=article_id).first() if article_id <= MAX_PAGE_ID else None
    if article is None:
        withdrawal = _withdrawal(article_id)
        if withdrawal is None:
            raise Http404
        _add_rate_headers(request, response)
        return withdrawn_ninjs(withdrawal.article, withdrawal, request)
    _add_rate_headers(request, response)
    return article_to_ninjs(article, request)


def _embargoed_allowed(request: HttpRequest) -> bool:
    """Whether the request's API key may receive embargoed articles before their time."""
    return bool(getattr(getattr(request, "auth", None), "embargoed_content_allowed", False))


def _withdrawal(article_id: int):
    """The withdrawal of the article with this id while it stays unpublished, else ``None``."""
    from dateline.newsroom.models import Withdrawal

    if article_id > MAX_PAGE_ID:
        return None
    return (
        Withdrawal.objects.filter(article_id=article_id, article__live=False).select_related("article__locale").first()
    )


@api.get("/{path:rest}", auth=None, include_in_schema=False, url_name="not_found")
def not_found(request: HttpRequest, rest: str):
    """Any other URL under /api/: a JSON 404 rather than a redirect to an HTML page."""
    raise Http404
