"""Settings shared by every environment.

Everything that differs between machines comes from environment variables with
safe defaults: with nothing set, Dateline runs on SQLite with an in-process
cache. ``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to a shared cache.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the dateline package
PROJECT_DIR = BASE_DIR.parent
# Where the SQLite database, the cache store, uploads and static files live (default: <project>/var).
VAR_DIR = Path(os.environ.get("DATELINE_VAR_DIR", PROJECT_DIR / "var"))
# The SQLite database, the shared cache store and the uploads live in var/: make it on first use, so
# that ``make install`` followed by any ``manage.py`` command works.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Django's debug mode (default: off).
DEBUG = env_bool("DJANGO_DEBUG", False)
# Signing key (default: empty; production.py refuses to start without one).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# Host names served, comma-separated (default: localhost,127.0.0.1,[::1]).
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]
# Origins trusted for CSRF, comma-separated, e.g. https://news.example (default: none).
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
    "dateline.photos",
    "dateline.newsroom",
    "dateline.security",
    "dateline.availability",
    "dateline.worker",
    "dateline.roles",
    # Background jobs: django-tasks and its database queue (run by ``manage.py run_worker``)
    "django_tasks",
    "django_tasks_db",
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
    # Admin sign-in lockouts, Content-Security-Policy
    "axes",
    "csp",
    # Django (no django.contrib.admin: the Wagtail admin at /admin/ is the only admin)
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
    "csp.middleware.CSPMiddleware",
    # After the CSP middleware: nonces Wagtail's own inline widget scripts (dateline/security/middleware.py).
    "dateline.security.middleware.AdminInlineScriptNonceMiddleware",
    "dateline.availability.middleware.ServiceUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "dateline.readers.middleware.MethodNotAllowedMessageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, which refuses a host outside ALLOWED_HOSTS: the site is cached per host.
    "dateline.news.middleware.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "dateline.newsroom.withdrawals.WithdrawnArticleMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout answer.
    "axes.middleware.AxesMiddleware",
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

# DATABASE_URL (default: SQLite in var/dateline.sqlite3); DATABASE_CONN_MAX_AGE: seconds a
# connection is kept open (default 60).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dateline.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# How long a write on SQLite waits for another process's write to finish before giving up (seconds, default 20).
DATELINE_SQLITE_BUSY_TIMEOUT = int(os.environ.get("DATELINE_SQLITE_BUSY_TIMEOUT", "20"))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several gunicorn processes and the worker write at once: write-ahead logging lets readers go on
    # while one process writes; every transaction takes the write lock when it begins (IMMEDIATE), so
    # writers queue on the busy timeout instead of failing with "database is locked" when a read
    # transaction tries to become a write.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": DATELINE_SQLITE_BUSY_TIMEOUT,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared store (Django's cache "default"): rate limits, API-key quotas, one-time form tokens and
# the worker's heartbeat use it, so it must be one store for every process. With REDIS_URL: Redis,
# shared by every app server; reads and writes of cached data that fail are logged and taken as a
# miss (the pages are answered from the database), while counters fail loudly so that a limited write
# answers 503 instead of being let through (dateline/availability/cache.py). Without it: diskcache's
# SQLite-backed store in var/cache/, shared by every process of one machine (atomic add/incr).
# REDIS_URL default: none (diskcache in var/cache/), e.g. redis://127.0.0.1:6379/0.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Prefix of every key Dateline puts in Redis (several sites or test runs may share one Redis; default "dateline").
DATELINE_CACHE_KEY_PREFIX = os.environ.get("DATELINE_CACHE_KEY_PREFIX", "dateline")
# Seconds to wait for Redis to connect or answer before its request counts as failed (default 0.5).
DATELINE_REDIS_TIMEOUT = float(os.environ.get("DATELINE_REDIS_TIMEOUT", "0.5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "dateline.availability.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": DATELINE_CACHE_KEY_PREFIX,
            "OPTIONS": {
                "socket_connect_timeout": DATELINE_REDIS_TIMEOUT,
                "socket_timeout": DATELINE_REDIS_TIMEOUT,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "dateline.availability.cache.PersistentDiskCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "TIMEOUT": 300,
            # Shards are separate SQLite files: writers to different keys rarely wait for each other.
            "SHARDS": 8,
            "DATABASE_TIMEOUT": 5.0,  # seconds a cache operation waits for a shard's lock
            "OPTIONS": {"size_limit": 2**30},  # bytes (1 GiB) before the least recently stored go
        },
        # Wagtail's image renditions (Wagtail uses this alias when it exists): written once per key
        # (dateline/availability/cache.py), not on every render as Wagtail does with the default.
        "renditions": {
            "BACKEND": "dateline.availability.cache.RenditionDiskCache",
            "LOCATION": str(VAR_DIR / "cache" / "renditions"),
            "TIMEOUT": 24 * 3600,
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 5.0,
            "OPTIONS": {"size_limit": 2**28},  # bytes (256 MiB)
        },
    }

# Background jobs (django-tasks): the queue is a table of the database (PostgreSQL when DATABASE_URL
# says so), run by ``manage.py run_worker``, which ``make run`` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How often the worker looks for queued jobs and for periodic jobs that are due (seconds, default 1).
DATELINE_WORKER_POLL_SECONDS = float(os.environ.get("DATELINE_WORKER_POLL_SECONDS", "1"))
# The worker writes a heartbeat this often (seconds, default 20); the admin warns when none came for three times it.
DATELINE_WORKER_HEARTBEAT_SECONDS = int(os.environ.get("DATELINE_WORKER_HEARTBEAT_SECONDS", "20"))
# How often Wagtail's scheduled publishing and unpublishing (go-live and expiry times) run (seconds, default 30).
DATELINE_PUBLISH_SCHEDULED_SECONDS = int(os.environ.get("DATELINE_PUBLISH_SCHEDULED_SECONDS", "30"))
# The page cache (dateline.pagecache): rendered anonymous reader pages, feeds and sitemaps,
# shared by every worker process (a diskcache directory in var/), or by every app server
# (Redis, when REDIS_URL is set); purged exactly when what a page shows changes.
DATELINE_PAGECACHE_ENABLED = env_bool("DATELINE_PAGECACHE_ENABLED", True)
DATELINE_PAGECACHE_ALIAS = "pages"
# Safety-net lifetime of a stored page (seconds); purges, not this, keep pages exact.
DATELINE_PAGECACHE_SECONDS = int(os.environ.get("DATELINE_PAGECACHE_SECONDS", "600"))
# Hot pages each worker process keeps in its own memory, re-checked after any purge (entries).
DATELINE_PAGECACHE_LOCAL_ENTRIES = int(os.environ.get("DATELINE_PAGECACHE_LOCAL_ENTRIES", "500"))
# Longest a request for a page that another request is already rendering waits for that render
# (seconds) before it renders the page itself: one render per page when readers arrive at once.
DATELINE_PAGECACHE_WAIT_SECONDS = float(os.environ.get("DATELINE_PAGECACHE_WAIT_SECONDS", "3"))
# Largest size of the diskcache directory (bytes); least recently stored pages go first.
DATELINE_PAGECACHE_DISK_BYTES = int(os.environ.get("DATELINE_PAGECACHE_DISK_BYTES", str(512 * 1024 * 1024)))
# Paths never cached (besides the per-reader endpoints /<language>/-/...).
DATELINE_PAGECACHE_EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/api/")
# nginx proxy_cache directory (levels=1:2) the app deletes purged pages from ("" : no front-end cache),
# and how long nginx keeps a page at most (seconds; deploy/nginx/dateline.conf).
DATELINE_PAGECACHE_NGINX_DIR = os.environ.get("DATELINE_PAGECACHE_NGINX_DIR", "")
# Directory of the page files nginx serves reader pages from ("" : none; dateline/pagecache/pagefiles.py).
DATELINE_PAGECACHE_NGINX_FILES_DIR = os.environ.get("DATELINE_PAGECACHE_NGINX_FILES_DIR", "")
# Page files kept at most (the worker deletes the oldest beyond it every minute; about 25 KB each).
DATELINE_PAGECACHE_NGINX_FILES_MAX = int(os.environ.get("DATELINE_PAGECACHE_NGINX_FILES_MAX", "40000"))
# Wagtail's front-end cache invalidation (purge_pages_from_cache, used by the comments app) purges
# the page cache by URL through this backend.
WAGTAILFRONTENDCACHE = {"dateline": {"BACKEND": "dateline.pagecache.frontends.PageCacheFrontend"}}
DATELINE_PAGECACHE_NGINX_SECONDS = int(os.environ.get("DATELINE_PAGECACHE_NGINX_SECONDS", "600"))
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "dateline.availability.cache.ReusedClientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "dateline-pages",
        "TIMEOUT": DATELINE_PAGECACHE_SECONDS,
    }
else:
    CACHES["pages"] = {
        "BACKEND": "dateline.availability.cache.PersistentDiskCache",
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
# The agency's own time zone: publish times are entered and shown in it unless
# an article names another (IANA name; default Europe/Moscow).
DATELINE_TIME_ZONE = os.environ.get("DATELINE_TIME_ZONE", "Europe/Moscow")
# Times are stored in UTC; the admin shows and takes them in the agency's zone, unless an editor
# chooses another in their account (Wagtail's user time zones).
TIME_ZONE = DATELINE_TIME_ZONE
# WAGTAIL_USER_TIME_ZONES is left at its default: every zone is offered in the account settings.

# Reader-facing pages are the same for every reader: shared caches may keep them this long
# (seconds; default 60; 0: no caching).
DATELINE_PAGE_CACHE_SECONDS = int(os.environ.get("DATELINE_PAGE_CACHE_SECONDS", "60"))
# How many reverse proxies append to X-Forwarded-For in front of the app (count; default 0: use REMOTE_ADDR).
DATELINE_TRUSTED_PROXY_COUNT = int(os.environ.get("DATELINE_TRUSTED_PROXY_COUNT", "0"))

# Ratings app (dateline.ratings): new anonymous votes allowed from one IP address on one article
# in any 24 hours (votes; default 20; counted in the database; changing one's vote does not count;
# 0 turns it off).
DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY = int(os.environ.get("DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY", "20"))

# Comments app (dateline.comments): per-IP limit of comments per window (comments, default 5, per
# 600 seconds), how long a comment form stays valid (seconds, default 86400), and the window in
# which the same text from the same reader counts as a duplicate (seconds, default 600).
DATELINE_COMMENTS_RATE_LIMIT = int(os.environ.get("DATELINE_COMMENTS_RATE_LIMIT", "5"))
DATELINE_COMMENTS_RATE_WINDOW = int(os.environ.get("DATELINE_COMMENTS_RATE_WINDOW", "600"))
DATELINE_COMMENTS_FORM_MAX_AGE = int(os.environ.get("DATELINE_COMMENTS_FORM_MAX_AGE", "86400"))
DATELINE_COMMENTS_DUPLICATE_WINDOW = int(os.environ.get("DATELINE_COMMENTS_DUPLICATE_WINDOW", "600"))

# Spelling-error reports (errorreports app): longest selection (characters, default 200), context
# kept each side (characters, default 60), longest comment (characters, default 1000), and the
# per-IP rate limit (reports, default 10, per window of seconds, default 600; 0 turns it off).
DATELINE_ERRORREPORTS_MAX_SELECTION = int(os.environ.get("DATELINE_ERRORREPORTS_MAX_SELECTION", "200"))
DATELINE_ERRORREPORTS_CONTEXT_CHARS = int(os.environ.get("DATELINE_ERRORREPORTS_CONTEXT_CHARS", "60"))
DATELINE_ERRORREPORTS_MAX_COMMENT = int(os.environ.get("DATELINE_ERRORREPORTS_MAX_COMMENT", "1000"))
DATELINE_ERRORREPORTS_RATE_LIMIT = int(os.environ.get("DATELINE_ERRORREPORTS_RATE_LIMIT", "10"))
DATELINE_ERRORREPORTS_RATE_WINDOW = int(os.environ.get("DATELINE_ERRORREPORTS_RATE_WINDOW", "600"))
# Feeds carry each article's full text (True, the default) or only its lead (False).
DATELINE_FEED_FULL_TEXT = env_bool("DATELINE_FEED_FULL_TEXT", True)
# URLs per sitemap file before /sitemap.xml becomes an index (URLs; default 1,000; sitemaps.org
# allows 50,000). A file of 1,000 URLs with their language versions renders in about 40-90 ms
# (make bench); a 50,000-URL file once took over a minute, past nginx's proxy timeout.
DATELINE_SITEMAP_LIMIT = int(os.environ.get("DATELINE_SITEMAP_LIMIT", "1000"))
# Wire desk (dateline.wire): seconds to wait for a source or image URL (default 20; `dateline
# import --timeout` overrides); the largest source response and lead image read (bytes, default
# 20 MiB and 10 MiB); the longest wait between retries of a failing source (seconds, default 3600;
# the wait doubles from the source's interval up to this).
DATELINE_WIRE_FETCH_TIMEOUT = float(os.environ.get("DATELINE_WIRE_FETCH_TIMEOUT", "20"))
DATELINE_WIRE_MAX_BYTES = int(os.environ.get("DATELINE_WIRE_MAX_BYTES", str(20 * 1024 * 1024)))
DATELINE_WIRE_IMAGE_MAX_BYTES = int(os.environ.get("DATELINE_WIRE_IMAGE_MAX_BYTES", str(10 * 1024 * 1024)))
DATELINE_WIRE_MAX_BACKOFF = int(os.environ.get("DATELINE_WIRE_MAX_BACKOFF", "3600"))
# Hours a breaking-news banner stays up when the editor gives no expiry (default 6).
DATELINE_NEWSROOM_BREAKING_HOURS = int(os.environ.get("DATELINE_NEWSROOM_BREAKING_HOURS", "6"))
# Seconds between runs of the periodic job that purges cached pages when an embargo lifts or a
# breaking banner ends (default 30; the release itself happens at read time, to the second).
DATELINE_NEWSROOM_RELEASE_INTERVAL = int(os.environ.get("DATELINE_NEWSROOM_RELEASE_INTERVAL", "30"))

STATIC_URL = "/static/"
# DJANGO_STATIC_ROOT, DJANGO_MEDIA_ROOT: directories (default: var/static, var/media).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site root by WhiteNoise (/favicon.ico): the project's own, in dateline/public.
WHITENOISE_ROOT = BASE_DIR / "public"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Serve uploaded media from the app itself (default: on, for one-machine installs); turn off behind
# a web server or CDN.
DATELINE_SERVE_MEDIA = env_bool("DATELINE_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail
# The admin's name (default Dateline) and the public address (default http://localhost:8000).
WAGTAIL_SITE_NAME = os.environ.get("DATELINE_SITE_NAME", "Dateline")
WAGTAILADMIN_BASE_URL = os.environ.get("DATELINE_BASE_URL", "http://localhost:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # Cyrillic headlines get transliterated slugs
# Images: Dateline's image model has a caption and a credit (dateline/photos).
WAGTAILIMAGES_IMAGE_MODEL = "photos.Photo"
# Modern formats offered beside the original in <picture> (comma-separated, preferred first;
# those this Pillow cannot write are skipped): "avif,webp" by default, "" for the original only.
DATELINE_PHOTO_FORMATS = os.environ.get("DATELINE_PHOTO_FORMATS", "avif,webp")
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
# No Gravatar: editors' avatars are not fetched from a third party (privacy, and the CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# A CSRF failure answers in the reader's language (and JSON to the reader widgets), not Django's English page.
CSRF_FAILURE_VIEW = "dateline.error_pages.csrf_failure"
X_FRAME_OPTIONS = "SAMEORIGIN"

# The site's public address (canonical URLs, sitemaps, feeds, robots.txt, API links, mail links):
# every absolute URL is built from it, never from the request's Host header.
DATELINE_BASE_URL = WAGTAILADMIN_BASE_URL.rstrip("/")
DATELINE_HTTPS = urlsplit(DATELINE_BASE_URL).scheme == "https"

# Admin sign-in throttling (django-axes; dateline/security). Failed sign-ins are counted per
# account and, separately, per address; at DATELINE_LOGIN_FAILURE_LIMIT failures (count, default 5) the
# account or address is locked for DATELINE_LOGIN_LOCKOUT_MINUTES (minutes, default 15) or until an
# administrator unlocks it (Settings → Sign-in lockouts). Every failure is kept in the
# sign-in failure log (Settings → Sign-in failures).
DATELINE_LOGIN_FAILURE_LIMIT = int(os.environ.get("DATELINE_LOGIN_FAILURE_LIMIT", "5"))
DATELINE_LOGIN_LOCKOUT_MINUTES = int(os.environ.get("DATELINE_LOGIN_LOCKOUT_MINUTES", "15"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = DATELINE_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=DATELINE_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # shown in the Wagtail admin instead
AXES_CLIENT_IP_CALLABLE = "dateline.readers.tokens.client_ip"  # honours DATELINE_TRUSTED_PROXY_COUNT
AXES_LOCKOUT_CALLABLE = "dateline.security.lockout.lockout_response"
AXES_VERBOSE = False

# ninjs API: requests with a wrong API key allowed from one address per window (count, default 20,
# per seconds, default 600); past it the API answers 429 with Retry-After. 0 turns the limit off.
DATELINE_API_BAD_KEY_LIMIT = int(os.environ.get("DATELINE_API_BAD_KEY_LIMIT", "20"))
DATELINE_API_BAD_KEY_WINDOW = int(os.environ.get("DATELINE_API_BAD_KEY_WINDOW", "600"))

# Content-Security-Policy (django-csp). Scripts only from the site itself or with the
# request's nonce (no inline event handlers, no eval); styles allow inline style attributes,
# which the Wagtail admin's widgets set. Reader pages carry no nonce, so they stay cacheable.
# DATELINE_CSP_REPORT_ONLY=1 sends the policy as Content-Security-Policy-Report-Only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, "https:"],
        "frame-src": [SELF, "https:"],  # video embeds in articles, the admin's preview
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
if env_bool("DATELINE_CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY, CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY, None

# Outgoing mail (password reset). EMAIL_URL (e.g. submission://user:password@mail.example.org:587 for STARTTLS,
# see dj-email-url) or the DATELINE_EMAIL_* variables: DATELINE_EMAIL_HOST (name), _PORT (default
# 25), _USER, _PASSWORD, _USE_TLS (STARTTLS, default off), _USE_SSL (default off), _TIMEOUT
# (seconds, default 10). DATELINE_EMAIL_FROM is the sender (default "Dateline <noreply@host of
# DATELINE_BASE_URL>"). With neither set, mail is not configured: the admin's password reset is
# hidden (an administrator sets passwords) instead of pretending to send.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    globals().update(dj_email_url.parse(EMAIL_URL))
elif os.environ.get("DATELINE_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["DATELINE_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("DATELINE_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("DATELINE_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DATELINE_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DATELINE_EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("DATELINE_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("DATELINE_EMAIL_TIMEOUT", "10"))
DATELINE_MAIL_CONFIGURED = bool(EMAIL_URL or os.environ.get("DATELINE_EMAIL_HOST"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DATELINE_EMAIL_FROM", f"{WAGTAIL_SITE_NAME} <noreply@{urlsplit(DATELINE_BASE_URL).hostname or 'localhost'}>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAIL_PASSWORD_RESET_ENABLED = DATELINE_MAIL_CONFIGURED

# DJANGO_LOG_LEVEL: the root logger's level (default WARNING; production.py: INFO).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
