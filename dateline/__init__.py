"""Dateline: a publishing platform for bilingual news agencies (Django + Wagtail)."""
