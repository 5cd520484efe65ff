"""tag_corpus on the seeds and on small hand-written articles."""

import hashlib
import re
from pathlib import Path

from khotin.places.gazetteer import find_places
from khotin.topics.stopwords import stopwords
from khotin.topics.tags import TagInput, tag_corpus
from khotin.topics.terms import analyse

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
    for doc in docs:
        tags = first[doc.key]
        assert 3 <= len(tags) <= 8
        assert len({t.casefold() for t in tags}) == len(tags)
        for tag in tags:
            assert tag.strip() == tag and "_" not in tag
            assert tag.casefold() not in words
            assert not re.fullmatch(r"[\d\W]+", tag)
            assert tag not in doc.place_names
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
        assert 3 <= len(tags[doc.key]) <= 8
    assert any(shared for shared in (t.casefold() in found["b"] for t in tags["a"]))
