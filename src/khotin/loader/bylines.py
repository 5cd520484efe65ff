"""Bylines: who wrote the report, in the forms portals print it.

A byline is a short line of its own: a personal name ("Phương Nga",
"T.Hương", "Ngọc Anh - Minh Quân"), a labelled name ("Bài và ảnh: Văn
Chiến"), or an all-capitals signature ("BAN TUYÊN GIÁO QUẬN ỦY"), which is
stored in normal Vietnamese case ("Ban Tuyên giáo Quận ủy"). Photo credits
("Ảnh: …") are not bylines.
"""

from __future__ import annotations

import re

from khotin.loader.text import is_capitalised, is_upper_word

_LABEL = re.compile(
    r"^(?:bài\s+(?:và|,|&)?\s*ảnh|bài,\s*ảnh|tin\s*(?:và|,|&)?\s*ảnh|tin,\s*ảnh|bài|tác\s+giả|"
    r"người\s+viết|phóng\s+viên|pv|nhóm\s+pv|thực\s+hiện|biên\s+tập|by)\s*:\s*(?P<name>.+)$|"
    r"^(?:(?:viết|đăng)\s+)?bởi\s*:?\s*(?P<by>.+)$",
    re.I,
)
_COMPILED = re.compile(r"^(?P<name>.+?)\s*\((?:tổng\s+hợp|lược\s+dịch|theo\s+[^)]+|[^)]*)\)\.?$", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:\s[-–—]\s|,|\s&\s|\svà\s|/)\s*")
_CAPS_INITIALS = re.compile(r"^(?:[A-ZĐ]\.\s?)+[A-ZÀ-ỸĐ]{2,}$")
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.)+(?:[A-ZÀ-ỸĐ][\wÀ-ỹ]*)?$")
_WORD = re.compile(r"^[^\W\d_]+$")
_GROUP = re.compile(r"^(?:nhóm\s+)?(?:pv|ctv|pv/ctv|nhóm\s+phóng\s+viên)$", re.I)

# Organisation words that keep their capital in a signature, lower-case key
# → written form. Longest matches win ("quận ủy" before "quận").
_ORG_UNITS: dict[str, str] = {
    "ban tuyên giáo": "Ban Tuyên giáo", "ban dân vận": "Ban Dân vận", "ban tổ chức": "Ban Tổ chức",
    "ban kiểm tra": "Ban Kiểm tra", "ban nội chính": "Ban Nội chính", "ban chỉ đạo": "Ban Chỉ đạo",
    "ban chỉ huy quân sự": "Ban Chỉ huy Quân sự", "bộ chỉ huy quân sự": "Bộ Chỉ huy Quân sự",
    "ban thường vụ": "Ban Thường vụ", "văn phòng": "Văn phòng", "trung tâm": "Trung tâm",
    "quận ủy": "Quận ủy", "quận uỷ": "Quận ủy", "thành ủy": "Thành ủy", "thành uỷ": "Thành ủy",
    "tỉnh ủy": "Tỉnh ủy", "tỉnh uỷ": "Tỉnh ủy", "huyện ủy": "Huyện ủy", "huyện uỷ": "Huyện ủy",
    "thị ủy": "Thị ủy", "thị uỷ": "Thị ủy", "đảng ủy": "Đảng ủy", "đảng uỷ": "Đảng ủy",
    "công an": "Công an", "ủy ban nhân dân": "Ủy ban nhân dân", "uỷ ban nhân dân": "Ủy ban nhân dân",
    "hội đồng nhân dân": "Hội đồng nhân dân", "mặt trận tổ quốc": "Mặt trận Tổ quốc",
    "đoàn thanh niên": "Đoàn Thanh niên", "hội liên hiệp phụ nữ": "Hội Liên hiệp Phụ nữ",
    "hội cựu chiến binh": "Hội Cựu chiến binh", "hội nông dân": "Hội Nông dân",
    "phòng": "Phòng", "sở": "Sở", "cục": "Cục", "bộ": "Bộ", "ban": "Ban", "đội": "Đội",
    "ubnd": "UBND", "hđnd": "HĐND", "mttq": "MTTQ", "tp": "TP", "tp.": "TP.",
}
# Administrative levels: the words after one are a place name (Title Case).
_PLACE_LEVELS = {"quận", "huyện", "phường", "xã", "thị trấn", "thị xã", "tỉnh", "thành phố", "tp", "tp."}
_MAX_UNIT = 4
# First words that make a capitalised line a place, body or label, not a person.
_NOT_NAME_START = {
    "quận", "huyện", "phường", "xã", "tỉnh", "ban", "ủy", "uỷ", "hội", "bộ", "sở", "phòng", "tin", "bài", "ảnh", "video", "clip", "ông", "bà", "chị", "trang", "báo", "đài",
    "tạp", "cổng", "theo", "nguồn", "ngày", "thứ", "chủ", "sáng", "chiều", "tối", "tp", "ubnd",
    "hđnd", "mặt",
}
# Words that open personal names too ("Thành Luân", "Công Minh", "Việt Anh")
# block a name only as the start of these phrases.
_NOT_NAME_PHRASE = {
    "thành phố", "thành ủy", "thành uỷ", "thành viên", "thị xã", "thị trấn", "thị ủy", "thị uỷ",
    "công an", "công ty", "công đoàn", "công nghệ", "đồng chí", "đoàn thanh", "đoàn công",
    "đoàn đại", "việt nam", "trường học", "trường đại", "trường cao", "trường trung", "trường tiểu",
    "trường mầm", "trường thpt", "trường thcs", "trường quân", "trường chính", "đội tuyển", "đội bóng", "đội trưởng", "anh hùng", "đảng ủy", "đảng uỷ",
}


# The surnames most Vietnamese carry (a handful cover nine people in ten). A
# name may open with one even where the word also starts other phrases
# ("Đoàn Loan" beside "Đoàn thanh niên").
SURNAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đoàn trương "
    "đinh lâm mai trịnh đào cao lương hà tạ tô châu quách chu thái kiều tăng vương triệu "
    "lưu la lò giáp khúc văn tôn mạc thân nghiêm từ phùng ninh hứa âu diệp kim lục tống".split()
)


def _is_name_word(word: str) -> bool:
    return (_WORD.match(word) is not None and is_capitalised(word)) or bool(_INITIALS.match(word))


def is_person_name(text: str) -> bool:
    """One or more personal names: 2–5 capitalised words each, or initials
    ("T.Hương"); a single bare word is too weak to call a name."""
    if not 3 <= len(text) <= 80 or any(c.isdigit() for c in text):
        return False
    names = [part for part in _NAME_SPLIT.split(text.strip(" .")) if part]
    first = text.split()[0].casefold()
    opening = " ".join(text.split()[:2]).casefold()
    if not names or (first in _NOT_NAME_START and first not in SURNAMES) or opening in _NOT_NAME_PHRASE:
        return False
    for name in names:
        parts = name.split()
        if not all(_is_name_word(part) for part in parts):
            return False
        if len(parts) == 1 and not _INITIALS.match(parts[0]):
            return False
        if len(parts) > 5 or all(is_upper_word(part) and len(part) > 1 for part in parts):
            return False
    return True


def is_caps_signature(text: str) -> bool:
    """An all-capitals signature line of 2–8 words, no sentence punctuation."""
    parts = text.split()
    return (2 <= len(parts) <= 8 and len(text) <= 80 and not any(c.isdigit() for c in text)
            and all(is_upper_word(part) for part in parts) and text[-1:] not in ".:!?")


def normal_case(signature: str) -> str:
    """'BAN TUYÊN GIÁO QUẬN ỦY' → 'Ban Tuyên giáo Quận ủy';
    'CÔNG AN QUẬN BA ĐÌNH' → 'Công an quận Ba Đình'; 'NGUYỄN VĂN AN' → 'Nguyễn Văn An'.

    Known organisation units keep their conventional capitals, words after an
    administrative level are a place name, and a signature with no
    organisation word is a personal name in Title Case.
    """
    words = signature.lower().split()
    out: list[str] = []
    found_unit = False
    place = False
    index = 0
    while index < len(words):
        for size in range(min(_MAX_UNIT, len(words) - index), 0, -1):
            key = " ".join(words[index:index + size])
            if key in _ORG_UNITS and not (size == 1 and key in _PLACE_LEVELS and index + 1 < len(words)
                                          and " ".join(words[index:index + 2]) in _ORG_UNITS):
                if key in _PLACE_LEVELS and (found_unit or out):
                    out.append(key)
                    place = True
                else:
                    out.append(_ORG_UNITS[key])
                    place = False
                found_unit = True
                index += size
                break
            if key in _PLACE_LEVELS:
                out.append(key if out else key.capitalize())
                place = True
                found_unit = True
                index += size
                break
        else:
            word = words[index]
            out.append(word.capitalize() if place or not out else word)
            index += 1
    if not found_unit:
        return " ".join(word.capitalize() for word in words)
    return " ".join(out)


def byline(line: str) -> str | None:
    """The author a byline line names, normalised; None for any other line."""
    if len(line) > 100:
        return None
    text = line.strip()
    labelled = _LABEL.match(text)
    if labelled:
        name = (labelled["name"] or labelled["by"]).strip(" .")
        compiled = _COMPILED.match(name)
        name = compiled["name"].strip() if compiled else name
        if _GROUP.match(name) or is_person_name(name):
            return name
        # after a label, a pen name or initials stand alone ("Bài: Zknight", "Bài: AB")
        if pen_name(name):
            return name
        return normal_case(name) if is_caps_signature(name) else None
    compiled = _COMPILED.match(text)
    if compiled:
        name = compiled["name"].strip()
        if is_person_name(name):
            return name
        # "TOÀN THỊNH (theo Reuters)", "CM (tổng hợp)": the note makes a byline of
        # a name in capitals or of initials
        if is_caps_signature(name) and len(name.split()) <= 4 and not _names_organisation(name):
            return normal_case(name)
        if signature_initials(name):
            return name
    if _GROUP.match(text):
        return text.upper() if len(text) <= 3 else text
    if is_person_name(text):
        return text.strip(" .")
    if _CAPS_INITIALS.match(text.strip(" .")):  # "M.PHƯƠNG" → "M.Phương"
        initials, _, name = text.strip(" .").rpartition(".")
        return f"{initials}.{name.capitalize()}"
    if is_caps_signature(text) and (_names_organisation(text) or len(text.split()) <= 4):
        return normal_case(text)
    return _caps_names(text)


_JOINER = re.compile(r"\s*(\s[-–—]\s|,|\s&\s|/)\s*")


def _caps_names(text: str) -> str | None:
    """Several personal names in capitals ("TẤT ĐỊNH - VIẾT TUÂN"): each part
    a short capitals name, written back in Title Case with its joiners."""
    parts = _JOINER.split(text.strip(" ."))
    names, joiners = parts[::2], parts[1::2]
    if len(names) < 2 or not all(2 <= len(name.split()) <= 4 and is_caps_signature(name)
                                 and not _names_organisation(name) for name in names):
        return None
    out = normal_case(names[0])
    for joiner, name in zip(joiners, names[1:]):
        out += (joiner.strip() + " " if joiner.strip() in ",/" else f" {joiner.strip()} ") + normal_case(name)
    return out.replace(" / ", "/").replace("/ ", "/")


_SIGNATURE_INITIALS = re.compile(r"^(?:[A-ZĐ]{2,4}|(?:[A-ZĐ]\.\s?){1,3}[A-ZĐ]\.?)$")
_PEN_NAME = re.compile(r"^[A-ZĐ][^\W\d_]{1,20}$")


def pen_name(text: str) -> str | None:
    """A one-word pen name or initials ("Zknight", "AB"): a byline only where
    the line's shape says so (after a label, inside a credit)."""
    text = text.strip(" .")
    return text if _PEN_NAME.match(text) or _SIGNATURE_INITIALS.match(text) else None


def signature_initials(line: str) -> str | None:
    """A signature of initials ("AB", "HN", "N.D"): a byline only where it
    stands, as the last line of an article or after a byline label."""
    text = line.strip()
    return text if _SIGNATURE_INITIALS.match(text) else None


def _names_organisation(signature: str) -> bool:
    """A capitals line naming a body ("CÔNG AN …", "BAN …"), as opposed to a
    headline a portal printed in capitals."""
    lowered = signature.lower().split()
    return any(" ".join(lowered[i:i + size]) in _ORG_UNITS
               for i in range(len(lowered)) for size in range(1, _MAX_UNIT + 1))
