"""At the default ``DATELINE_SITEMAP_LIMIT`` an archive of a thousand articles gets a sitemap index of small files."""

from __future__ import annotations

import lxml.etree
import pytest
from django.conf import settings

from dateline.bench.archive import generate_archive

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_a_thousand_articles_make_a_sitemap_index_of_files_within_the_limit(client, demo):
    assert settings.DATELINE_SITEMAP_LIMIT <= 1000  # a file renders in about 1.5 s per 1,000 URLs
    generate_archive(settings.DATELINE_SITEMAP_LIMIT, index=False)
    index = lxml.etree.fromstring(client.get("/sitemap.xml").content)
    files = index.xpath("/s:sitemapindex/s:sitemap/s:loc/text()", namespaces=NS)
    assert len(files) >= 2
    urls = []
    for location in files:
        path = location.split("://", 1)[1].split("/", 1)[1]
        response = client.get("/" + path)
        assert response.status_code == 200
        page = lxml.etree.fromstring(response.content).xpath("/s:urlset/s:url/s:loc/text()", namespaces=NS)
        assert 0 < len(page) <= settings.DATELINE_SITEMAP_LIMIT
        urls += page
    assert len(urls) == len(set(urls)) > settings.DATELINE_SITEMAP_LIMIT
