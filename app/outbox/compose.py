"""Messages are written from templates, in the product's default language (Vietnamese),
whoever caused them and whatever language their screen shows."""
import contextlib

from flask import current_app, has_request_context, render_template, request, url_for
from flask_babel import force_locale


@contextlib.contextmanager
def mail_context():
    """A context in which templates render and ``url_for`` works, in the mail language.

    Outside a request (the scheduler, the command line) a request context is made up.
    """
    app = current_app._get_current_object()
    with contextlib.ExitStack() as stack:
        if not has_request_context():
            stack.enter_context(app.test_request_context(base_url=base_url()))
        stack.enter_context(force_locale(app.config["BABEL_DEFAULT_LOCALE"]))
        yield


def base_url(shown=False):
    """Where links that leave the app point.

    ``BASE_URL`` when it is configured, else ``DEFAULT_BASE_URL`` (``http://127.0.0.1:$PORT``).
    Only a link ``shown`` to the person whose request makes it — the calendar address on
    their page, a set-password link on an administrator's screen — may follow the address
    that request came to (scheme, host and port as their browser used them; behind a proxy
    X-Forwarded-Proto/-Host once ``PROXY_FIX_X_FOR`` is set). A link that goes to someone
    else, in mail, never does: the ``Host`` header is the sender's to choose, and a forged
    one would point a colleague's mail at another site.
    """
    configured = current_app.config.get("BASE_URL")
    if configured:
        return configured.rstrip("/")
    if shown and has_request_context():
        return request.url_root.rstrip("/")
    return current_app.config["DEFAULT_BASE_URL"].rstrip("/")


def absolute_url(endpoint, shown=False, **values):
    """An absolute link to ``endpoint``: ``base_url(shown)`` plus the path inside the app."""
    root = base_url(shown)
    with contextlib.ExitStack() as stack:
        if not has_request_context():
            stack.enter_context(current_app.test_request_context())
        path, script_root = url_for(endpoint, **values), request.script_root
    # url_for's path starts with the request's script root; the base already ends with it.
    if script_root and path.startswith(script_root + "/"):
        path = path[len(script_root):]
    return root + path


def render(name, **context):
    """(text, html) of the email template pair ``templates/emails/<name>.{txt,html}``."""
    with mail_context():
        return (render_template(f"emails/{name}.txt", **context),
                render_template(f"emails/{name}.html", **context))
