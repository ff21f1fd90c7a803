"""The shared full-page cache of reader pages, feeds and sitemaps, with exact purge."""
