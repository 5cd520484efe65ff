"""Markdown safety of scraped paragraphs; the summary cut."""

import markdown
import pytest

from khotin.loader.markdown import escape_block_start, italic, summary


@pytest.mark.parametrize(
    "line",
    ["1. Người dân cần khóa xe", "2) Thứ hai", "# Không phải tiêu đề", "- gạch đầu dòng", "+ cộng", "* sao",
     "> trích dẫn", "---", "***", "===", "```", "| a | b |"],
)
def test_block_syntax_stays_a_paragraph(line):
    html = markdown.markdown(escape_block_start(line))
    assert html.startswith("<p>"), html


@pytest.mark.parametrize("line", ["Năm 2015, quận", "Hà Nội - Sáng nay", "<script>alert(1)</script>", "#hashtag"])
def test_ordinary_text_is_untouched(line):
    assert escape_block_start(line) == line


def test_italic_caption_keeps_its_own_stars():
    html = markdown.markdown(italic("Ảnh *đẹp* _một_"))
    assert html == "<p><em>Ảnh *đẹp* _một_</em></p>"


def test_summary_short_lede_unchanged():
    assert summary("Ngắn gọn.") == "Ngắn gọn."


def test_summary_cut_at_a_word():
    lede = "từ " * 200
    cut = summary(lede.strip())
    assert len(cut) <= 300 and cut.endswith("…")
    assert cut[:-1].split()[-1] == "từ"
