"""Template tags of the news pages: publish times in the edition's language."""

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def published_label(article) -> str:
    """Return the publish time of ``article`` in the active language.

    "18 January 2019, 15:30 Moscow time" / «18 января 2019, 15:30 мск»: the
    date in the language's own format (genitive month in Russian), the time in
    the article's time zone, named for Moscow and as an offset from UTC elsewhere.
    """
    local = article.local_published_at
    date = formats.date_format(local, _("j E Y"))
    time = formats.time_format(local, "H:i")
    if article.time_zone == "Europe/Moscow":
        zone = _("Moscow time")
    else:
        offset = local.strftime("%z")
        zone = _("UTC%(offset)s") % {"offset": f"{offset[:3]}:{offset[3:]}"}
    return _("%(date)s, %(time)s %(zone)s") % {"date": date, "time": time, "zone": zone}
