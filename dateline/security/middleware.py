"""Nonces for the Wagtail admin's own inline widget scripts, so that its pages pass the CSP.

Wagtail 8 still writes a one-line inline ``<script>`` after some form widgets
(date and time pickers, choosers: ``initDateChooser("id_x", {...});``,
``new PageChooser("id_x", {...});``). The Content-Security-Policy allows only
scripts from the site or with the request's nonce, so these would be blocked.
``AdminInlineScriptNonceMiddleware`` gives the nonce to exactly those scripts: a
call of one of Wagtail's initialisers whose arguments are plain JSON data (parsed
to make sure). Any other inline script, such as one smuggled into a page, stays
without a nonce and is blocked by the browser.
"""

from __future__ import annotations

import json
import re

from django.conf import settings

#: Wagtail's inline initialisers: function (or constructor) name, then "(<JSON>, ...);".
WIDGET_SCRIPT = re.compile(
    r"<script>(?P<call>(?:initDateChooser|initDateTimeChooser|initTimeChooser|createTaskChooser"
    r"|new [A-Z][A-Za-z]*Chooser)\((?P<args>[^<]*)\);)</script>"
)


#: Wagtail's InlinePanel initialiser (an inline formset such as an article's corrections):
#: ``(function() { var panel = new InlinePanel(JSON.parse("<JSON as a JS string>")); })();``
INLINE_PANEL_SCRIPT = re.compile(
    r"<script>(?P<call>\s*\(function\(\) \{\s*var panel = new InlinePanel\(JSON\.parse\("
    r'(?P<literal>"(?:[^"\\<]|\\.)*")\)\);\s*\}\)\(\);\s*)</script>'
)


def _is_json_string_of_data(literal: str) -> bool:
    """Whether ``literal`` is a JSON string literal whose text is itself JSON data."""
    try:
        return isinstance(literal := json.loads(literal), str) and _is_plain_data(literal)
    except ValueError:
        return False


def _is_plain_data(arguments: str) -> bool:
    try:
        json.loads(f"[{arguments}]")
    except ValueError:
        return False
    return True


class AdminInlineScriptNonceMiddleware:
    """Add the request's CSP nonce to Wagtail's own widget scripts in admin HTML pages (see module docstring).

    Must come after ``csp.middleware.CSPMiddleware`` in ``MIDDLEWARE``, so that the
    nonce it reads is the one the CSP header then carries.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not request.path.startswith(self.prefix)
            or response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or b"<script>" not in response.content
            or not hasattr(request, "csp_nonce")
        ):
            return response
        charset = response.charset or settings.DEFAULT_CHARSET
        html = response.content.decode(charset)

        def add_nonce(match: re.Match) -> str:
            if not _is_plain_data(match["args"]):
                return match[0]
            return f'<script nonce="{request.csp_nonce}">{match["call"]}</script>'

        def add_nonce_to_inline_panel(match: re.Match) -> str:
            if not _is_json_string_of_data(match["literal"]):
                return match[0]
            return f'<script nonce="{request.csp_nonce}">{match["call"]}</script>'

        new_html = INLINE_PANEL_SCRIPT.sub(add_nonce_to_inline_panel, WIDGET_SCRIPT.sub(add_nonce, html))
        if new_html != html:
            response.content = new_html.encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
