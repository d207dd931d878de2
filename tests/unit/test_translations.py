"""Every string the interface can show has a Vietnamese translation."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None}



def _extracted():
    for folder in ("app", "workflows", "templates"):
        # silent=False: a template the extractor cannot parse fails here instead of being skipped.
        options = {"**.html": {"extensions": "jinja2.ext.do", "silent": "false"}}
        for _, _, message, _, _ in extract_from_dir(ROOT / folder, method_map=[("**.py", "python"), ("**.html", "jinja2")],
                                                    options_map=options, keywords=KEYWORDS):
            yield message[0] if isinstance(message, tuple) else message


def test_every_ui_string_is_translated_to_vietnamese():
    with (ROOT / "app/translations/vi/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f)
    missing = sorted({m for m in _extracted() if m and not (catalog.get(m) and catalog.get(m).string)})
    assert missing == []


def test_placeholders_survive_translation():
    with (ROOT / "app/translations/vi/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f)
    assert [(m.id, errors) for m, errors in catalog.check()] == []
