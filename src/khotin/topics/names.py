"""Names in one tagged line: people, organisations, events, places abroad.

Vietnamese writes a name with a capital on each word ("Bộ Công an": the word
"công an" keeps its second syllable small), and pyvi joins a word's syllables,
so a name is a run of pyvi words that each start with a capital. pyvi's Np tag
alone misses "Bộ Công an" (N N) and splits "Sân bay Tân Sơn Nhất" oddly; the
capitals do not. What the run carries besides the name is cut off:
- at a sentence start every word has a capital, so the first word is kept only
  when pyvi calls it a proper noun, or a noun that is no filler and leads a
  longer run ("Theo Bộ Công an" → "Bộ Công an");
- titles, generic heads ("CLB") and nationality words or place names before
  a person ("Tổng thống Mỹ Donald Trump" → "Donald Trump"): after a title,
  the name is what follows from the first proper noun that is not a country
  ("Bộ trưởng Quốc phòng Nga Andrei Belousov" → "Andrei Belousov");
- a name's last syllable that pyvi glued to the next word ("Thanh_ký").
A title, a weekday, a unit or a place of the gazetteer alone is no name. A
one-word run is a name when pyvi calls it a proper noun and it has two
syllables; a one-syllable word must look foreign (plain letters, at least
four: "Messi"), be an acronym of three or more capitals ("VFF"), or be
hyphenated ("V-League", which pyvi cuts in three and `_hyphenated` rejoins).
"""

from __future__ import annotations

import re
from functools import lru_cache

from khotin.vietnamese.tokenize import is_dictionary_word

TITLES = frozenset("""
tổng thống|phó tổng thống|thủ tướng|phó thủ tướng|chủ tịch|phó chủ tịch|tổng bí thư|bí thư|phó bí thư
bộ trưởng|thứ trưởng|ngoại trưởng|tổng thư ký|thư ký|giám đốc|phó giám đốc|tổng giám đốc
phó tổng giám đốc|tổng biên tập|trưởng ban|phó trưởng ban|trưởng phòng|phó trưởng phòng|trưởng|phó
cựu|tân|nguyên|ông|bà|anh|chị|em|cô|chú|bác|cụ|hlv|huấn luyện viên|tiền đạo|tiền vệ|hậu vệ|trung vệ
thủ môn|thủ thành|cầu thủ|danh thủ|đội trưởng|thủ quân|ngôi sao|siêu sao|ca sĩ|diễn viên|nghệ sĩ
người mẫu|hoa hậu|á hậu|nhà báo|luật sư|bác sĩ|dược sĩ|kỹ sư|tiến sĩ|thạc sĩ|giáo sư|phó giáo sư
gs|pgs|ts|ths|bs|ls|đại tướng|thượng tướng|trung tướng|thiếu tướng|đại tá|thượng tá|trung tá
thiếu tá|đại úy|thượng úy|trung úy|thiếu úy|đồng chí|thống đốc|đại sứ|người phát ngôn|chủ nhiệm
viện trưởng|hiệu trưởng|chánh án|thẩm phán|quốc vương|hoàng tử|công chúa|nữ hoàng|vua|giáo hoàng
thị trưởng|tỷ phú|doanh nhân|ceo|chủ tịch hđqt|hđqt|nhà sáng lập|nhà vô địch|võ sĩ|vận động viên|vđv
""".replace("\n", "|").strip("|").split("|"))

COUNTRIES = frozenset("""
mỹ|hoa kỳ|nga|trung quốc|anh|pháp|đức|ý|italy|tây ban nha|bồ đào nha|hà lan|bỉ|nhật|nhật bản
hàn quốc|triều tiên|ấn độ|ukraine|israel|iran|iraq|syria|thái lan|lào|campuchia|myanmar|malaysia
singapore|indonesia|philippines|australia|úc|canada|brazil|argentina|mexico|thổ nhĩ kỳ|ai cập
ả rập xê út|saudi arabia|pakistan|afghanistan|đài loan|việt nam|thụy điển|thụy sĩ|na uy|đan mạch
ba lan|séc|hungary|qatar|uae|palestine|venezuela|cuba|nam phi|nigeria|mông cổ|new zealand|hy lạp
áo|phần lan|romania|belarus|kazakhstan|châu âu|eu|liên hợp quốc|lhq|asean
""".replace("\n", "|").strip("|").split("|"))

# calendar words take capitals but name nothing a reader follows
CALENDAR = frozenset("thứ hai|thứ ba|thứ tư|thứ năm|thứ sáu|thứ bảy|chủ nhật|tết|xuân|tháng|ngày|năm".split("|"))
# generic heads before a name ("CLB Công an Hà Nội"), no name alone; Roman numerals likewise
GENERIC = frozenset("clb|fc|đtqg|ctcp|tcty|nxb|đh|ii|iii|iv|vi|vii|viii|ix|xi|xii".split("|"))
# units and currencies take capitals too ("USD")
UNITS = frozenset("usd|vnd|vnđ|eur|euro|đồng|tỷ|triệu|km|kg|gmt|tp hcm|tphcm|hcm".split("|"))
# before a place these are its kind ("Quận Nam Từ Liêm": the place index files it)
ADMIN_UNITS = frozenset("quận|huyện|tỉnh|thành phố|tp|tp.|phường|xã|thị xã|thị trấn|thủ đô".split("|"))

_NOT_NAMES = TITLES | CALENDAR | UNITS | GENERIC
_LEADERS = TITLES | GENERIC
MAX_RUN = 6
# after these a capital starts a sentence, not a name
_SENTENCE_END = frozenset('.!?:;"“”\'‘’(…-–—•')
_ASCII_WORD = re.compile(r"[A-Za-z]{4,}")
_ACRONYM = re.compile(r"(?![IVXLC]+$)[A-ZĐ]{3,}")  # not a Roman numeral (Đại hội XXVI)


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    from khotin.topics.terms import term_key  # terms imports this module
    return term_key(word)


@lru_cache(maxsize=1 << 16)  # asked for every capitalised word of every line
def _is_capital_word(word: str) -> bool:
    return word[:1].isupper() and all(ch.isalpha() or ch in "_-'" for ch in word)


def _cut_tail(word: str, tag: str) -> str:
    """A name glued to the word after it ("Trần_Sỹ Thanh_ký": pyvi joined a
    name's last syllable to the verb) is cut back to its capitals, unless the
    word is a compound of pyvi's dictionary ("Công_an" in "Bộ Công an")."""
    syllables = word.split("_")
    if len(syllables) < 2 or all(s[:1].isupper() for s in syllables) or is_dictionary_word(word):
        return word
    kept = 1
    while kept < len(syllables) and syllables[kept][:1].isupper():
        kept += 1
    return "_".join(syllables[:kept])


def _single_word_name(word: str, tag: str) -> bool:
    if tag not in ("Np", "Ny", "N"):
        return False
    if "_" in word:
        return tag == "Np"
    if "-" in word:  # rejoined by `_hyphenated`
        return True
    return bool(_ACRONYM.fullmatch(word) or (_ASCII_WORD.fullmatch(word) and word[1:].islower()))


def _trim(run: list[tuple[str, str]], sentence_start: bool, filler, places: frozenset[str]) -> list[tuple[str, str]]:
    if sentence_start and run and _key(run[0][0]) not in TITLES:
        word, tag = run[0]
        keep = tag in ("Np", "Ny") or (tag == "N" and len(run) > 1 and not filler(_key(word)))
        if not keep:
            run = run[1:]
    titled = False
    while run and _key(run[0][0]) in _LEADERS:
        titled |= _key(run[0][0]) in TITLES
        run = run[1:]
    if titled:
        start = next((i for i, (word, tag) in enumerate(run) if tag == "Np" and _key(word) not in COUNTRIES), None)
        run = run[start:] if start is not None else []
    while len(run) > 1 and (_key(run[0][0]) in COUNTRIES or _key(run[0][0]) in places) and run[1][1] == "Np":
        run = run[1:]
    return run


def _is_place(key: str, places: frozenset[str]) -> bool:
    """A gazetteer name, bare or after its kind ("quận nam từ liêm")."""
    if key in places:
        return True
    syllables = key.split()
    return any(" ".join(syllables[:cut]) in ADMIN_UNITS and " ".join(syllables[cut:]) in places for cut in (1, 2))


def _hyphenated(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Rejoin what pyvi cut at a hyphen inside a name: "V-League", "Sang-sik"
    (a lone capital before it, or a small letter after it: "HAGL - SLNA" stays apart)."""
    if "-" not in [word for word, _ in tagged]:
        return tagged
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tagged):
        word, tag = tagged[i]
        if (word == "-" and out and i + 1 < len(tagged) and _is_capital_word(out[-1][0])
                and tagged[i + 1][0][:1].isalpha()
                and (len(out[-1][0]) == 1 or tagged[i + 1][0][:1].islower())):
            out[-1] = (out[-1][0] + "-" + tagged[i + 1][0], "Np")
            out.append(("", "F"))  # keep positions: the caller maps them back
            out.append(("", "F"))
            i += 2
            continue
        out.append((word, tag))
        i += 1
    return out


def find(tagged: list[tuple[str, str]], filler, places: frozenset[str]):
    """(start, end, words) of each name in a tagged line; the words of
    [start, end) are spent on the name and make no other candidate."""
    tagged = _hyphenated(tagged)
    found = []
    starts = [i for i, (word, _) in enumerate(tagged) if word[:1].isupper()]
    for i in starts:
        if found and i < found[-1][1] or not _is_capital_word(tagged[i][0]):
            continue
        j = i
        while j < len(tagged) and _is_capital_word(tagged[j][0]):
            j += 1
            if _cut_tail(*tagged[j - 1]) != tagged[j - 1][0]:  # the name ends inside this word
                break
        sentence_start = i == 0 or tagged[i - 1][0][-1:] in _SENTENCE_END
        run = _trim(tagged[i:j], sentence_start, filler, places) if j - i <= MAX_RUN else []
        words = [_cut_tail(word, tag) for word, tag in run]
        key = _key(" ".join(words))
        good = bool(run) and key not in _NOT_NAMES and not _is_place(key, places) and not filler(key)
        if good and len(run) == 1:
            good = _single_word_name(*run[0])
        if good:
            found.append((i, j, words))
        else:
            found.append((i, j, None))  # the run is spent on no name
    return [name for name in found if name[2] is not None]
