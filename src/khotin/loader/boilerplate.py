"""Portal chrome: the text around an article that is not the article.

Two kinds. Chrome *lines* (share buttons, toolbar words, comment-form fields,
footers) are dropped wherever they appear. *List headings* ("Tin khác",
"Tin đọc nhiều", "Các bài đã đăng") open a list of other articles' titles;
everything after one near the end of the page is dropped, and the caller
records how many lines went. Patterns are whole-line matches on short lines,
so an article sentence that merely mentions "chia sẻ" is never touched.
"""

from __future__ import annotations

import re

_CHROME = re.compile(
    r"^(?:"
    # sharing and toolbars
    r"chia\s+sẻ(?:\s+(?:zalo|facebook|twitter|qua\s+\w+|bài\s+viết))*|share|tweet|like|thích|lưu(?:\s+bài)?|"
    r"zalo|facebook|twitter|linkedin|email|gửi\s+email|e-?mail\s+bài\s+viết|in\s+bài(?:\s+viết)?|in|print|bản\s+in|"
    r"gốc|cỡ\s+chữ|a\s*[-+]?(?:\s+a\s*[-+]?)+|nghe\s+bài\s+viết|đọc\s+bài|nghe|"
    r"quay\s+lại|trở\s+về|trở\s+lại|về\s+đầu\s+trang|về\s+trang\s+trước|lên\s+đầu\s+trang|top|"
    r"bookmark|copy\s+link|sao\s+chép\s+liên\s+kết|theo\s+dõi.{0,40}google\s+news|"
    r"(?:lượt\s+(?:xem|đọc)|số\s+lượt\s+xem)\s*:?\s*[\d.,]*|[\d.,]+\s+lượt\s+(?:xem|đọc)|"
    r"(?:[\s|•·]*(?:print|in\s+bài|gửi\s+email|email|chia\s+sẻ|lưu|zalo|facebook|cỡ\s+chữ|gốc)[\s|•·]*){2,}|"
    # comment forms
    r"viết\s+bình\s+luận|gửi\s+bình\s+luận|bình\s+luận(?:\s*\(\d+\))?|ý\s+kiến\s+(?:của\s+bạn|bạn\s+đọc)|"
    r"bài\s+viết\s+xem|"
    r"(?:họ\s+(?:và\s+)?tên|số\s+điện\s+thoại|điện\s+thoại|e-?mail|tiêu\s+đề|nội\s+dung|địa\s+chỉ|"
    r"mã\s+xác\s+nhận|mã\s+bảo\s+mật|nhập\s+mã)\s*:?\s*(?:\(\*\))?\s*:?(?:\s*lấy\s+lại\s+mã.*)?|"
    r"lấy\s+lại\s+mã(?:\s+bảo\s+mật)?|gửi|hủy|huỷ|nhập\s+lại|đăng\s+nhập|đăng\s+ký|"
    # widgets and footers
    r"tiện\s+ích\s+thông\s+tin|nguồn\s+tin|qr\s*code(?:\s+\w+)?|mã\s+qr.*|"
    r"chúng\s+tôi\s+trên\s+mạng\s+xã\s+hội|theo\s+dõi\s+chúng\s+tôi.*|kết\s+nối\s+với\s+chúng\s+tôi|"
    r"(?:©|copyright|bản\s+quyền\s+thuộc|ghi\s+rõ\s+nguồn|giấy\s+phép\s+(?:số|hoạt\s+động)|"
    r"chịu\s+trách\s+nhiệm\s+(?:xuất\s+bản|nội\s+dung)|tổng\s+biên\s+tập\s*:|đường\s+dây\s+nóng|"
    r"liên\s+hệ\s+quảng\s+cáo|trang\s+chủ\b).*|"
    r"tags?\s*:.*|từ\s+khóa\s*:.*|từ\s+khoá\s*:.*|chủ\s+đề\s*:.*|"
    r"quảng\s+cáo|advertisement|xem\s+thêm|đọc\s+thêm|tải\s+về|đính\s+kèm|file\s+đính\s+kèm"
    r")$",
    re.I,
)
_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(?:\s+[>»›/]\s+[^.!?]{1,40}){1,6}$")
_LIST_HEADING = re.compile(
    r"^(?:(?:các\s+)?(?:tin|bài)(?:\s+(?:bài|viết|tức))?\s+(?:liên\s+quan|khác|cùng\s+chuyên\s+mục|mới)|"
    r"tin\s+khác|tin\s+đọc\s+nhiều|đọc\s+nhiều(?:\s+nhất)?|xem\s+nhiều(?:\s+nhất)?|"
    r"tin\s+liên\s+quan|bài\s+liên\s+quan|tin\s+cùng\s+chuyên\s+mục|tin\s+cùng\s+loại|"
    r"bài\s+viết\s+liên\s+quan|các\s+tin\s+khác|các\s+bài\s+khác|tin\s+mới(?:\s+nhất)?|"
    r"tin\s+mới\s+đăng|các\s+bài\s+mới\s+đăng|các\s+bài\s+đã\s+đăng|các\s+tin\s+đã\s+đưa(?:\s+ngày)?|"
    r"tin\s+đã\s+đưa|bài\s+đã\s+đăng|tin\s+nổi\s+bật|tin\s+tiêu\s+điểm|có\s+thể\s+bạn\s+quan\s+tâm|"
    r"bạn\s+có\s+thể\s+quan\s+tâm|đừng\s+bỏ\s+lỡ|tin\s+bài\s+khác|tin\s+tức\s+khác|"
    r"cùng\s+chuyên\s+mục|video\s+nổi\s+bật|tin\s+ảnh|ý\s+kiến\s+bạn\s+đọc|bình\s+luận\s+\(\d+\)"
    r")\s*:?$",
    re.I,
)


def is_chrome(line: str) -> bool:
    """A whole line of portal chrome (share/print toolbar, comment-form field,
    widget label, footer, breadcrumb)."""
    if len(line) > 160:
        return False
    if _CHROME.match(line):
        return True
    return ("»" in line or " > " in line or "›" in line) and bool(_BREADCRUMB.match(line))


def is_list_heading(line: str) -> bool:
    """The heading of another-articles list ("Tin khác", "Tin đọc nhiều")."""
    return len(line) <= 60 and bool(_LIST_HEADING.match(line))


def article_end(lines: list[str], is_article: list[bool]) -> tuple[int, str | None]:
    """Where the article stops: the first list heading after some article
    text, with no more than a quarter of the page's article text after it.

    A list heading high on the page (a sidebar scraped first) is not the end;
    the caller drops it and its short list lines instead.
    """
    total = sum(len(line) for line, keep in zip(lines, is_article) if keep)
    seen = 0
    for index, line in enumerate(lines):
        if is_list_heading(line) and seen and (total - seen) * 4 <= total:
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
