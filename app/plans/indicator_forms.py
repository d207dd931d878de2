"""Forms for a plan's own indicators: the definition, and the units that report it."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from workflows import indicators as rules
from workflows.enums import Direction, IndicatorKind, MeasureUnit

from ..fields import BaseForm, MeasureField
from ..labels import DIRECTION_LABELS, INDICATOR_KIND_LABELS, MEASURE_UNIT_LABELS


def _chosen_unit(form):
    """The unit the definition form chose (a ratio's target is a percentage)."""
    if form.kind.data == IndicatorKind.RATIO.value:
        return MeasureUnit.PERCENT
    try:
        return MeasureUnit(form.unit.data)
    except ValueError:
        return None


class IndicatorForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Give the indicator a name.")),
                                               Length(max=rules.MAX_NAME)])
    code = StringField(_l("Code"), validators=[DataRequired(_l("Give the indicator a code, e.g. BHYT_CN.")),
                                               Length(max=40)])
    kind = SelectField(_l("Kind"), default=IndicatorKind.COUNT.value,
                       choices=[SelectChoice(k.value, label) for k, label in INDICATOR_KIND_LABELS.items()])
    unit = SelectField(_l("Unit of measure"), default=MeasureUnit.HOUSEHOLDS.value,
                       choices=[SelectChoice(u.value, label) for u, label in MEASURE_UNIT_LABELS.items()])
    numerator_code = SelectField(_l("Numerator (a count)"), choices=[], validate_choice=False)
    denominator_code = SelectField(_l("Denominator (a count)"), choices=[], validate_choice=False)
    direction = SelectField(_l("Direction"), default=Direction.AT_LEAST.value,
                            choices=[SelectChoice(d.value, label) for d, label in DIRECTION_LABELS.items()])
    target = MeasureField(_l("The plan's target"), unit_of=_chosen_unit)
    is_required = BooleanField(_l("Required: a unit that reports it must give it before submitting"), default=True)

    def values(self):
        """What the operations take (``app.plans.indicators.FIELDS``)."""
        return {"code": self.code.data, "name": self.name.data, "unit": MeasureUnit(self.unit.data),
                "kind": IndicatorKind(self.kind.data), "direction": Direction(self.direction.data),
                "numerator_code": self.numerator_code.data, "denominator_code": self.denominator_code.data,
                "target": self.target.number, "is_required": self.is_required.data}


def fill_operands(form, counts):
    """The counts a ratio may be computed from: ``counts`` [(code, name)] (built-ins first)."""
    choices = [SelectChoice("", _l("– choose a count –"))] + [SelectChoice(code, f"{name} ({code})")
                                                              for code, name in counts]
    form.numerator_code.choices = form.denominator_code.choices = choices


def reporters_form_class(indicator, assignments):
    """A form with, per assigned unit, a tick "reports it" and a box for its own target."""
    unit = MeasureUnit.PERCENT if indicator.kind is IndicatorKind.RATIO else indicator.unit
    attrs = {}
    for a in assignments:
        attrs[f"reports-{a.id}"] = BooleanField(a.unit.name)
        attrs[f"target-{a.id}"] = MeasureField(_l("Target of %(unit)s", unit=a.unit.name),
                                               unit_of=lambda form, unit=unit: unit)
    return type("ReportersForm", (BaseForm,), attrs)
