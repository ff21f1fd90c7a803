"""Wagtail admin wiring of the news app: date-time fields that name their time zone."""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override

from .admin_time import ZonedDateTimeInput

register_form_field_override(models.DateTimeField, override={"widget": ZonedDateTimeInput})
