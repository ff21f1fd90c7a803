"""The admin's password reset, honest about mail.

Without outgoing mail (``EMAIL_URL`` / ``DATELINE_EMAIL_HOST`` unset, see
``dateline/settings/base.py``) the reset is off (``WAGTAIL_PASSWORD_RESET_ENABLED``)
and the sign-in page says so. With mail configured, a server that cannot be
reached, or a message that cannot be sent, is an error on the reset page in
the admin's language, not a "mail sent" page over a line in the log (Django's
``PasswordResetForm`` only logs the failure).
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMultiAlternatives, get_connection
from django.template import loader
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import PasswordResetView

logger = logging.getLogger(__name__)

MAIL_FAILED = _(
    "The e-mail could not be sent: the site's mail server did not accept it. "
    "Try again later, or ask an administrator to set a new password for you."
)


class HonestPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form that records a failed send (``mail_failed``) instead of only logging it."""

    mail_failed = False

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Send the reset link as Django does (``EmailMultiAlternatives``); on failure set ``mail_failed``."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(loader.render_to_string(html_email_template_name, context), "text/html")
        try:
            message.send()
        except Exception:  # any transport error means the mail did not go
            logger.exception("Password reset: the mail to user %s could not be sent", context["user"].pk)
            self.mail_failed = True


class HonestPasswordResetView(PasswordResetView):
    """``/admin/password_reset/``: Wagtail's view, which shows an error when the mail cannot be sent.

    The connection to the mail server is tried for every address, known or not, so the
    answer tells nothing about which addresses have accounts.
    """

    def get_form_class(self):
        return HonestPasswordResetForm

    def form_valid(self, form):
        try:
            connection = get_connection(fail_silently=False)
            connection.open()
            connection.close()
        except Exception:  # any transport error means no mail can go
            logger.exception("Password reset: cannot reach the mail server")
            form.add_error(None, MAIL_FAILED)
            return self.form_invalid(form)
        response = super().form_valid(form)
        if form.mail_failed:
            form.add_error(None, MAIL_FAILED)
            return self.form_invalid(form)
        return response
