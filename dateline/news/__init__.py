"""Editions, sections, articles and dossiers: the content model and its pages."""
