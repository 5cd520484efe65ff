"""Deterministic synthetic raw pages for the benchmark (issue 8 §1).

The pages must look like what archivists scrape, or the benchmark measures the
wrong loader: so the prose is the seeds' own paragraphs (read at run time, never
copied into code), reshuffled and re-pointed at ~60 real pre-2025 districts from
the `vietnamadminunits` gazetteer, wrapped in the portal layouts, date formats,
bylines, outlet prefixes and chrome that issue 3 names. Everything flows from one
seeded `random.Random` per page, so a count and a seed always give the same bytes.

    python bench/generate.py --count 10000 --out bench/work/pages [--seed 8]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

# Which provinces give districts, and how many each (≈60 in all). Quận/huyện only:
# "thành phố"/"thị xã" units are written differently in the press.
DISTRICT_QUOTA = (
    ("thanhphohanoi", 22),
    ("thanhphohaiphong", 14),
    ("thanhphodanang", 8),
    ("thanhphocantho", 9),
    ("tinhquangninh", 7),
)

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý")
GIVEN = ("Minh", "Hương", "Thành", "Lan", "Tuấn", "Hà", "Quang", "Ngọc", "Dũng", "Thu", "Hải",
         "Phương", "Nga", "Chiến", "Tùng", "Hạnh", "Long", "Mai", "Sơn", "Yến")
SIGNATURES = ("BAN TUYÊN GIÁO QUẬN ỦY", "CÔNG AN {unit}", "BAN CHỈ ĐẠO 138 {unit}",
              "PHÒNG VĂN HÓA - THÔNG TIN {unit}")
EVENTS = ("tổ chức Hội nghị tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm {y}",
          "tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
          "sơ kết công tác bảo đảm an ninh trật tự 6 tháng đầu năm {y}",
          "triển khai kế hoạch phòng, chống tội phạm năm {y}",
          "ra mắt mô hình tự quản về an ninh trật tự tại khu dân cư")
TITLE_VERBS = ("tổng kết phong trào bảo vệ an ninh Tổ quốc năm {y}",
               "xây dựng thế trận lòng dân vững chắc",
               "nâng cao hiệu quả phong trào toàn dân bảo vệ an ninh Tổ quốc",
               "giữ vững an ninh chính trị, trật tự an toàn xã hội năm {y}",
               "nhân rộng mô hình tự quản về an ninh trật tự")
KICKERS = ("Hướng tới Đại hội Đảng bộ {unit} lần thứ {roman}", "Phong trào toàn dân bảo vệ an ninh Tổ quốc",
           "Chào mừng Ngày hội toàn dân bảo vệ an ninh Tổ quốc {y}")
ROMANS = ("XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI")
OTHER_NEWS = ("Tin đọc nhiều", "Tin khác", "Các bài mới đăng", "Các bài đã đăng :")
COMMENT_FORM = ("Bài viết Xem", "Viết bình luận", "", "Họ tên:(*)", "Số điện thoại:", "Tiêu đề:(*)",
                "Nội dung:(*)", "Mã xác nhận:         Lấy lại mã bảo mật")


@dataclass(frozen=True)
class District:
    kind: str        # "quận" or "huyện"
    name: str        # "Ba Đình"
    province: str    # "Hà Nội"
    city: bool       # a centrally-run city ("thành phố") rather than a province ("tỉnh")

    @property
    def unit(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def province_phrase(self) -> str:
        return f"{'TP' if self.city else 'tỉnh'} {self.province}"


@dataclass(frozen=True)
class Corpus:
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    sentences: tuple[str, ...]
    districts: tuple[District, ...]
    district_names: frozenset[str]
    province_names: frozenset[str]


def _gazetteer() -> dict:
    import vietnamadminunits

    data = Path(vietnamadminunits.__file__).parent / "data" / "parser_legacy.json"
    return json.loads(data.read_text(encoding="utf-8"))


def pick_districts(gazetteer: dict) -> tuple[District, ...]:
    """~60 pre-2025 quận/huyện from several provinces, in gazetteer-code order."""
    provinces = gazetteer["DICT_PROVINCE"]
    chosen = []
    for key, quota in DISTRICT_QUOTA:
        units = sorted(gazetteer["DICT_PROVINCE_DISTRICT"][key].values(), key=lambda u: u["districtCode"])
        units = [u for u in units if u["districtType"] in ("Quận", "Huyện") and not u["districtShort"].isdigit()]
        city = provinces[key]["province"].startswith("Thành phố")
        chosen += [District(u["districtType"].lower(), u["districtShort"], provinces[key]["provinceShort"], city)
                   for u in units[:quota]]
    return tuple(chosen)


def _split_seed(text: str) -> tuple[list[str], list[str]]:
    """Body paragraphs (long lines) and captions (short lines between them)."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    long_at = [i for i, line in enumerate(lines) if len(line) >= 200]
    if not long_at:
        return [], []
    paragraphs = [lines[i] for i in long_at]
    captions = [line for line in lines[long_at[0]:long_at[-1]]
                if 15 <= len(line) < 200 and not re.search(r"\d{1,2}/\d{1,2}/\d{4}", line)]
    return paragraphs, captions


@lru_cache(maxsize=4)
def load_corpus(seeds_dir: Path = SEEDS_DIR) -> Corpus:
    paragraphs: list[str] = []
    captions: list[str] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        more_paragraphs, more_captions = _split_seed(path.read_text(encoding="utf-8", errors="replace"))
        paragraphs += more_paragraphs
        captions += [c for c in more_captions if c not in captions]
    if not paragraphs:
        raise SystemExit(f"{seeds_dir}: no seed paragraphs to build pages from")
    sentences = [s.strip() for p in paragraphs for s in re.split(r"(?<=[.;])\s+", p)
                 if 40 <= len(s.strip()) <= 400]
    gazetteer = _gazetteer()
    all_districts = {u["districtShort"] for units in gazetteer["DICT_PROVINCE_DISTRICT"].values()
                     for u in units.values()}
    all_provinces = {p["provinceShort"] for p in gazetteer["DICT_PROVINCE"].values()}
    return Corpus(tuple(paragraphs), tuple(captions), tuple(sentences), pick_districts(gazetteer),
                  frozenset(all_districts), frozenset(all_provinces))


# "quận Ba Đình", "Quận ủy Nam Từ Liêm", "UBND huyện Gia Lâm": the unit word, then a
# capitalised name of one to four syllables.
_UNIT_MENTION = re.compile(r"\b([Qq]uận|[Hh]uyện)( [uủ]ỷ| ủy)?((?: [A-ZĐÀ-Ỹ][^\s,.;:()\"“”]*){1,4})")


def retarget(text: str, district: District, corpus: Corpus) -> str:
    """Point the seeds' district and city mentions at this page's district."""
    def unit(match: re.Match) -> str:
        words = match.group(3).split()
        for n in range(len(words), 0, -1):
            if " ".join(words[:n]) in corpus.district_names:
                kind = district.kind.capitalize() if match.group(1)[0].isupper() else district.kind
                rest = " ".join(words[n:])
                return f"{kind}{match.group(2) or ''} {district.name}" + (f" {rest}" if rest else "")
        return match.group(0)

    text = _UNIT_MENTION.sub(unit, text)
    for city in ("Hà Nội", "Hải Phòng"):
        if city != district.province:
            text = text.replace(city, district.province)
    return text


def _date_line(rng: random.Random, when: dt.datetime) -> tuple[str, str]:
    """(style, text) in one of the formats issue 3 names."""
    d, m, y, hh, mm = when.day, when.month, when.year, when.hour, when.minute
    weekday = WEEKDAYS[when.weekday()]
    styles = {
        "ngay_dang": f"Ngày đăng {d:02d}/{m:02d}/{y} | {hh:02d}:{mm:02d}",
        "glued": f"({hh:02d}:{mm:02d} {d:02d}/{m:02d}/{y})",
        "print": f"Print {weekday}, {d:02d}/{m:02d}/{y} {hh:02d}:{mm:02d} Gốc",
        "vnexpress": f"{weekday[:4]}{weekday[4:].lower()}, {d}/{m}/{y}, {hh:02d}:{mm:02d} (GMT+7)",
        "gmt": f"{d:02d}/{m:02d}/{y} {hh:02d}:{mm:02d} GMT+7",
        "cap_nhat": f"Cập nhật: {d:02d}/{m:02d}/{y}",
        "iso": f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00+07:00",
    }
    style = rng.choice(sorted(styles))
    return style, styles[style]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}" if rng.random() < 0.5 else \
        f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}"


def _fragment(rng: random.Random, corpus: Corpus, district: District, words: int) -> str:
    sentence = retarget(rng.choice(corpus.sentences), district, corpus)
    cut = " ".join(sentence.split()[:words]).rstrip(",;:.…-– ")
    return cut[:1].upper() + cut[1:]


def _title(rng: random.Random, corpus: Corpus, district: District, year: int) -> str:
    shape = rng.randrange(4)
    unit = district.unit[:1].upper() + district.unit[1:]
    if shape == 0:
        return f"{unit} {rng.choice(TITLE_VERBS).format(y=year)}"
    if shape == 1:
        return f"{district.name} {rng.choice(TITLE_VERBS).format(y=year)}"
    if shape == 2:
        return f"{unit}: {_fragment(rng, corpus, district, rng.randint(7, 12))}"
    return f"{rng.randint(2, 10)} năm thực hiện Chỉ thị số {rng.randint(1, 40):02d}-CT/TW: " \
           f"{_fragment(rng, corpus, district, rng.randint(6, 10))}"


def _lede(rng: random.Random, corpus: Corpus, district: District, when: dt.datetime) -> str:
    opener = rng.choice(("Ngày", "Sáng", "Chiều"))
    who = rng.choice(("UBND {u}", ("Quận" if district.kind == "quận" else "Huyện") + " ủy, UBND {u}",
                      "Ban Chỉ đạo 138 {u}", "Công an {u}")).format(u=district.unit, n=district.name)
    event = rng.choice(EVENTS).format(y=when.year)
    more = retarget(rng.choice(corpus.sentences), district, corpus)
    more = more[:1].upper() + more[1:]
    return f"{opener} {when.day}/{when.month}, {who} ({district.province_phrase}) {event}. {more}"


def _body(rng: random.Random, corpus: Corpus, district: District, target_bytes: int) -> list[str]:
    """Paragraphs up to ~target_bytes, with captions (some repeated) between them."""
    out: list[str] = []
    size = 0
    while size < target_bytes:
        paragraph = retarget(rng.choice(corpus.paragraphs), district, corpus)
        out.append(paragraph)
        size += len(paragraph.encode("utf-8"))
        if corpus.captions and rng.random() < 0.2:
            caption = retarget(rng.choice(corpus.captions), district, corpus)
            out += [caption, caption] if rng.random() < 0.5 else [caption]
    return out


@dataclass(frozen=True)
class Page:
    """A generated page and what a correct loader must read from it."""
    text: str
    title: str
    date: str          # ISO 8601, as issue 3 wants it in front matter
    district: District


def make_page(index: int, seed: int, corpus: Corpus) -> str:
    return build_page(index, seed, corpus).text


def build_page(index: int, seed: int, corpus: Corpus) -> Page:
    """One raw page; depends only on (index, seed) and the seeds' text."""
    rng = random.Random(f"khotin-bench:{seed}:{index}")
    district = corpus.districts[rng.randrange(len(corpus.districts))]
    start = dt.datetime(2010, 1, 1)
    when = start + dt.timedelta(minutes=rng.randrange(15 * 365 * 24 * 60))
    title = _title(rng, corpus, district, when.year)
    style, date_line = _date_line(rng, when)
    author = _person(rng)
    outlet = rng.choice(("Kinhtedothi - ", "HNP - ", "", ""))
    lede = outlet + _lede(rng, corpus, district, when)
    body = _body(rng, corpus, district, rng.randint(2500, 5200))

    lines: list[str] = []
    # A printed page has no headline line above the body, so no kicker either: a lone
    # line over "Print …" would be the headline even to a person.
    if rng.random() < 0.2 and style != "print":
        lines += [rng.choice(KICKERS).format(unit=district.unit, roman=rng.choice(ROMANS), y=when.year), ""]
    if style == "glued":
        lines += [f"{title} {date_line}", "", ""]
    elif style == "print":
        lines += [date_line, ""]
    else:
        lines += [title, date_line, ""]
    byline_top = rng.random() < 0.3
    if byline_top:
        lines += [author]
    if rng.random() < 0.5:
        lines += [rng.choice(("Chia sẻ", "Chia sẻ Zalo")), ""]
    lines += [lede, ""]
    lines += [p for paragraph in body for p in (paragraph, "")]
    if not byline_top:
        signature = rng.random() < 0.25
        lines += [" " * 60 + rng.choice(SIGNATURES).format(unit=district.unit.upper()) if signature else author, ""]
    # A printed page shows its headline only in the QR-code block, like the seeds' portal.
    chrome = 2 if style == "print" else rng.randrange(4)
    if chrome == 0:
        lines += [rng.choice(OTHER_NEWS), ""] + [_title(rng, corpus, rng.choice(corpus.districts), when.year)
                                                  for _ in range(rng.randint(2, 5))]
    elif chrome == 1:
        lines += ["Các bài mới đăng", "", "Các bài đã đăng :", "", *COMMENT_FORM]
    elif chrome == 2:
        lines += ["Tiện ích thông tin", "Nguồn tin", "QR Code", f"QR CODE: {title}", "Tin khác"]
    text = "\n".join(lines).rstrip("\n") + "\n"
    iso = when.date().isoformat() if style == "cap_nhat" else when.isoformat(timespec="seconds") + "+07:00"
    return Page(text, title, iso, district)


def generate(count: int, out: Path, seed: int = 8) -> list[Path]:
    corpus = load_corpus()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = out / f"bench_{index:06d}.txt"
        path.write_text(make_page(index, seed, corpus), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    paths = generate(args.count, args.out, args.seed)
    total = sum(p.stat().st_size for p in paths)
    print(f"generated {len(paths)} pages, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
