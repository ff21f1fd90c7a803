"""The site's hold against abuse: admin sign-in lockouts, security headers, mail and deploy settings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Admin sign-in lockouts (django-axes) in the Wagtail admin, and the checks of the security settings."""

    name = "dateline.security"
    label = "dateline_security"
    verbose_name = _("Security")
