"""Shared tools of the quality, fault and hostile suites.

They drive khotin only through its real command line (a subprocess per stage), serve a built
site with a plain `http.server` thread the way a static host would (a subpath mount, the
site's own 404.html for a missing page); crawler.py crawls a served site.
Nothing here knows one seed's text: pages are found by the URL words of `khotin.site.urls`.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from crawler import fetch

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"
SEEDS = REPO / "seeds"

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 860}


# -- the command line --------------------------------------------------------------------------

def khotin_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8", NO_COLOR="1", **extra)
    env.pop("PYTHONWARNINGS", None)
    return env


def run_khotin(*args: str | Path, cwd: Path = REPO, timeout: float = 600,
               **popen: object) -> subprocess.CompletedProcess[str]:
    """`python -m khotin ARGS` as a person would run it; output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "khotin", *map(str, args)], cwd=cwd, env=khotin_env(),
        capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, **popen,
    )


def start_khotin(*args: str | Path, cwd: Path = REPO, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "khotin", *map(str, args)], cwd=cwd, env=khotin_env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
        start_new_session=True, **popen,
    )


def kill_group(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Signal a process started with `start_khotin` and every worker it forked (its own
    process group), then reap it."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
    process.communicate()


def explain(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"


def build_args(content: Path, out: Path, base_url: str | None = None,
               templates: Path = TEMPLATES) -> list[str | Path]:
    args: list[str | Path] = ["build", "--content", content, "--templates", templates, "--out", out]
    if base_url is not None:
        args += ["--base-url", base_url]
    return args


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` → sha256 of its bytes (the site's exact state)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


# -- serving a built site ----------------------------------------------------------------------

class _MountHandler(SimpleHTTPRequestHandler):
    """Serves `server.site_dir` under `server.prefix`; anything else is a 404, and a 404
    under the mount gets the site's own 404.html, as GitHub Pages or nginx would."""

    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.site_dir))

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def _inside(self, path: str) -> str | None:
        path = urlsplit(path).path
        prefix = self.server.prefix
        if path == prefix.rstrip("/"):
            return "/"
        return "/" + path[len(prefix):] if path.startswith(prefix) else None

    def translate_path(self, path):
        inner = self._inside(path)
        if inner is None:
            return str(Path(self.server.site_dir) / ".no-such-file-outside-the-mount")
        return super().translate_path(inner)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.server.site_dir) / "404.html"
        if code != 404 or self._inside(self.path) is None or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer:
    """A `http.server` thread on 127.0.0.1 serving one folder at `prefix` ('/' or '/kho/').

    It binds at once (so a build can be told its base URL) and serves whatever folder is
    set in `site_dir`, read at each request."""

    def __init__(self, prefix: str = "/", site_dir: Path | None = None) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _MountHandler)
        self.httpd.daemon_threads = True
        self.httpd.prefix = prefix
        self.httpd.site_dir = site_dir
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{self.httpd.prefix}"

    @property
    def site_dir(self) -> Path:
        return self.httpd.site_dir

    @site_dir.setter
    def site_dir(self, value: Path) -> None:
        self.httpd.site_dir = value

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# -- the built site's pages ----------------------------------------------------------------------

def html_pages(site: Path) -> list[str]:
    """Site-relative URL path of every HTML page ('' is home, 'bai/x/' an article…)."""
    found = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        found.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return found


def page_types(site: Path) -> dict[str, str]:
    """One example page of every page type the issue names, by its URL words.

    A type that the site lacks is missing from the result: the caller's assertion says so."""
    from khotin.site import urls

    listed = html_pages(site)
    paged = re.compile(rf"(^|/){re.escape(urls.PAGE)}/\d+/$")
    found: dict[str, str] = {}

    def first(pattern: str) -> str | None:
        regex = re.compile(pattern)
        return next((p for p in listed if regex.fullmatch(p) and not paged.search(p)), None)

    candidates = {
        "home": urls.HOME if urls.HOME in listed else None,
        "article": first(rf"{urls.ARTICLE}/[^/]+/"),
        "tag index": urls.TAGS if urls.TAGS in listed else None,
        "tag": first(rf"{urls.TAG}/[^/]+/"),
        "district index": urls.DISTRICTS if urls.DISTRICTS in listed else None,
        "district": first(rf"{urls.DISTRICT}/[^/]+/"),
        "archive index": urls.ARCHIVES if urls.ARCHIVES in listed else None,
        "year": first(rf"{urls.ARCHIVE}/\d{{4}}/"),
        "month": first(rf"{urls.ARCHIVE}/\d{{4}}/\d{{2}}/"),
        "search": f"{urls.SEARCH}/" if f"{urls.SEARCH}/" in listed else None,
        "404": "no-such-page/deeper/" if urls.NOT_FOUND in listed else None,
    }
    province = first(rf"{urls.PROVINCE}/[^/]+/")
    if province:
        candidates["province"] = province
    for name, path in candidates.items():
        if path is not None:
            found[name] = path
    return found


REQUIRED_PAGE_TYPES = ("home", "article", "tag index", "tag", "district index", "district",
                       "year", "month", "search", "404")


# -- the browser ---------------------------------------------------------------------------------

# The deepest elements whose content is wider than the window or than their own box.
WIDE_ELEMENTS_JS = """() => {
  const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const wide = [...document.querySelectorAll('body *')].filter(e =>
      e.getBoundingClientRect().right > window.innerWidth + 1 ||
      (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0));
  return wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 4).map(describe);
}"""


# -- content without the loader ------------------------------------------------------------------

_WORDS = ("an ninh trật tự khu dân cư phong trào toàn dân bảo vệ Tổ quốc công an phường quận huyện "
          "tổ dân phố mô hình tự quản hội nghị tổng kết năm lực lượng quần chúng phòng chống tội phạm "
          "ma túy cháy nổ giao thông thanh niên tình nguyện cựu chiến binh hội phụ nữ").split()
_TAGS = ("an ninh trật tự", "phòng chống tội phạm", "khu dân cư", "công an phường", "tự quản",
         "phòng cháy chữa cháy", "ma túy", "giao thông")


def synthetic_record(number: int, variant: str = ""):
    """A plausible record made from a fixed vocabulary (no loader involved): several
    paragraphs, a date spread over years and months, two or three tags."""
    from khotin.records import Record

    def sentence(k: int) -> str:
        words = [_WORDS[(number * 7 + k * 13 + i * 5) % len(_WORDS)] for i in range(12 + k % 9)]
        return " ".join(words).capitalize() + "."

    paragraphs = [" ".join(sentence(p * 5 + s) for s in range(4)) for p in range(6)]
    year, month, day = 2015 + number % 9, 1 + number % 12, 1 + number % 28
    return Record(
        title=f"{variant}Bản tin số {number}: {sentence(number)[:-1]}",
        slug=f"ban-tin-{number:05d}",
        body="\n\n".join(paragraphs),
        kicker="Phong trào toàn dân bảo vệ an ninh Tổ quốc" if number % 3 == 0 else None,
        date=f"{year:04d}-{month:02d}-{day:02d}T{8 + number % 10:02d}:30:00+07:00",
        author="Nguyễn Văn An" if number % 2 else None,
        source="Kinh tế & Đô thị" if number % 4 == 1 else None,
        summary=sentence(number + 1),
        tags=tuple(sorted({_TAGS[number % len(_TAGS)], _TAGS[(number // 2 + 3) % len(_TAGS)]})),
    )


def write_records(content: Path, records) -> list[Path]:
    from khotin.records import render_record

    content.mkdir(parents=True, exist_ok=True)
    paths = []
    for record in records:
        path = content / f"{record.slug}.md"
        path.write_text(render_record(record), encoding="utf-8")
        paths.append(path)
    return paths


def one_clear_line(stderr: str) -> str | None:
    """The one error line, or None when stderr is not exactly one traceback-free line."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    if len(lines) != 1 or "Traceback" in stderr:
        return None
    return lines[0]


# -- `khotin serve` as a subprocess ---------------------------------------------------------------

class ServeProcess:
    """`khotin serve --port 0 …` in its own process group; its output is read line by line
    in the background, and the URL it prints tells where it listens."""

    def __init__(self, *args: str | Path, cwd: Path) -> None:
        import queue

        self.process = start_khotin("serve", "--port", "0", *args, cwd=cwd)
        self.lines: "queue.Queue[tuple[str, str]]" = queue.Queue()
        self.seen: list[tuple[str, str]] = []
        for name, stream in (("stdout", self.process.stdout), ("stderr", self.process.stderr)):
            threading.Thread(target=self._pump, args=(name, stream), daemon=True).start()
        self.url = self.wait_for(r"https?://\S+", timeout=180).split("Serving ", 1)[-1].split()[0]
        self._wait_for_first_build(timeout=180)

    def _wait_for_first_build(self, timeout: float) -> None:
        """Serve may listen before its first build ends (503 until then)."""
        import time

        deadline = time.monotonic() + timeout
        while self.get("")[0] == 503:
            assert time.monotonic() < deadline and self.process.poll() is None, f"no site served: {self.seen}"
            time.sleep(0.2)

    def _pump(self, name: str, stream) -> None:
        for line in stream:
            self.lines.put((name, line.rstrip("\n")))

    def wait_for(self, pattern: str, timeout: float, stream: str | None = None) -> str:
        import queue
        import time

        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                name, line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append((name, line))
            if regex.search(line) and (stream is None or stream == name):
                return line
        raise AssertionError(f"serve never printed /{pattern}/; it printed: {self.seen}")

    @property
    def port(self) -> int:
        return urlsplit(self.url).port

    def get(self, path: str) -> tuple[int, str]:
        status, _, body = fetch(urljoin(self.url, path))
        return status, body.decode("utf-8", "replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGINT)
                self.process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        kill_group(self.process)

    def __enter__(self) -> "ServeProcess":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
