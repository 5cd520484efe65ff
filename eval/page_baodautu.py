"""Layout of the fresh held-out portal (Báo Đầu tư), added after Tuổi Trẻ became a tune portal.

People who write loader rules should not read this file or the pages it makes. It follows how
baodautu.vn prints an article: the masthead with the paper's sister titles and the section menu,
the section trail, the headline, the byline and the day beside it ("Thanh Chung - 25/03/2023"),
the share and print tools, the sapo, the text with each photo's caption under it and sometimes a
box of related headlines, the reader's comment form, lists of other articles and the footer of the
Ministry's paper.
"""
from __future__ import annotations

import random
from datetime import date

from page_fresh import body_lines, footer_lines, headline_lists

BDT_SISTERS = "Đầu tư Online  |  Vietnam Investment Review  |  Đầu tư Chứng khoán  |  Nhịp cầu Đầu tư"
BDT_MENU = ("Thời sự  Đầu tư  Quốc tế  Doanh nghiệp  Doanh nhân  Ngân hàng  Tài chính - Chứng khoán  "
            "Bất động sản  Địa phương  Y tế  Giáo dục  Du lịch  Tiêu dùng  Ô tô - Xe máy  Công nghệ  Media")
BDT_FOOTER = [
    "BÁO ĐẦU TƯ - CƠ QUAN CỦA BỘ KẾ HOẠCH VÀ ĐẦU TƯ",
    "Diễn đàn của cộng đồng doanh nghiệp và nhà đầu tư",
    "Tổng biên tập: Lê Trọng Minh",
    "Tòa soạn: 47 Quán Thánh, Ba Đình, Hà Nội",
    "Giấy phép hoạt động báo điện tử do Bộ Thông tin và Truyền thông cấp",
    "Bản quyền thuộc về Báo Đầu tư. Ghi rõ nguồn \"Báo Đầu tư\" khi phát hành lại thông tin từ website này.",
]
BDT_WEEKDAY = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def _meta(rng: random.Random, author: str, d: date) -> list[str]:
    """The byline with the day the article ran, on one line, or split where a scraper broke the spans."""
    day = f"{d:%d/%m/%Y}"
    form = rng.random()
    if form < 0.6:
        return [f"{author} - {day}"]
    if form < 0.8:
        return [author, day]
    return [author, f"{BDT_WEEKDAY[d.weekday()]}, {day}"]


def render_baodautu(article: dict, rng: random.Random, others: list[str]) -> tuple[str, str, str]:
    d = date.fromisoformat(article["date"][:10])
    section = article["sections"][0] or "Đầu tư"
    lines: list[str] = []
    if rng.random() < 0.7:
        lines += ["BÁO ĐẦU TƯ", BDT_SISTERS, BDT_MENU, ""]
    lines += [f"Trang chủ  »  {section}", ""]
    lines.append(article["title"])
    lines += _meta(rng, article["author"], d)
    tools = rng.random()
    if tools < 0.5:
        lines += ["Chia sẻ  Facebook  Zalo  In bài"]
    elif tools < 0.7:
        lines += ["Cỡ chữ  A-  A+  |  In bài  |  Gửi email"]
    lines += ["", article["sapo"], ""]
    paras = list(article["paragraphs"])
    lines += body_lines(rng, paras, others, "Tin bài liên quan")
    if rng.random() < 0.4:
        lines += [f"Xem thêm tin {section}", ""]
    lines += ["Bình luận bài viết", "Họ và tên", "Email", "Nội dung bình luận (tối thiểu 10 ký tự)", "Gửi đi", ""]
    lines += headline_lists(rng, others, ["Các tin khác", "Tin mới cập nhật", "Tin đọc nhiều"])
    lines += footer_lines(rng, BDT_FOOTER)
    return "\n".join(lines) + "\n", article["sapo"], paras[-1]


RENDERERS = {"baodautu": render_baodautu}
