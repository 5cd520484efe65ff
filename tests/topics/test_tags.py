"""tag_corpus on the seeds and on small hand-written articles."""

import hashlib
import re
from pathlib import Path

from khotin.places.gazetteer import find_places
from khotin.topics.background import is_filler_phrase
from khotin.topics.kinds import DOCUMENT, NAME, SUBJECT, tag_kind
from khotin.topics.stopwords import stopwords
from khotin.loader import decode_seed, parse_page
from khotin.topics.tags import TagInput, analyse_cached, tag_corpus
from khotin.topics.terms import analyse, term_key

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed_docs() -> list[TagInput]:
    docs = []
    for path in sorted(SEEDS.iterdir()):
        raw = path.read_bytes()
        title, _, body = raw.decode("utf-8", "replace").strip().partition("\n")
        places = find_places(title, body)
        docs.append(TagInput(path.name, title, body, hashlib.sha256(raw).hexdigest(),
                             places.districts + places.provinces))
    return docs


def test_seed_tags_are_sane_and_stable(tmp_path):
    docs = _seed_docs()
    first = tag_corpus(docs, cache_dir=tmp_path / "cache")
    assert set(first) == {d.key for d in docs}
    words = stopwords()
    keys = {doc.key: set(analyse(doc.title, doc.body)) for doc in docs}
    for doc in docs:
        tags = first[doc.key]
        assert 1 <= len(tags) <= 8
        assert len({t.casefold() for t in tags}) == len(tags)
        for tag in tags:
            assert tag.strip() == tag and "_" not in tag
            assert tag.casefold() not in words and not is_filler_phrase(term_key(tag))
            assert not re.fullmatch(r"[\d\W]+", tag)
            assert tag not in doc.place_names
            # a subject leads to another seed; none is in most of them (it would group everything)
            sharing = sum(term_key(tag) in other for other in keys.values())
            if tag_kind(tag) == SUBJECT:
                assert 2 <= sharing <= len(docs) // 2, tag
    assert "Chỉ thị 09-CT/TW" in first["002_71f10abe077c6f10.txt"]
    assert "Nghị quyết 15-NQ/TU" in first["000_05cad68318f7f461.txt"]
    assert len(list((tmp_path / "cache").glob("*.json"))) == len(docs)
    assert tag_corpus(docs, cache_dir=tmp_path / "cache") == first
    assert tag_corpus(list(reversed(docs))) == first


def test_cache_is_keyed_by_seed_hash_and_text(tmp_path):
    doc = TagInput("a", "Công an quận ra quân", "Công an quận tuần tra bảo đảm an ninh trật tự.", "ab" * 32)
    tag_corpus([doc], cache_dir=tmp_path)
    (cached,) = tmp_path.glob("*.json")
    assert cached.name == "ab" * 32 + ".json"
    changed = TagInput("a", doc.title, "Nghị quyết 28-NQ/TW về Chiến lược bảo vệ Tổ quốc.", doc.seed_sha256)
    assert "Nghị quyết 28-NQ/TW" in tag_corpus([changed], cache_dir=tmp_path)["a"]


def test_document_codes_by_pattern():
    terms = analyse(
        "Quán triệt Nghị quyết 28-NQ/TW",
        "Thực hiện Chỉ thị số 09-CT/TW và Nghị định 13/2014/NĐ-CP; 15-NQ/TU của Thành ủy. "
        "Ngày 12/7/2017, bắt 10 đối tượng, thu 1 súng K59.",
    )
    codes = {t.kind and next(iter(t.forms)) for k, t in terms.items() if k.startswith("#")}
    assert codes == {"Nghị quyết 28-NQ/TW", "Chỉ thị 09-CT/TW", "Nghị định 13/2014/NĐ-CP", "Nghị quyết 15-NQ/TU"}
    assert terms["#28-NQ/TW"].in_title == 1


def test_places_joined_and_not_tags():
    terms = analyse("Công an quận Nam Từ Liêm ra quân",
                    "Công an quận Nam Từ Liêm phối hợp Công an thành phố Hà Nội tuần tra.")
    assert "nam từ liêm" not in terms and "hà nội" not in terms
    assert not any("liêm" in key for key in terms)


def test_shared_terms_rank_above_unshared():
    base = "Công an quận {n} triển khai mô hình camera an ninh tại khu dân cư. "
    docs = [
        TagInput("a", "Mô hình camera an ninh", base.format(n="A") * 2 + "Diễn tập phòng cháy chữa cháy.", ""),
        TagInput("b", "Nhân rộng camera an ninh", base.format(n="B") + "Tuyên truyền pháp luật giao thông.", ""),
        TagInput("c", "Hội thi pháp luật", "Hội thi tìm hiểu pháp luật giao thông cho thanh niên.", ""),
    ]
    tags = tag_corpus(docs)
    found = {d.key: {k for k in analyse(d.title, d.body)} for d in docs}
    for doc in docs:
        others = set().union(*(found[k] for k in found if k != doc.key))
        shared = [t.casefold() in others for t in tags[doc.key]]
        assert shared == sorted(shared, reverse=True), (doc.key, tags[doc.key])
        assert len(tags[doc.key]) <= 8
    assert any(shared for shared in (t.casefold() in found["b"] for t in tags["a"]))


def _terms(title: str, body: str) -> dict[str, str]:
    """key → display form of each candidate."""
    return {key: next(iter(term.forms)) for key, term in analyse(title, body).items()}


def test_names_whole_without_titles_or_nationality():
    found = _terms(
        "Tổng thống Mỹ Donald Trump gặp Bộ trưởng Quốc phòng Nga Andrei Belousov",
        "Theo Bộ Công an, đoàn đến Sân bay Tân Sơn Nhất chiều qua. Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh "
        "ký văn bản. Ông Trump nói với các phóng viên.",
    )
    names = {form for key, form in found.items() if tag_kind(form) == NAME}
    assert {"Donald Trump", "Andrei Belousov", "Bộ Công an", "Sân bay Tân Sơn Nhất", "Trần Sỹ Thanh"} <= names
    assert not any(n.startswith(("Mỹ", "Tổng thống", "Bộ trưởng", "Theo", "Chủ tịch")) for n in names), names
    assert "trump" not in found  # counted for "Donald Trump"
    assert analyse("Tổng thống Mỹ Donald Trump", "Ông Trump nói.")["donald trump"].count == 2


def test_calendar_numerals_and_places_are_not_names():
    found = _terms("Quận Nam Từ Liêm tổ chức Đại hội XXVI",
                   "Sáng Thứ Ba, Quận Nam Từ Liêm họp. Đại hội Đảng bộ lần thứ XXVI thành công.")
    assert not any(key in found for key in ("xxvi", "thứ ba", "quận nam từ liêm", "nam từ liêm"))


def test_bare_document_numbers_and_their_full_codes():
    terms = analyse("Triển khai Quyết định 521", "Quyết định số 521/QĐ-UBND ngày 5/3. Nghị quyết 57 và năm 2024.")
    codes = {key: next(iter(t.forms)) for key, t in terms.items() if t.kind == "code"}
    assert codes == {"#521/QĐ-UBND": "Quyết định 521/QĐ-UBND", "#nghị quyết 57": "Nghị quyết 57"}
    assert terms["#521/QĐ-UBND"].count == 2 and terms["#521/QĐ-UBND"].in_title == 1
    assert {tag_kind(form) for form in codes.values()} == {DOCUMENT}
    assert "#nghị quyết 2024" not in terms
    plenum = analyse("Quán triệt Nghị quyết Trung ương 8", "Thực hiện Nghị quyết TW 8, khóa XI.")
    assert next(iter(plenum["#nghị quyết trung ương 8"].forms)) == "Nghị quyết Trung ương 8"
    assert plenum["#nghị quyết trung ương 8"].count == 2
    assert tag_kind("Nghị quyết Trung ương 8") == DOCUMENT


def test_filler_words_never_candidates():
    """Words every beat uses (by the background statistics, not the hand list) give no candidate."""
    body = "Gia đình anh cho biết thời gian qua kết quả rất tốt. Gia đình anh tiếp tục theo dõi. " * 3
    found = analyse("Gia đình cảm ơn đội tuyển", body)
    assert "gia đình" not in found and "thời gian" not in found and "kết quả" not in found
    assert "đội tuyển" in found


def test_one_spelling_per_name_across_tone_and_case_variants():
    docs = [
        TagInput("a", "Khánh Hoà đón đoàn Hội Nông dân", "Hội Nông dân tỉnh Khánh Hoà tiếp đoàn. Anh Lê Văn Hoà phát biểu."
                 " Anh Lê Văn Hoà cảm ơn.", ""),
        TagInput("b", "Anh Lê Văn Hòa nhận giải", "HỘI NÔNG DÂN trao giải cho anh Lê Văn Hòa. Anh Lê Văn Hòa vui.", ""),
        TagInput("c", "Lê Văn Hòa và Hội Nông dân", "Hội Nông dân mời anh Lê Văn Hòa dự lễ.", ""),
    ]
    tags = tag_corpus(docs)
    spellings = {t for k in tags for t in tags[k] if term_key(t) == "lê văn hòa"}
    assert spellings == {"Lê Văn Hòa"}, tags
    assert all("Lê Văn Hòa" in tags[k] for k in "abc")


def test_subjects_need_another_article_and_common_terms_drop():
    shared = "Lực lượng dân phòng tuần tra, bảo đảm an ninh trật tự tại khu dân cư. "
    docs = [TagInput(str(n), f"Bài {n}", shared
                     + ("Diễn tập tại chung cư. Chung cư mới có diễn tập. " if n < 2 else "")
                     + ("Trạm giao thông mới. Giao thông thông suốt. " if n == 4 else ""), "")
            for n in range(6)]
    tags = tag_corpus(docs)
    everywhere = {"dân phòng", "an ninh trật tự", "khu dân cư"}
    for found in tags.values():
        assert not everywhere & {term_key(t) for t in found}, found
    assert "chung cư" in tags["0"] and "chung cư" in tags["1"]
    assert "giao thông" not in tags["4"]  # one article's subject leads nowhere


def test_terms_read_from_the_cache_keep_the_order_a_fresh_analysis_gives(tmp_path):
    # articles are offered shared terms in that order: a cache that reordered them changed tags
    doc = TagInput("a", "Xe buýt điện thay xe buýt CNG ở TP.HCM",
                   "UBND TP.HCM trình lộ trình chuyển đổi xe buýt. Sở Giao thông vận tải đề xuất "
                   "thay dần xe buýt CNG bằng xe buýt điện, niên hạn tối đa 15 năm.", "cd" * 32)
    fresh = analyse(doc.title, doc.body)
    assert list(fresh) != sorted(fresh)  # the text's order is not the keys' order
    assert list(analyse_cached(doc, tmp_path)) == list(fresh)   # written
    assert list(analyse_cached(doc, tmp_path)) == list(fresh)   # read back


EVAL_SAMPLE = Path(__file__).resolve().parents[1] / "eval_sample"


def test_a_warm_cache_gives_the_tags_a_cold_one_gives(tmp_path):
    """Real articles of several portals: the second run reads every article's terms from the
    cache and must choose the same tags as the first, which analysed them."""
    docs = []
    for path in sorted(EVAL_SAMPLE.glob("*/*.txt"))[:120]:
        raw = path.read_bytes()
        page = parse_page(decode_seed(raw, path.name), path.name)
        docs.append(TagInput(path.name, page.title, page.body, hashlib.sha256(raw).hexdigest()))
    cold = tag_corpus(docs, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == len(docs)
    assert tag_corpus(docs, cache_dir=tmp_path) == cold
