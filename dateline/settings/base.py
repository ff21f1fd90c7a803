"""Settings shared by every environment.

Everything that differs between machines comes from environment variables with
safe defaults: with nothing set, Dateline runs on SQLite with an in-process
cache. ``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to a shared cache.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the dateline package
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("DATELINE_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    # Dateline, one app per capability
    "dateline.news",
    "dateline.wire",
    "dateline.readers",
    "dateline.ratings",
    "dateline.comments",
    "dateline.errorreports",
    "dateline.distribution",
    "dateline.search",
    "dateline.newsroom",
    "dateline.pagecache",
    "dateline.bench",
    # Wagtail
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    # 304 answers to If-None-Match / If-Modified-Since of the uncached path (outside the page cache,
    # so that the page cache stores the full page and not the 304).
    "django.middleware.http.ConditionalGetMiddleware",
    "dateline.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "dateline.readers.middleware.MethodNotAllowedMessageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "dateline.newsroom.withdrawals.WithdrawnArticleMiddleware",
]

ROOT_URLCONF = "dateline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dateline.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dateline",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dateline",
        }
    }

# The page cache (dateline.pagecache): rendered anonymous reader pages, feeds and sitemaps,
# shared by every worker process (a diskcache directory in var/), or by every app server
# (Redis, when REDIS_URL is set); purged exactly when what a page shows changes.
DATELINE_PAGECACHE_ENABLED = env_bool("DATELINE_PAGECACHE_ENABLED", True)
DATELINE_PAGECACHE_ALIAS = "pages"
# Safety-net lifetime of a stored page (seconds); purges, not this, keep pages exact.
DATELINE_PAGECACHE_SECONDS = int(os.environ.get("DATELINE_PAGECACHE_SECONDS", "600"))
# Hot pages each worker process keeps in its own memory, re-checked after any purge (entries).
DATELINE_PAGECACHE_LOCAL_ENTRIES = int(os.environ.get("DATELINE_PAGECACHE_LOCAL_ENTRIES", "500"))
# Largest size of the diskcache directory (bytes); least recently stored pages go first.
DATELINE_PAGECACHE_DISK_BYTES = int(os.environ.get("DATELINE_PAGECACHE_DISK_BYTES", str(512 * 1024 * 1024)))
# Paths never cached (besides the per-reader endpoints /<language>/-/...).
DATELINE_PAGECACHE_EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/api/")
# nginx proxy_cache directory (levels=1:2) the app deletes purged pages from ("" : no front-end cache),
# and how long nginx keeps a page at most (seconds; deploy/nginx/dateline.conf).
DATELINE_PAGECACHE_NGINX_DIR = os.environ.get("DATELINE_PAGECACHE_NGINX_DIR", "")
# Wagtail's front-end cache invalidation (purge_pages_from_cache, used by the comments app) purges
# the page cache by URL through this backend.
WAGTAILFRONTENDCACHE = {"dateline": {"BACKEND": "dateline.pagecache.frontends.PageCacheFrontend"}}
DATELINE_PAGECACHE_NGINX_SECONDS = int(os.environ.get("DATELINE_PAGECACHE_NGINX_SECONDS", "600"))
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "dateline-pages",
        "TIMEOUT": DATELINE_PAGECACHE_SECONDS,
    }
else:
    CACHES["pages"] = {
        "BACKEND": "diskcache.DjangoCache",
        "LOCATION": str(VAR_DIR / "pagecache"),
        "TIMEOUT": DATELINE_PAGECACHE_SECONDS,
        "SHARDS": 4,
        "DATABASE_TIMEOUT": 1.0,  # seconds a write waits for another process's (a purge must not be lost)
        "OPTIONS": {"size_limit": DATELINE_PAGECACHE_DISK_BYTES, "disk_min_file_size": 4 * 1024 * 1024},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: two editions, English and Russian.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# The agency's own time zone: publish times are entered and shown in it unless
# an article names another (IANA name).
DATELINE_TIME_ZONE = os.environ.get("DATELINE_TIME_ZONE", "Europe/Moscow")

# Reader-facing pages are the same for every reader: shared caches may keep them this long (seconds).
DATELINE_PAGE_CACHE_SECONDS = int(os.environ.get("DATELINE_PAGE_CACHE_SECONDS", "60"))
# How many reverse proxies append to X-Forwarded-For in front of the app (0: use REMOTE_ADDR).
DATELINE_TRUSTED_PROXY_COUNT = int(os.environ.get("DATELINE_TRUSTED_PROXY_COUNT", "0"))

# Ratings app (dateline.ratings): new anonymous votes allowed from one IP address on one article
# in any 24 hours (counted in the database; changing one's vote does not count; 0 turns it off).
DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY = int(os.environ.get("DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY", "20"))

# Comments app (dateline.comments): per-IP limit of comments per window (seconds), how long a
# comment form stays valid (seconds), and the window in which the same text from the same reader
# counts as a duplicate (seconds).
DATELINE_COMMENTS_RATE_LIMIT = int(os.environ.get("DATELINE_COMMENTS_RATE_LIMIT", "5"))
DATELINE_COMMENTS_RATE_WINDOW = int(os.environ.get("DATELINE_COMMENTS_RATE_WINDOW", "600"))
DATELINE_COMMENTS_FORM_MAX_AGE = int(os.environ.get("DATELINE_COMMENTS_FORM_MAX_AGE", "86400"))
DATELINE_COMMENTS_DUPLICATE_WINDOW = int(os.environ.get("DATELINE_COMMENTS_DUPLICATE_WINDOW", "600"))

# Spelling-error reports (errorreports app): longest selection and context each side (characters),
# and the per-IP rate limit (reports per window of seconds; 0 turns it off).
DATELINE_ERRORREPORTS_MAX_SELECTION = int(os.environ.get("DATELINE_ERRORREPORTS_MAX_SELECTION", "200"))
DATELINE_ERRORREPORTS_CONTEXT_CHARS = int(os.environ.get("DATELINE_ERRORREPORTS_CONTEXT_CHARS", "60"))
DATELINE_ERRORREPORTS_MAX_COMMENT = int(os.environ.get("DATELINE_ERRORREPORTS_MAX_COMMENT", "1000"))
DATELINE_ERRORREPORTS_RATE_LIMIT = int(os.environ.get("DATELINE_ERRORREPORTS_RATE_LIMIT", "10"))
DATELINE_ERRORREPORTS_RATE_WINDOW = int(os.environ.get("DATELINE_ERRORREPORTS_RATE_WINDOW", "600"))
# Feeds carry each article's full text (True) or only its lead (False).
DATELINE_FEED_FULL_TEXT = env_bool("DATELINE_FEED_FULL_TEXT", True)
# URLs per sitemap file before /sitemap.xml becomes an index (sitemaps.org allows at most 50,000).
DATELINE_SITEMAP_LIMIT = int(os.environ.get("DATELINE_SITEMAP_LIMIT", "50000"))
# Wire app (dateline.wire): seconds to wait for a URL given to `dateline import` (`--timeout` overrides).
DATELINE_WIRE_FETCH_TIMEOUT = float(os.environ.get("DATELINE_WIRE_FETCH_TIMEOUT", "20"))
# Hours a breaking-news banner stays up when the editor gives no expiry.
DATELINE_NEWSROOM_BREAKING_HOURS = int(os.environ.get("DATELINE_NEWSROOM_BREAKING_HOURS", "6"))
# Seconds between runs of the periodic job that purges cached pages when an embargo lifts or a
# breaking banner ends (the release itself happens at read time, to the second).
DATELINE_NEWSROOM_RELEASE_INTERVAL = int(os.environ.get("DATELINE_NEWSROOM_RELEASE_INTERVAL", "30"))

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Serve uploaded media from the app itself (one-machine installs); turn off behind a web server or CDN.
DATELINE_SERVE_MEDIA = env_bool("DATELINE_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("DATELINE_SITE_NAME", "Dateline")
WAGTAILADMIN_BASE_URL = os.environ.get("DATELINE_BASE_URL", "http://localhost:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # Cyrillic headlines get transliterated slugs
# Search: Wagtail's database backend; on PostgreSQL each article is indexed and searched with
# its edition's text search configuration (dateline/search/backend.py). "russian" (the default
# for objects without a locale) stems Latin words with english_stem and Cyrillic with russian_stem.
# dateline/search/README.md tells how to switch to Elasticsearch/OpenSearch.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "dateline.search.backend",
        "SEARCH_CONFIG": "russian",
        "LOCALE_SEARCH_CONFIGS": {"en": "english", "ru": "russian"},
    }
}
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# A CSRF failure answers in the reader's language (and JSON to the reader widgets), not Django's English page.
CSRF_FAILURE_VIEW = "dateline.error_pages.csrf_failure"
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
