"""The outlet a report comes from.

Portals name the outlet three ways: a prefix on the lede ("Kinhtedothi - "),
a "Nguồn: …" / "Nguồn tin: …" line, or a closing "Theo …" line. Known
abbreviations map to the outlet's own name; the table is deliberately small
and only holds outlets whose prefix is unambiguous. Aggregators (Báo Mới,
24h) are not outlets: their pages name the real one in a "Theo" line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khotin.loader.text import is_capitalised, is_upper_word
from khotin.vietnamese.fold import fold

# Prefix or name as printed (compared case-insensitively, spaces and dots
# ignored) → the outlet's proper name.
OUTLETS: dict[str, str] = {
    "kinhtedothi": "Kinh tế & Đô thị",
    "ktđt": "Kinh tế & Đô thị",
    "kinh tế & đô thị": "Kinh tế & Đô thị",
    "kinh tế và đô thị": "Kinh tế & Đô thị",
    "kinh tế đô thị": "Kinh tế & Đô thị",
    "hnm": "Hà Nội mới",
    "hnmo": "Hà Nội mới",
    "hà nội mới": "Hà Nội mới",
    "vov": "VOV",
    "vov.vn": "VOV",
    "đài tiếng nói việt nam": "VOV",
    "ttxvn": "TTXVN",
    "vna": "TTXVN",
    "thông tấn xã việt nam": "TTXVN",
    "antv": "ANTV",
    "cand": "Công an nhân dân",
    "cand.com.vn": "Công an nhân dân",
    "công an nhân dân": "Công an nhân dân",
    "qđnd": "Quân đội nhân dân",
    "qđnd online": "Quân đội nhân dân",
    "quân đội nhân dân": "Quân đội nhân dân",
    "dân trí": "Dân trí",
    "dantri": "Dân trí",
    "vnexpress": "VnExpress",
    "tuổi trẻ": "Tuổi Trẻ",
    "tto": "Tuổi Trẻ",
    "thanh niên": "Thanh Niên",
    "tno": "Thanh Niên",
    "báo hải phòng": "Báo Hải Phòng",
    "hải phòng": "Báo Hải Phòng",
    "antđ": "An ninh Thủ đô",
    "an ninh thủ đô": "An ninh Thủ đô",
    "nhân dân": "Nhân Dân",
    "ndo": "Nhân Dân",
    "plo": "Pháp Luật TP.HCM",
    "nlđo": "Người Lao Động",
    "người lao động": "Người Lao Động",
    "lao động": "Lao Động",
    "tpo": "Tiền Phong",
    "tiền phong": "Tiền Phong",
    "vietnamnet": "VietNamNet",
    "sggp": "Sài Gòn Giải Phóng",
    "đcsvn": "Báo điện tử Đảng Cộng sản Việt Nam",
    "chinhphu.vn": "Cổng Thông tin điện tử Chính phủ",
    "baochinhphu.vn": "Báo Điện tử Chính phủ",
    "vtv": "VTV",
    "vtc news": "VTC News",
}

_PREFIX = re.compile(
    r"^\(?(?P<name>[^\s()\-–—:,.][^()\-–—:,]{0,28}?)\)?\s*[-–—]\s+(?=\S)"
)
_SOURCE_LINE = re.compile(
    r"^\(?\s*(?:nguồn\s*tin|nguồn|theo)\s*:?\s+(?P<name>[^()]{2,80}?)\s*\)?\s*\.?$", re.I
)
_OUTLET_WORDS = ("báo ", "tạp chí ", "đài ", "cổng ", "trang ", "truyền hình ", "thông tấn ",
                 "công an ", "ban ", "ubnd ", "sở ", "bộ ")
_CODE = re.compile(r"^[A-ZĐ]{2,8}O?$|^[\w.-]+\.(?:vn|com|net|org)$", re.I)


def _key(name: str) -> str:
    return " ".join(name.casefold().split()).strip(" .")


_URL = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[\w-]+(?:\.[\w-]+)+)(?:/\S*)?$", re.I)


def outlet_from_url(name: str) -> str | None:
    """'https://kinhtedothi.vn/bai-viet' → 'Kinh tế & Đô thị'; an unknown site
    keeps its host name ('baohaiduong.vn')."""
    match = _URL.match(name.strip())
    if not match or "." not in match["host"] or " " in name.strip():
        return None
    host = match["host"].lower()
    return OUTLETS.get(host) or OUTLETS.get(host.split(".")[0]) or host


# Sites that gather other outlets' reports: the report's credit names its outlet.
AGGREGATORS = frozenset({"báo mới", "baomoi", "baomoi.com", "24h", "24h.com.vn", "tin mới", "tinmoi",
                         "tinmoi.vn", "xem tin", "google news", "zalo news", "bing news"})


def is_aggregator(name: str) -> bool:
    return _key(name) in AGGREGATORS


# What a printed name may carry before the outlet's own ("Báo Hà Nội mới").
_LEADS = ("báo điện tử ", "báo ", "tạp chí ")


@lru_cache(maxsize=1)
def _outlets_unmarked() -> dict[str, str]:
    """OUTLETS by their keys without diacritics, where that stays unambiguous."""
    names: dict[str, set[str]] = {}
    for key, name in OUTLETS.items():
        names.setdefault(fold(key), set()).add(name)
    return {key: found.pop() for key, found in names.items() if len(found) == 1}


def canonical_outlet(name: str) -> str | None:
    """The outlet's proper name for a known prefix or printed name. Sites also
    print their name without its marks or with "Online" after it (og:site_name
    "TUOI TRE ONLINE"): those forms are looked up too."""
    key = _key(name)
    bare = key.removesuffix(" online")
    tries = [(OUTLETS, key, _LEADS), (OUTLETS, bare, _LEADS)]
    if fold(bare) == bare:  # written without marks at all: "Hải Phong", a person, is not "Hải Phòng"
        tries.append((_outlets_unmarked(), bare, tuple(fold(lead) for lead in _LEADS)))
    for table, wanted, leads in tries:
        if wanted in table:
            return table[wanted]
        for lead in leads:
            if wanted.startswith(lead) and wanted[len(lead):] in table:
                return table[wanted[len(lead):]]
    return None


def _looks_like_code(name: str) -> bool:
    """An outlet code as ledes print it: "HNP", "NLĐO", "Baotintuc.vn"."""
    return bool(_CODE.match(name)) and (is_upper_word(name) or "." in name)


@dataclass(frozen=True)
class LedePrefix:
    prefix: str          # as printed, e.g. "Kinhtedothi"
    outlet: str | None   # proper name, None when the code is unknown
    rest: str            # the lede without the prefix


def split_lede_prefix(lede: str) -> LedePrefix | None:
    """'Kinhtedothi - Ngày 24/3, …' → outlet and the lede's own sentence.

    Only known outlets or outlet-shaped codes count: "Hà Nội - Sáng nay …"
    keeps its place name.
    """
    match = _PREFIX.match(lede[:40])
    if not match:
        return None
    name = match["name"].strip()
    outlet = canonical_outlet(name)
    if outlet is None and not _looks_like_code(name):
        return None
    rest = lede[match.end():].strip()
    if not rest:
        return None
    return LedePrefix(name, outlet, rest)


def looks_like_outlet(name: str) -> bool:
    """A printed name that reads as an outlet or agency, not a sentence."""
    if canonical_outlet(name) or _looks_like_code(name):
        return True
    lowered = name.casefold() + " "
    return lowered.startswith(_OUTLET_WORDS) and len(name.split()) <= 10


def source_line(line: str) -> str | None:
    """'Nguồn: Báo Hải Phòng', 'Nguồn tin: Công an quận', '(Theo VOV)' → outlet.

    "Theo" also opens ordinary sentences ("Theo ông A, …"), so after "Theo"
    the rest must read as an outlet name.
    """
    if len(line) > 100:
        return None
    match = _SOURCE_LINE.match(line)
    if not match:
        return None
    name = match["name"].strip(" .")
    if " " not in name and "." in name:
        return outlet_from_url(name)
    explicit = not line.lstrip("( ").casefold().startswith("theo")
    if not explicit and not (looks_like_outlet(name) or _title_like(name)):
        return None
    if not is_capitalised(name.split()[0]):
        return None
    return canonical_outlet(name) or name


def _title_like(name: str) -> bool:
    parts = name.split()
    return 1 <= len(parts) <= 5 and all(is_capitalised(part) for part in parts)


# An outlet named in a footer, copyright or widget line: "© 2024 Báo điện tử
# Dân trí", "Bản quyền thuộc về Báo Lao Động", "… Fanpage Cổng tin tức Thành
# phố Hải Phòng". Vietnamese names keep lower-case words ("Dân trí", "Hà Nội
# mới"), so the name runs to the end of its clause: punctuation, or a word
# that starts the rest of the sentence ("… trên Google News").
_OUTLET_KIND = re.compile(
    r"(?<!\w)(?:báo\s+điện\s+tử|báo|tạp\s+chí(?:\s+điện\s+tử)?|"
    r"đài\s+(?:phát\s+thanh|truyền\s+hình|tiếng\s+nói)(?:\s+(?:và\s+)?truyền\s+hình)?|"
    r"cổng\s+(?:thông\s+tin|tin\s+tức)(?:\s+điện\s+tử)?|trang\s+(?:thông\s+tin|tin)\s+điện\s+tử|"
    r"thông\s+tấn\s+xã)\s+(?=\w)", re.I)
_CLAUSE_END = re.compile(r"[,;|()\[\]\"“”«»:]|\s[-–—/]\s|\.(?:\s|$)")
_NAME_STOP = {"trên", "khi", "tại", "vào", "với", "được", "là", "để", "cho", "từ", "qua", "theo", "thuộc",
              "chịu", "giữ", "all", "phát", "đăng", "năm", "số", "ngày"}
_MAX_NAME = 8
_SITE = re.compile(r"(?<![\w])(?:www\.)?(?P<host>[a-z0-9-]+\.(?:vn|com\.vn|net|com|org\.vn|gov\.vn|net\.vn))\b", re.I)
# A portal's own address sits in its copyright line or its newsroom's email.
_SITE_CONTEXT = re.compile(r"©|copyright|bản\s+quyền|nguồn|theo|ghi\s+rõ|e-?mail|tòa\s+soạn|liên\s+hệ|@", re.I)


def footer_outlet(line: str) -> str | None:
    """The outlet a footer or copyright line names, as printed (or its known
    proper name); None when the line names none."""
    if len(line) > 200:
        return None
    for match in _OUTLET_KIND.finditer(line):
        rest = line[match.end():]
        end = _CLAUSE_END.search(rest)
        words: list[str] = []
        for word in (rest[:end.start()] if end else rest).split():
            if word.casefold() in _NAME_STOP or len(words) == _MAX_NAME:
                break
            words.append(word)
        if words and is_capitalised(words[0]) and not any(c.isdigit() for c in words[0]):
            printed = f"{match.group(0).strip()} {' '.join(words)}".strip(" .")
            printed = printed[0].upper() + printed[1:]
            return canonical_outlet(printed) or printed
    site = _SITE.search(line)
    if site and _SITE_CONTEXT.search(line):
        return outlet_from_url(site["host"])
    for pattern in _COPYRIGHT:
        match = pattern.search(line)
        if match:
            name = _DASH.split(match["name"])[0].strip(" .,-–")
            if _outlet_name(name):
                return canonical_outlet(name) or name
    return None


# "© Copyright 2007 - 2023 – CafeF. All rights reserved.", "Bản quyền thuộc
# về Người Đưa Tin", "® VnExpress giữ bản quyền nội dung …".
_NAME = r"(?P<name>[^\W\d_][^.,;:|()©®]{1,48}?)"
_COPYRIGHT = (
    re.compile(r"(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4})?)?\s*[-–]?\s*"
               + _NAME + r"\s*(?:[.,;|]|all\s+rights|$)", re.I),
    re.compile(r"bản\s+quyền\s+(?:thuộc\s+)?(?:về\s+)?(?:©\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*[-–]?\s*)?"
               + _NAME + r"\s*(?:[.,;|]|$)", re.I),
    re.compile(r"^[®©]?\s*" + _NAME + r"\s+giữ\s+bản\s+quyền", re.I),
    re.compile(r"(?:ghi\s+rõ\s+)?nguồn\s*:?\s*[\"“'‘]" + _NAME + r"[\"”'’]", re.I),
)
_DASH = re.compile(r"\s[-–—]\s")


def _outlet_name(name: str) -> bool:
    """A short capitalised name, not a clause ("bởi …", "mọi hình thức")."""
    words = name.strip(" .,-–").split()
    return 1 <= len(words) <= 6 and is_capitalised(words[0]) and words[0].casefold() not in {
        "cấm", "mọi", "không", "all", "bản", "nội", "thông", "bài"}
