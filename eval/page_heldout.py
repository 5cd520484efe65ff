"""Layouts of the held-out portals (VietNamNet, Báo Mới).

People who write loader rules should not read this file or the pages it makes: these portals
are scored as pages no rule was written from. Each layout follows the way its portal prints an
article, with its own widget words, list headings, footer and byline habits; none of its chrome
lines is a chrome line of a tune portal once numbers are masked (tests/test_eval_corpus.py
checks this on the whole corpus).
"""
from __future__ import annotations

import random
import re
from datetime import datetime

WEEKDAY = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def _names(article: dict) -> list[str]:
    return [a.strip() for a in re.split(r",| - ", article["author"]) if a.strip()]


def _others(rng: random.Random, others: list[str], low: int, high: int) -> list[str]:
    return rng.sample(others, min(len(others), rng.randint(low, high)))


def _right(rng: random.Random, line: str, share: float) -> str:
    return " " * rng.randint(45, 110) + line if rng.random() < share else line


# ---------------------------------------------------------------- VietNamNet

VNN_SECTIONS = {
    "chinh-tri": "Chính trị", "thoi-su": "Thời sự", "kinh-doanh": "Kinh doanh", "the-thao": "Thể thao",
    "giao-duc": "Giáo dục", "the-gioi": "Thế giới", "doi-song": "Đời sống", "giai-tri": "Giải trí",
    "suc-khoe": "Sức khỏe", "phap-luat": "Pháp luật", "oto-xe-may": "Ô tô - Xe máy", "du-lich": "Du lịch",
    "bat-dong-san": "Bất động sản", "van-hoa": "Văn hóa", "ban-doc": "Bạn đọc",
    "thong-tin-truyen-thong": "Thông tin và Truyền thông",
}
VNN_NAV = ("Chính trị  Thời sự  Kinh doanh  Dân tộc và Tôn giáo  Thể thao  Giáo dục  Thế giới  Đời sống  "
           "Văn hóa - Giải trí  Sức khỏe  Công nghệ  Pháp luật  Ô tô - Xe máy  Bất động sản  Du lịch  Bạn đọc")


def _vnn_byline(rng: random.Random, article: dict) -> tuple[str, str]:
    """VietNamNet sets the byline in bold after the text; a few pages carry it next to the date."""
    names = _names(article)
    joined = " - ".join(names)
    if rng.random() < 0.2:
        return joined, "date"
    form = rng.random()
    if len(names) > 1:
        line = joined.upper() if form < 0.3 else joined
    elif form < 0.5:
        line = names[0]
    elif form < 0.65:
        line = names[0].upper()
    elif form < 0.8 and article["sections"][0] in ("the-gioi", "giai-tri", "the-thao"):
        line = f"{names[0]} (tổng hợp)"
    elif form < 0.9:
        line = f"Bài, ảnh: {names[0]}"
    else:
        line = names[0]
    return _right(rng, line, 0.35), "end"


def render_vietnamnet(article: dict, rng: random.Random, others: list[str]) -> tuple[str, str, str]:
    d = datetime.fromisoformat(article["date"])
    dateline = f"{WEEKDAY[d.weekday()]}, {d:%d/%m/%Y - %H:%M}"
    section = VNN_SECTIONS.get(article["sections"][0], "Thời sự")
    byline, where = _vnn_byline(rng, article)
    lines: list[str] = []
    if rng.random() < 0.75:
        lines += ["VietNamNet", "Tin nóng  |  Tuần Việt Nam  |  Podcast  |  Multimedia  |  English", VNN_NAV, ""]
    if rng.random() < 0.4:
        lines.append(f"{section}  ›  {dateline}")
        lines += [byline] if where == "date" else []
    else:
        lines += [f"Trang chủ  ›  {section}", f"{byline}  |  {dateline}" if where == "date" else dateline]
    lines.append(article["title"])
    if rng.random() < 0.35:
        lines.append(rng.choice(["Chia sẻ bài viết", "Lưu tin", f"{rng.choice([0, 0, 3, 14])} bình luận"]))
    lines += ["", article["sapo"], ""]
    paras = list(article["paragraphs"])
    cut = rng.randint(1, max(1, len(paras) - 1))
    for i, p in enumerate(paras):
        if i == cut and len(others) > 2 and rng.random() < 0.45:
            lines += ["Đọc thêm"] + _others(rng, others, 1, 2) + [""]
        lines += [p, ""]
    if where == "end":
        lines += [byline, ""]
    lines += [rng.choice(["Chia sẻ Facebook  Chia sẻ Zalo  Sao chép đường dẫn", "In trang  |  Gửi cho bạn bè"]), ""]
    lines += [f"#{section}", ""] if rng.random() < 0.5 else []
    for heading in rng.sample(["Tin cùng chuyên trang", "Xem nhiều nhất", "Tuần Việt Nam"], rng.randint(1, 2)):
        lines += [heading] + _others(rng, others, 3, 5) + [""]
    lines += ["Thảo luận", "Chưa có bình luận nào. Mời bạn để lại ý kiến.", "Đăng", ""]
    footer = [
        "Báo VietNamNet - Cơ quan chủ quản: Bộ Khoa học và Công nghệ",
        "Tổng biên tập: Nguyễn Văn Bá",
        "Giấy phép số 15/GP-BTTTT cấp ngày 10/01/2022",
        "Tòa soạn: Tòa nhà C'Land, 156 Xã Đàn 2, Đống Đa, Hà Nội",
        "Hotline: 0923 457 788  -  Email: vietnamnet@vietnamnet.vn",
        "© Copyright of VietNamNet Global",
    ]
    if rng.random() < 0.4:
        footer = footer[-1:] + footer[:-1]
    lines += footer + (["Về đầu trang"] if rng.random() < 0.5 else [])
    return "\n".join(lines) + "\n", article["sapo"], paras[-1]


# ---------------------------------------------------------------- Báo Mới

BM_NAV = ("Nóng  Mới  Video  Chủ đề  Thế giới  Xã hội  Văn hóa  Kinh tế  Giáo dục  Thể thao  Giải trí  "
          "Pháp luật  Công nghệ  Khoa học  Đời sống  Xe cộ  Nhà đất")


def _bm_byline(rng: random.Random, article: dict) -> str:
    """The author line is the original outlet's, set at the foot of the text, right-aligned."""
    names = _names(article)
    if len(names) > 1:
        return _right(rng, rng.choice([", ", " - "]).join(names), 0.6)
    name, form = names[0], rng.random()
    if form < 0.5:
        line = name
    elif form < 0.7:
        line = name.upper() if name != name.upper() else name.title()
    elif form < 0.85:
        line = f"Bài và ảnh: {name}" if rng.random() < 0.3 else f"Tin, ảnh: {name}"
    else:
        line = f"{name} (tổng hợp)"
    return _right(rng, line, 0.6)


def render_baomoi(article: dict, rng: random.Random, others: list[str]) -> tuple[str, str, str]:
    d = datetime.fromisoformat(article["date"])
    stamp = f"{d:%H:%M %d/%m/%Y}"
    lines: list[str] = []
    if rng.random() < 0.7:
        lines += ["Báo Mới", BM_NAV, "Tiện ích:  Giá vàng  ·  Tỷ giá  ·  Thời tiết  ·  Lịch vạn niên  ·  Xổ số", ""]
    lines += [article["title"], stamp if rng.random() < 0.6 else f"{stamp}  ·  {rng.randint(2, 40)} liên quan"]
    if rng.random() < 0.3:
        lines.append(rng.choice(["Theo dõi Báo Mới", "Nghe audio", "Sao chép đường dẫn"]))
    lines.append("")
    paras = list(article["paragraphs"])
    for p in paras:
        lines += [p, ""]
    lines += [_bm_byline(rng, article), ""]
    lines += [rng.choice(["Xem nguồn", "Đọc bài gốc"]), ""]
    lines += ["Quan tâm  |  Chia sẻ  |  Lưu lại" if rng.random() < 0.5 else "Thích  ·  Chia sẻ", ""]
    for heading in rng.sample(["Cùng sự kiện", "Tin khác", "Đọc tiếp", "Nổi bật trong ngày"], rng.randint(1, 3)):
        lines += [heading] + _others(rng, others, 3, 6) + [""]
    footer = [
        "Báo Mới - Tin tức tổng hợp, cập nhật 24 giờ",
        "Giấy phép thiết lập mạng xã hội số 561/GP-BTTTT",
        "Chịu trách nhiệm nội dung: Ban biên tập Báo Mới",
        "Điều khoản sử dụng  ·  Chính sách bảo mật  ·  Liên hệ quảng cáo",
        "© 2025 Báo Mới. Bảo lưu mọi quyền.",
    ]
    lines += footer if rng.random() < 0.5 else footer[-2:] + footer[:-2]
    return "\n".join(lines) + "\n", paras[0], paras[-1]


RENDERERS = {"vietnamnet": render_vietnamnet, "baomoi": render_baomoi}
