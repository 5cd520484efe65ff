"""Small hand-made records for the site tests, written with the real record writer."""

from __future__ import annotations

import shutil
from pathlib import Path

from khotin.records import Record, render_record

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"

RECORDS = (
    Record(
        title="Quận Ba Đình tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc",
        slug="ba-dinh-tong-ket", date="2020-12-29T19:00:00", kicker="An ninh cơ sở",
        author="Minh Anh", source="https://example.vn/ba-dinh",
        body="Sáng 29/12, quận **Ba Đình** tổ chức hội nghị tổng kết.\n\nHội nghị biểu dương 20 tập thể.",
        districts=("Ba Đình",), provinces=("Hà Nội",), district_codes=("001",),
        tags=("phong trào", "tổng kết"), review=("ghi chú biên tập: kiểm tra lại số liệu",),
    ),
    Record(
        title="Đống Đa ra mắt mô hình tổ liên gia an toàn",
        slug="dong-da-to-lien-gia", date="2020-05-31T08:30:00", kicker="Mô hình hay",
        author="Thu Hà", source="Báo An ninh Thủ đô",
        body="Phường Láng Hạ ra mắt mô hình **tổ liên gia**.\n\n- Tuần tra\n- Trực chốt\n",
        districts=("Đống Đa",), provinces=("Hà Nội",), district_codes=("006",),
        tags=("mô hình", "phong trào"),
    ),
    Record(
        title="Lê Chân đẩy mạnh phòng chống tội phạm",
        slug="le-chan-phong-chong-toi-pham", date="2019-03-02", author="Văn Long",
        body="Công an quận Lê Chân triển khai đợt cao điểm.",
        districts=("Lê Chân",), provinces=("Hải Phòng",), district_codes=("306",),
        tags=("tội phạm",),
    ),
    Record(
        title="Ba Đình: ra quân tuần tra dịp Tết",
        slug="ba-dinh-tuan-tra-tet", date="2021-02-01T07:15:00",
        body="Lực lượng công an quận Ba Đình ra quân.",
        districts=("Ba Đình",), provinces=("Hà Nội",), district_codes=("001",),
        tags=("phong trào",),
    ),
)

XSS = Record(
    title="Bài có mã độc <script>alert('tiêu đề')</script>",
    slug="bai-co-ma-doc", date="2021-06-01T10:00:00", kicker="<img src=x onerror=alert(1)>",
    body=(
        "Đoạn đầu <script>alert('x')</script> và <img src=x onerror=alert(2)>.\n\n"
        "[bấm vào đây](javascript:alert(3)) và [link](JaVaScRiPt&#58;alert(4)) và {{ 7 * 7 }} "
        "và {% raw %}{% endraw %}.\n\n<div onmouseover=\"alert(5)\">khối</div>\n"
    ),
    districts=("Ba Đình",), provinces=("Hà Nội",), district_codes=("001",), tags=("<b>thẻ</b>",),
)


def write_content(folder: Path, records=RECORDS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for record in records:
        (folder / f"{record.slug}.md").write_text(render_record(record), encoding="utf-8")
    return folder


def copy_templates(folder: Path) -> Path:
    shutil.copytree(TEMPLATES, folder)
    return folder
