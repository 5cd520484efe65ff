"""find_places and the gazetteer on seeds and on hand-written news sentences."""

from pathlib import Path

import pytest

from khotin.places.gazetteer import (
    all_districts, district_by_code, find_places, place_names, province_by_name,
    province_slug, resolve_district,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EXPECTED = {  # seed file → (districts, provinces)
    "000_05cad68318f7f461.txt": (("Ba Đình",), ("Hà Nội",)),
    "001_292a858bc4dade75.txt": (("Đống Đa",), ("Hà Nội",)),
    "002_71f10abe077c6f10.txt": ((), ("Hà Nội",)),
    "003_887ee957f456b317.txt": (("Nam Từ Liêm",), ("Hà Nội",)),
    "004_9835a74ecd244e73.txt": (("Hồng Bàng",), ("Hải Phòng",)),
}


def _split(text: str) -> tuple[str, str]:
    lines = [line for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if line.strip())
    return lines[first].strip(), "\n".join(lines[first + 1:])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seeds(name):
    title, body = _split((SEEDS / name).read_text(encoding="utf-8", errors="replace"))
    found = find_places(title, body)
    districts, provinces = EXPECTED[name]
    assert found.districts == districts
    assert found.provinces == provinces
    assert len(found.district_codes) == len(districts)
    for code, district in zip(found.district_codes, districts):
        assert district_by_code(code).name == district


def test_homonym_resolved_by_the_named_province():
    found = find_places(
        "Công an huyện Châu Thành ra quân trấn áp tội phạm",
        "Sáng 12/5, Công an huyện Châu Thành (tỉnh Tiền Giang) tổ chức lễ ra quân. "
        "Lãnh đạo UBND huyện Châu Thành phát biểu chỉ đạo.",
    )
    assert found.districts == ("Châu Thành",)
    assert found.provinces == ("Tiền Giang",)
    (code,) = found.district_codes
    assert district_by_code(code).province == "Tiền Giang"
    assert district_by_code(code).slug == "chau-thanh-tien-giang"
    assert found.review == ()


def test_homonym_without_province_is_left_out_for_review():
    found = find_places(
        "Công an huyện Châu Thành ra quân trấn áp tội phạm",
        "Sáng 12/5, Công an huyện Châu Thành tổ chức lễ ra quân tấn công trấn áp tội phạm.",
    )
    assert found.districts == () and found.district_codes == ()
    assert len(found.review) == 1 and "Châu Thành" in found.review[0]


def test_district_named_in_passing_is_not_a_subject():
    found = find_places(
        "Hoàn Kiếm tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "Sáng 20/12, UBND quận Hoàn Kiếm tổ chức hội nghị tổng kết. Năm qua, Công an quận "
        "Hoàn Kiếm đã phối hợp với Công an quận Hai Bà Trưng triệt phá nhiều đường dây. "
        "Quận ủy Hoàn Kiếm đề nghị các phường tiếp tục phát huy.",
    )
    assert found.districts == ("Hoàn Kiếm",)
    assert found.provinces == ("Hà Nội",)


def test_two_real_subjects_are_both_kept():
    found = find_places(
        "Quận Ba Đình và quận Tây Hồ ký kết quy chế phối hợp",
        "UBND quận Ba Đình và UBND quận Tây Hồ ký quy chế. Công an quận Tây Hồ và Công an "
        "quận Ba Đình sẽ tuần tra chung.",
    )
    assert set(found.districts) == {"Ba Đình", "Tây Hồ"}
    assert found.provinces == ("Hà Nội",)


def test_city_level_report_gets_its_province_only():
    found = find_places(
        "Thành ủy Hà Nội sơ kết phong trào",
        "Thành ủy, UBND Thành phố Hà Nội chỉ đạo các quận, huyện. Thành phố đã củng cố Ban "
        "Chỉ đạo 138; điển hình như quận Hoàn Kiếm. Hà Nội tiếp tục đẩy mạnh phong trào.",
    )
    assert found.districts == ()
    assert found.provinces == ("Hà Nội",)


def test_wards_streets_and_common_words_are_not_districts():
    found = find_places(
        "Ra mắt mô hình tự quản",
        "Tại phường Hòa Bình, đường Hai Bà Trưng và chợ Long Biên, nhân dân vì hòa bình, "
        "thống nhất ý chí; học tập tư tưởng Hồ Chí Minh, thăm Lăng Chủ tịch Hồ Chí Minh.",
    )
    assert found == type(found)()


def test_province_words_and_tone_spelling():
    found = find_places("", "Đoàn công tác tỉnh Hoà Bình làm việc với huyện Lạc Thuỷ, tỉnh Hoà Bình. "
                            "Huyện uỷ Lạc Thuỷ báo cáo kết quả.")
    assert found.provinces == ("Hòa Bình",)
    assert found.districts == ("Lạc Thủy",)
    city = find_places("Thành phố Hòa Bình ra quân", "UBND thành phố Hòa Bình ra quân.")
    assert city.districts == ("Hòa Bình",) and city.provinces == ("Hòa Bình",)
    assert district_by_code(city.district_codes[0]).kind == "Thành phố"


def test_numbered_district_and_hcm_abbreviation():
    found = find_places("Công an Quận 1 ra quân", "Công an Quận 1, TP.HCM ra quân. Quận 1 tăng cường tuần tra.")
    assert found.districts == ("Quận 1",)
    assert found.provinces == ("Hồ Chí Minh",)


def test_gazetteer_table():
    districts = all_districts()
    assert len(districts) > 650
    assert len({d.code for d in districts}) == len(districts)
    assert len({d.slug for d in districts}) == len(districts)
    assert sum(d.name == "Châu Thành" for d in districts) == 10
    assert all(d.kind in {"Quận", "Huyện", "Thị xã", "Thành phố"} for d in districts)
    dong_da = district_by_code("006")
    assert (dong_da.name, dong_da.kind, dong_da.province, dong_da.slug) == ("Đống Đa", "Quận", "Hà Nội", "dong-da")
    assert 20.9 < dong_da.latitude < 21.1 and 105.7 < dong_da.longitude < 105.9
    assert "Phường Đống Đa" in dong_da.successors
    assert district_by_code("999999") is None
    assert {"Đống Đa", "Hà Nội", "Châu Thành", "Hải Phòng"} <= place_names()
    assert province_slug("Hà Nội") == province_slug("Thành phố Hà Nội") == "ha-noi"
    assert province_by_name("Bà Rịa - Vũng Tàu").slug == "ba-ria-vung-tau"
    assert resolve_district("Châu Thành") is None
    assert resolve_district("Châu Thành", ["Bến Tre"]).province == "Bến Tre"
