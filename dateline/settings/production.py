"""Settings for serving the site (``make run``, granian; deploy/ for production).

Refuses to start without ``DJANGO_SECRET_KEY``; ``make run`` creates one in
``var/secret_key`` on first start so that a fresh machine needs no set-up.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (any long random string) to serve Dateline.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", False) else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
DEBUG = env_bool("DJANGO_DEBUG", False)
os.environ.setdefault("DJANGO_LOG_LEVEL", "INFO")
