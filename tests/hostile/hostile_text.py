"""Scraped text that tries to act: markup, script URLs, template syntax, layout breakers.

Every attack that could run sets `window.__pwned` or opens a dialog, so a browser can tell."""

RLO, PDF, RLI, RLM = "\u202e", "\u202c", "\u2067", "\u200f"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
LONG_WORD = "Khôngcókhoảngtrắng" * 120
LONG_URL = "https://example.org/" + "duong-dan-rat-dai/" * 60

TEMPLATE_MARKERS = ('{{ "kho" ~ "pwn" }}', "{% for i in range(3) %}LẶP{% endfor %}", "{{ config }}",
                    "{{ config.items() }}", "{{ 7*191 }}")
TEMPLATE_RESULTS = ("khopwn", "LẶPLẶPLẶP", "1337")

TITLE = (f'<script>alert("tiêu đề")</script> Công an {RLO}phường giữ bình yên{PDF} '
         f'<img src=x onerror="window.__pwned=1;alert(1)"> {{{{ "kho" ~ "pwn" }}}} '
         f"khu{ZERO_WIDTH}dân cư {RLI}đảo ngược chưa đóng")
ATTACKS = [
    '<script>window.__pwned = 1; alert(document.domain)</script>',
    '<img src=x onerror="window.__pwned=2;alert(2)">',
    '<svg onload="window.__pwned=3;alert(3)"><circle r=5></circle></svg>',
    '<iframe src="javascript:window.top.__pwned=4;alert(4)"></iframe>',
    '<a href="javascript:window.__pwned=5;alert(5)">bấm vào liên kết này</a>',
    "[liên kết markdown](javascript:window.__pwned=6;alert(6))",
    "[chữ hoa](JaVaScRiPt:alert(7))",
    "[có khoảng trắng](  javascript:alert(8))",
    "[thực thể](jav&#x09;ascript:alert(9))",
    "[dữ liệu](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=)",
    "![ảnh độc](javascript:alert(11))",
    '"><script>window.__pwned=12</script>',
    "</p></article></main><script>window.__pwned=13</script>",
    "<style>body { display: none !important }</style>",
    '<form action="javascript:alert(14)"><button>Gửi</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(15)">',
    '<base href="https://attacker.example/">',
    "<object data=\"javascript:alert(16)\"></object><embed src=\"javascript:alert(17)\">",
]
BODY = "\n\n".join([
    "Người dân báo tin cho công an phường ngay trong đêm.",
    *ATTACKS,
    *TEMPLATE_MARKERS,
    f"Một từ rất dài: {LONG_WORD}",
    f"Một địa chỉ rất dài: {LONG_URL}",
    f"Chữ Ả Rập {RLO}المسجد{PDF} và dấu {RLM}ngược{RLM}, {RLI}cô lập chưa đóng.",
    f"Ký tự vô hình: tổ{ZERO_WIDTH}dân{ZERO_WIDTH}phố.",
    "Câu cuối cùng của bài còn nguyên.",
])
FIELDS = dict(
    kicker="</p><script>window.__pwned=20</script>Chuyên mục",
    author='<script>window.__pwned=21</script>Nguyễn "Văn" <b onmouseover=alert(22)>An</b>',
    source='javascript:window.__pwned=23',
    summary=f'<img src=x onerror="window.__pwned=24"> {{{{ 7*191 }}}} tóm tắt {LONG_WORD[:400]}',
    tags=("<b onmouseover=alert(25)>thẻ độc</b>", "{{ 7*191 }}", "javascript:alert(26)", "an ninh trật tự"),
)

SEED_PAGE = "\n".join([
    "Trang chủ | Tin tức | An ninh",
    "Thứ Ba, 29/12/2020, 19:00",
    TITLE,
    "Kinhtedothi - " + BODY.split("\n\n")[0],
    *BODY.split("\n\n")[1:],
    "NGUYỄN VĂN AN",
])
