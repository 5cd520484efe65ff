"""Per-portal raw page layouts for the evaluation corpus.

Each renderer returns the page text plus the first and last paragraph of the article as printed
(the sapo counts as the first paragraph when the portal prints one). This file holds the tune
portals' own layouts (VnExpress, Dân trí); the held-out portals' layouts are in page_heldout.py
(Báo Mới) and page_baodautu.py (Báo Đầu tư), and share no chrome line with these, so rules
written from the tune pages cannot pass on the held-out pages by copying strings.
"""
from __future__ import annotations

import random
import re
from datetime import datetime

import page_generic
import page_heldout
import page_fresh
import page_baodautu

WEEKDAY_VNE = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]


def _authors(article: dict) -> list[str]:
    return [a.strip() for a in re.split(r",| - ", article["author"]) if a.strip()]


def _headlines(rng: random.Random, others: list[str], n: int) -> list[str]:
    return rng.sample(others, min(n, len(others)))


def _photo_credit_name(rng: random.Random, article: dict) -> str:
    names = ["Giang Huy", "Ngọc Thành", "Hoàng Hà", "Phạm Chiểu", "Đức Đồng", "Quỳnh Trần",
             "Lâm Thỏa", "Hữu Khoa", "Mạnh Quân", "Thanh Đông"]
    own = set(_authors(article))
    return rng.choice([n for n in names if n not in own])


def _insert_captions(rng: random.Random, article: dict, paras: list[str]) -> list[str]:
    """Photo captions sit between paragraphs; their credit names a photographer, not the author."""
    body = list(paras)
    if len(body) < 3:
        return body
    for _ in range(rng.randint(0, 2)):
        pos = rng.randint(1, len(body) - 1)
        words = article["title"].split()
        lead = " ".join(words[: rng.randint(5, min(10, len(words)) if len(words) > 5 else len(words))])
        caption = f"{lead.rstrip(',;:-–')}. Ảnh: {_photo_credit_name(rng, article)}"
        body.insert(pos, caption)
        if rng.random() < 0.3:
            body.insert(pos + 1, caption)
    return body


# ---------------------------------------------------------------- VnExpress (tune)

def _vne_byline(rng: random.Random, article: dict) -> str:
    names = _authors(article)
    joined = " - ".join(names)
    form = rng.random()
    if len(names) > 1:
        line = joined if form < 0.7 else joined.upper()
    elif form < 0.45:
        line = names[0]
    elif form < 0.6:
        line = names[0].upper()
    elif form < 0.72:
        line = f"Theo {names[0]}/VnExpress"
    elif form < 0.84:
        line = f"Bài và ảnh: {names[0]}"
    else:
        line = f"{names[0]} (tổng hợp)"
    if rng.random() < 0.3:
        line = " " * rng.randint(30, 80) + line
    return line


def render_vnexpress(article: dict, rng: random.Random, others: list[str]) -> tuple[str, str, str]:
    d = datetime.fromisoformat(article["date"])
    dateline = f"{WEEKDAY_VNE[d.weekday()]}, {d.day}/{d.month}/{d.year}, {d.hour:02d}:{d.minute:02d} (GMT+7)"
    sections = [s for s in article.get("sections") or [] if s] or ["Thời sự"]
    crumb = " › ".join(sections[: rng.randint(1, len(sections))])
    comments = rng.choice([0, 0, 1, 3, 7, 12, 25, 48])
    lines: list[str] = []
    if rng.random() < 0.7:
        lines += ["Mới nhất", "Tin theo khu vực", "International",
                  "Thời sự  Góc nhìn  Thế giới  Video  Podcasts  Kinh doanh  Bất động sản  Khoa học  Giải trí  Thể thao  Pháp luật  Giáo dục  Sức khỏe  Đời sống  Du lịch  Số hóa  Xe  Ý kiến  Tâm sự  Thư giãn",
                  ""]
    if rng.random() < 0.5:
        lines += [crumb, dateline]
    else:
        lines += [dateline, crumb]
    lines += ["", article["title"]]
    if rng.random() < 0.35:
        lines.append(rng.choice(["Lưu bài viết", "Chia sẻ   Lưu   Bình luận", f"Bình luận ({comments})"]))
    lines.append("")
    for p in _insert_captions(rng, article, article["paragraphs"]):
        lines += [p, ""]
    lines.append(_vne_byline(rng, article))
    lines.append("")
    widgets = ["Chia sẻ", "Lưu", f"Bình luận ({comments})", "Copy link", "Báo lỗi", "In bài"]
    rng.shuffle(widgets)
    lines += widgets[: rng.randint(2, 5)] + [""]
    if rng.random() < 0.6:
        lines += ["Tags: " + ", ".join(sections), ""]
    heading = rng.choice(["Tin liên quan", "Xem thêm"])
    lines += [heading] + _headlines(rng, others, rng.randint(3, 5)) + [""]
    lines += [f"Ý kiến ({comments})", "Mới nhất   Quan tâm nhất", "Ý kiến của bạn", "Gửi", ""]
    lines += ["Đọc nhiều"] + _headlines(rng, others, rng.randint(3, 6)) + [""]
    footer = [
        "Báo tiếng Việt nhiều người xem nhất",
        "Thuộc Bộ Khoa học và Công nghệ",
        "Số giấy phép: 548/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 24/08/2021",
        "Tổng biên tập: Phạm Hiếu",
        "Địa chỉ: Tầng 10, Tòa A FPT Tower, số 10 Phạm Văn Bạch, Dịch Vọng, Cầu Giấy, Hà Nội",
        "Điện thoại: 024 7300 8899 - máy lẻ 4500",
        "© 1997-2025. Toàn bộ bản quyền thuộc VnExpress",
    ]
    if rng.random() < 0.5:
        footer[-1] = "© Copyright 1997 VnExpress.net, All rights reserved"
        footer.append("® VnExpress giữ bản quyền nội dung trên website này.")
    lines += footer
    return "\n".join(lines) + "\n", article["paragraphs"][0], article["paragraphs"][-1]


# ---------------------------------------------------------------- Dân trí (tune; held out until its misses were read)

WEEKDAY_DT = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]


def _dt_byline(rng: random.Random, article: dict) -> tuple[str, bool]:
    """Return the byline and whether it goes above the body."""
    names = _authors(article)
    form = rng.random()
    if len(names) > 1:
        sep = rng.choice([" - ", ", "])
        line = sep.join(names)
        line = line.upper() if form < 0.5 else line
        return line, rng.random() < 0.3
    name = names[0]
    if form < 0.4:
        return name.upper(), False
    if form < 0.6:
        return f"Tác giả: {name}", True
    if form < 0.75:
        return name, True
    if form < 0.88:
        return f"{name.upper()} (theo Reuters)", False
    return " " * rng.randint(40, 90) + name.upper(), False


def render_dantri(article: dict, rng: random.Random, others: list[str]) -> tuple[str, str, str]:
    d = datetime.fromisoformat(article["date"])
    dateline = f"{WEEKDAY_DT[d.weekday()]}, {d.day:02d}/{d.month:02d}/{d.year} - {d.hour:02d}:{d.minute:02d}"
    section = next((s for s in article.get("sections") or [] if s), "") or "Xã hội"
    section = section.replace("-", " ").capitalize()
    byline, above = _dt_byline(rng, article)
    lines: list[str] = []
    if rng.random() < 0.6:
        lines += ["Dân trí", "Thời sự  Thế giới  Kinh doanh  Bất động sản  Thể thao  Lao động - Việc làm  Tấm lòng nhân ái  Sức khỏe  Văn hóa  Giải trí  Công nghệ  Giáo dục  Pháp luật  Nội vụ", ""]
    if rng.random() < 0.6:
        lines += [f"Trang chủ / {section}"]
    lines += [article["title"]]
    if rng.random() < 0.35:
        lines.append(rng.choice(["Nghe bài viết", "Sao chép liên kết", "Cỡ chữ   A-   A+"]))
    lines.append(dateline)
    if above:
        lines.append(byline)
    if rng.random() < 0.5:
        lines.append("Tải ứng dụng Dân trí để đọc tin nhanh hơn")
    lines.append("")
    paras = list(article["paragraphs"])
    first = article["sapo"] or paras[0]
    if article["sapo"]:
        lines += [article["sapo"], ""]
        if rng.random() < 0.5:
            lines += ["Đừng bỏ lỡ"] + _headlines(rng, others, 2) + [""]
    for p in _insert_captions(rng, article, paras):
        lines += [p, ""]
    if not above:
        lines += [byline, ""]
    if article["keywords"]:
        label = rng.choice(["Từ khóa:", "Chủ đề:"])
        lines += [label + " " + " | ".join(article["keywords"][:8]), ""]
    lines += ["Sao chép liên kết   Nghe bài viết   Đăng ký nhận tin", ""]
    lines += [rng.choice(["Tin cùng chuyên mục", "Tin nổi bật"])] + _headlines(rng, others, rng.randint(3, 5)) + [""]
    n = rng.choice([0, 0, 2, 9, 31])
    lines += [f"Ý kiến bạn đọc ({n})", "Viết bình luận của bạn" if n else "Hãy là người đầu tiên bình luận", "Gửi ý kiến", ""]
    lines += [
        "Báo điện tử Dân trí",
        "Cơ quan chủ quản: Bộ Nội vụ",
        "GPHĐ báo điện tử: 298/GP-BTTTT do Bộ TT&TT cấp",
        "Tổng biên tập: Phạm Tuấn Anh",
        "Địa chỉ tòa soạn: Nhà NV4 - NV5, ngõ 124 Hoàng Ngân, Trung Hòa, Cầu Giấy, Hà Nội",
        "© 2005-2026 Bản quyền thuộc về Báo điện tử Dân trí. Cấm sao chép dưới mọi hình thức khi chưa được sự chấp thuận bằng văn bản.",
    ]
    return "\n".join(lines) + "\n", first, paras[-1]


def _generic(article: dict, rng: random.Random, others: list[str]) -> tuple[str, str, str]:
    return page_generic.render_generic(article, rng, others, _insert_captions)


RENDERERS = {"vnexpress": render_vnexpress, "dantri": render_dantri}
for _portal in page_generic.SPECS:
    RENDERERS[_portal] = _generic
RENDERERS.update(page_heldout.RENDERERS)
RENDERERS.update(page_fresh.RENDERERS)
RENDERERS.update(page_baodautu.RENDERERS)


def render(article: dict, rng: random.Random, others: list[str]) -> tuple[str, str, str]:
    return RENDERERS[article["portal"]](article, rng, others)
