"""Text folding for search: "Đắk R'Lấp" and "dak r'lap" find each other."""
import unicodedata


def fold(text):
    """Lower-case, without Vietnamese diacritics (đ → d), spaces collapsed."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.lower().split())
