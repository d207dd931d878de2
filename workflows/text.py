"""Text: the translation marker, folding for search ("Đắk R'Lấp" and "dak r'lap" find each
other), one-line text for headers."""
import unicodedata


def N_(message):  # noqa: N802 - the gettext marker the catalog extraction looks for
    """Mark a sentence for translation; the application translates it when shown."""
    return message


def fold(text):
    """Lower-case, without Vietnamese diacritics (đ → d), spaces collapsed."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.lower().split())


#: Characters that break a line or control a terminal: never part of a one-line text.
_BREAKING = {"Cc", "Zl", "Zp"}


def one_line(text):
    """``text`` on one line: control characters and line or paragraph separators become
    spaces, and runs of spaces one. For mail headers and other single-line places."""
    text = "".join(" " if unicodedata.category(ch) in _BREAKING else ch for ch in str(text or ""))
    return " ".join(text.split())


def has_control_characters(text, allow_newlines=False):
    """Whether ``text`` holds a control character (tab, line break, NUL...); with
    ``allow_newlines``, line breaks and tabs are fine (multi-line fields)."""
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    return any(unicodedata.category(ch) in _BREAKING and ch not in allowed for ch in str(text or ""))
