"""Forms for editing a document and moving it through the workflow."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from workflows import figures as rules
from workflows.enums import DeliverableKind

from ..fields import AmountField, BaseForm, CountField, MeasureField, RateField
from ..formatting import measure_input_text, vn_amount, vn_number
from .content import (
    COLUMN_LABELS,
    INDICATORS_KEY,
    MEASURE_LABELS,
    RATE_FIELDS,
    figure_fields,
    figure_key,
    labels_for,
    measures_for,
    text_fields,
)
from .indicators import input_unit

MAX_TEXT = 20000
MAX_NOTE = 2000


class MaxChars:
    """At most ``limit`` characters, refused with the count — never cut. (WTForms' Length
    also writes ``maxlength`` into the page, and a browser then silently drops whatever
    is pasted beyond it.)"""

    def __init__(self, limit):
        self.limit = limit

    def __call__(self, form, field):
        count = len(field.data or "")
        if count > self.limit:
            raise ValidationError(_("This text has %(count)s characters; at most %(max)s are allowed. Nothing was "
                                     "cut: shorten it and save again.", count=vn_number(count),
                                     max=vn_number(self.limit)))


class MoveForm(BaseForm):
    """Submit, withdraw, approve, return or reopen; the reason goes in ``comment``."""

    comment = TextAreaField(_l("Reason or remark"), validators=[MaxChars(MAX_TEXT)])
    lock_version = HiddenField(validators=[InputRequired()])


def budget_keys_of(items):
    """The lines of a budget table: every catalog item shown, then the typed total row."""
    return [str(item.id) for item in items] + [rules.TOTAL_ROW]


def document_form_class(kind, items, inputs=()):
    """A form class with the fields of this kind of document; ``items``: the catalog rows
    shown; ``inputs``: the indicators its unit types (``indicators.owed(...).inputs``)."""
    kind = DeliverableKind(kind)
    attrs = {"lock_version": HiddenField(validators=[InputRequired()])}
    for name in text_fields(kind):
        attrs[name] = TextAreaField(labels_for(kind)[name], validators=[MaxChars(MAX_TEXT)])
    for name in figure_fields(kind):
        field_class = RateField if name in RATE_FIELDS else CountField
        attrs[name] = field_class(labels_for(kind)[name])
    codes = {str(item.id): item.code for item in items}
    for key in budget_keys_of(items):
        line = codes.get(key) or _l("Total")
        for measure in measures_for(kind):
            for column in rules.COLUMNS:
                attrs[rules.budget_field(key, measure, column)] = AmountField(
                    f"{line} · {MEASURE_LABELS[measure]} · {COLUMN_LABELS[column]}")
    for d in inputs:
        attrs[d.field] = MeasureField(_(d.name), unit_of=lambda form, unit=input_unit(d): unit)
    return type(f"{kind.name.title()}Form", (BaseForm,), attrs)


def content_from_form(form, kind, items, notes, inputs=()):
    """The content dict to store: text as typed, counts as integers, rates and amounts as
    decimal strings, the indicators' values as decimal strings, and the notes
    acknowledging warnings (``notes``: {key: text})."""
    content = {name: getattr(form, name).data or "" for name in text_fields(kind)}
    figures = {}
    for name in figure_fields(kind):
        number = getattr(form, name).number
        figures[name] = str(number) if (number is not None and name in RATE_FIELDS) else number
    content[figure_key(kind)] = figures
    budget = {}
    for key in budget_keys_of(items):
        for measure in measures_for(kind):
            for column in rules.COLUMNS:
                number = getattr(form, rules.budget_field(key, measure, column)).number
                if number is not None:
                    budget.setdefault(key, {}).setdefault(measure, {})[column] = str(number)
    content["budget"] = budget
    if inputs:
        content[INDICATORS_KEY] = {d.key or d.code: str(getattr(form, d.field).number) for d in inputs
                                   if getattr(form, d.field).number is not None}
    content["acknowledged"] = {key: note.strip() for key, note in notes.items() if note.strip()}
    return content


def form_data_from_content(content, kind, inputs=()):
    data = {name: content.get(name, "") for name in text_fields(kind)}
    typed = content.get(INDICATORS_KEY) or {}
    for d in inputs:
        data[d.field] = measure_input_text(typed.get(d.key or d.code), input_unit(d))
    for name, value in (content.get(figure_key(kind)) or {}).items():
        if value is None or value == "":
            data[name] = ""
        elif name in RATE_FIELDS:
            data[name] = str(value).replace(".", ",")
        else:
            data[name] = f"{int(value):,}".replace(",", ".")
    for key, measures in (content.get("budget") or {}).items():
        for measure, cells in (measures or {}).items():
            for column, value in (cells or {}).items():
                data[rules.budget_field(key, measure, column)] = vn_amount(value)
    return data


def notes_from_request(formdata):
    """The acknowledgement notes posted with the form (fields named ``ack-<key>``)."""
    return {name[4:]: value for name, value in formdata.items() if name.startswith("ack-")}
