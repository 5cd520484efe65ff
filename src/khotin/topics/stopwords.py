"""Words that never make a tag on their own.

The base is the stopwords-iso Vietnamese list (function words, particles,
pronouns). News prose also leans on abstract filler nouns that the list lacks —
"tình hình" (situation), "công tác" (work), "địa bàn" (area) — and on calendar
and unit words; they carry no topic in any article, so they are listed here.
Proper nouns are never checked against these lists.
"""

from __future__ import annotations

from functools import lru_cache

NEWS_FILLERS = frozenset({
    "tình hình", "công tác", "địa bàn", "nhiệm vụ", "kết quả", "hoạt động", "vấn đề", "lĩnh vực",
    "biện pháp", "giải pháp", "nội dung", "hình thức", "đơn vị", "địa phương", "cơ quan",
    "chính quyền", "cán bộ", "thời gian", "trách nhiệm", "chỉ tiêu", "chương trình", "kế hoạch",
    "mục tiêu", "yêu cầu", "điều kiện", "khả năng", "hiệu quả", "chất lượng", "thời điểm",
    "thời kỳ", "giai đoạn", "nhiệm kỳ", "đồng chí", "đại diện", "lãnh đạo", "thành viên",
    "tập thể", "cá nhân", "người dân", "thành phố", "thị xã", "thị trấn", "các cấp", "cơ sở",
    "toàn thể", "tổng số", "nhận thức", "quan điểm", "tinh thần", "vai trò", "ý nghĩa",
    "thực tế", "thực tiễn", "năm", "tháng", "ngày", "tuần", "buổi", "sáng", "chiều", "tối",
    "dịp", "quận", "huyện", "tỉnh", "phường", "xã", "thôn", "tổ", "việc", "sự", "cuộc", "lần",
    "số", "phần", "cấp", "ngành", "ông", "bà", "anh", "chị", "tầm quan trọng", "đặc điểm",
    "bên cạnh", "phương hướng", "chủ trương", "chính sách", "đối tượng", "quá trình", "trường hợp",
    "khu vực", "sức mạnh", "thành tích", "bảo vệ", "tổ chức", "hội nghị", "chỉ đạo",
    # the organs and offices every political news item names
    "chỉ thị", "nghị quyết", "quyết định", "kết luận", "nghị định", "thông tư",
    "chủ tịch", "phó chủ tịch", "bí thư", "phó bí thư", "giám đốc", "trưởng ban",
    "trung ương", "nhà nước", "đảng bộ", "đảng ủy", "cấp ủy", "quận ủy", "huyện ủy",
    "thành ủy", "tỉnh ủy", "thị ủy", "ban chỉ đạo", "ban thường vụ", "ủy ban", "ubnd", "hđnd",
})


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Lower-case phrases, syllables separated by spaces."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("vi")) | NEWS_FILLERS


@lru_cache(maxsize=1 << 16)  # pure, and called for every noun pyvi finds
def is_stopword(phrase: str) -> bool:
    return " ".join(phrase.lower().replace("_", " ").split()) in stopwords()
