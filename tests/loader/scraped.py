"""Articles written for the tests and the forms scrapers save them in.

Each `Article` is rendered as a raw text page (what khotin read until now), as
an HTML page in one of four portal styles (a national e-paper, a district
government portal, a provincial paper with JSON-LD, an aggregator), and as a
row of a JSON Lines or CSV export. The portal pages carry what real ones do
around the article: header, menu, breadcrumbs, a sapo, a byline, an aside of
related news, a comment block with readers' comments, a footer. The expected
fields are the article's own, so a test can score every form against them.
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    title: str
    sapo: str
    paragraphs: tuple[str, ...]
    author: str
    date: str          # as front matter must hold it
    source: str        # the outlet, as front matter must hold it
    url: str
    site_name: str     # what the page's og:site_name / publisher says
    district: str      # a district the report is about

    @property
    def day(self) -> str:
        return self.date[:10]

    def vn_dateline(self) -> str:
        y, m, d = self.day.split("-")
        clock = self.date[11:16] if "T" in self.date else ""
        return f"{int(d):02d}/{int(m):02d}/{y} {clock}".strip()


ARTICLES: tuple[Article, ...] = (
    Article(
        title="Quận Đống Đa ra mắt mô hình camera an ninh tại các khu dân cư",
        sapo="Sau ba tháng triển khai, 120 camera do người dân đóng góp đã giúp công an phường phát hiện nhiều vụ trộm cắp tài sản.",
        paragraphs=(
            "Sáng 14/3, Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc quận Đống Đa tổ chức lễ ra mắt mô hình camera an ninh tại phường Văn Chương.",
            "Theo báo cáo, mỗi tổ dân phố đã lắp đặt từ 5 đến 8 camera tại các ngõ ngách, kết nối với màn hình giám sát đặt tại trụ sở công an phường.",
            "Trung tá Lê Văn Hòa, Trưởng Công an phường Văn Chương cho biết, từ khi có camera, số vụ trộm cắp xe máy trên địa bàn giảm rõ rệt so với cùng kỳ năm trước.",
            "Quận sẽ nhân rộng mô hình ra toàn bộ 21 phường trong năm nay, ưu tiên các khu vực có nhiều nhà trọ và người lao động tự do sinh sống.",
        ),
        author="Thu Hằng", date="2021-03-14T10:20:00+07:00", source="Hà Nội mới",
        url="https://hanoimoi.vn/quan-dong-da-ra-mat-mo-hinh-camera-an-ninh-12345.html",
        site_name="Hà Nội mới", district="Đống Đa",
    ),
    Article(
        title="Hải Phòng triệt phá đường dây cho vay nặng lãi hoạt động tại quận Lê Chân",
        sapo="Công an thành phố Hải Phòng vừa bắt giữ 7 đối tượng trong đường dây cho vay với lãi suất lên tới 365% mỗi năm.",
        paragraphs=(
            "Ngày 2/8, Phòng Cảnh sát hình sự Công an thành phố Hải Phòng cho biết đã phối hợp với Công an quận Lê Chân triệt phá thành công một đường dây tín dụng đen.",
            "Các đối tượng lập nhiều cửa hàng cầm đồ làm bình phong, cho người lao động vay số tiền từ 5 đến 30 triệu đồng rồi thu lãi hằng ngày.",
            "Khi người vay chậm trả, nhóm này dùng sơn, mắm tôm ném vào nhà để đe dọa, gây bức xúc trong nhân dân.",
            "Cơ quan công an đã thu giữ nhiều sổ sách ghi chép, hợp đồng vay tiền và phương tiện liên quan để tiếp tục điều tra.",
        ),
        author="Minh Tuấn", date="2019-08-02T16:45:00+07:00", source="Báo Hải Phòng",
        url="https://baohaiphong.com.vn/triet-pha-duong-day-cho-vay-nang-lai-le-chan-98765.aspx",
        site_name="Báo Hải Phòng", district="Lê Chân",
    ),
    Article(
        title="Huyện Gia Lâm tổng kết 5 năm phong trào quần chúng bảo vệ an ninh trật tự",
        sapo="Hội nghị đánh giá phong trào đã góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn huyện.",
        paragraphs=(
            "Chiều 20/12, Ủy ban nhân dân huyện Gia Lâm tổ chức hội nghị tổng kết 5 năm phong trào toàn dân bảo vệ an ninh Tổ quốc giai đoạn 2016 - 2020.",
            "Trong 5 năm, toàn huyện đã xây dựng được 312 tổ tự quản, 45 mô hình điểm về an ninh trật tự và vận động nhân dân cung cấp hơn 2.000 nguồn tin có giá trị.",
            "Phát biểu tại hội nghị, đồng chí Phó Chủ tịch UBND huyện đề nghị các xã, thị trấn tiếp tục đổi mới nội dung, hình thức tuyên truyền, nhất là đối với thanh thiếu niên.",
            "Dịp này, 30 tập thể và 52 cá nhân có thành tích xuất sắc đã được khen thưởng.",
        ),
        author="Nguyễn Văn Khánh", date="2020-12-20", source="Cổng thông tin điện tử huyện Gia Lâm",
        url="https://gialam.hanoi.gov.vn/tin-tuc/tong-ket-5-nam-phong-trao-2020.html",
        site_name="Cổng thông tin điện tử huyện Gia Lâm", district="Gia Lâm",
    ),
    Article(
        title="Công an quận Hoàng Mai tuyên truyền phòng chống lừa đảo qua mạng cho người cao tuổi",
        sapo="Hơn 300 hội viên Hội Người cao tuổi được hướng dẫn nhận biết các thủ đoạn lừa đảo chiếm đoạt tài sản trên không gian mạng.",
        paragraphs=(
            "Sáng 9/5, Công an quận Hoàng Mai phối hợp với Hội Người cao tuổi quận tổ chức buổi tuyên truyền tại nhà văn hóa phường Định Công.",
            "Cán bộ công an đã giới thiệu các thủ đoạn phổ biến như giả danh cơ quan chức năng gọi điện yêu cầu chuyển tiền, gửi đường link lạ để chiếm đoạt tài khoản ngân hàng.",
            "Nhiều hội viên cho biết đã từng nhận được những cuộc gọi như vậy nhưng chưa biết cách xử lý, nay đã hiểu rõ hơn để cảnh giác.",
            "Thời gian tới, Công an quận sẽ tiếp tục tổ chức các buổi tuyên truyền tại 14 phường trên địa bàn.",
        ),
        author="Phương Lan", date="2023-05-09T08:05:00+07:00", source="An ninh Thủ đô",
        url="https://anninhthudo.vn/hoang-mai-tuyen-truyen-phong-chong-lua-dao-post54321.antd",
        site_name="An ninh Thủ đô", district="Hoàng Mai",
    ),
    Article(
        title="Quận Ngô Quyền xây dựng khu dân cư an toàn về an ninh trật tự",
        sapo="Năm qua, 100% tổ dân phố trên địa bàn quận Ngô Quyền đăng ký xây dựng khu dân cư an toàn về an ninh trật tự.",
        paragraphs=(
            "Ngày 25/1, Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc quận Ngô Quyền tổ chức hội nghị sơ kết công tác năm và triển khai nhiệm vụ năm mới.",
            "Các lực lượng đã phối hợp giải quyết dứt điểm nhiều vụ việc phức tạp ngay từ cơ sở, không để phát sinh điểm nóng về an ninh trật tự.",
            "Mô hình cổng trường an toàn giao thông được duy trì hiệu quả tại 18 trường học, góp phần giảm tai nạn giao thông trong học sinh.",
            "Quận đề ra mục tiêu giảm ít nhất 5% số vụ phạm pháp hình sự so với năm trước.",
        ),
        author="Hoàng Anh", date="2022-01-25T14:30:00+07:00", source="Báo Hải Phòng",
        url="https://baohaiphong.com.vn/ngo-quyen-khu-dan-cu-an-toan-55555.aspx",
        site_name="Báo Hải Phòng", district="Ngô Quyền",
    ),
    Article(
        title="Huyện Sóc Sơn ra quân tấn công trấn áp tội phạm dịp cuối năm",
        sapo="Lực lượng công an huyện Sóc Sơn tăng cường tuần tra, kiểm soát tại các tuyến đường trọng điểm và khu vực giáp ranh.",
        paragraphs=(
            "Tối 2/12, Công an huyện Sóc Sơn tổ chức lễ ra quân cao điểm tấn công trấn áp tội phạm, bảo đảm an ninh trật tự dịp Tết Nguyên đán.",
            "Trong đợt cao điểm, các tổ công tác sẽ tập trung kiểm tra các cơ sở kinh doanh dịch vụ có điều kiện, xử lý nghiêm các hành vi vi phạm.",
            "Đại diện lãnh đạo huyện đề nghị lực lượng công an phối hợp chặt chẽ với các xã để nắm chắc tình hình, không để bị động, bất ngờ.",
            "Người dân phát hiện dấu hiệu vi phạm pháp luật có thể báo cho công an xã hoặc qua số điện thoại đường dây nóng của huyện.",
        ),
        author="Đức Thắng", date="2018-12-02T20:10:00+07:00", source="Công an nhân dân",
        url="https://cand.com.vn/soc-son-ra-quan-tan-cong-tran-ap-toi-pham-i11111/",
        site_name="Báo Công an nhân dân điện tử", district="Sóc Sơn",
    ),
)


# -- raw text, as khotin read seeds until now ----------------------------------------

def text_page(article: Article) -> str:
    lines = ["Thời sự", "Chia sẻ", "", article.title, article.vn_dateline(), "", article.sapo, ""]
    lines += [p for paragraph in article.paragraphs for p in (paragraph, "")]
    lines += [article.author, f"Nguồn: {article.source}", "", "Tin liên quan",
              "Hà Nội mở rộng mô hình tổ tự quản trên nhiều địa bàn", "Bắt nhóm đối tượng trộm cắp tại chợ đêm"]
    return "\n".join(lines) + "\n"


# -- four portal styles ----------------------------------------------------------------

_RELATED = ("Hà Nội mở rộng mô hình tổ tự quản trên nhiều địa bàn",
            "Bắt nhóm đối tượng trộm cắp tài sản tại chợ đêm",
            "Cảnh báo thủ đoạn lừa đảo mới qua ứng dụng nhắn tin")
_COMMENTS = ("Mô hình rất hay, mong được nhân rộng ở phường tôi.",
             "Cảm ơn các anh công an đã vất vả ngày đêm vì sự bình yên của nhân dân.")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _related_aside() -> str:
    items = "".join(f'<li><a href="/tin/{n}.html">{_e(t)}</a></li>' for n, t in enumerate(_RELATED))
    return f'<aside class="sidebar"><h3>Tin liên quan</h3><ul>{items}</ul></aside>'


def _comment_block() -> str:
    comments = "".join(f'<div class="comment-item"><b>Bạn đọc {n}</b><p>{_e(c)}</p></div>'
                       for n, c in enumerate(_COMMENTS))
    return (f'<section id="comments" class="box-comment"><h3>Ý kiến bạn đọc</h3>{comments}'
            '<form class="comment-form"><textarea placeholder="Ý kiến của bạn"></textarea>'
            '<button>Gửi bình luận</button></form></section>')


def _header() -> str:
    return ('<header class="site-header"><div class="logo"><a href="/">Trang chủ</a></div>'
            '<nav class="main-menu"><ul><li><a href="/thoi-su">Thời sự</a></li><li><a href="/phap-luat">Pháp luật</a></li>'
            '<li><a href="/xa-hoi">Xã hội</a></li><li><a href="/an-ninh">An ninh trật tự</a></li></ul></nav></header>')


def _footer(site: str) -> str:
    return (f'<footer class="site-footer"><p>© {_e(site)}. Giấy phép số 123/GP-BTTTT.</p>'
            '<p>Địa chỉ: 44 Lê Thái Tổ, Hoàn Kiếm, Hà Nội. Điện thoại: 024 3825 1234.</p></footer>')


def _paras(article: Article) -> str:
    return "\n".join(f"<p>{_e(p)}</p>" for p in article.paragraphs)


def epaper(article: Article) -> str:
    """A national e-paper: full OpenGraph, sapo in <h2 class="sapo">, byline under the text."""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{_e(article.title)} | {_e(article.site_name)}</title>
<meta property="og:title" content="{_e(article.title)}">
<meta property="og:site_name" content="{_e(article.site_name)}">
<meta property="og:description" content="{_e(article.sapo)}">
<meta property="article:published_time" content="{article.date}">
<meta name="author" content="{_e(article.author)}">
<link rel="canonical" href="{_e(article.url)}">
</head><body>
{_header()}
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/thoi-su">Thời sự</a></div>
<main class="container"><article class="detail">
<h1 class="title-detail">{_e(article.title)}</h1>
<div class="meta"><span class="date">{article.vn_dateline()}</span> <a class="share" href="#">Chia sẻ</a></div>
<h2 class="sapo">{_e(article.sapo)}</h2>
<div class="content-detail">
{_paras(article)}
<p class="author"><strong>{_e(article.author)}</strong></p>
</div></article>
{_related_aside()}
{_comment_block()}
</main>
{_footer(article.site_name)}
</body></html>
"""


def government_portal(article: Article) -> str:
    """A district portal: no OpenGraph, a plain <title>, the date and the
    signature printed in the page, the address only in the canonical link."""
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{_e(article.title)}</title>
<link rel="canonical" href="{_e(article.url)}">
</head><body>
<div id="banner"><img src="/banner.jpg" alt="Cổng thông tin điện tử"></div>
{_header()}
<ol class="breadcrumbs"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li>An ninh - Quốc phòng</li></ol>
<div class="main"><div class="news-detail">
<div class="news-title"><h1>{_e(article.title)}</h1></div>
<div class="news-date">Cập nhật: {article.vn_dateline()}</div>
<div class="news-content">
<p><strong>{_e(article.sapo)}</strong></p>
{_paras(article)}
<p style="text-align:right"><strong>{_e(article.author)}</strong></p>
<p>Nguồn: {_e(article.source)}</p>
</div></div>
<div class="other-news"><h3>Các tin khác</h3><ul>{"".join(f"<li><a href='/t/{n}'>{_e(t)}</a></li>" for n, t in enumerate(_RELATED))}</ul></div>
</div>
<div id="footer">Cơ quan chủ quản: {_e(article.source)}. Ghi rõ nguồn khi phát hành lại thông tin từ cổng này.</div>
</body></html>
"""


def provincial_jsonld(article: Article) -> str:
    """A provincial paper: metadata only in JSON-LD (date, author, publisher)."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
          "datePublished": article.date, "author": {"@type": "Person", "name": article.author},
          "publisher": {"@type": "Organization", "name": article.site_name},
          "mainEntityOfPage": article.url, "description": article.sapo}
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{_e(article.title)}</title>
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<link rel="canonical" href="{_e(article.url)}">
</head><body>
{_header()}
<nav aria-label="breadcrumb"><a href="/">Trang chủ</a> / <a href="/an-ninh">An ninh trật tự</a></nav>
<div class="wrapper"><div class="col-main">
<article>
<h1>{_e(article.title)}</h1>
<p class="sapo"><b>{_e(article.sapo)}</b></p>
{_paras(article)}
<div class="tacgia">{_e(article.author)}</div>
</article>
<div class="tags">Từ khóa: <a href="/tag/an-ninh">an ninh</a>, <a href="/tag/cong-an">công an</a></div>
</div>
{_related_aside()}
</div>
{_comment_block()}
{_footer(article.site_name)}
</body></html>
"""


def aggregator(article: Article) -> str:
    """An aggregator: its own site name in og:site_name, the real outlet in a
    closing "Theo …" line, the date in og metadata with a UTC offset of 0."""
    import datetime as dt

    when = article.date
    if "T" in when:
        moment = dt.datetime.fromisoformat(when).astimezone(dt.timezone.utc)
        when = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{_e(article.title)} - Tin tổng hợp</title>
<meta property="og:title" content="{_e(article.title)}">
<meta property="og:url" content="{_e(article.url)}">
<meta property="article:published_time" content="{when}">
<meta property="og:description" content="{_e(article.sapo)}">
</head><body>
{_header()}
<div class="bm-breadcrumb"><a href="/">Tin tổng hợp</a> › <a href="/phap-luat">Pháp luật</a></div>
<div class="bm-article">
<h1 class="bm-title">{_e(article.title)}</h1>
<div class="bm-sapo">{_e(article.sapo)}</div>
<div class="bm-body">{_paras(article)}
<p class="bm-author">{_e(article.author)}</p>
<p class="bm-source">Theo {_e(article.source)}</p></div>
</div>
<section class="bm-related"><h3>Tin khác</h3><ul>{"".join(f"<li>{_e(t)}</li>" for t in _RELATED)}</ul></section>
{_comment_block()}
{_footer("Tin tổng hợp")}
</body></html>
"""


PORTALS = {"epaper": epaper, "government_portal": government_portal,
           "provincial_jsonld": provincial_jsonld, "aggregator": aggregator}


# -- exports --------------------------------------------------------------------------

def export_row(article: Article, n: int) -> dict:
    """A crawler's row; the field names vary the way crawlers name them."""
    content = "\n".join(article.paragraphs)
    if n % 2:
        return {"headline": article.title, "url": article.url, "published": article.date,
                "byline": article.author, "site": article.source, "description": article.sapo,
                "body": content, "category": "An ninh trật tự", "crawled_at": "2024-06-01T00:00:00Z"}
    return {"title": article.title, "link": article.url, "publish_date": article.date,
            "author": article.author, "source": article.source, "sapo": article.sapo,
            "content": content, "category": "Pháp luật", "views": 1200 + n}


def jsonl_export(articles=ARTICLES) -> str:
    return "".join(json.dumps(export_row(a, n), ensure_ascii=False) + "\n" for n, a in enumerate(articles))


CSV_COLUMNS = ("title", "url", "date", "author", "source", "summary", "content", "category")


def csv_export(articles=ARTICLES) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for article in articles:
        writer.writerow((article.title, article.url, article.date, article.author, article.source,
                         article.sapo, "\n\n".join(article.paragraphs), "An ninh"))
    return out.getvalue()
