"""Readers' comments on articles, and their moderation."""
