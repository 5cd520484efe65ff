"""Layout of Tuổi Trẻ, the portal added fresh (after the loader's last tuning) for its first
held-out measurement; a tune portal since (eval/DATASETS.md), so its layout may be read. It follows
how tuoitre.vn prints an article: the portal's menu, the section over the dateline "23/11/2024 17:11
GMT+7" beside the section, the headline, a toolbar with the read-aloud player, the sapo, the text with photo
captions ("… - Ảnh: X") and related-article boxes, the byline in capitals at the end (several
authors joined by " - "), star and reaction widgets, the comment box, lists of other articles
(one under the name of the weekly magazine) and the footer of Báo Tuổi Trẻ.

`body_lines`, `headline_lists` and `footer_lines` are shared with the next fresh portal's layout (which people
writing loader rules should not read): a box of other headlines inside the text, lists of other
headlines under the page's own headings, and the footer.
"""
from __future__ import annotations

import random
from datetime import datetime

TTO_MENU = ("Thời sự  Thế giới  Pháp luật  Kinh doanh  Công nghệ  Xe  Du lịch  Nhịp sống trẻ  Văn hóa  "
            "Giải trí  Thể thao  Giáo dục  Nhà đất  Sức khỏe  Giả - Thật  Bạn đọc làm báo")
TTO_WEEKDAY = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
_PHOTOGRAPHERS = ["NGỌC PHƯỢNG", "QUANG ĐỊNH", "CHÂU TUẤN", "TỰ TRUNG", "NAM TRẦN", "DANH KHANG", "HỮU HẠNH"]


def _names(article: dict) -> list[str]:
    return [name.strip() for name in article["author"].split(";") if name.strip()]


def _dateline(rng: random.Random, d: datetime) -> str:
    if rng.random() < 0.8:
        return f"{d:%d/%m/%Y %H:%M} GMT+7"
    return f"{TTO_WEEKDAY[d.weekday()]}, {d:%d/%m/%Y} {d:%H:%M} (GMT+7)"


def _captions(rng: random.Random, article: dict, paras: list[str]) -> list[str]:
    body = list(paras)
    for _ in range(rng.randint(0, 2)):
        pos = rng.randint(1, len(body) - 1)
        words = article["title"].split()
        lead = " ".join(words[: rng.randint(4, max(4, min(9, len(words))))]).rstrip(",;:-–")
        body.insert(pos, f"{lead} - Ảnh: {rng.choice(_PHOTOGRAPHERS)}")
    return body


def _byline(rng: random.Random, article: dict) -> str:
    line = " - ".join(_names(article))
    return " " * rng.randint(40, 100) + line if rng.random() < 0.4 else line


def body_lines(rng: random.Random, body: list[str], others: list[str], heading: str) -> list[str]:
    """The text, one block a line, with (on half the pages) a box of 1–3 other headlines inside it."""
    lines: list[str] = []
    related_at = rng.randint(1, len(body) - 1) if len(others) > 2 and rng.random() < 0.5 else None
    for index, text in enumerate(body):
        if index == related_at:
            lines += [heading] + rng.sample(others, rng.randint(1, 3)) + [""]
        lines += [text, ""]
    return lines


def headline_lists(rng: random.Random, others: list[str], headings: list[str]) -> list[str]:
    """One to all of the page's lists of other headlines (3–5 each), in a page's own order."""
    lines: list[str] = []
    for heading in rng.sample(headings, rng.randint(1, len(headings))):
        lines += [heading] + rng.sample(others, min(len(others), rng.randint(3, 5))) + [""]
    return lines


def footer_lines(rng: random.Random, footer: list[str]) -> list[str]:
    """The footer's lines; on some pages the copyright line comes first, as a narrow layout prints it."""
    return footer[-1:] + footer[:-1] if rng.random() < 0.3 else footer


def render_tuoitre(article: dict, rng: random.Random, others: list[str]) -> tuple[str, str, str]:
    d = datetime.fromisoformat(article["date"])
    section = article["sections"][0] or "Thời sự"
    lines: list[str] = []
    if rng.random() < 0.7:
        lines += ["TUỔI TRẺ ONLINE", TTO_MENU, "Tuổi Trẻ Sao  |  Tặng sao  |  Đăng nhập", ""]
    lines.append(f"{section}  -  {_dateline(rng, d)}")
    lines.append(article["title"])
    toolbar = rng.random()
    if toolbar < 0.5:
        lines += ["Nghe đọc bài", "Giọng nam miền Bắc  |  Giọng nữ miền Nam", "Tốc độ đọc: 1x"]
    elif toolbar < 0.8:
        lines += ["Lưu bài  Chia sẻ  Copy link"]
    lines += ["", article["sapo"], ""]
    paras = list(article["paragraphs"])
    body = _captions(rng, article, paras)
    lines += body_lines(rng, body, others, "TIN CÙNG CHỦ ĐỀ")
    lines += [_byline(rng, article), ""]
    stars = rng.choice([0, 0, 2, 5, 11])
    lines += [f"Tặng sao cho tác giả  ({stars} sao)", f"Thích  {rng.randint(0, 40)}   Yêu  {rng.randint(0, 30)}", ""]
    if rng.random() < 0.5:
        lines += [f"Xem thêm tin {section.lower()}", ""]
    lines += ["Ý KIẾN BẠN ĐỌC", "Bạn cần đăng nhập với Tuổi Trẻ Online để gửi ý kiến.", "Xem thêm ý kiến", ""]
    lines += headline_lists(rng, others, ["ĐỌC NHIỀU NHẤT", "Tiêu điểm", "Tuổi Trẻ Cuối Tuần"])
    footer = [
        "Cơ quan chủ quản: Thành Đoàn TP.HCM",
        "Tổng biên tập: LÊ THẾ CHỮ",
        "Giấy phép hoạt động báo điện tử số 561/GP-BTTTT cấp ngày 24/12/2021",
        "Tòa soạn: 60A Hoàng Văn Thụ, phường 9, quận Phú Nhuận, TP.HCM",
        "Đường dây nóng: 0918.033.133",
        "Bản quyền © 2003-2024 Báo Tuổi Trẻ. Giữ bản quyền nội dung trên website này.",
    ]
    lines += footer_lines(rng, footer)
    return "\n".join(lines) + "\n", article["sapo"], paras[-1]


RENDERERS = {"tuoitre": render_tuoitre}
