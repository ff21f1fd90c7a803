"""Hypothesis fuzz of every reader form and the ninjs API.

Thousands of generated inputs per run (hostile Unicode: control, format, bidi,
zero-width and filler characters, look-alikes, emoji, combining marks; HTML, script
and template payloads; odd numbers and dates) go to the comment form, the error
report form, the rating form and the API. Asserted:

* no 5xx answer, and every JSON answer parses;
* nothing stored breaks the normalisation rules of ``dateline.readers.text``
  (NFC, no control characters but line breaks and tabs in bodies, no bidi
  overrides, something visible in every name and body);
* no payload comes back unescaped: in the article page (every stored comment
  approved), the admin's comment and error-report queues, the reader state JSON
  and the API's JSON.

Figures (inputs per endpoint, answers per status) are printed and written to
``test-artifacts/fuzz-figures.json``. ``DATELINE_FUZZ_SCALE`` (default 1.0)
multiplies the number of inputs; keep the default in CI (2 cores: well under a minute).
"""

from __future__ import annotations

import json
import os
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import lxml.html
import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.readers.text import BIDI_CONTROLS, clean_body, clean_name, has_visible

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCALE = float(os.environ.get("DATELINE_FUZZ_SCALE", "1"))
FIGURES: dict[str, Counter] = defaultdict(Counter)
MARK = "fz9probe"  # every payload carries it: an element or attribute with it means it was not escaped

PAYLOADS = [
    f"<script>{MARK}()</script>",
    f'"><img src=x onerror="{MARK}()">',
    f"'><{MARK} onclick='{MARK}'>",
    f"<svg/onload={MARK}()>",
    f"javascript:{MARK}()",
    f"</textarea><{MARK}>",
    f"</script><script>{MARK}</script>",
    f"{{{{ {MARK} }}}}{{% {MARK} %}}",
    f'<a href="javascript:{MARK}">x</a>',
    f"]]><{MARK}/>",
    f"\u202e{MARK}\u202d<{MARK}>",
    f"{MARK}' OR '1'='1",
    f"<iframe srcdoc='<{MARK}>'>",
    f"&lt;{MARK}&gt; &amp;{MARK};",
]
NASTY = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u3164\u115f\u2800"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029\ufffe\uffff"
    "\u0301\u034f\ufe0f\U000e0001\r\n\t аеорсухАВЕКМНОРСТХaeopcyxёЁ😀👍🏽👨‍👩‍👧\U0010ffff"
)
text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60),
    st.text(alphabet=NASTY, max_size=40),
    st.sampled_from(PAYLOADS),
    st.tuples(st.sampled_from(PAYLOADS), st.text(alphabet=NASTY, max_size=10)).map("".join),
    st.tuples(st.text(alphabet=NASTY, max_size=10), st.sampled_from(PAYLOADS), st.text(max_size=20)).map("".join),
    # around the length limit: 5,000 characters, emoji and combining marks at the end
    st.tuples(st.integers(4990, 5005), st.sampled_from(["😀", "👍🏽", "e\u0301", "\u200b", "x"])).map(
        lambda n_tail: "x" * (n_tail[0] - 1) + n_tail[1]
    ),
)
as_json = st.sampled_from([True, True, True, False])  # mostly the page's script, sometimes the plain form
short_text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30), st.text(NASTY, max_size=20)
)
number_like = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "1", "5", "0", "-1", "6", "3.0", "١", "٣", "1e3", "NaN", "inf", " 4 ", "4\x00", "²"]),
    short_text,
)

FUZZ = settings(
    max_examples=100,
    deadline=None,
    database=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def examples(n: int) -> int:
    return max(10, int(n * SCALE))


def tally(endpoint: str, response) -> None:
    FIGURES[endpoint]["inputs"] += 1
    FIGURES[endpoint][str(response.status_code)] += 1
    assert response.status_code < 500, (endpoint, response.status_code, response.content[:300])
    if "json" in response.get("Content-Type", ""):
        answer = json.loads(response.content)
        if response.status_code >= 400 and isinstance(answer, dict) and "error" in answer:
            code = answer["error"].get("code")
            fields = answer["error"].get("fields") or {}
            FIGURES[endpoint][f"{code}:{','.join(sorted(fields))}" if fields else str(code)] += 1


def assert_normalised(name: str | None, body: str) -> None:
    """A stored name/body obeys readers.text's rules (and is a fixed point of its cleaning)."""
    for value in filter(None, [name, body]):
        assert unicodedata.is_normalized("NFC", value), repr(value)
        assert not BIDI_CONTROLS & set(value), repr(value)
        assert all(c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs") for c in value), repr(value)
        assert "\r" not in value
    if name is not None:
        assert name == clean_name(name) and has_visible(name) and "\n" not in name and "\t" not in name
        assert has_visible(body)
    assert body == clean_body(body)


def assert_no_payload_markup(html: str, where: str) -> None:
    tree = lxml.html.fromstring(html)
    found = tree.xpath(
        f"//{MARK} | //*[@*[contains(., '{MARK}') and starts-with(name(), 'on')]]"
        f" | //script[contains(., '{MARK}')] | //*[@href[starts-with(., 'javascript:')]]"
        f" | //*[@srcdoc[contains(., '{MARK}')]]"
    )
    assert found == [], (where, [lxml.html.tostring(e)[:200] for e in found])


@pytest.fixture
def fuzz_site(demo, settings):
    settings.DATELINE_COMMENTS_RATE_LIMIT = 0
    settings.DATELINE_ERRORREPORTS_RATE_LIMIT = 0
    settings.DATELINE_RATINGS_MAX_VOTES_PER_IP_PER_DAY = 0
    settings.DATELINE_API_BAD_KEY_LIMIT = 0
    settings.DATELINE_COMMENTS_DUPLICATE_WINDOW = 1
    cache.clear()
    from dateline.news.models import ArticlePage

    yield ArticlePage.objects.get(locale__language_code="en"), ArticlePage.objects.get(locale__language_code="ru")
    cache.clear()


def test_fuzz_reader_forms_and_api(client, fuzz_site, django_user_model):
    from dateline.comments import actions as comment_actions
    from dateline.comments.models import CommentState, ReaderComment
    from dateline.comments.nonces import issue_nonce
    from dateline.distribution.actions import create_api_key
    from dateline.errorreports.models import ErrorReport, ErrorReportSubmission
    from dateline.errorreports.passages import article_text

    started = time.monotonic()
    en_article, ru_article = fuzz_site
    articles = [en_article, ru_article]
    texts = {a.pk: article_text(a) for a in articles}

    @settings(FUZZ, max_examples=examples(500))
    @given(
        which=st.sampled_from([0, 1]),
        name=text,
        body=text,
        # mostly valid e-mail and parent, so that name and body are what the server judges
        email=st.one_of(st.just(""), st.just(""), st.emails(), short_text),
        parent=st.one_of(st.just(""), st.just(""), st.just(""), number_like),
        as_json=as_json,
    )
    def comments(which, name, body, email, parent, as_json):
        article = articles[which]
        data = {"name": name, "body": body, "email": email, "parent": parent, "website": ""}
        data["nonce"] = issue_nonce(article.pk)
        headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
        tally("comment", client.post(f"/{article.locale.language_code}/-/comments/{article.pk}/new/", data, **headers))

    @settings(FUZZ, max_examples=examples(200))
    @given(
        which=st.sampled_from([0, 1]),
        start=st.integers(min_value=0, max_value=400),
        length=st.integers(min_value=0, max_value=40),
        noise=st.one_of(st.just(""), short_text),
        before=st.one_of(st.just(""), short_text),
        comment=st.one_of(st.just(""), text),
        as_json=as_json,
    )
    def reports(which, start, length, noise, before, comment, as_json):
        article = articles[which]
        passage = texts[article.pk][start : start + length] + noise  # often found in the article
        data = {"selected_text": passage, "context_before": before, "context_after": "", "comment": comment}
        headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
        tally(
            "errorreport", client.post(f"/{article.locale.language_code}/-/errorreports/{article.pk}/", data, **headers)
        )

    @settings(FUZZ, max_examples=examples(150))
    @given(which=st.sampled_from([0, 1]), stars=number_like, as_json=as_json)
    def ratings(which, stars, as_json):
        article = articles[which]
        headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
        tally(
            "rating",
            client.post(f"/{article.locale.language_code}/-/ratings/{article.pk}/", {"stars": stars}, **headers),
        )

    _key, raw_key = create_api_key(name="Fuzz", subscriber="Fuzz", rate_limit_per_minute=100_000)
    param = st.one_of(number_like, short_text, st.sampled_from(["en", "ru", "news", "2026-01-01T00:00:00Z"]))

    @settings(FUZZ, max_examples=examples(400))
    @given(
        params=st.dictionaries(st.sampled_from(["since", "section", "locale", "dossier", "limit", "offset"]), param),
        auth=st.one_of(st.just(f"Bearer {raw_key}"), st.just(f"Bearer {raw_key}"), short_text.map("Bearer {}".format)),
        item=st.one_of(st.none(), number_like),
        accept_language=st.sampled_from(["en", "ru", "", "*", "zz"]),
    )
    def api(params, auth, item, accept_language):
        clean = {k: v.replace("\x00", "") for k, v in params.items()}
        path = (
            "/api/ninjs/" if item is None else f"/api/ninjs/{item.replace('/', '').replace('?', '').replace('#', '')}"
        )
        try:
            response = client.get(path, clean, HTTP_AUTHORIZATION=auth, HTTP_ACCEPT_LANGUAGE=accept_language)
        except UnicodeEncodeError:  # a header the HTTP client itself cannot send
            return
        tally("api", response)
        if response.status_code == 200 and path == "/api/ninjs/":
            for item_json in response.json()["items"]:
                assert MARK not in json.dumps(item_json)  # the API never carries reader input

    from dateline.comments.forms import CommentForm
    from dateline.errorreports.forms import ReportForm

    @settings(FUZZ, max_examples=examples(2000))
    @given(name=text, body=text, email=st.one_of(st.just(""), short_text), comment=text, selected=text)
    def forms_only(name, body, email, comment, selected):
        """The two reader forms on their own (no HTTP, no database): many more inputs a second."""
        form = CommentForm({"name": name, "body": body, "email": email, "parent": "", "website": ""})
        FIGURES["comment form"]["inputs"] += 1
        if form.is_valid():
            FIGURES["comment form"]["valid"] += 1
            assert_normalised(form.cleaned_data["name"], form.cleaned_data["body"])
        report = ReportForm({"selected_text": selected, "context_before": "", "context_after": "", "comment": comment})
        FIGURES["report form"]["inputs"] += 1
        if report.is_valid():
            FIGURES["report form"]["valid"] += 1
            assert_normalised(None, report.cleaned_data["comment"])
            assert report.cleaned_data["selected_text"] == clean_body(report.cleaned_data["selected_text"])

    phases = [("comment", comments), ("errorreport", reports), ("rating", ratings), ("api", api)]
    for name, run in [*phases, ("comment form", forms_only)]:
        phase_start = time.monotonic()
        run()
        FIGURES[name]["seconds"] = round(time.monotonic() - phase_start, 1)

    # Nothing stored breaks the normalisation rules.
    stored = list(ReaderComment.objects.all())
    for comment in stored:
        assert_normalised(comment.name, comment.body)
    for submission in ErrorReportSubmission.objects.all():
        assert_normalised(None, submission.comment)
        assert not (submission.comment and not has_visible(submission.comment))
    FIGURES["stored"]["comments"] = len(stored)
    FIGURES["stored"]["error reports"] = ErrorReport.objects.count()
    FIGURES["stored"]["with payload marker"] = sum(MARK in c.name or MARK in c.body for c in stored)

    # No payload comes back unescaped: the article with every comment approved, the queues, the JSON.
    comment_actions.moderate(ReaderComment.objects.all(), CommentState.APPROVED)
    for article in articles:
        page = client.get(article.url)
        assert page.status_code == 200
        assert_no_payload_markup(page.content.decode(), article.url)
        state = client.get(f"/{article.locale.language_code}/-/reader/state/{article.pk}/")
        assert state.status_code == 200 and json.loads(state.content)
    editor = django_user_model.objects.create_superuser("fuzz-editor", "fuzz@example.org", "pw")
    client.force_login(editor)
    for queue in ("/admin/reader-comments/", "/admin/snippets/errorreports/errorreport/"):
        for page_number in (1, 2):
            response = client.get(queue, {"p": page_number})
            assert response.status_code in (200, 404), queue
            if response.status_code == 200:
                assert_no_payload_markup(response.content.decode(), queue)
    for comment in stored[:25]:
        response = client.get(f"/admin/reader-comments/inspect/{comment.pk}/")
        assert response.status_code == 200
        assert_no_payload_markup(response.content.decode(), "inspect")

    FIGURES["run"]["seconds"] = round(time.monotonic() - started, 1)
    FIGURES["run"]["inputs"] = sum(c["inputs"] for c in FIGURES.values())
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "fuzz-figures.json").write_text(json.dumps(FIGURES, indent=2, sort_keys=True))
    print("\nfuzz figures:", json.dumps(FIGURES, sort_keys=True))
