"""Give Django's bodiless 405 answers a message in the request's language."""

from django.utils.translation import gettext as _

from .responses import error_json, wants_json


class MethodNotAllowedMessageMiddleware:
    """Fill an empty ``405 Method Not Allowed`` answer with a message the reader can read.

    ``require_http_methods`` and ``HttpResponseNotAllowed`` answer with an empty body;
    this middleware keeps the status and the ``Allow`` header (RFC 9110) and adds
    ``{"error": {"code": "method_not_allowed", ...}}`` for scripts, plain text otherwise,
    in the language the URL's prefix activated.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        message = _("This address does not accept that kind of request.")
        if wants_json(request):
            answer = error_json("method_not_allowed", message, 405)
        else:
            answer = response
            answer.content = message.encode()
            answer["Content-Type"] = "text/plain; charset=utf-8"
        if response.has_header("Allow"):
            answer["Allow"] = response["Allow"]
        return answer
