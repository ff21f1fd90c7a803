"""Feeds, sitemaps, structured data and the IPTC ninjs API."""
