"""Forms for editing a document and moving it through the workflow."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import InputRequired, Length

from workflows.enums import DeliverableKind

from ..fields import CountField
from .content import FIELD_LABELS, TARGET_FIELDS, text_fields

MAX_TEXT = 20000


class MoveForm(FlaskForm):
    """Submit, withdraw, approve, return or reopen; the reason goes in ``comment``."""

    comment = TextAreaField(_l("Reason or remark"), validators=[Length(max=MAX_TEXT)])
    lock_version = HiddenField(validators=[InputRequired()])


def document_form_class(kind):
    """A form class with the fields of this kind of document."""
    attrs = {"lock_version": HiddenField(validators=[InputRequired()])}
    for name in text_fields(kind):
        attrs[name] = TextAreaField(FIELD_LABELS[name], validators=[Length(max=MAX_TEXT, message=_l(
            "At most %(max)d characters."))])
    if DeliverableKind(kind) is DeliverableKind.SUBPLAN:
        for name in TARGET_FIELDS:
            attrs[name] = CountField(FIELD_LABELS[name])
    return type(f"{DeliverableKind(kind).name.title()}Form", (FlaskForm,), attrs)


def content_from_form(form, kind):
    """The content dict to store: text as typed, counts as integers."""
    content = {name: getattr(form, name).data or "" for name in text_fields(kind)}
    if DeliverableKind(kind) is DeliverableKind.SUBPLAN:
        content["target"] = {name: getattr(form, name).number for name in TARGET_FIELDS}
    return content


def form_data_from_content(content, kind):
    data = {name: content.get(name, "") for name in text_fields(kind)}
    if DeliverableKind(kind) is DeliverableKind.SUBPLAN:
        for name, value in (content.get("target") or {}).items():
            data[name] = "" if value is None else f"{value:,}".replace(",", ".")
    return data
