"""`khotin serve` through HTTP: builds, serves, rebuilds on edits, keeps the last good site."""

from __future__ import annotations

import http.client
import json
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

import khotin.serve
from khotin.errors import KhotinError
from khotin.records import Record, render_record
from khotin.serve import VERSION_PATH, inject_reload, serve
from khotin.site import urls

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
WAIT = 60.0  # upper bound on a rebuild on a noisy two-core machine; usually well under a second


def write_record(content: Path, slug: str, title: str, body: str = "Nội dung bài báo.") -> Path:
    path = content / f"{slug}.md"
    path.write_text(render_record(Record(title=title, slug=slug, date="2020-12-29T19:00:00+07:00",
                                         districts=("Hoàn Kiếm",), provinces=("Hà Nội",), body=body)),
                    encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8"), dict(error.headers)


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


@dataclass
class Running:
    root: Path
    port: int
    stop: threading.Event
    thread: threading.Thread
    errors: list[BaseException] = field(default_factory=list)

    @property
    def content(self) -> Path:
        return self.root / "content"

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def version(self) -> dict:
        return json.loads(fetch(self.url(VERSION_PATH))[1])


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A keeper's folder: content/ and khotin.toml side by side, the repository's templates."""
    (tmp_path / "content").mkdir()
    (tmp_path / "khotin.toml").write_text('title = "Kho thử"\npage_size = 5\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # khotin.toml is found next to content/, as build_site finds it
    write_record(tmp_path / "content", "cong-an-phuong", "Công an phường Đồng Xuân ra quân")
    return tmp_path


@pytest.fixture
def start(project: Path):
    started: list[Running] = []

    def run(**options) -> Running:
        port = free_port()
        stop, ready = threading.Event(), threading.Event()
        running = Running(project, port, stop, threading.Thread())

        def target() -> None:
            try:
                serve(project / "content", TEMPLATES, project / "site", port=port,
                      ready=ready, stop=stop, **options)
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                running.errors.append(exc)
                ready.set()

        running.thread = threading.Thread(target=target, daemon=True)
        running.thread.start()
        started.append(running)
        assert ready.wait(WAIT), "serve never became ready"
        assert not running.errors, running.errors
        return running

    yield run
    for running in started:
        running.stop.set()
        running.thread.join(WAIT)
        assert not running.thread.is_alive(), "serve did not stop"


def test_serves_the_built_site_and_rebuilds_after_an_edit(start, project, capsys):
    server = start()
    assert f"Serving http://127.0.0.1:{server.port}/ (Ctrl+C to stop)" in capsys.readouterr().out
    article = "/" + urls.article("cong-an-phuong")
    status, body, headers = fetch(server.url(article))
    assert status == 200 and "Công an phường Đồng Xuân ra quân" in body
    assert headers["Content-Type"].startswith("text/html")
    first = server.version()
    assert first == {"build": 1, "error": None}

    write_record(server.content, "cong-an-phuong", "Công an phường Hàng Bạc tuần tra đêm")
    wait_for(lambda: "Hàng Bạc tuần tra đêm" in fetch(server.url(article))[1], "the edited title")
    # the counter moves once build_site has returned, a moment after the swap made the page visible
    wait_for(lambda: server.version()["build"] > first["build"], "the reload counter to move")
    assert server.version()["error"] is None

    write_record(server.content, "bai-moi", "Bài mới về quận Hoàn Kiếm")
    wait_for(lambda: fetch(server.url("/" + urls.article("bai-moi")))[0] == 200, "the new record's page")


def test_config_change_rebuilds(start, project):
    server = start()
    (project / "khotin.toml").write_text('[site]\ntitle = "Kho tin Hải Phòng"\n', encoding="utf-8")
    wait_for(lambda: "<title>Kho tin Hải Phòng</title>" in fetch(server.url("/"))[1], "the new site title")


def test_reload_script_is_in_served_html_only(start, project):
    server = start()
    article = "/" + urls.article("cong-an-phuong")
    served = fetch(server.url(article))[1]
    assert "/* khotin serve */" in served and served.rindex(VERSION_PATH) < served.rindex("</body>")
    on_disk = (project / "site" / urls.output_file(urls.article("cong-an-phuong"))).read_text(encoding="utf-8")
    assert VERSION_PATH not in on_disk and "khotin serve" not in on_disk
    assert served.replace(served[served.index("<script>/* khotin serve */"):served.rindex("</body>")], "") == on_disk
    css = fetch(server.url("/static/khotin.css"))
    assert css[1] == (project / "site" / "static" / "khotin.css").read_text(encoding="utf-8")
    assert css[2]["Content-Type"] == "text/css"


def test_broken_record_keeps_the_last_good_site(start, project, capsys):
    server = start()
    article = "/" + urls.article("cong-an-phuong")
    good = fetch(server.url(article))[1]
    broken = server.content / "hong.md"
    broken.write_text("---\ntitle: [không đóng ngoặc\n---\n\nThân bài.\n", encoding="utf-8")
    wait_for(lambda: server.version()["error"] is not None, "the build error to be reported")

    state = server.version()
    assert "hong.md" in state["error"] and "\n" not in state["error"]
    assert state["build"] == 1
    assert fetch(server.url(article))[:2] == (200, good)
    printed = capsys.readouterr().err
    assert "hong.md" in printed and "serving the last good site" in printed

    write_record(server.content, "hong", "Bài đã sửa lại")
    wait_for(lambda: server.version() == {"build": 2, "error": None}, "the repaired build")
    assert fetch(server.url("/" + urls.article("hong")))[0] == 200


def test_first_build_failing_still_serves_and_recovers(start, project, capsys):
    bad = write_record(project / "content", "hong", "x")
    bad.write_text("---\ntitle: 'không đóng\n---\n", encoding="utf-8")
    server = start()
    assert "hong.md" in capsys.readouterr().err
    status, body, _ = fetch(server.url("/"))
    assert status == 503 and VERSION_PATH in body
    assert server.version()["build"] == 0 and "hong.md" in server.version()["error"]

    bad.unlink()
    wait_for(lambda: server.version() == {"build": 1, "error": None}, "the first good build")
    assert fetch(server.url("/"))[0] == 200


def test_subpath_base_url_is_served_under_its_prefix(start, project, capsys):
    server = start(base_url="https://example.org/kho/")
    assert f"Serving http://127.0.0.1:{server.port}/kho/ (Ctrl+C to stop)" in capsys.readouterr().out
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", "/")
    response = connection.getresponse()
    response.read()
    assert response.status == 302 and response.getheader("Location") == "/kho/"
    assert fetch(server.url("/kho/"))[0] == 200
    assert "Đồng Xuân" in fetch(server.url("/kho/" + urls.article("cong-an-phuong")))[1]
    assert fetch(server.url("/" + urls.article("cong-an-phuong")))[0] == 404


def test_directory_without_slash_redirects_and_missing_page_is_404(start):
    server = start()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    path = "/" + urls.article("cong-an-phuong").rstrip("/")
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    assert response.status == 301 and response.getheader("Location") == path + "/"
    assert fetch(server.url("/khong-co/"))[0] == 404
    assert fetch(server.url("/../../etc/passwd"))[0] == 404


def test_bound_to_loopback_only(start):
    server = start()
    assert fetch(server.url("/"))[0] == 200
    with socket.socket() as other:  # 127.0.0.2 is loopback too, but not the bound address
        other.settimeout(5)
        assert other.connect_ex(("127.0.0.2", server.port)) != 0


def test_stop_shuts_the_server_down(start):
    server = start()
    server.stop.set()
    server.thread.join(WAIT)
    assert not server.thread.is_alive() and not server.errors
    with socket.socket() as probe:
        probe.settimeout(5)
        assert probe.connect_ex(("127.0.0.1", server.port)) != 0


def test_port_in_use_is_one_clear_error(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(KhotinError, match="cannot serve on 127.0.0.1"):
            serve(project / "content", TEMPLATES, project / "site",
                  port=taken.getsockname()[1], stop=threading.Event())


def test_inject_reload_places_the_script_before_the_last_body_end():
    page = b"<html><body><p>&lt;/body&gt;</p></BODY></html>"
    injected = inject_reload(page, 7)
    assert injected.startswith(b"<html><body><p>&lt;/body&gt;</p><script>")
    assert injected.endswith(b"</script>\n</BODY></html>") and b"let seen = 7;" in injected
    assert inject_reload(b"<p>no body</p>", 1).startswith(b"<p>no body</p><script>")
    assert os.fsencode(VERSION_PATH) in injected


def test_a_crashing_build_never_takes_the_server_down(start, project, monkeypatch, capsys):
    server = start()
    real_build = khotin.serve.build_site

    def crash(*args, **kwargs):
        raise RuntimeError("bug in a template filter")

    monkeypatch.setattr(khotin.serve, "build_site", crash)
    write_record(server.content, "cong-an-phuong", "Tiêu đề mới")
    wait_for(lambda: server.version()["error"] is not None, "the crash to be reported")
    assert "RuntimeError: bug in a template filter" in server.version()["error"]
    assert "Đồng Xuân" in fetch(server.url("/" + urls.article("cong-an-phuong")))[1]
    assert "Traceback" not in capsys.readouterr().err

    monkeypatch.setattr(khotin.serve, "build_site", real_build)
    write_record(server.content, "cong-an-phuong", "Tiêu đề mới sau khi sửa")
    wait_for(lambda: "sau khi sửa" in fetch(server.url("/" + urls.article("cong-an-phuong")))[1], "recovery")


@pytest.mark.slow
def test_open_page_reloads_itself_and_shows_a_failed_build(start, project, browser):
    server = start()
    article = server.url("/" + urls.article("cong-an-phuong"))
    page = browser.new_page()
    try:
        page.goto(article)
        page.evaluate("window.khotinTestMarker = 1")  # a reload wipes it
        write_record(server.content, "cong-an-phuong", "Tuần tra đêm ở phố cổ")
        page.wait_for_function("document.body.innerText.includes('Tuần tra đêm ở phố cổ')", timeout=WAIT * 1000)
        assert page.evaluate("window.khotinTestMarker") is None

        (server.content / "hong.md").write_text("---\ntitle: [hỏng\n---\n", encoding="utf-8")
        banner = page.locator("#khotin-serve-error")
        banner.wait_for(timeout=WAIT * 1000)
        assert "hong.md" in banner.inner_text()
        assert "Tuần tra đêm ở phố cổ" in page.inner_text("main")

        write_record(server.content, "hong", "Bài đã sửa, hết lỗi")  # the fix
        banner.wait_for(state="detached", timeout=WAIT * 1000)
        assert page.locator("#khotin-serve-error").count() == 0
        assert server.version()["error"] is None
    finally:
        page.close()
