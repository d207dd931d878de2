"""Form fields that read numbers the way Vietnamese users type them, and the forms' base."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

from workflows.indicators import Unreadable, parse_value
from workflows.numbers import NumberFormatError, parse_amount, parse_count
from workflows.targets import parse_rate
from workflows.text import has_control_characters


class CountField(StringField):
    """A non-negative whole number: "13.342", "13342" and "13 342" all read as 13342."""

    def __init__(self, label=None, validators=None, maximum=10**9, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.maximum = maximum
        self.number = None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.number = None

    def pre_validate(self, form):
        raw = (self.data or "").strip()
        if not raw:
            self.number = None
            return
        try:
            self.number = parse_count(raw)
        except NumberFormatError as exc:
            raise ValidationError(_l("Enter a whole number of households, e.g. 13.342.")) from exc
        if self.number > self.maximum:
            raise ValidationError(_l("This number is too large."))

    def _value(self):
        return self.data if isinstance(self.data, str) else ("" if self.data is None else str(self.data))


class WholeNumberField(IntegerField):
    """An integer field whose complaint is in the user's language (WTForms has no Vietnamese)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(str(_l("Enter a whole number."))) from exc


class _NumberText(StringField):
    """A text input read into ``number`` by ``parse``; the text is kept as typed."""

    message = _l("Enter a number.")

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.number = None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.number = None

    def pre_validate(self, form):
        raw = (self.data or "").strip()
        self.number = None
        if raw:
            try:
                self.number = self.parse(raw)
            except ValueError as exc:
                raise ValidationError(self.message) from exc

    def _value(self):
        return self.data if isinstance(self.data, str) else ("" if self.data is None else str(self.data))


class RateField(_NumberText):
    """A rate in percent as printed: "7,97" or "7,97%"; at most two decimals, 0–100."""

    message = _l("Enter a rate in percent, e.g. 7,97.")

    @staticmethod
    def parse(raw):
        return parse_rate(raw)


class AmountField(_NumberText):
    """An amount in million VND: "1.234,5" or "1234,5"; at most three decimals."""

    message = _l("Enter an amount in million VND, e.g. 1.234,5.")

    @staticmethod
    def parse(raw):
        return parse_amount(raw)


class MeasureField(StringField):
    """A number in an indicator's unit of measure (households, %, million VND, yes/no...),
    read into ``number`` by ``workflows.indicators.parse_value``; the text is kept as typed.
    ``unit_of(form)``: the unit (a form may choose it in another field), or None to skip."""

    def __init__(self, label=None, validators=None, unit_of=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.unit_of = unit_of
        self.number = None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.number = None

    def pre_validate(self, form):
        self.number = None
        unit = self.unit_of(form)
        if unit is None:
            return
        try:
            self.number = parse_value(unit, self.data or "")
        except Unreadable as exc:
            raise StopValidation(_(exc.message)) from exc

    def _value(self):
        return self.data if isinstance(self.data, str) else ("" if self.data is None else str(self.data))


class BaseForm(FlaskForm):
    """Every form of the application. Text refuses control characters with a message next
    to its field: a one-line field (a title, a name: they end up in mail subjects and file
    names) any at all, a text area any but line breaks and tabs (Word would refuse them)."""

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        for field in self:
            if not isinstance(field, StringField) or not isinstance(field.data, str):
                continue
            multiline = isinstance(field, TextAreaField)
            if has_control_characters(field.data, allow_newlines=multiline):
                message = CONTROL_IN_TEXT if multiline else CONTROL_IN_LINE
                field.errors = [*field.errors, str(message)]
                valid = False
        return valid


CONTROL_IN_LINE = _l("This field cannot contain control characters (a line break, a tab...).")
CONTROL_IN_TEXT = _l("This text contains a control character that is not allowed; remove it.")
