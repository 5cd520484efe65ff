"""Layout of the fresh held-out portal (Tuổi Trẻ), added after the loader was last tuned.

People who write loader rules should not read this file or the pages it makes. It follows how
tuoitre.vn prints an article: the portal's menu, the section over the dateline "23/11/2024 17:11
GMT+7" beside the section, the headline, a toolbar with the read-aloud player, the sapo, the text with photo
captions ("… - Ảnh: X") and related-article boxes, the byline in capitals at the end (several
authors joined by " - "), star and reaction widgets, the comment box, lists of other articles
(one under the name of the weekly magazine) and the footer of Báo Tuổi Trẻ.
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
    related_at = rng.randint(1, len(body) - 1) if len(others) > 2 and rng.random() < 0.5 else None
    for index, text in enumerate(body):
        if index == related_at:
            lines += ["TIN CÙNG CHỦ ĐỀ"] + rng.sample(others, rng.randint(1, 3)) + [""]
        lines += [text, ""]
    lines += [_byline(rng, article), ""]
    stars = rng.choice([0, 0, 2, 5, 11])
    lines += [f"Tặng sao cho tác giả  ({stars} sao)", f"Thích  {rng.randint(0, 40)}   Yêu  {rng.randint(0, 30)}", ""]
    if rng.random() < 0.5:
        lines += [f"Xem thêm tin {section.lower()}", ""]
    lines += ["Ý KIẾN BẠN ĐỌC", "Bạn cần đăng nhập với Tuổi Trẻ Online để gửi ý kiến.", "Xem thêm ý kiến", ""]
    headings = ["ĐỌC NHIỀU NHẤT", "Tiêu điểm", "Tuổi Trẻ Cuối Tuần"]
    for heading in rng.sample(headings, rng.randint(1, 3)):
        lines += [heading] + rng.sample(others, min(len(others), rng.randint(3, 5))) + [""]
    footer = [
        "Cơ quan chủ quản: Thành Đoàn TP.HCM",
        "Tổng biên tập: LÊ THẾ CHỮ",
        "Giấy phép hoạt động báo điện tử số 561/GP-BTTTT cấp ngày 24/12/2021",
        "Tòa soạn: 60A Hoàng Văn Thụ, phường 9, quận Phú Nhuận, TP.HCM",
        "Đường dây nóng: 0918.033.133",
        "Bản quyền © 2003-2024 Báo Tuổi Trẻ. Giữ bản quyền nội dung trên website này.",
    ]
    if rng.random() < 0.3:
        footer = footer[-1:] + footer[:-1]
    lines += footer
    return "\n".join(lines) + "\n", article["sapo"], paras[-1]


RENDERERS = {"tuoitre": render_tuoitre}
