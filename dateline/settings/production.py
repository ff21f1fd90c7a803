"""Settings for serving the site (``make run``, granian; deploy/ for production).

Refuses to start without ``DJANGO_SECRET_KEY``; ``make run`` creates one in
``var/secret_key`` on first start so that a fresh machine needs no set-up.

When ``DATELINE_BASE_URL`` is ``https://...`` the site is served over HTTPS only:
HTTP requests are redirected (``SECURE_SSL_REDIRECT``), browsers are told to use
HTTPS for ``DATELINE_HSTS_SECONDS`` (HSTS, RFC 6797) and the session and CSRF
cookies are ``Secure``. Behind a TLS-terminating proxy set ``DJANGO_BEHIND_PROXY=1``
(the proxy sends ``X-Forwarded-Proto: https``). Each can be overridden:
``DJANGO_SECURE_SSL_REDIRECT``, ``DJANGO_SECURE_COOKIES``, ``DATELINE_HSTS_SECONDS`` (0 off).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATELINE_HTTPS, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (any long random string) to serve Dateline.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", False) else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", DATELINE_HTTPS)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", DATELINE_HTTPS)
# HSTS: seconds browsers keep to HTTPS (default one year when the site is https, else off).
SECURE_HSTS_SECONDS = int(os.environ.get("DATELINE_HSTS_SECONDS", "31536000" if DATELINE_HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DATELINE_HSTS_INCLUDE_SUBDOMAINS", DATELINE_HTTPS)
SECURE_HSTS_PRELOAD = env_bool("DATELINE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
DEBUG = env_bool("DJANGO_DEBUG", False)
os.environ.setdefault("DJANGO_LOG_LEVEL", "INFO")
