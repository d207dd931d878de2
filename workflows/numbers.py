"""Reading and computing the figures of plans and reports."""
from decimal import ROUND_HALF_UP, Decimal


class NumberFormatError(ValueError):
    pass


def parse_count(text):
    """Read a whole, non-negative count written the Vietnamese or the plain way.

    "13.342", "13 342", "13342" → 13342. A decimal comma, a sign or anything
    else is refused: households are counted, not measured.
    """
    cleaned = text.strip().replace("\u00a0", " ").replace(" ", "")
    if not cleaned:
        raise NumberFormatError("empty")
    if "." in cleaned:
        groups = cleaned.split(".")
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            raise NumberFormatError(text)
        cleaned = "".join(groups)
    if not cleaned.isdigit() or not cleaned.isascii():
        raise NumberFormatError(text)
    return int(cleaned)


def rate(part, whole):
    """Part of whole in percent, two decimals, rounded half up (None if unknown)."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
