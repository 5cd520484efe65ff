"""Portal chrome: the text around an article that is not the article.

Two sources of knowledge. A *lexicon* of what portals' widgets say (save,
print, share, comment, rating, font size, follow us, tags, ads, copyright,
navigation), for the page that arrives alone. And *recurrence*: when one
import holds many pages, a short line that turns up on several of them
(once numbers are masked: "Bình luận (0)" and "Bình luận (12)" are one line)
is the portal's furniture, not a sentence of any one article. `learn` finds
those lines across an import; `Chrome` answers for both.

*List headings* ("Tin khác", "Tin đọc nhiều", "Các bài đã đăng") open a list
of other articles' titles; everything after one near the end of the page is
dropped, and the caller records how many lines went. Lexicon patterns are
whole-line matches on short lines, so an article sentence that merely
mentions "chia sẻ" is never touched.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from khotin.loader.dates import find_date
from khotin.loader.text import clean_line, has_letters, is_prose

# Each group is one kind of widget, written the ways Vietnamese portals print it.
_SHARE = (
    r"chia\s+sẻ(?:\s+(?:zalo|facebook|twitter|qua\s+\w+|bài\s+viết|bài\s+báo|ngay|lên\s+\w+))*|"
    r"share(?:\s+on\s+\w+)?|tweet|like|thích|zalo|facebook|twitter|linkedin|messenger|telegram|"
    r"gửi\s+(?:e-?mail|bài\s+viết|cho\s+bạn\s+bè|tin|bài)(?:\s+(?:bài\s+viết|bài\s+này|cho\s+bạn\s+bè))?|e-?mail(?:\s+bài\s+viết)?|"
    r"copy\s+link|sao\s+chép\s+(?:liên\s+kết|link|đường\s+dẫn)|đã\s+sao\s+chép(?:\s+liên\s+kết)?|"
    r"đường\s+dẫn\s+bài\s+viết|link\s+bài\s+(?:viết|gốc)|bookmark|đánh\s+dấu(?:\s+(?:đọc\s+sau|trang|bài\s+viết))?|"
    r"đọc\s+sau|xem\s+sau|báo\s+lỗi|góp\s+ý|phản\s+ánh\s+lỗi|"
    r"(?:đăng\s+ký|nhận)\s+(?:nhận\s+)?(?:bản\s+tin|tin\s+tức|thông\s+báo|email).{0,60}"
)
_SAVE_PRINT = (
    r"lưu(?:\s+(?:bài(?:\s+viết)?|tin|lại))?|đã\s+lưu|bỏ\s+lưu|bài\s+(?:viết\s+)?đã\s+lưu|"
    r"lưu\s+bài\s+viết\s+thành\s+công.*|in(?:\s+bài(?:\s+viết|\s+này)?|\s+trang)?|print|bản\s+in|gốc|"
    r"tải\s+về|tải\s+xuống|download|đính\s+kèm|file\s+đính\s+kèm|tệp\s+đính\s+kèm"
)
_READING = (
    r"cỡ\s+chữ(?:\s*:?\s*a\s*[-+]?(?:\s+a\s*[-+]?)*)?|(?:phóng\s+to|thu\s+nhỏ)(?:\s+chữ)?|a\s*[-+]?(?:\s+a\s*[-+]?)+|"
    r"nghe(?:\s+(?:bài(?:\s+viết)?|đọc|tin))?(?:\s+bài)?|đọc\s+bài|dừng\s+đọc|tạm\s+dừng|"
    r"(?:giọng\s+đọc\s*:?\s*)?giọng\s+(?:nam|nữ)(?:\s+miền)?(?:\s+\w+)?|tốc\s+độ(?:\s+đọc)?\s*:?\s*[\d.,]*\s*x?|"
    r"(?:thời\s+gian\s+)?đọc\s+(?:trong\s+)?\d+\s+phút|\d+\s+phút\s+đọc|"
    r"(?:lượt\s+(?:xem|đọc|thích)|số\s+lượt\s+xem)\s*:?\s*[\d.,]*|[\d.,]+\s+lượt\s+(?:xem|đọc|thích)"
)
_NAVIGATION = (
    r"quay\s+lại|trở\s+về|trở\s+lại|về\s+đầu\s+trang|về\s+trang\s+trước|lên\s+đầu\s+trang|top|"
    r"trang\s+chủ|trang\s+trước|trang\s+sau|bài\s+(?:trước|sau|tiếp\s+theo)|tiếp\s+theo|"
    r"xem\s+tiếp|xem\s+chi\s+tiết|xem\s+toàn\s+bộ|xem\s+thêm\s+(?:tin|bài)(?:\s+[^\W\d_]+){1,3}|mục\s+lục|menu|tìm\s+kiếm|"
    r"đăng\s+nhập|đăng\s+xuất|đăng\s+ký(?:\s+nhận\s+tin)?|nhận\s+tin|tài\s+khoản|english|tiếng\s+việt"
)
_FOLLOW = (
    r"theo\s+dõi.{0,60}(?:google\s+news|zalo|facebook|fanpage|youtube|tiktok|mạng\s+xã\s+hội)|"
    r"theo\s+dõi\s+(?:chúng\s+tôi|tin\s+tức|bài\s+viết)|(?:kết\s+nối|tương\s+tác)\s+với\s+chúng\s+tôi|"
    r"chúng\s+tôi\s+trên\s+mạng\s+xã\s+hội|tải\s+ứng\s+dụng.*|ứng\s+dụng\s+(?:đọc\s+báo|di\s+động)|"
    r"qr\s*code(?:\s+\w+)?|mã\s+qr.*|quét\s+mã.*"
)
_COMMENT = (
    r"viết\s+bình\s+luận(?:\s+của\s+bạn)?|gửi\s+bình\s+luận|thảo\s+luận|đăng|"
    r"chưa\s+có\s+(?:bình\s+luận|ý\s+kiến).{0,80}|hãy\s+là\s+người\s+đầu\s+tiên.{0,60}|bình\s+luận(?:\s*\(\d+\))?|"
    r"\d+\s+bình\s+luận|(?:xem\s+)?(?:tất\s+cả\s+)?(?:\d+\s+)?bình\s+luận(?:\s+khác)?|"
    r"ý\s+kiến\s+(?:của\s+bạn|bạn\s+đọc)|gửi\s+ý\s+kiến|ý\s+kiến|phản\s+hồi|trả\s+lời|"
    r"bạn\s+(?:nghĩ\s+gì|thấy\s+thế\s+nào).{0,40}|mời\s+bạn\s+(?:đọc\s+)?(?:bình\s+luận|chia\s+sẻ).{0,60}|"
    r"(?:họ\s+(?:và\s+)?tên|số\s+điện\s+thoại|điện\s+thoại|e-?mail|tiêu\s+đề|nội\s+dung|địa\s+chỉ|"
    r"mã\s+xác\s+nhận|mã\s+bảo\s+mật|nhập\s+mã)\s*:?\s*(?:\(\*\))?\s*:?(?:\s*lấy\s+lại\s+mã.*)?|"
    r"lấy\s+lại\s+mã(?:\s+bảo\s+mật)?|gửi|hủy|huỷ|nhập\s+lại|đóng|"
    r"(?:đánh\s+giá|bình\s+chọn)(?:\s+bài\s+viết)?\s*:?(?:\s*[\d.,/]+)?|[\d.,]+\s*/\s*5(?:\s+sao)?|"
    r"tặng\s+sao(?:\s+cho\s+tác\s+giả)?(?:\s*\(\s*[\d.,]+\s+sao\s*\))?|"
    r"(?:bạn\s+)?(?:cần|phải|vui\s+lòng|hãy)\s+đăng\s+nhập.{0,80}|xem\s+thêm\s+(?:ý\s+kiến|bình\s+luận)|"
    r"(?:(?:thích|yêu|haha|wow|buồn|phẫn\s+nộ|giận\s+dữ|thương\s+thương|like|love)\s*[\d.,]+\s*){1,8}"
)
_LEGAL = (
    r"(?:©|copyright|bản\s+quyền\s+(?:thuộc|©|\d|của\s+(?:báo|tạp\s+chí|cổng|trang))|ghi\s+rõ\s+nguồn|giấy\s+phép\s+(?:số|hoạt\s+động|xuất\s+bản)|"
    r"chịu\s+trách\s+nhiệm\s+(?:xuất\s+bản|nội\s+dung|quản\s+lý)|tổng\s+biên\s+tập\s*:|"
    r"phó\s+tổng\s+biên\s+tập\s*:|đường\s+dây\s+nóng\s*:|hotline\s*:|liên\s+hệ\s+quảng\s+cáo|"
    r"trụ\s+sở(?:\s+chính)?\s*:|tòa\s+soạn\s*:|cơ\s+quan\s+chủ\s+quản|all\s+rights\s+reserved).*"
)
_LABELS = (
    r"tags?\s*:.*|#[^\W\d_][^#.!?]{0,40}|từ\s+khóa\s*:.*|từ\s+khoá\s*:.*|chủ\s+đề\s*:.*|chuyên\s+mục\s*:.*|"
    r"quảng\s+cáo|advertisement|sponsored|tài\s+trợ|tin\s+tài\s+trợ|video|clip|ảnh|infographic|"
    r"(?:xem|nghe)\s+(?:video|clip|ảnh|thêm\s+video)\s*:?|"
    r"tiện\s+ích(?:\s+thông\s+tin)?|nguồn\s+tin"
)
_CHROME = re.compile(
    rf"^(?:{_SHARE}|{_SAVE_PRINT}|{_READING}|{_NAVIGATION}|{_FOLLOW}|{_COMMENT}|{_LEGAL}|{_LABELS})$",
    re.I,
)
# Toolbar words run together on one line, once the scraper dropped their separators.
_WIDGET_RUN = re.compile(
    r"^(?:(?:zalo|facebook|twitter|linkedin|messenger|telegram|e-?mail|print|share|tweet|copy\s+link|"
    r"chia\s+sẻ|lưu(?:\s+bài(?:\s+viết)?)?|in(?:\s+bài)?|gửi|like|thích|pinterest|bình\s+luận(?:\s*\(\d+\))?|"
    r"nghe(?:\s+bài\s+viết)?|cỡ\s+chữ|a-|a\+|báo\s+lỗi|theo\s+dõi|đánh\s+dấu|"
    r"sao\s+chép(?:\s+(?:liên\s+kết|đường\s+dẫn|link))?|"
    r"tải\s+về|quay\s+lại|bookmark)(?:\s+|$))+$", re.I)
_WIDGET_WORD = re.compile(rf"(?<!\w)(?:{_SHARE}|{_SAVE_PRINT}|{_COMMENT})(?!\w)", re.I)
_SENTENCE_WIDGET = re.compile(rf"^(?:{_LEGAL}|{_COMMENT})$", re.I)
_TOOLBAR_SPLIT = re.compile(r"\s*[|•·/]\s*|\s{2,}")
_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(?:\s+[>»›/]\s+[^.!?]{1,40}){1,6}$")
_LIST_HEADING = re.compile(
    r"^(?:(?:các\s+)?(?:tin|bài)(?:\s+(?:bài|viết|tức))?\s+(?:liên\s+quan|khác|cùng\s+chuyên\s+mục|mới)|"
    r"tin\s+khác|tin\s+đọc\s+nhiều|đọc\s+nhiều(?:\s+nhất)?|xem\s+nhiều(?:\s+nhất)?|"
    r"tin\s+liên\s+quan|bài\s+liên\s+quan|tin\s+cùng\s+chuyên\s+mục|tin\s+cùng\s+loại|"
    r"bài\s+viết\s+liên\s+quan|các\s+tin\s+khác|các\s+bài\s+khác|tin\s+mới(?:\s+nhất)?|"
    r"tin\s+mới\s+đăng|các\s+bài\s+mới\s+đăng|các\s+bài\s+đã\s+đăng|các\s+tin\s+đã\s+đưa(?:\s+ngày)?|"
    r"tin\s+đã\s+đưa|bài\s+đã\s+đăng|tin\s+nổi\s+bật|tin\s+tiêu\s+điểm|có\s+thể\s+bạn\s+quan\s+tâm|"
    r"bạn\s+có\s+thể\s+quan\s+tâm|(?:có\s+thể\s+)?bạn\s+(?:cũng\s+)?(?:muốn|nên)\s+(?:xem|đọc)|"
    r"đừng\s+bỏ\s+lỡ|tin\s+bài\s+khác|tin\s+tức\s+khác|bài\s+viết\s+khác|bài\s+cùng\s+chủ\s+đề|"
    r"tin\s+cùng\s+chủ\s+đề|cùng\s+chủ\s+đề|cùng\s+chuyên\s+(?:mục|trang)|tin\s+cùng\s+chuyên\s+trang|"
    r"video\s+nổi\s+bật|tin\s+ảnh|"
    r"ý\s+kiến\s+bạn\s+đọc|bình\s+luận\s+\(\d+\)|tin\s+(?:hot|nóng)|tiêu\s+điểm|nổi\s+bật|"
    r"được\s+quan\s+tâm(?:\s+nhất)?|mới\s+nhất|đọc\s+tiếp|(?:xem|đọc)\s+thêm(?:\s+tin)?"
    r")\s*:?$",
    re.I,
)
# A line recurring on this many pages of one import is furniture, not prose.
MIN_PAGES = 3
# Longer lines are article prose or whole lists scraped into one line.
_MAX_LEARNED = 200
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
# A raw line this long is prose whatever its blank space (is_prose: over 250 characters).
_LONG_RAW = 1000
# Widgets say a few words; a line this long at the top of a page is a headline.
_HEADLINE_WORDS = 7
# A page's head is never longer (the same bound the page reader uses).
_HEAD = 40


_MENU_GAP = re.compile(r"\s{2,}|\t|\s*[|•·]\s*")
_MENU_ITEMS = 4


def menu_items(raw: str) -> list[str]:
    return [" ".join(item.split()) for item in _MENU_GAP.split(raw.strip()) if item.strip()]


_MENU_HINT = re.compile(r"\S(?:\s{2,}|\t|\s*[|•·]\s*)\S")
_MAX_MENU = 400


def is_menu(raw: str) -> bool:
    """A navigation bar scraped as one line: several short items set apart by
    runs of spaces, tabs or bars ("Thời sự  Góc nhìn  Thế giới  Video …").
    Read on the raw line, before blank space is tidied."""
    if len(raw) > _MAX_MENU or not _MENU_HINT.search(raw):
        return False
    items = menu_items(raw)
    return (len(items) >= _MENU_ITEMS and all(len(item) <= 30 and len(item.split()) <= 5 for item in items)
            and not any(item[-1:] in ".!?" for item in items))


def is_lexicon_chrome(line: str) -> bool:
    """A whole line of portal chrome by the lexicon alone (share/print toolbar,
    comment-form field, widget label, footer, breadcrumb)."""
    if len(line) > 160:
        return False
    if _CHROME.match(line):
        return True
    parts = [part for part in _TOOLBAR_SPLIT.split(line) if part]
    if len(parts) >= 2 and all(_CHROME.match(part) for part in parts):
        return True
    if len(line) <= 80 and _WIDGET_RUN.match(line):  # "Facebook Zalo Email", "Chia sẻ Lưu Bình luận"
        return True
    # a breadcrumb that also carries the dateline is read as a dateline
    return (("»" in line or " > " in line or "›" in line) and bool(_BREADCRUMB.match(line))
            and find_date(line) is None)


def mask(line: str) -> str:
    """The comparison key of a line across pages: case and numbers do not
    count, so a counter or a date inside a widget does not hide its repeats."""
    return _NUMBER.sub("0", " ".join(line.casefold().split()))


@dataclass(frozen=True)
class PageLines:
    """What one page offers to learning: the masked keys of its candidate
    lines above the first paragraph of prose, and below it, with one line as
    printed for each key. `over_lists` are the keys below the prose that
    stand right above two headline-shaped lines (a list's heading, or not)."""

    head: frozenset[str]
    rest: frozenset[str]
    printed: tuple[tuple[str, str], ...] = ()
    over_lists: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Chrome:
    """The chrome one import knows: the lexicon, plus the lines learned from
    the pages imported together. `headings` are lines shaped like metadata (a
    heading that reads like a person's name) that the import saw heading
    lists of other articles, page after page: list headings, unless a page
    has no other byline."""

    learned: frozenset[str] = frozenset()
    headings: frozenset[str] = frozenset()

    def is_chrome(self, line: str) -> bool:
        return is_lexicon_chrome(line) or (len(line) <= _MAX_LEARNED and mask(line) in self.learned)

    def is_learned_heading(self, line: str) -> bool:
        return bool(self.headings) and len(line) <= _MAX_LEARNED and mask(line) in self.headings


LEXICON_ONLY = Chrome()


def page_lines(text: str, is_headline: Callable[[str], bool] = lambda line: False) -> PageLines:
    """The lines of one page that learning may count. Sentences are the
    article's own even when another page repeats them."""
    head: set[str] = set()
    rest: set[str] = set()
    over_lists: set[str] = set()
    printed: dict[str, str] = {}
    lines: list[str | None] = []    # None: a paragraph too long to tidy
    for raw in text.split("\n"):
        if len(raw) > _LONG_RAW:
            lines.append(None)
        elif line := clean_line(raw):
            lines.append(line)
    in_head = True
    for seen, line in enumerate(lines, 1):
        if line is None:
            in_head = False
            continue
        prose = is_prose(line)
        if prose or seen > _HEAD:
            in_head = False
        if prose or len(line) > _MAX_LEARNED or not has_letters(line) or is_lexicon_chrome(line):
            continue
        key = mask(line)
        (head if in_head else rest).add(key)
        printed.setdefault(key, line)
        if not in_head and over_list(lines[seen:seen + 2], is_headline):
            over_lists.add(key)
    return PageLines(frozenset(head), frozenset(rest - head), tuple(printed.items()),
                     frozenset(over_lists - head))


def over_list(following: list[str | None], is_headline: Callable[[str], bool]) -> bool:
    """Two headline-shaped lines follow, neither of them chrome: a toolbar or a
    lexicon list heading between a byline and a list keeps the byline apart.
    A learned heading is one only where it stands over a list like this."""
    return len(following) == 2 and all(
        line is not None and is_headline(line) and not is_lexicon_chrome(line) for line in following)


def learn(pages: Iterable[PageLines], keeps: Callable[[str], bool], min_pages: int = MIN_PAGES) -> Chrome:
    """Lines that recur on `min_pages` or more pages of one import, except
    what `keeps` names: metadata (datelines, bylines, source lines) recurs
    across a portal's pages by nature and is never chrome (asked once a key,
    of the recurring keys only, which keeps the pass cheap).

    A headline of this import turns up once at the top of its own page and
    again in other pages' related-news lists: a line that heads exactly one
    or two pages is somebody's headline and stays. Chrome heads many pages
    (a toolbar under every headline) or none (a footer). A long line that
    heads any page at all is a headline, however often related lists repeat it.

    A line that `keeps` names is a list heading after all when, below the
    article on `min_pages` pages or more, it stands over a list of headlines
    on nearly every page it is on and never above an article: a portal's
    section name ("Góc nhìn Việt", shaped like a person's name) over its
    list. A byline that recurs stands over the toolbar, the list's own
    heading or the next paragraph, not straight over a list, page after page.
    """
    anywhere: Counter[str] = Counter()
    heading: Counter[str] = Counter()
    below: Counter[str] = Counter()
    over_lists: Counter[str] = Counter()
    printed: dict[str, str] = {}
    for page in pages:
        anywhere.update(page.head | page.rest)
        heading.update(page.head)
        below.update(page.rest)
        over_lists.update(page.over_lists)
        for key, line in page.printed:
            printed.setdefault(key, line)
    learned: set[str] = set()
    headings: set[str] = set()
    for key, count in anywhere.items():
        if (count < min_pages or 1 <= heading[key] < min_pages
                or (heading[key] and len(key.split()) >= _HEADLINE_WORDS)):
            continue
        if not keeps(printed[key]):
            learned.add(key)
        elif not heading[key] and over_lists[key] >= min_pages and over_lists[key] * 4 >= below[key] * 3:
            headings.add(key)
    return Chrome(frozenset(learned), frozenset(headings))


def is_chrome(line: str) -> bool:
    """Lexicon chrome (kept for callers that read one page alone)."""
    return is_lexicon_chrome(line)


def is_sentence_widget(line: str) -> bool:
    """Chrome that is written as sentences — copyright and licence lines, a
    comment box's "Chưa có bình luận nào…" — and is never the article's."""
    return bool(_SENTENCE_WIDGET.match(line))


def has_widget_words(line: str) -> bool:
    """A line that mentions what widgets say (used to flag doubtful titles)."""
    return _WIDGET_WORD.search(line) is not None


def is_list_heading(line: str) -> bool:
    """The heading of another-articles list ("Tin khác", "Tin đọc nhiều")."""
    return len(line) <= 60 and bool(_LIST_HEADING.match(line))


def article_end(lines: list[str], is_article: list[bool],
                headings: frozenset[int] | set[int] = frozenset(),
                inline: frozenset[int] | set[int] = frozenset()) -> tuple[int, str | None]:
    """Where the article stops: the first list heading after some article
    text, with no more than a quarter of the page's article text after it.

    A list heading high on the page (a sidebar scraped first) is not the end;
    the caller drops it and its short list lines instead. `headings` are
    positions of lines the import learned as list headings; `inline` are
    positions of list headings the article goes on after.
    """
    total = sum(len(line) for line, keep in zip(lines, is_article) if keep)
    seen = 0
    for index, line in enumerate(lines):
        if (index not in inline and (index in headings or is_list_heading(line)) and seen
                and (total - seen) * 4 <= total):
            return index, line
        if is_article[index]:
            seen += len(line)
    return len(lines), None


_SEGMENTS = re.compile(r"\s+[-–—|/»>›]\s+")


def is_section_label(line: str) -> bool:
    """A navigation label above a headline ("Thời sự", "Tin tức - Sự kiện",
    "An ninh - Trật tự"): at most three words, or several such parts."""
    parts = _SEGMENTS.split(line)
    return all(len(part.split()) <= 3 for part in parts)
