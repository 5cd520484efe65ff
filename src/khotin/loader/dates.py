"""Publication dates in the shapes Vietnamese portals print them.

A date is only ever read from where a portal puts the publication date: a
dateline (a line holding nothing but a date, labels and toolbar words), a
timestamp glued to the headline, or the time phrase that opens the lede
("Sáng 27/10, …"). Dates inside the article ("Chỉ thị … ngày 01/12/2011")
are events, not the publication date, and are never used. A missing year is
inferred only by the documented rules below, and the caller records how.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from khotin.loader.text import SHORT_LINE

VN_TZ = dt.timezone(dt.timedelta(hours=7))

_DMY = re.compile(
    r"(?<![\d/.])(?P<d>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})(?![\d/])"
)
_ISO = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
_LONG = re.compile(
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*,?\s*năm\s+|\s*,\s*|\s+)(?P<y>\d{4})", re.I
)
# Pages in English or printed by English-language widgets: "Feb 5, 2026", "5 February 2026".
_MONTHS = {name: number for number, names in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
    for name in [names]}
_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ENGLISH = re.compile(
    rf"(?<![\w]){_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})|"
    rf"(?<![\w\d])(?P<d2>\d{{1,2}})\s+{_MONTH.replace('mon', 'mon2')}\s*,?\s+(?P<y2>\d{{4}})", re.I
)
_TIME = (
    r"(?P<h>[01]?\d|2[0-3])\s?(?:[:hH]|giờ)\s?(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s?phút)?"
    r"(?:\s?(?P<ampm>AM|PM|am|pm|SA|CH))?(?![\d/])"
)
_TIME_AFTER = re.compile(r"^[\s,|\-–—(]*(?:lúc\s*)?" + _TIME, re.I)
_TIME_BEFORE = re.compile(r"(?<![\d:])" + _TIME + r"[\s,|\-–—)]*(?:ngày\s*)?$", re.I)
_WINDOW = 40
# Cheap test that a line can hold a full date at all (most lines cannot).
_DATE_HINT = re.compile(r"\d\s?[/.-]\s?\d|\d{4}|tháng", re.I)  # (English dates carry a year: \d{4})

_NOISE = re.compile(
    r"ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+cập\s+nhật|cập\s+nhật\s+lúc|cập\s+nhật\s+ngày|"
    r"cập\s+nhật|ngày\s+xuất\s+bản|xuất\s+bản|thời\s+gian\s+đăng|thời\s+gian|đăng\s+tải|"
    r"ngày\s+đưa\s+tin|ngày|lúc|đăng|posted|updated|published|date|print|in\s+bài|bản\s+in|phút|"
    r"(?:viết|đăng)\s+bởi|bởi|"
    r"gốc|cỡ\s+chữ|lượt\s+xem\s*:?\s*[\d.,]*|[\d.,]+\s+lượt\s+xem|lượt\s+đọc\s*:?\s*[\d.,]*|"
    r"gửi\s+email|email|chia\s+sẻ|zalo|facebook|"
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|\bcn\b|\bt[2-7]\b|"
    r"(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]07:?00|\ba[-+]|\ba\b|\bvà\b",
    re.I,
)
_SEPARATORS = re.compile(r"[|,:;/\\\-–—()\[\]•·›»>]+")

_LEDE_DATE = re.compile(
    r"^(?:(?:sáng|chiều|tối|trưa|đêm|rạng\s+sáng|khuya|sáng\s+sớm|chiều\s+tối|tối\s+muộn)"
    r"\s+(?:hôm\s+)?(?:nay\s+)?\(?\s*(?:ngày\s+)?|ngày\s+|hôm\s+(?:nay\s+)?\(?)"
    r"(?P<d>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<m>\d{1,2})(?:\s?(?P=sep)\s?(?P<y>\d{4}))?(?![\d/.]\d)",
    re.I,
)
_YEAR_PHRASE = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b(?!\s*[-–—]\s*\d{4})", re.I)
_TARGET_BEFORE = re.compile(r"(?:đến|tới|trước|tầm\s+nhìn|sau)\s*$", re.I)
_REVIEW_BEFORE = re.compile(r"tổng\s+kết(?P<between>.*)$", re.I | re.S)
_PLAN_OR_YEAR = re.compile(r"triển\s+khai|nhiệm\s+vụ|phương\s+hướng|kế\s+hoạch|\d{4}", re.I)


@dataclass(frozen=True)
class FoundDate:
    """A validated calendar date, a time when the page gave one, and where it
    sat in its line (so the caller can cut it out)."""

    year: int
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    second: int = 0
    start: int = 0
    end: int = 0

    def iso(self) -> str:
        day = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is None:
            return day
        return f"{day}T{self.hour:02d}:{self.minute:02d}:{self.second:02d}+07:00"


def valid_date(year: int, month: int, day: int) -> bool:
    """A real calendar day in the years a news archive can hold."""
    if not 1900 <= year <= 2100:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _time_parts(match: re.Match[str]) -> tuple[int, int, int]:
    hour, minute = int(match["h"]), int(match["mi"])
    ampm = (match["ampm"] or "").upper()
    if ampm in ("PM", "CH") and hour < 12:
        hour += 12
    elif ampm in ("AM", "SA") and hour == 12:
        hour = 0
    return hour, minute, int(match["s"] or 0)


def _adjacent_time(line: str, start: int, end: int) -> tuple[tuple[int, int, int], int, int] | None:
    """A time printed right after or right before a date ("31/05/2020 | 01:50",
    "09:39 12/07/2017"), with the widened span."""
    after = _TIME_AFTER.match(line[end:end + _WINDOW])
    if after:
        return _time_parts(after), start, end + after.end()
    offset = max(0, start - _WINDOW)
    before = _TIME_BEFORE.search(line[offset:start])
    if before:
        return _time_parts(before), offset + before.start(), end
    return None


def _iso_date(match: re.Match[str]) -> FoundDate | None:
    """ISO 8601 as in machine-readable metadata; converted to Hà Nội time."""
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not valid_date(year, month, day):
        return None
    if match["h"] is None:
        return FoundDate(year, month, day, start=match.start(), end=match.end())
    hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    moment = dt.datetime(year, month, day, hour, minute, second)
    tz = match["tz"]
    if tz:
        if tz == "Z":
            offset = dt.timedelta(0)
        else:
            sign = -1 if tz[0] == "-" else 1
            digits = tz[1:].replace(":", "")
            offset = sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        moment = moment.replace(tzinfo=dt.timezone(offset)).astimezone(VN_TZ)
    return FoundDate(moment.year, moment.month, moment.day, moment.hour, moment.minute,
                     moment.second, match.start(), match.end())


def _day_month_year(line: str, match: re.Match[str]) -> FoundDate | None:
    return _dated(line, match, int(match["y"]), int(match["m"]), int(match["d"]))


def _dated(line: str, match: re.Match[str], year: int, month: int, day: int) -> FoundDate | None:
    """A valid calendar date where `match` stands, with the time printed beside it."""
    if not valid_date(year, month, day):
        return None
    timed = _adjacent_time(line, match.start(), match.end())
    if timed is None:
        return FoundDate(year, month, day, start=match.start(), end=match.end())
    (hour, minute, second), start, end = timed
    return FoundDate(year, month, day, hour, minute, second, start, end)


def find_date(line: str) -> FoundDate | None:
    """The first valid full date (with its time, if printed next to it)."""
    found: list[FoundDate] = []
    iso = _ISO.search(line)
    if iso and (parsed := _iso_date(iso)):
        found.append(parsed)
    for pattern in (_DMY, _LONG):
        for match in pattern.finditer(line):
            parsed = _day_month_year(line, match)
            if parsed:
                found.append(parsed)
                break
    english = _ENGLISH.search(line)
    if english and (parsed := _english_date(line, english)):
        found.append(parsed)
    return min(found, key=lambda f: f.start) if found else None


def _english_date(line: str, match: re.Match[str]) -> FoundDate | None:
    month = _MONTHS[(match["mon"] or match["mon2"])[:3].lower()]
    return _dated(line, match, int(match["y"] or match["y2"]), month, int(match["d"] or match["d2"]))


def dateline(line: str) -> tuple[FoundDate, list[str]] | None:
    """A line that is only a publication date plus labels, weekday, time zone,
    separators and toolbar words ("Print Thứ Ba, 29/12/2020 19:00 Gốc").

    Returns the date and the leftover fragments (a name or an outlet printed
    on the same line); the caller decides whether those are acceptable.
    """
    if len(line) > SHORT_LINE or not _DATE_HINT.search(line):
        return None
    found = find_date(line)
    if found is None:
        return None
    rest = line[:found.start] + " | " + line[found.end:]
    rest = _NOISE.sub("|", rest)
    fragments = [part.strip() for part in _SEPARATORS.split(rest)]
    return found, [part for part in fragments if part and any(c.isalnum() for c in part)]


# "Tiêu đề (09:39 12/07/2017)", "Tiêu đề - 12/07/2017 09:39", and a weekday
# or "(GMT+7)" after the dash ("Mục - Thứ hai, 25/11/2024 15:57 (GMT+7)").
_GLUED = (
    re.compile(r"\s*[(\[]([^()\[\]]{6,40})[)\]]\s*$"),
    re.compile(r"\s+[-|–—]\s+([\d/:.\sGMT+-]{8,40})$"),
    re.compile(r"\s+[-|–—]\s+((?:thứ\s+\w+|chủ\s+nhật),?\s+[\d/:.\s]{8,30}(?:\(?GMT[+-]\d{1,2}\)?)?)$", re.I),
)


def split_glued_date(line: str) -> tuple[str, FoundDate | None]:
    """A headline with its timestamp glued on: "Tiêu đề (09:39 12/07/2017)"."""
    if len(line) > SHORT_LINE:
        return line, None
    for pattern in _GLUED:
        match = pattern.search(line)
        if not match:
            continue
        inner = dateline(match.group(1))
        head = line[:match.start()].strip()
        if inner is not None and not inner[1] and head:
            return head, inner[0]
    return line, None


@dataclass(frozen=True)
class LedeDate:
    day: int
    month: int
    year: int | None
    text: str


def lede_date(lede: str) -> LedeDate | None:
    """The time phrase a report opens with: "Ngày 24/3, …", "Sáng 27/10, …"."""
    match = _LEDE_DATE.match(lede[:80])
    if not match:
        return None
    day, month = int(match["d"]), int(match["m"])
    year = int(match["y"]) if match["y"] else None
    if not valid_date(year or 2000, month, day):
        return None
    return LedeDate(day, month, year, match.group(0))


def named_years(text: str) -> list[tuple[int, int]]:
    """Years the text names as 'năm YYYY' (position, year), leaving out targets
    ("đến năm 2030", "tầm nhìn năm 2045") and ranges ("năm 2017 - 2021")."""
    years = []
    for match in _YEAR_PHRASE.finditer(text):
        if _TARGET_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
            continue
        years.append((match.start(), int(match.group(1))))
    return years


def latest_named_year(text: str) -> int | None:
    """A report speaks of its own year as the latest year it names."""
    years = [year for _, year in named_years(text)]
    return max(years) if years else None


def reviewed_years(text: str) -> set[int]:
    """Years the text reviews: 'năm YYYY' after "tổng kết" with no plan word
    ("triển khai", "nhiệm vụ", "phương hướng", "kế hoạch") or other year between."""
    reviewed = set()
    for position, year in named_years(text):
        review = _REVIEW_BEFORE.search(text[max(0, position - 120):position])
        if review and not _PLAN_OR_YEAR.search(review["between"]):
            reviewed.add(year)
    return reviewed


def year_for_day_month(text: str, month: int) -> tuple[int, str] | None:
    """The year of a day/month date, by three rules on the years the text names.

    Review meetings ("tổng kết năm Y") are held at the turn of the year, from
    November to March, so the half of the year the meeting falls in decides:
    - the latest year named, L, is itself reviewed: January–June → L + 1,
      July–December → L;
    - the year before it is reviewed (review L−1, plan L): January–June → L,
      July–December → L − 1;
    - otherwise the report's year is the latest year it names, L.
    """
    latest = latest_named_year(text)
    if latest is None:
        return None
    reviewed = reviewed_years(text)
    early = month <= 6
    if latest in reviewed:
        year = latest + 1 if early else latest
        return year, f"the text reviews 'năm {latest}' and reviews are held around the turn of the year"
    if latest - 1 in reviewed:
        year = latest if early else latest - 1
        return year, (f"the text reviews 'năm {latest - 1}' and plans 'năm {latest}', "
                      f"and such meetings are held around the turn of the year")
    return latest, f"the latest year the text names is 'năm {latest}'"


def infer_year(text: str, day: int, month: int) -> tuple[int | None, str]:
    """The year of a day/month date, and a review note saying how (or why not)."""
    shown = f"{day}/{month}"
    found = year_for_day_month(text, month)
    if found is None:
        return None, f"date: the page gives '{shown}' without a year and names no year; date left empty"
    year, how = found
    if not valid_date(year, month, day):
        return None, f"date: '{shown}' is not a valid day in {year}; date left empty"
    return year, f"date: the page gives '{shown}' without a year; year {year} inferred because {how} — please check"
