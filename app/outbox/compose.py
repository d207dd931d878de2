"""Messages are written from templates, in the product's default language (Vietnamese),
whoever caused them and whatever language their screen shows."""
import contextlib

from flask import current_app, has_request_context, render_template, url_for
from flask_babel import force_locale


@contextlib.contextmanager
def mail_context():
    """A context in which templates render and ``url_for`` works, in the mail language.

    Outside a request (the scheduler, the command line) a request context is made up.
    """
    app = current_app._get_current_object()
    with contextlib.ExitStack() as stack:
        if not has_request_context():
            stack.enter_context(app.test_request_context(base_url=app.config["BASE_URL"]))
        stack.enter_context(force_locale(app.config["BABEL_DEFAULT_LOCALE"]))
        yield


def absolute_url(endpoint, **values):
    """A link for a message or a feed: ``BASE_URL`` plus the path (right behind proxies too)."""
    with contextlib.ExitStack() as stack:
        if not has_request_context():
            stack.enter_context(current_app.test_request_context())
        path = url_for(endpoint, **values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def render(name, **context):
    """(text, html) of the email template pair ``templates/emails/<name>.{txt,html}``."""
    with mail_context():
        return (render_template(f"emails/{name}.txt", **context),
                render_template(f"emails/{name}.html", **context))
