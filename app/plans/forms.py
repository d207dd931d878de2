"""Forms for setting plans up."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from workflows import schedules
from workflows.enums import SCHEDULED_KINDS, DeliverableKind

from ..fields import BaseForm, WholeNumberField
from ..labels import KIND_LABELS

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_MESSAGE = _l("Enter a date as dd/mm/yyyy, e.g. 31/03/2026.")


class VNDateField(DateField):
    """A date typed as dd/mm/yyyy (ISO accepted too), with a Vietnamese error message.

    A text input, not ``<input type="date">``: a date picker shows dates in the browser's
    locale (03/31/2026 in an American one), and the value it keeps is ISO, not what we print.
    """

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=DATE_FORMATS, **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(str(DATE_MESSAGE)) from exc
        if self.data is None and valuelist and valuelist[0].strip():
            raise ValueError(str(DATE_MESSAGE))


def optional_id(value):
    """A chosen id, None for "none chosen" (empty or 0); anything unreadable is an id that
    cannot exist, so that the operation refuses it with its own message."""
    if value in (None, "", "0", 0):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


class PlanForm(BaseForm):
    issuing_unit_id = SelectField(_l("Issuing unit"), coerce=int,
                                  validators=[InputRequired(_l("Choose the issuing unit."))])
    coordinating_unit_id = SelectField(_l("Coordinating unit"), coerce=int,
                                       validators=[InputRequired(_l("Choose the coordinating unit."))])
    # Checked by the operation; empty: the programme whose years cover the plan's year.
    programme_id = SelectField(_l("Programme"), coerce=optional_id, validate_choice=False)
    year = WholeNumberField(_l("Year"), validators=[InputRequired(_l("Enter the plan's year.")),
                                                NumberRange(2000, 2100, _l("Enter a year between 2000 and 2100."))])
    number = StringField(_l("Number"), validators=[Optional(), Length(max=20)])
    symbol = StringField(_l("Symbol"), default="KH-UBND", validators=[DataRequired(_l("Enter the symbol.")),
                                                                     Length(max=40)])
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter the plan's title.")), Length(max=500)])
    place = StringField(_l("Place of issue"), validators=[Optional(), Length(max=100)])
    issued_on = VNDateField(_l("Date of issue"), validators=[Optional()])
    legal_bases = TextAreaField(_l("Legal bases (one per line)"), validators=[Length(max=20000)])
    goals = TextAreaField(_l("Goals and indicators"), validators=[Length(max=50000)])

    def plan_values(self, fields):
        """The plan's fields ``fields`` as the operations take them (the number trimmed)."""
        values = {name: getattr(self, name).data for name in fields}
        values["number"] = (values["number"] or "").strip()
        return values

    def asked_kinds(self):
        """The kinds ticked, in the schedule's order."""
        return [k for k in SCHEDULED_KINDS if getattr(self, asks_field(k)).data]

    def schedule_fields(self):
        """{field name: date or None (its default)} of the documents asked: the schedule as
        the operations take it."""
        asked = set(self.asked_kinds())
        return {name: getattr(self, name).data for name in due_field_names() if _slot(name)[0] in asked}

    def set_schedule(self, fields):
        """Show ``fields`` ({field name: date}): those kinds ticked, their dates filled."""
        for kind in SCHEDULED_KINDS:
            getattr(self, asks_field(kind)).data = any(_slot(name)[0] is kind for name in fields)
        for name, day in fields.items():
            getattr(self, name).data = day


def asks_field(kind):
    return f"asks_{DeliverableKind(kind).value}"


def due_field_names():
    return [schedules.field_name(kind, n) for kind, n in schedules.slots()]


def _slot(name):
    return next((kind, n) for kind, n in schedules.slots() if schedules.field_name(kind, n) == name)


# One tick box per kind a plan may ask, and a due date per item (four for the quarters).
for _kind in SCHEDULED_KINDS:
    setattr(PlanForm, asks_field(_kind), BooleanField(KIND_LABELS[_kind]))
for _kind, _n in schedules.slots():
    setattr(PlanForm, schedules.field_name(_kind, _n),
            VNDateField(_l("Quarter %(num)d", num=_n) if _kind is DeliverableKind.QUARTERLY else _l("Due on"),
                        validators=[Optional()]))


class MultiCheckboxField(SelectMultipleField):
    """Several choices as tick boxes (readable on a phone, unlike a multiple select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OwesForm(BaseForm):
    item_ids = MultiCheckboxField(_l("Documents owed"), coerce=int,
                                  validators=[DataRequired(_l("Choose at least one document."))])


class AssignForm(BaseForm):
    unit_ids = SelectMultipleField(_l("Units"), coerce=int,
                                   validators=[DataRequired(_l("Choose at least one unit."))])
    duties = TextAreaField(_l("Duties"), validators=[Length(max=20000)])
    is_requested = BooleanField(_l("Requested partner (not subordinate)"))
    #: What these units do not owe of the plan's schedule (usually nothing: they owe it all).
    exempt_ids = MultiCheckboxField(_l("Exempt from (optional)"), coerce=int, validators=[Optional()])


class AdhocForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the report a title.")), Length(max=255)])
    period_start_on = VNDateField(_l("Period from"), validators=[InputRequired(DATE_MESSAGE)])
    period_end_on = VNDateField(_l("Period to"), validators=[InputRequired(DATE_MESSAGE)])
    due_on = VNDateField(_l("Due on"), validators=[InputRequired(DATE_MESSAGE)])
    assignment_ids = SelectMultipleField(_l("Units"), coerce=int,
                                         validators=[DataRequired(_l("Choose at least one unit."))])


class CsrfOnlyForm(BaseForm):
    """A one-button form: only the CSRF token travels."""
