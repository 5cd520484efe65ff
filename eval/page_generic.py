"""Layouts for the portals whose pages share one skeleton: masthead, breadcrumb, headline, date,
sapo, body, byline, widgets, related lists, comments, footer — in an order and wording that each
portal spec sets. All four are tune portals: Thanh Niên, Người Đưa Tin and CafeF share one
vocabulary; CafeBiz (held out at first, tune since its misses were read) has its own.
"""
from __future__ import annotations

import random
import re
from datetime import datetime

WEEKDAY_NUM = ["Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật"]


def _parse(date: str) -> tuple[datetime, bool]:
    if "T" in date:
        return datetime.fromisoformat(date), True
    return datetime.fromisoformat(date + "T00:00"), False


def _authors(article: dict) -> list[str]:
    return [a.strip() for a in re.split(r",| - ", article["author"]) if a.strip()]


def _pad(rng: random.Random, line: str) -> str:
    return " " * rng.randint(30, 80) + line if rng.random() < 0.3 else line


# ---------------------------------------------------------------- date lines

def date_thanhnien(d: datetime, timed: bool) -> str:
    return f"{d:%d/%m/%Y %H:%M} GMT+7" if timed else f"{d:%d/%m/%Y}"


def date_nguoiduatin(d: datetime, timed: bool) -> str:
    head = f"{WEEKDAY_NUM[d.weekday()]}, {d:%d/%m/%Y}"
    return f"{head} | {d:%H:%M}" if timed else head


def date_cafef(d: datetime, timed: bool) -> str:
    return f"{d:%d-%m-%Y} - {d:%I:%M %p}" if timed else f"{d:%d-%m-%Y}"


def date_cafebiz(d: datetime, timed: bool) -> str:
    # CafeBiz prints a 24-hour clock followed by AM/PM.
    return f"{d:%d/%m/%Y %H:%M} {'AM' if d.hour < 12 else 'PM'}" if timed else f"{d:%d/%m/%Y}"


# ---------------------------------------------------------------- bylines

def byline_tune(rng: random.Random, article: dict, outlet: str) -> str:
    names = _authors(article)
    if len(names) > 1:
        return _pad(rng, " - ".join(names))
    name, form = names[0], rng.random()
    if form < 0.45:
        line = name
    elif form < 0.65:
        line = name.upper()
    elif form < 0.8:
        line = f"Theo {name}/{outlet}"
    else:
        line = f"Bài và ảnh: {name}"
    return _pad(rng, line)


def byline_cafebiz(rng: random.Random, article: dict, outlet: str) -> str:
    names = _authors(article)
    name, form = " , ".join(names) if len(names) > 1 else names[0], rng.random()
    if form < 0.35:
        line = name
    elif form < 0.55:
        line = name.upper()
    elif form < 0.8:
        line = f"Theo {name} | Nhịp Sống Thị Trường"
    else:
        line = f"Bài: {name}"
    return " " * rng.randint(50, 100) + line if rng.random() < 0.4 else line


# ---------------------------------------------------------------- specs

SPECS = {
    "thanhnien": {
        "section": "Sức khỏe",
        "outlet": "Thanh Niên",
        "masthead": ["Báo Thanh Niên", "Thời sự  Thế giới  Kinh tế  Đời sống  Sức khỏe  Giới trẻ  Giáo dục  Du lịch  Văn hóa  Giải trí  Thể thao  Công nghệ  Xe  Video"],
        "date": date_thanhnien, "byline": byline_tune, "byline_top": 0.7,
        "under_title": ["Lưu bài viết", "Chia sẻ", "Bình luận (0)"],
        "widgets": ["Chia sẻ", "Lưu", "Bình luận", "In bài", "Gửi bài", "Báo lỗi"],
        "follow": "Theo dõi Báo Thanh Niên trên Google News",
        "tags": "Tags:",
        "lists": ["Tin liên quan", "Xem thêm", "Đọc nhiều"],
        "comments": ["Bình luận (0)", "Gửi bình luận", "Quan tâm nhất  Mới nhất"],
        "footer": [
            "Báo Thanh Niên - Diễn đàn của Hội Liên hiệp Thanh niên Việt Nam",
            "Giấy phép số 322/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 24/5/2021",
            "Tổng biên tập: Nguyễn Ngọc Toàn",
            "Địa chỉ: 268-270 Nguyễn Đình Chiểu, Phường Võ Thị Sáu, Quận 3, TP.HCM",
            "© Thanh Niên. All rights reserved. Không được sao chép hoặc sử dụng khi chưa có sự đồng ý của Báo Thanh Niên.",
        ],
    },
    "nguoiduatin": {
        "section": "Kinh tế",
        "outlet": "Người Đưa Tin",
        "masthead": ["Người Đưa Tin", "Thời sự  Pháp luật  Thế giới  Kinh tế  Đời sống  Giải trí  Thể thao  Xe  Sức khỏe  Văn hóa"],
        "date": date_nguoiduatin, "byline": byline_tune, "byline_top": 0.0,
        "under_title": ["Lưu bài viết", "Bình luận (0)", "Chia sẻ"],
        "widgets": ["Chia sẻ", "Lưu", "Bình luận", "In bài", "Báo lỗi", "Copy link"],
        "follow": "Theo dõi Người Đưa Tin trên Google News",
        "tags": "Tags:",
        "lists": ["Tin liên quan", "Xem thêm", "Tin mới nhất"],
        "comments": ["Bình luận (0)", "Ý kiến của bạn", "Gửi"],
        "footer": [
            "Người Đưa Tin - Cơ quan của Hội Luật gia Việt Nam",
            "Giấy phép hoạt động báo điện tử số 160/GP-BTTTT",
            "Tổng biên tập: Nguyễn Chí Công",
            "Địa chỉ: Tầng 5, số 2 Vũ Phạm Hàm, Cầu Giấy, Hà Nội",
            "© Bản quyền thuộc về Người Đưa Tin. Cấm sao chép dưới mọi hình thức nếu không có sự chấp thuận bằng văn bản.",
        ],
    },
    "cafef": {
        "section": "Doanh nghiệp",
        "outlet": "CafeF",
        "masthead": ["CafeF", "Xã hội  Chứng khoán  Bất động sản  Doanh nghiệp  Tài chính - Ngân hàng  Tài chính quốc tế  Vĩ mô  Thị trường  Sống"],
        "date": date_cafef, "byline": byline_tune, "byline_top": 0.0,
        "under_title": ["Chia sẻ", "Lưu bài viết", "Bình luận (0)"],
        "widgets": ["Chia sẻ", "Lưu", "Bình luận", "In bài", "Gửi bài", "Báo lỗi"],
        "follow": "Theo dõi CafeF trên Google News",
        "tags": "Tags:",
        "lists": ["Tin liên quan", "Xem thêm", "Đọc nhiều"],
        "comments": ["Bình luận (0)", "Gửi bình luận"],
        "footer": [
            "Kênh thông tin kinh tế - tài chính Việt Nam",
            "Giấy phép số 2216/GP-TTĐT do Sở Thông tin và Truyền thông Hà Nội cấp",
            "Chịu trách nhiệm quản lý nội dung: Bà Nguyễn Bích Minh",
            "© Copyright 2007 - 2023 – CafeF. All rights reserved.",
        ],
    },
    "cafebiz": {
        "section": "Câu chuyện kinh doanh",
        "outlet": "CafeBiz",
        "masthead": ["CafeBiz", "Kinh doanh  Câu chuyện kinh doanh  Công nghệ  Vĩ mô  Bất động sản  Tài chính  Sống", "Đăng nhập  |  Đăng ký"],
        "date": date_cafebiz, "byline": byline_cafebiz, "byline_top": 0.25,
        "under_title": ["Đánh dấu đọc sau", "Gửi email bài viết", "Facebook   Zalo   Email"],
        "widgets": ["Đánh dấu đọc sau", "Gửi email bài viết", "Facebook", "Zalo", "Link bài gốc", "Nghe tin"],
        "follow": "Đăng ký nhận bản tin CafeBiz mỗi sáng",
        "tags": "CHỦ ĐỀ:",
        "lists": ["CÙNG CHUYÊN MỤC", "TIN MỚI", "Có thể bạn quan tâm"],
        "comments": ["Ý kiến độc giả", "Nhập ý kiến của bạn...", "Gửi ý kiến"],
        "footer": [
            "Trang thông tin kinh doanh CafeBiz",
            "Bản quyền thuộc về CafeBiz - Công ty Cổ phần VCCorp. Ghi rõ nguồn \"CafeBiz\" khi phát hành lại thông tin từ kênh này.",
            "Giấy phép thiết lập trang thông tin điện tử tổng hợp trên mạng số 2215/GP-TTĐT do Sở Thông tin và Truyền thông Hà Nội cấp ngày 10 tháng 4 năm 2019",
            "Trụ sở: Tầng 20, Tòa nhà Center Building - Hapulico Complex, Số 1 Nguyễn Huy Tưởng, Thanh Xuân, Hà Nội",
            "Hotline: 0942 86 11 33  -  Liên hệ quảng cáo",
        ],
    },
}


def render_generic(article: dict, rng: random.Random, others: list[str], captions) -> tuple[str, str, str]:
    spec = SPECS[article["portal"]]
    d, timed = _parse(article["date"])
    dateline = spec["date"](d, timed)
    section = next((s for s in article.get("sections") or [] if s), "") or spec["section"]
    byline = spec["byline"](rng, article, spec["outlet"])
    top = rng.random() < spec["byline_top"]
    lines: list[str] = []
    if rng.random() < 0.7:
        lines += spec["masthead"] + [""]
    crumb_first = rng.random() < 0.5
    if crumb_first:
        lines.append(section)
    lines.append(article["title"])
    if rng.random() < 0.3:
        lines.append(rng.choice(spec["under_title"]))
    if not crumb_first and rng.random() < 0.6:
        lines.append(section)
    lines.append(dateline)
    if top:
        lines.append(byline)
    if rng.random() < 0.4:
        lines.append(spec["follow"])
    lines.append("")
    if article["sapo"]:
        lines += [article["sapo"], ""]
    paras = list(article["paragraphs"])
    for p in captions(rng, article, paras):
        lines += [p, ""]
    if not top:
        lines += [byline, ""]
    widgets = list(spec["widgets"])
    rng.shuffle(widgets)
    lines += widgets[: rng.randint(2, 4)] + [""]
    if rng.random() < 0.6:
        lines += [f"{spec['tags']} {section}", ""]
    for heading in rng.sample(spec["lists"], rng.randint(1, 2)):
        lines += [heading] + rng.sample(others, min(len(others), rng.randint(3, 5))) + [""]
    lines += spec["comments"] + [""]
    lines += spec["footer"]
    first = article["sapo"] or paras[0]
    return "\n".join(lines) + "\n", first, paras[-1]
