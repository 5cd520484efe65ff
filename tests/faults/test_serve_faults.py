"""`khotin serve` keeps serving the last good site when a rebuild fails."""

from __future__ import annotations

import time

from sitekit import TEMPLATES, ServeProcess, synthetic_record, write_records


def _wait_until(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_failed_rebuild_keeps_the_last_good_site_then_recovers(tmp_path):
    import html

    content, out = tmp_path / "content", tmp_path / "site"
    records = [synthetic_record(n) for n in range(6)]
    write_records(content, records)
    victim = records[1]
    article = f"bai/{victim.slug}/"
    with ServeProcess("--content", content, "--templates", TEMPLATES, "--out", out, cwd=tmp_path) as serve:
        status, page = serve.get(article)
        assert status == 200 and html.escape(victim.title, quote=False) in page
        home_status, _ = serve.get("")
        assert home_status == 200

        (content / f"{victim.slug}.md").write_text("---\ntitle: [chưa đóng ngoặc\ndate: hôm qua\n---\n\nThân bài.\n",
                                                    encoding="utf-8")
        line = serve.wait_for(rf"{victim.slug}\.md", timeout=90)
        assert "Traceback" not in line
        assert serve.get("")[0] == 200
        status, page = serve.get(article)
        assert status == 200 and html.escape(victim.title, quote=False) in page, "the last good page is gone"
        assert serve.process.poll() is None, "serve stopped after a failed rebuild"

        fixed = victim.with_changes(title="Bài đã sửa lại sau lỗi")
        write_records(content, [fixed])
        _wait_until(lambda: fixed.title in serve.get(article)[1], 90, "the rebuild after the fix")
