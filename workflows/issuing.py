"""How a unit signs its documents: the abbreviation in the number symbol and the title
of the person who signs. Pure.

Decree 30/2020/NĐ-CP leaves each body to fix its own abbreviation ("Số: 98/BC-SLĐTBXH");
in practice it is the initials of the body's name, Vietnamese letters kept:

- one capital per word, its tone and vowel marks dropped but **Đ kept** (Sở Lao động -
  Thương binh và Xã hội → SLĐTBXH, Sở Kế hoạch và Đầu tư → SKHĐT, Sở Y tế → SYT,
  Ban Dân tộc → BDT); a word already in capitals stays whole (Sở LĐTBXH → SLĐTBXH);
- "và", hyphens, commas, "&" and anything in brackets are left out;
- the place at the end of a name is left out: a level word (tỉnh, huyện, xã, thành phố...)
  that ends the name or is followed by a place's name in capitals ("Ủy ban nhân dân tỉnh
  Đắk Nông" → UBND; "Bảo hiểm xã hội tỉnh" → BHXH; "Xã hội" in "Thương binh và Xã hội" is
  followed by a small letter and stays);
- a territory (province, district, commune: "Huyện Krông Nô", "Xã Nam Đà") issues through
  its People's Committee: UBND.

A body whose customary abbreviation differs from its initials (Tỉnh đoàn: TĐTN, not
ĐTNCSHCM) is not guessed: the rule gives the initials, and the document can be edited.
"""
import re
import unicodedata

#: What a territory's documents carry: its People's Committee (Ủy ban nhân dân).
PEOPLES_COMMITTEE = "UBND"

#: Level words that introduce a place, longest first ("thị xã" before "xã").
_LEVELS = (("thành", "phố"), ("thị", "xã"), ("thị", "trấn"), ("tỉnh",), ("huyện",), ("quận",), ("xã",),
           ("phường",))
_LEFT_OUT = {"và"}
_WORD = re.compile(r"[^\W\d_]+|\d+")


def _words(name):
    text = unicodedata.normalize("NFC", name or "")
    text = re.sub(r"\([^)]*\)", " ", text)  # "(cũ)", "(Cơ quan thường trực)"
    return _WORD.findall(text)


def _level_at(words, i):
    """The number of words of a level word starting at ``i`` that introduces a place, or 0."""
    for level in _LEVELS:
        n = len(level)
        if tuple(w.lower() for w in words[i:i + n]) == level:
            following = words[i + n] if i + n < len(words) else None
            if following is None or following[0].isupper() or following[0].isdigit():
                return n
    return 0


def _initial(word):
    if len(word) > 1 and word.isupper():
        return word  # already an abbreviation: "LĐTBXH", "TB"
    first = word[0].upper()
    if first == "Đ":
        return first
    return "".join(ch for ch in unicodedata.normalize("NFD", first) if unicodedata.category(ch) != "Mn")


def abbreviation(name, territory=False):
    """The abbreviation of a body's name for a number symbol ("SLĐTBXH"); "" if the name has
    no letters. ``territory``: the unit is a province, district or commune (→ "UBND")."""
    words = _words(name)
    if territory or (words and _level_at(words, 0)):
        return PEOPLES_COMMITTEE
    out = []
    for i, word in enumerate(words):
        if _level_at(words, i):
            break
        if word.lower() in _LEFT_OUT or word.isdigit():
            continue
        out.append(_initial(word))
    return "".join(out)


#: The signing title by the first words of the body's name (Decree 30, Appendix I).
_TITLES = (
    (("ủy", "ban", "nhân", "dân"), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    (("chi", "cục"), ["CHI CỤC TRƯỞNG"]),
    (("văn", "phòng"), ["CHÁNH VĂN PHÒNG"]),
    (("thanh", "tra"), ["CHÁNH THANH TRA"]),
    (("sở",), ["GIÁM ĐỐC"]),
    (("phòng",), ["TRƯỞNG PHÒNG"]),
    (("ban",), ["TRƯỞNG BAN"]),
    (("cục",), ["CỤC TRƯỞNG"]),
    (("hội",), ["CHỦ TỊCH"]),
)
#: When the name says nothing of its head's title.
HEAD_OF_UNIT = ["THỦ TRƯỞNG ĐƠN VỊ"]


def signing_title(name, territory=False):
    """The lines above the signature for the head of the body named ``name``
    (["GIÁM ĐỐC"] for a Sở; ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] for a territory)."""
    words = [w.lower() for w in _words(name)]
    if territory or (words and _level_at(_words(name), 0)):
        return list(_TITLES[0][1])
    for start, title in _TITLES:
        if tuple(words[:len(start)]) == start:
            return list(title)
    return list(HEAD_OF_UNIT)


def body_name(name, territory=False):
    """The body's name as the header of its documents gives it: a territory's is its
    People's Committee's ("Huyện Krông Nô" → "Ủy ban nhân dân huyện Krông Nô")."""
    name = " ".join(unicodedata.normalize("NFC", name or "").split())
    words = _words(name)
    if territory and name and tuple(w.lower() for w in words[:4]) != ("ủy", "ban", "nhân", "dân"):
        return f"Ủy ban nhân dân {name[0].lower()}{name[1:]}" if _level_at(words, 0) else f"Ủy ban nhân dân {name}"
    return name
