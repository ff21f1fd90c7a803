"""Settings for the test suite: SQLite unless DATABASE_URL is set, a fast hasher."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="dateline-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
STATIC_ROOT = tempfile.mkdtemp(prefix="dateline-test-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# WebP only: AVIF encoding is slow on every page render of every test; the photos tests turn it on.
DATELINE_PHOTO_FORMATS = "webp"

# Each test run gets its own PostgreSQL test database, so that two runs on one
# server (two developers, or CI beside a developer) never drop each other's.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_dateline_{os.getpid()}"}  # noqa: F405

# Playwright's sync API runs an event loop in the test thread; the ORM calls of
# browser tests happen outside it, so Django's async-safety check is relaxed here only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Each test process has its own cache (tests that need the shared store across processes make one
# in a temporary directory), and background jobs run at once, in the test's own process.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dateline-test"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The page cache of the tests: this process's memory (tests of the shared store set their own).
# Off unless a test turns it on (dateline/pagecache/tests): other tests change settings and rows
# between requests without the signals that purge it.
DATELINE_PAGECACHE_ENABLED = False
CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}}  # noqa: F405
