"""Form fields that read numbers the way Vietnamese users type them."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.validators import ValidationError

from workflows.numbers import NumberFormatError, parse_count


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
