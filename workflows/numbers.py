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
        if not _grouped(cleaned):
            raise NumberFormatError(text)
        cleaned = cleaned.replace(".", "")
    if not cleaned.isdigit() or not cleaned.isascii():
        raise NumberFormatError(text)
    return int(cleaned)


def rate(part, whole):
    """Part of whole in percent, two decimals, rounded half up (None if unknown)."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


#: Budget amounts are million VND; three decimals reach a thousand đồng.
AMOUNT_PLACES = 3
MAX_AMOUNT = Decimal(10) ** 9


def parse_amount(text):
    """Read an amount of million VND written the Vietnamese or the plain way.

    "1.234,5" → 1234.5; "1234,5" and "1234.5" (from a spreadsheet) too; "1.234" is
    one thousand two hundred and thirty-four, as a Vietnamese reader means it.
    At most three decimals; no sign.
    """
    cleaned = text.strip().replace("\u00a0", " ").replace(" ", "")
    if not cleaned:
        raise NumberFormatError("empty")
    whole, comma, decimals = cleaned.partition(",")
    if comma:
        if "," in decimals or "." in decimals or not decimals:
            raise NumberFormatError(text)
    elif "." in whole and not _grouped(whole) and whole.count(".") == 1:
        whole, _dot, decimals = whole.partition(".")  # 1234.5: a decimal point
        if not decimals:
            raise NumberFormatError(text)
    if "." in whole:
        if not _grouped(whole):
            raise NumberFormatError(text)
        whole = whole.replace(".", "")
    if not (whole.isdigit() and whole.isascii()) or (decimals and not (decimals.isdigit() and decimals.isascii())):
        raise NumberFormatError(text)
    if len(decimals) > AMOUNT_PLACES:
        raise NumberFormatError(text)
    value = Decimal(f"{whole}.{decimals}" if decimals else whole)
    if value >= MAX_AMOUNT:
        raise NumberFormatError(text)
    return value


def _grouped(text):
    """Thousands written with dots: "13.342", "1.234.567" (not "0.001", not "12.34")."""
    groups = text.split(".")
    return (1 <= len(groups[0]) <= 3 and not groups[0].startswith("0")
            and all(len(g) == 3 for g in groups[1:]))


def share(part, whole):
    """Part of whole in percent for amounts (disbursement rate), two decimals."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
