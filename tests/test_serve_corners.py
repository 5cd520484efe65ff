"""`khotin serve` corners: --host, HEAD requests, a template edit, and Ctrl+C."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from khotin.serve import serve
from khotin.site import urls
from tests.test_serve import TEMPLATES, WAIT, fetch, free_port, project, wait_for, write_record  # noqa: F401 - project: a fixture


def _request(port: int, method: str, path: str, host: str = "127.0.0.1") -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_head_gives_the_headers_of_get_and_no_body(start):
    server = start()
    for path, status in (("/" + urls.article("cong-an-phuong"), 200), ("/static/khotin.css", 200),
                         ("/khong-co-trang-nay/", 404)):
        got_status, got_headers, got_body = _request(server.port, "GET", path)
        head_status, head_headers, head_body = _request(server.port, "HEAD", path)
        assert (head_status, got_status) == (status, status), path
        assert head_body == b"", f"HEAD {path} sent a body"
        assert head_headers["Content-Length"] == got_headers["Content-Length"] == str(len(got_body)), path
        assert head_headers["Content-Type"] == got_headers["Content-Type"], path


def test_a_template_edit_rebuilds_every_page(start, project, tmp_path):
    templates = shutil.copytree(TEMPLATES, tmp_path / "templates")
    server = start(templates=templates)
    article = server.url("/" + urls.article("cong-an-phuong"))
    assert "Bản thử mẫu mới" not in fetch(article)[1]
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Bản thử mẫu mới</p></footer>"),
                    encoding="utf-8")
    wait_for(lambda: "Bản thử mẫu mới" in fetch(article)[1], "the edited template in a page")
    assert "Bản thử mẫu mới" in fetch(server.url("/"))[1]
    assert server.version()["error"] is None


@pytest.fixture
def start(project: Path):
    """As tests/test_serve.py's, with the templates folder a test may choose."""
    started = []

    def run(templates: Path = TEMPLATES, **options):
        port = free_port()
        stop, ready = threading.Event(), threading.Event()
        errors: list[BaseException] = []

        def target() -> None:
            try:
                serve(project / "content", templates, project / "site", port=port, ready=ready, stop=stop, **options)
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                errors.append(exc)
                ready.set()

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        assert ready.wait(WAIT) and not errors, errors
        running = _Running(project, port, stop, thread)
        started.append(running)
        return running

    yield run
    for running in started:
        running.stop.set()
        running.thread.join(WAIT)
        assert not running.thread.is_alive(), "serve did not stop"


class _Running:
    def __init__(self, root: Path, port: int, stop: threading.Event, thread: threading.Thread) -> None:
        self.root, self.port, self.stop, self.thread = root, port, stop, thread

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def version(self) -> dict:
        import json

        from khotin.serve import VERSION_PATH
        return json.loads(fetch(self.url(VERSION_PATH))[1])


def ctrl_c(process: subprocess.Popen) -> None:
    """SIGINT to the command and every worker it forked, as a terminal's Ctrl+C sends it."""
    os.killpg(process.pid, signal.SIGINT)


def _serve_process(project: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """`python -m khotin serve` with its output read in the background; returns once it serves."""
    process = subprocess.Popen(
        [sys.executable, "-m", "khotin", "serve", "--content", str(project / "content"),
         "--templates", str(TEMPLATES), "--out", str(project / "site"), *args],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    line = process.stdout.readline()  # "Serving http://…" once the first build is done
    assert line.startswith("Serving ") or "built" in line, line + process.stderr.read()
    while not line.startswith("Serving "):
        line = process.stdout.readline()
        assert line, process.stderr.read()
    return process, line


def test_host_binds_the_given_address_only(project):
    port = free_port()
    process, line = _serve_process(project, "--host", "127.0.0.2", "--port", str(port))
    try:
        assert line.strip() == f"Serving http://127.0.0.2:{port}/ (Ctrl+C to stop)"
        assert _request(port, "GET", "/", host="127.0.0.2")[0] == 200
        with socket.socket() as other:
            other.settimeout(5)
            assert other.connect_ex(("127.0.0.1", port)) != 0, "also listening on 127.0.0.1"
    finally:
        ctrl_c(process)
        process.communicate(timeout=WAIT)


def test_ctrl_c_stops_serve_cleanly(project):
    port = free_port()
    process, _ = _serve_process(project, "--port", str(port))
    assert _request(port, "GET", "/")[0] == 200
    ctrl_c(process)
    out, err = process.communicate(timeout=WAIT)
    assert process.returncode in (0, 130), (process.returncode, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    with socket.socket() as probe:
        probe.settimeout(5)
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "still listening after Ctrl+C"


def test_ctrl_c_during_the_first_build_stops_cleanly_too(project, tmp_path):
    """The first build is paused mid-render by the test hook (tests/faults/pausehook), so the
    Ctrl+C always lands inside it, forked render workers included."""
    for n in range(300):
        write_record(project / "content", f"bai-{n}", f"Bài số {n} về an ninh trật tự", body="Đoạn văn. " * 50)
    marker = tmp_path / "paused"
    hook = Path(__file__).resolve().parent / "faults" / "pausehook"
    env = dict(os.environ, KHOTIN_TEST_PAUSE="khotin.build.output.staging:Staging.record:100",
               KHOTIN_TEST_PAUSE_MARKER=str(marker), PYTHONPATH=str(hook))
    process = subprocess.Popen(
        [sys.executable, "-m", "khotin", "serve", "--content", str(project / "content"),
         "--templates", str(TEMPLATES), "--out", str(project / "site"), "--port", str(free_port())],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
        start_new_session=True, env=env,
    )
    wait_for(lambda: marker.exists() or process.poll() is not None, "the build to reach its 100th page")
    assert process.poll() is None, process.communicate()
    ctrl_c(process)
    out, err = process.communicate(timeout=WAIT)
    assert "built in" not in out, "the build finished before Ctrl+C"
    assert process.returncode in (0, 130), (process.returncode, out, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
