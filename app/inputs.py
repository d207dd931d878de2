"""What a script gives — the API's JSON, or the command line's options put the same way —
read and checked before anything changes.

A ``Reader`` checks the shape: no unknown field, each of the type it should be, dates
written the ISO way (2027-03-31), units named by id (a number) or code (a text). What a
person could have typed wrong as well is then checked by the pages' own form
(``validated``: required fields, lengths, ranges, the same messages), and the rules by
the operations. Every problem found is reported at once, field by field, and nothing is
written (``Invalid``, 422 from the API)."""
import datetime as dt
import re

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from workflows.text import has_control_characters

from .errors import Invalid
from .extensions import db
from .fields import CONTROL_IN_LINE
from .units.models import Unit
from .web import MAX_ID

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def renamed(run, names):
    """Run ``run`` (an operation, a form's check); a refusal names its fields as the script
    sent them (``names``: {the operation's field: the script's}; others keep their name)."""
    try:
        return run()
    except Invalid as exc:
        exc.errors = {names.get(name, name): message for name, message in exc.errors.items()}
        raise


def invalid(errors):
    return Invalid(_("Please correct the highlighted fields."), errors)


def find_unit(ref):
    """The unit a script names: by id (an integer) or by code (a text, any case); None if none."""
    if isinstance(ref, bool):
        return None
    if isinstance(ref, int):
        return db.session.get(Unit, ref) if 1 <= ref <= MAX_ID else None
    if isinstance(ref, str) and ref.strip():
        return db.session.scalar(db.select(Unit).where(db.func.upper(Unit.code) == ref.strip().upper()))
    return None


class Reader:
    """The fields of one JSON object, read one by one. Each reading method is called for a
    field that is there (``name in reader``); a wrong value is noted and None returned, and
    ``done()`` raises every problem noted. ``prefix`` names where the object sits
    ("roles.0.") in the messages' field names."""

    def __init__(self, data, allowed, prefix=""):
        self.errors = {}
        self.prefix = prefix
        self.data = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.errors[prefix.rstrip(".") or "body"] = _("Send a JSON object.")
        for key in self.data:
            if key not in allowed:
                self.errors[self.path(key)] = _("Unknown field.")

    def __contains__(self, name):
        return name in self.data

    def path(self, name):
        return f"{self.prefix}{name}"

    def fail(self, name, message):
        self.errors.setdefault(self.path(name), message)

    def merge(self, other):
        """Take the problems another reader (of an object inside this one) found."""
        for name, message in other.errors.items():
            self.errors.setdefault(name, message)

    def done(self):
        if self.errors:
            raise invalid(self.errors)

    def text(self, name):
        """A text; null reads as empty."""
        value = self.data[name]
        if value is None:
            return ""
        if not isinstance(value, str):
            return self.fail(name, _("Send a text."))
        return value

    def line(self, name):
        """A text on one line (a name, a code, an email): no line break or other control character."""
        value = self.text(name)
        if value and has_control_characters(value, allow_newlines=False):
            return self.fail(name, str(CONTROL_IN_LINE))
        return value

    def _typed(self, name, is_right, message):
        value = self.data[name]
        if not is_right(value):
            return self.fail(name, message)
        return value

    def integer(self, name):
        return self._typed(name, is_whole_number, _("Send a whole number."))

    def boolean(self, name):
        return self._typed(name, lambda v: isinstance(v, bool), _("Send true or false."))

    def date(self, name, nullable=False):
        """An ISO date ("2027-03-31"); null too if ``nullable``."""
        value = self.data[name]
        if value is None and nullable:
            return None
        day = parse_iso_date(value)
        if day is None:
            self.fail(name, _("Send a date as YYYY-MM-DD, e.g. 2027-03-31.") if not nullable else
                      _("Send a date as YYYY-MM-DD, e.g. 2027-03-31, or null."))
        return day

    def object(self, name):
        return self._typed(name, lambda v: isinstance(v, dict), _("Send a JSON object."))

    def items(self, name):
        """A list (of anything: the caller reads its items)."""
        return self._typed(name, lambda v: isinstance(v, list), _("Send a list."))

    def unit(self, name, seen=None):
        """A unit named by id or code. ``seen``: the ids of the units the script's user may
        be told of (``policy.nameable_unit_ids``); any other is answered for as unknown."""
        value = self.data[name]
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            return self.fail(name, _("Send a unit's id (a number) or code (a text)."))
        found = _seen(find_unit(value), seen)
        if found is None:
            self.fail(name, _("No unit has the id or code %(ref)s.", ref=value))
        return found

    def units(self, name, seen=None):
        """Units named by id or code, each once (``seen``: as for ``unit``)."""
        refs = self.items(name)
        if refs is None:
            return None
        found = []
        for ref in refs:
            unit = _seen(find_unit(ref), seen) if isinstance(ref, (int, str)) else None
            if unit is None:
                self.fail(name, _("No unit has the id or code %(ref)s.", ref=ref if isinstance(ref, (int, str))
                                  else "?"))
            elif unit not in found:
                found.append(unit)
        return found

    def ids(self, name):
        """Whole numbers (row ids), each once."""
        values = self.items(name)
        if values is None:
            return None
        if not all(is_whole_number(v) for v in values):
            return self.fail(name, _("Send a list of ids (whole numbers)."))
        return list(dict.fromkeys(values))


def _seen(unit, seen):
    """``unit`` if the script's user may be told of it (``seen`` None: anyone may), else None."""
    return unit if unit is None or seen is None or unit.id in seen else None


def is_whole_number(value):
    """A JSON integer (true and false are not numbers, though Python counts them as such)."""
    return isinstance(value, int) and not isinstance(value, bool)


def parse_iso_date(value):
    """"2027-03-31" → the date; None for anything else (another format, a day that does not exist)."""
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def form_data(values):
    """A script's values as a form's fields carry them (texts; True ticked, False not)."""
    out = MultiDict()
    for name, value in values.items():
        if isinstance(value, bool):
            if value:
                out.add(name, "y")
        elif isinstance(value, (list, tuple)):
            for item in value:
                out.add(name, str(item))
        elif isinstance(value, dt.date):
            out.add(name, value.isoformat())
        elif value is not None:
            out.add(name, str(value))
    return out


def validated(form):
    """``form`` (made with ``meta={"csrf": False}`` from a script's ``form_data``) checked
    as its page checks it; raises ``Invalid`` naming each field."""
    if form.validate():
        return form
    errors = {}
    for name, messages in form.errors.items():
        if name is None:  # about the form as a whole
            errors["body"] = " ".join(str(m) for m in messages)
        else:
            errors[name] = " ".join(str(m) for m in messages)
    raise invalid(errors)
